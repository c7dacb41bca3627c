package ingest

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseExport(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		labels []string
		paras  [][]string
		title  string
	}{
		{
			name: "zoom: a block that continues a sentence joins its paragraph",
			in: "[Johnny Doe] 11:02:09\nHow you doing?\n\n[Janet Dough] 11:02:09\nFine.\n\n" +
				"[Janet Dough] 11:02:12\nBut I mean, it's nice to meet you and not just be like,\n\n" +
				"[Janet Dough] 11:02:15\nOh, you're a human.\n\n[Janet Dough] 11:02:20\nReally.\n",
			labels: []string{"Johnny Doe", "Janet Dough"},
			paras:  [][]string{{"How you doing?"}, {"Fine.", "But I mean, it's nice to meet you and not just be like, Oh, you're a human.", "Really."}},
		},
		{
			name: "otter: name, two spaces, time; title above the first block",
			in: "Library budget\nSat, 3/9 10:02AM • 4:12\n\nMayor Ellen Park  0:04\nThanks for coming.\n\nWe keep every branch open.\n\n" +
				"Speaker 2  1:15\nWhat about\nSundays?\n",
			labels: []string{"Mayor Ellen Park", "Speaker 2"},
			paras:  [][]string{{"Thanks for coming.", "We keep every branch open."}, {"What about Sundays?"}},
			title:  "Library budget",
		},
		{
			name:   "rev: words on the same line or the next",
			in:     "Dana Ortiz (00:02):\nGood morning.\n\nSam Lee (00:41): How many ships?\n\nDana Ortiz (01:00:45):  About forty.\n",
			labels: []string{"Dana Ortiz", "Sam Lee", "Dana Ortiz"},
			paras:  [][]string{{"Good morning."}, {"How many ships?"}, {"About forty."}},
		},
		{
			name:   "rev's published style: Name: (MM:SS)",
			in:     "Joe Biden: (00:00)\nThank you.\n\nReporter: (00:10)\nMr. President?\n",
			labels: []string{"Joe Biden", "Reporter"},
			paras:  [][]string{{"Thank you."}, {"Mr. President?"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := parseExport(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc)
			if doc.Format != "export" {
				t.Errorf("format %q, want export", doc.Format)
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
			if doc.Title != tt.title {
				t.Errorf("title %q, want %q", doc.Title, tt.title)
			}
		})
	}
}

func TestParseExportNoText(t *testing.T) {
	for _, in := range []string{"[Ann] 10:00:00\n\n[Bob] 10:00:05\n", "just a line\n"} {
		if _, err := parseExport(in); !errors.Is(err, ErrNoText) {
			t.Errorf("parseExport(%q) error %v, want ErrNoText", in, err)
		}
	}
}

// TestDetectExport checks that parseText routes each export style here.
func TestDetectExport(t *testing.T) {
	for _, in := range []string{
		"[Ann] 10:00:00\nHi.\n\n[Bob] 10:00:05\nHello.\n",
		"Ann Lee  0:04\nHi.\n\nBob  0:09\nHello.\n",
		"Ann Lee (00:04):\nHi.\n\nBob (00:09):\nHello.\n",
		"Ann Lee (00:04): Hi.\n\nBob (00:09): Hello.\n",
		"Ann Lee: (00:04)\nHi.\n\nBob: (00:09)\nHello.\n",
	} {
		doc, err := parseText("x.txt", in)
		if err != nil {
			t.Errorf("parseText(%q): %v", in, err)
			continue
		}
		if doc.Format != "export" || len(doc.Turns) != 2 {
			t.Errorf("parseText(%q): format %q, %d turns; want export, 2", in, doc.Format, len(doc.Turns))
		}
	}
}

func TestParseExportFiles(t *testing.T) {
	tests := []struct {
		file    string
		labels  []string
		turns   int
		para    string
		title   string
		dropped string
	}{
		{
			file:   "zoom_input_example.txt",
			labels: []string{"Johnny Doe", "Janet Dough"},
			turns:  8,
			para:   "Yeah, I think so. But I mean, you know, it's nice to actually meet you and not just be like, Oh, you're a human that exists.",
		},
		{
			file:    "otter_town_hall_sample.txt",
			labels:  []string{"Mayor Ellen Park", "Speaker 2"},
			turns:   4,
			para:    "Yes. The after-school program is funded for the full year, and the staffing stays the same.",
			title:   "Town hall on the library budget",
			dropped: "Sat, 3/9 10:02AM",
		},
		{
			file:    "rev_interview_sample.txt",
			labels:  []string{"Dana Ortiz", "Sam Lee"},
			turns:   5,
			para:    "About forty, and we expect the queue to clear by Thursday.",
			title:   "Harbor Authority press call, transcript",
			dropped: "Harbor Authority press call",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, err := parseText(tt.file, readFormatFile(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			checkDocument(t, doc)
			if doc.Format != "export" {
				t.Errorf("format %q, want export", doc.Format)
			}
			if got := labelsInOrder(doc); !reflect.DeepEqual(got, tt.labels) {
				t.Errorf("labels %q, want %q", got, tt.labels)
			}
			if got := len(doc.Turns); got != tt.turns {
				t.Errorf("%d turns, want %d", got, tt.turns)
			}
			text := allText(doc)
			if !strings.Contains(text, tt.para+"\n") {
				t.Errorf("no paragraph %q", tt.para)
			}
			if doc.Title != tt.title {
				t.Errorf("title %q, want %q", doc.Title, tt.title)
			}
			if tt.dropped != "" {
				if !strings.Contains(strings.Join(doc.Dropped, "\n"), tt.dropped) {
					t.Errorf("dropped %q, want it to hold %q", doc.Dropped, tt.dropped)
				}
				if strings.Contains(text, tt.dropped) {
					t.Errorf("dropped %q is in a turn", tt.dropped)
				}
			}
		})
	}
}
