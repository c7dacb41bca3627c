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

// labelledCase is labelled text and the turns it should give.
type labelledCase struct {
	name string
	in   string
	want []string
}

func checkLabelledTurns(t *testing.T, tests []labelledCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := labelledTurns(t, tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("turns\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// TestDottedLabels: a label that ends in a full stop instead of a colon
// starts a turn where it cannot be a sentence (wh-press-briefings has eight:
// 2022-08-04 "MR. KIRBY.  Thank you, Karine.", 2021-04-19 "DR. WALENSKY.
// Thank you, Andy.", 2021-08-24 "DR. MURTHY.", 2021-06-08 "DR.
// NUNEZ-SMITH." …), so the words are not the previous speaker's.
func TestDottedLabels(t *testing.T) {
	tests := []labelledCase{
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
	checkLabelledTurns(t, tests)
}

// TestCapitalsBeforeAColon: an upper-case word and a colon at the start of a
// paragraph is a speaker only where the transcript's labels make it one.
func TestCapitalsBeforeAColon(t *testing.T) {
	tests := []labelledCase{
		{
			name: "a news outlet read out stays in the turn (2023-02-01)",
			in: "MS. JEAN-PIERRE: And again, many outlets reported it. Fox News says, “Republicans eye using debt limit hike.”\n\n" +
				"CBS: “Republicans want to push Social Security, Medicare eligibility age\nto 70.” As I just mentioned, voting to increase the age limit.\n\n" +
				"Reuters: “GOP House members are threatening to…force cuts.”\n\n" +
				"Q    Karine, on another topic?\n",
			want: []string{
				"MS. JEAN-PIERRE: And again, many outlets reported it. Fox News says, “Republicans eye using debt limit hike.” / " +
					"CBS: “Republicans want to push Social Security, Medicare eligibility age to 70.” As I just mentioned, voting to increase the age limit. / " +
					"Reuters: “GOP House members are threatening to…force cuts.”",
				"Q: Karine, on another topic?",
			},
		},
		{
			name: "a title typed with a colon (2021-04-14 'MR: ZIENTS:')",
			in: "MR. ZIENTS:  Why don’t we open it up for questions?\n\n" +
				"Q    Are you prepared to increase doses?\n\n" +
				"MR: ZIENTS:  So we are going to continue to allocate doses.\n",
			want: []string{
				"MR. ZIENTS: Why don’t we open it up for questions?",
				"Q: Are you prepared to increase doses?",
				"MR. ZIENTS: So we are going to continue to allocate doses.",
			},
		},
		{
			name: "a title alone names no one",
			in:   "MS. PSAKI:  Hello.\n\nMR: and then some words.\n",
			want: []string{"MS. PSAKI: Hello. / MR: and then some words."},
		},
		{
			name: "roles, typos of roles and names that speak once stay speakers",
			in: "MS. PSAKI:  It’s quite a day.\n\nPHOTOJOURNALIST:  We’re all going home.  Sorry!\n\n" +
				"MODERTOR:  We have time for a few more.\n\nRM:  Thank you, Karine.\n\nMR. ZIENTS:  Next question.\n",
			want: []string{
				"MS. PSAKI: It’s quite a day.",
				"PHOTOJOURNALIST: We’re all going home. Sorry!",
				"MODERTOR: We have time for a few more.",
				"RM: Thank you, Karine.",
				"MR. ZIENTS: Next question.",
			},
		},
		{
			name: "a transcript that names speakers in one word keeps them",
			in:   "BLITZER:  Welcome back.\n\nKING:  “We will act,” he said.\n\nBLITZER:  Thanks, John.\n",
			want: []string{"BLITZER: Welcome back.", "KING: “We will act,” he said.", "BLITZER: Thanks, John."},
		},
	}
	checkLabelledTurns(t, tests)
}

// TestInvisibleCharactersInTitles: a word joiner, zero-width space or
// byte-order mark inside a title vanishes (the White House front matter has
// "COVID-\u206019" in about a hundred titles, which read "COVID- 19" and
// matched no one's --transcript "COVID-19"), while a passage's words are
// left as they were (the joiner read as a space), so quotes keep to the file.
func TestInvisibleCharactersInTitles(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{
			name: "front matter",
			in:   "---\ntitle: \"Press Briefing by White\\_House COVID-\\u206019 Response Team\"\ndate: '2021-02-08'\n---\n\nMR. ZIENTS:  Good morning.\n",
			want: "Press Briefing by White House COVID-19 Response Team",
		},
		{
			name: "web page",
			in:   "<html><head><title>Remarks on COVID-\u200b19\ufeff</title></head><body><p>SECRETARY BLINKEN:  Good morning.</p></body></html>",
			want: "Remarks on COVID-19",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("x", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Title != tt.want {
				t.Errorf("title %q, want %q", doc.Title, tt.want)
			}
		})
	}
	doc, err := Parse("x.md", []byte("MR. ZIENTS:  The COVID-\u206019 response.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Turns[0].Paragraphs[0]; got != "The COVID- 19 response." {
		t.Errorf("passage text %q changed", got)
	}
}
