package ingest

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestParseSRT(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		paras    []string
		dropped  []string
		warnings []string
	}{
		{
			name:     "cues join into one unknown speaker's paragraph",
			in:       "1\n00:00:01,000 --> 00:00:02,000\nGood afternoon,\n\n2\n00:00:02,000 --> 00:00:03,500\neveryone.\n",
			paras:    []string{"Good afternoon, everyone."},
			warnings: []string{noSpeakersWarning},
		},
		{
			name:     "styling tags and entities",
			in:       "1\n00:00:01,000 --> 00:00:02,000\nWe announce <i>three</i> new\n<b>measures</b> &amp; rules.\n",
			paras:    []string{"We announce three new measures & rules."},
			warnings: []string{noSpeakersWarning},
		},
		{
			name: "a pause after a sentence starts a paragraph; sounds are dropped",
			in: "1\n00:00:01,000 --> 00:00:02,000\nFirst.\n\n2\n00:00:03,000 --> 00:00:04,000\n[ applause ]\n\n" +
				"3\n00:00:09,000 --> 00:00:10,000\nSecond.\n",
			paras:    []string{"First.", "Second."},
			dropped:  []string{"[ applause ]"},
			warnings: []string{noSpeakersWarning},
		},
		{
			name:  "malformed timing falls back to the tolerant reader",
			in:    "1\n00:00:01,000 --> 00:00:0x,000\nStill read.\n\n2\n00:00:02,000 --> 00:00:03,000\nAnd this.\n",
			paras: []string{"Still read. And this."},
			warnings: []string{
				"subtitles not well formed",
				noSpeakersWarning,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parseSRT(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc)
			if doc.Format != "srt" {
				t.Errorf("format %q, want srt", doc.Format)
			}
			if len(doc.Turns) != 1 || doc.Turns[0].Label != "" {
				t.Fatalf("turns %+v, want one unlabelled turn", doc.Turns)
			}
			if got := doc.Turns[0].Paragraphs; !reflect.DeepEqual(got, tt.paras) {
				t.Errorf("paragraphs %q, want %q", got, tt.paras)
			}
			if !reflect.DeepEqual(doc.Dropped, tt.dropped) {
				t.Errorf("dropped %q, want %q", doc.Dropped, tt.dropped)
			}
			if !warningsMatch(doc.Warnings, tt.warnings) {
				t.Errorf("warnings %q, want %q", doc.Warnings, tt.warnings)
			}
		})
	}
}

func TestParseSRTNoText(t *testing.T) {
	for _, in := range []string{"1\n00:00:01,000 --> 00:00:02,000\n\n", "1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n"} {
		if _, err := parseSRT(in); !errors.Is(err, ErrNoText) {
			t.Errorf("parseSRT(%q) error %v, want ErrNoText", in, err)
		}
	}
}

func TestParseSRTFile(t *testing.T) {
	const file = "press_briefing_sample.srt"
	doc, err := parseText(file, readFormatFile(t, file))
	if err != nil {
		t.Fatal(err)
	}
	checkDocument(t, doc)
	want := []string{
		"Good afternoon, everyone. Thank you for coming. Today we are announcing three new measures on water safety. The first is a testing programme for every school in the county, which begins on Monday.",
		"The second measure funds the replacement of lead pipes & fittings. We will take questions now.",
	}
	if doc.Format != "srt" || len(doc.Turns) != 1 || doc.Turns[0].Label != "" {
		t.Fatalf("format %q, %d turns, want one unlabelled srt turn", doc.Format, len(doc.Turns))
	}
	if got := doc.Turns[0].Paragraphs; !reflect.DeepEqual(got, want) {
		t.Errorf("paragraphs %q, want %q", got, want)
	}
	if strings.Contains(allText(doc), "applause") {
		t.Error("the sound description is in the turn")
	}
}

// TestCueSpeakerNames: "Name:" at the start of a cue names its speaker, as
// README.md says of subtitles; a cue without one goes on with the speaker
// before.
func TestCueSpeakerNames(t *testing.T) {
	srt := func(cues ...string) string {
		var b strings.Builder
		for i, c := range cues {
			fmt.Fprintf(&b, "%d\n00:00:%02d,000 --> 00:00:%02d,500\n%s\n\n", i+1, i*2+1, i*2+2, c)
		}
		return b.String()
	}
	tests := []struct {
		name     string
		parse    func(string) (*Document, error)
		in       string
		want     []string // "Label: paragraphs"
		warnings []string
	}{
		{
			name:  "SRT: names in mixed case",
			parse: parseSRT,
			in: srt("Chief Wiggum: We will put two more patrols on the night shift.",
				"Marge Simpson: Will the patrols cover the school crossings?",
				"Chief Wiggum: Yes, the morning patrols will cover",
				"every school crossing on the east side."),
			want: []string{
				"Chief Wiggum: We will put two more patrols on the night shift.",
				"Marge Simpson: Will the patrols cover the school crossings?",
				"Chief Wiggum: Yes, the morning patrols will cover every school crossing on the east side.",
			},
		},
		{
			name:  "WebVTT: a name in capitals, once",
			parse: parseVTT,
			in: "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nMAYOR PAXTON: Good evening, everyone.\n\n" +
				"00:00:03.000 --> 00:00:05.000\nThe budget passed tonight.\n",
			want: []string{"MAYOR PAXTON: Good evening, everyone. The budget passed tonight."},
		},
		{
			name:  "broadcast captions",
			parse: parseVTT,
			in: "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n>> MAYOR PAXTON: Good evening.\n\n" +
				"00:00:03.000 --> 00:00:05.000\n>> REPORTER: When will it open?\n",
			want: []string{"MAYOR PAXTON: Good evening.", "REPORTER: When will it open?"},
		},
		{
			name:     "a place or a note before a colon names no one",
			parse:    parseSRT,
			in:       srt("Washington: the city has a plan.", "Note: it starts Monday."),
			want:     []string{": Washington: the city has a plan. Note: it starts Monday."},
			warnings: []string{noSpeakersWarning},
		},
		{
			name:     "captions all in capitals",
			parse:    parseSRT,
			in:       srt("AND THEN HE SAID: WE WILL GO.", "AND WE WENT."),
			want:     []string{": AND THEN HE SAID: WE WILL GO. AND WE WENT."},
			warnings: []string{noSpeakersWarning},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := tt.parse(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc)
			var got []string
			for _, tu := range doc.Turns {
				got = append(got, tu.Label+": "+strings.Join(tu.Paragraphs, " / "))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("turns\n%q\nwant\n%q", got, tt.want)
			}
			if !warningsMatch(doc.Warnings, tt.warnings) {
				t.Errorf("warnings %q, want %q", doc.Warnings, tt.warnings)
			}
		})
	}
}
