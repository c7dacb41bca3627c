package ingest

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseVTT(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		labels   []string // turn labels in order
		paras    [][]string
		dropped  []string
		warnings []string
	}{
		{
			name: "voice tag holds until the next one",
			in: "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann Lee>We are here\n\n" +
				"00:00:02.000 --> 00:00:03.000\nto talk about water.\n\n" +
				"00:00:03.000 --> 00:00:04.000\n<v Bo Chen>Thank you.\n",
			labels: []string{"Ann Lee", "Bo Chen"},
			paras:  [][]string{{"We are here to talk about water."}, {"Thank you."}},
		},
		{
			name: "same speaker up to case and spaces is one label, a misspelling is not",
			in: "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Pablo Molina>One.\n\n" +
				"00:02.000 --> 00:03.000\n<v  pablo   molina>Two.\n\n" +
				"00:03.000 --> 00:04.000\n<v Pablo Molinda>Three.\n",
			labels: []string{"Pablo Molina", "Pablo Molinda"},
			paras:  [][]string{{"One. Two."}, {"Three."}},
		},
		{
			name: "stray one-letter voice is ignored",
			in: "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Gerry Hanley>We begin with our vendors saying\n<v a> this is important,\n\n" +
				"00:03.000 --> 00:04.000\nthat this is required.\n",
			labels: []string{"Gerry Hanley"},
			paras:  [][]string{{"We begin with our vendors saying this is important, that this is required."}},
		},
		{
			name:   "a one-letter capital voice is a speaker",
			in:     "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Q>Why?\n\n00:02.000 --> 00:03.000\n<v Ann>Because.\n",
			labels: []string{"Q", "Ann"},
			paras:  [][]string{{"Why?"}, {"Because."}},
		},
		{
			name:   "two voices on one line",
			in:     "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Ann>Are you ready? <v Bob>I am.</v>\n",
			labels: []string{"Ann", "Bob"},
			paras:  [][]string{{"Are you ready?"}, {"I am."}},
		},
		{
			name: "header lines, NOTE, cue settings, ids and styling spans",
			in: "WEBVTT - a test\nkind: captions\nlang: en\n\nNOTE a comment\nthat runs on\n\n" +
				"intro\n00:00:01.000 --> 00:00:02.000 position:10%,start align:start size:35%\n<v.loud Narrator>You <i>want</i> <b>these</b> people.\n\n\n\n" +
				"00:00:02.000 --> 00:00:03.000\n<c.quotable>They know you</c> &amp; your site.\n",
			labels: []string{"Narrator"},
			paras:  [][]string{{"You want these people. They know you & your site."}},
		},
		{
			name:     "no voices: one unknown speaker, with a warning",
			in:       "WEBVTT\n\n00:01.000 --> 00:02.000\nHello there.\n\n00:02.000 --> 00:03.000\nGoodbye.\n",
			labels:   []string{""},
			paras:    [][]string{{"Hello there. Goodbye."}},
			warnings: []string{noSpeakersWarning},
		},
		{
			name: "sound descriptions are dropped",
			in: "WEBVTT\n\n00:00.000 --> 00:01.000\n[ music ]\n\n" +
				"00:01.000 --> 00:02.000\n<v Narrator>Welcome.\n",
			labels:  []string{"Narrator"},
			paras:   [][]string{{"Welcome."}},
			dropped: []string{"[ music ]"},
		},
		{
			name: "a pause after a sentence starts a paragraph",
			in: "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>First point.\n\n" +
				"00:09.000 --> 00:10.000\nSecond point,\n\n" +
				"00:20.000 --> 00:21.000\nstill the second.\n",
			labels: []string{"Ann"},
			paras:  [][]string{{"First point.", "Second point, still the second."}},
		},
		{
			name: "roll-up captions: a cue's repeat of the last line is dropped",
			in: "WEBVTT\nKind: captions\n\n" +
				"00:00:00.000 --> 00:00:02.000 align:start position:0%\n\nwe<00:00:00.500><c> are</c><00:00:01.000><c> here</c>\n\n" +
				"00:00:02.000 --> 00:00:02.010 align:start position:0%\nwe are here\n \n\n" +
				"00:00:02.010 --> 00:00:04.000 align:start position:0%\nwe are here\nto<00:00:03.000><c> talk</c>\n\n" +
				"00:00:04.000 --> 00:00:04.010 align:start position:0%\nto talk\n \n\n" +
				"00:00:04.010 --> 00:00:06.000 align:start position:0%\nto talk\nabout water.\n",
			labels:   []string{""},
			paras:    [][]string{{"we are here to talk about water."}},
			warnings: []string{noSpeakersWarning},
		},
		{
			name:   "a line said twice is kept where captions do not roll up",
			in:     "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>No.\n\n00:02.000 --> 00:03.000\nNo.\n\n00:03.000 --> 00:04.000\nNever.\n",
			labels: []string{"Ann"},
			paras:  [][]string{{"No. No. Never."}},
		},
		{
			name: "malformed timing falls back to the tolerant reader",
			in: "WEBVTT\n\n00:01.000 --> 00:02.000 bogus\n<v Ann>Still read.\n\n" +
				"00:02.000 --> 00:03.000\nAnd this.\n",
			labels:   []string{"Ann"},
			paras:    [][]string{{"Still read. And this."}},
			warnings: []string{"subtitles not well formed"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parseVTT(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc)
			if doc.Format != "webvtt" {
				t.Errorf("format %q, want webvtt", doc.Format)
			}
			var labels []string
			var paras [][]string
			for _, tu := range doc.Turns {
				labels = append(labels, tu.Label)
				paras = append(paras, tu.Paragraphs)
			}
			if !reflect.DeepEqual(labels, tt.labels) {
				t.Errorf("labels %q, want %q", labels, tt.labels)
			}
			if !reflect.DeepEqual(paras, tt.paras) {
				t.Errorf("paragraphs %q, want %q", paras, tt.paras)
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

func TestParseVTTNoText(t *testing.T) {
	for _, in := range []string{
		"WEBVTT\n",
		"WEBVTT\n\nNOTE only a note\n",
		"WEBVTT\n\n00:01.000 --> 00:02.000\n<i> </i>\n",
		"WEBVTT\n\n00:01.000 --> 00:02.000\n[ applause ]\n",
	} {
		if _, err := parseVTT(in); !errors.Is(err, ErrNoText) {
			t.Errorf("parseVTT(%q) error %v, want ErrNoText", in, err)
		}
	}
}

func TestParseVTTFiles(t *testing.T) {
	tests := []struct {
		file    string
		labels  []string
		turns   int
		para    string // a paragraph some turn holds
		dropped string // text in Dropped and in no turn
	}{
		{
			file:   "ableplayer_itaccess_captions_en.vtt",
			labels: []string{"Michael Young", "Tracy Mitrano", "Pablo Molina", "Edward Ray", "Gerry Hanley", "Pablo Molinda", "Bruce Maas"},
			turns:  14,
			para:   "It will be automatically available in the web page that they visit, in the device that they use.",
		},
		{
			file:    "ableplayer_wwa_captions_en.vtt",
			labels:  []string{"Narrator", "Terrill"},
			turns:   2,
			para:    "It's important for web designers and developers to realize that what they see currently on their computer, at their resolution, with their browser and their operating system is not going to be necessarily the same thing that everybody else sees.",
			dropped: "[ music ]",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, err := parseText(tt.file, readFormatFile(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc)
			if got := labelsInOrder(doc); !reflect.DeepEqual(got, tt.labels) {
				t.Errorf("labels %q, want %q", got, tt.labels)
			}
			if got := len(doc.Turns); got != tt.turns {
				t.Errorf("%d turns, want %d", got, tt.turns)
			}
			if len(doc.Warnings) != 0 {
				t.Errorf("warnings %q, want none", doc.Warnings)
			}
			text := allText(doc)
			if !strings.Contains(text, tt.para+"\n") {
				t.Errorf("no paragraph %q", tt.para)
			}
			for _, tag := range []string{"<v", "<i>", "<b>", "<c.", "</", "NOTE", "-->"} {
				if strings.Contains(text, tag) {
					t.Errorf("markup %q left in the text", tag)
				}
			}
			if tt.dropped != "" {
				if !reflect.DeepEqual(doc.Dropped, []string{tt.dropped}) {
					t.Errorf("dropped %q, want [%q]", doc.Dropped, tt.dropped)
				}
				if strings.Contains(text, tt.dropped) {
					t.Errorf("dropped %q is in a turn", tt.dropped)
				}
			}
		})
	}
	t.Run("stray voice stays in Gerry Hanley's turn", func(t *testing.T) {
		doc, err := parseVTT(readFormatFile(t, "ableplayer_itaccess_captions_en.vtt"))
		if err != nil {
			t.Fatal(err)
		}
		for _, tu := range doc.Turns {
			if strings.HasPrefix(tu.Paragraphs[0], "We begin with our vendors saying this is not only important, that this is required") {
				if tu.Label != "Gerry Hanley" {
					t.Errorf("label %q, want Gerry Hanley", tu.Label)
				}
				return
			}
		}
		t.Error("no turn begins with Gerry Hanley's words")
	})
}
