package ingest

import (
	"slices"
	"strings"
	"testing"
)

// labelledTurns parses labelled text and shows each turn as "LABEL: its
// paragraphs joined by " / "".
func labelledTurns(t *testing.T, text string) []string {
	t.Helper()
	doc, err := parseLabelled(text)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, tu := range doc.Turns {
		out = append(out, tu.Label+": "+strings.Join(tu.Paragraphs, " / "))
	}
	return out
}

// TestDottedLabels: a label that ends in a full stop instead of a colon
// starts a turn where it cannot be a sentence (wh-press-briefings has eight:
// 2022-08-04 "MR. KIRBY.  Thank you, Karine.", 2021-04-19 "DR. WALENSKY.
// Thank you, Andy.", 2021-08-24 "DR. MURTHY.", 2021-06-08 "DR.
// NUNEZ-SMITH." …), so the words are not the previous speaker's.
func TestDottedLabels(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{
			name: "honorific and name, two spaces (2022-08-04, Kirby after Jean-Pierre)",
			in: "MS. JEAN-PIERRE:  Go ahead.\n\n" +
				"MR. KIRBY.\u00a0 Thank you, Karine.\u00a0 Good afternoon.  \n  \n" +
				"As Karine alluded and I’m sure all of you have covered, overnight, the\nPeople’s Republic of China launched missiles.\n\n" +
				"Q    Thank you, Admiral.\n",
			want: []string{
				"MS. JEAN-PIERRE: Go ahead.",
				"MR. KIRBY: Thank you, Karine. Good afternoon. / As Karine alluded and I’m sure all of you have covered, overnight, the People’s Republic of China launched missiles.",
				"Q: Thank you, Admiral.",
			},
		},
		{
			name: "hyphenated name (2021-06-08, Nunez-Smith inside Fauci's turn)",
			in: "DR. FAUCI:  I’ll hand it back.\n\n" +
				"DR. NUNEZ-SMITH.  Great.  Thank you so much, Dr. Fauci.\n",
			want: []string{
				"DR. FAUCI: I’ll hand it back.",
				"DR. NUNEZ-SMITH: Great. Thank you so much, Dr. Fauci.",
			},
		},
		{
			name: "a label the transcript also writes with a colon, one space",
			in: "SECRETARY BLINKEN:  Good afternoon.\n\nQUESTION:  Will you go?\n\n" +
				"SECRETARY BLINKEN. Yes, next week.\n",
			want: []string{
				"SECRETARY BLINKEN: Good afternoon.",
				"Q: Will you go?",
				"SECRETARY BLINKEN: Yes, next week.",
			},
		},
		{
			name: "sentences in capitals stay prose",
			in: "MS. PSAKI:  We asked the agencies.\n\n" +
				"NATO.  That is the alliance we mean.\n\n" +
				"U.S.  forces are there.\n\n" +
				"MR. SMITH. He was there too, with DR. JONES.  And more.\n",
			want: []string{
				"MS. PSAKI: We asked the agencies. / NATO. That is the alliance we mean. / U.S. forces are there. / MR. SMITH. He was there too, with DR. JONES. And more.",
			},
		},
		{
			name: "a bare honorific written with a colon is no dotted label",
			in: "MR. ZIENTS:  Next question.\n\n" +
				"Q    When?\n\n" +
				"MR. ZIENTS.  Soon.\n",
			want: []string{
				"MR. ZIENTS: Next question.",
				"Q: When?",
				"MR. ZIENTS: Soon.",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := labelledTurns(t, tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("turns\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}
