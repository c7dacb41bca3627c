package ingest

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// updateGolden rewrites the golden files: go test ./ingest -run Golden -update
var updateGolden = flag.Bool("update", false, "rewrite golden files in testdata")

// formatsDir holds the real transcripts the format parsers are tested on
// (provenance in SOURCES.md).
const formatsDir = "testdata/formats"

// readFormatFile returns a file of formatsDir decoded as Parse decodes it.
func readFormatFile(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(formatsDir, name))
	if err != nil {
		t.Fatal(err)
	}
	text, _, err := decode(data)
	if err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
	return text
}

// labelsInOrder returns the distinct labels of doc in order of first
// appearance.
func labelsInOrder(doc *Document) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range doc.Turns {
		if !seen[t.Label] {
			seen[t.Label] = true
			out = append(out, t.Label)
		}
	}
	return out
}

// checkDocument fails t if doc breaks the format parsers' contract: turns,
// each with paragraphs that are non-empty, trimmed and single-spaced, and
// the fields finish() fills left empty.
func checkDocument(t testing.TB, doc *Document) {
	t.Helper()
	if doc == nil {
		t.Fatal("nil document without an error")
	}
	if len(doc.Turns) == 0 {
		t.Fatal("no turns without an error")
	}
	for i, tu := range doc.Turns {
		if len(tu.Paragraphs) == 0 {
			t.Fatalf("turn %d (%q) has no paragraphs", i, tu.Label)
		}
		if tu.Speaker != "" || tu.Role != "" || tu.AskedBy != "" || tu.Question != "" || tu.Exchange != 0 {
			t.Fatalf("turn %d: parser filled finish()'s fields: %+v", i, tu)
		}
		if tu.Label != oneSpaced(tu.Label) {
			t.Fatalf("turn %d: label %q not single-spaced", i, tu.Label)
		}
		for j, p := range tu.Paragraphs {
			if p == "" || p != oneSpaced(p) {
				t.Fatalf("turn %d paragraph %d is empty or not single-spaced: %q", i, j, p)
			}
		}
	}
}

// warningsMatch reports whether got has the warnings of want, in order,
// each beginning as want's does.
func warningsMatch(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if !strings.HasPrefix(got[i], want[i]) {
			return false
		}
	}
	return true
}

// allText is every paragraph of doc, one per line.
func allText(doc *Document) string {
	var b strings.Builder
	for _, t := range doc.Turns {
		for _, p := range t.Paragraphs {
			b.WriteString(p)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// goldenDoc is what a golden file records of a parsed document.
type goldenDoc struct {
	File      string       `json:"file"`
	Format    string       `json:"format"`
	Title     string       `json:"title"`
	Date      string       `json:"date"`
	SourceURL string       `json:"source_url"`
	Labels    []string     `json:"labels"`
	Warnings  []string     `json:"warnings"`
	Dropped   int          `json:"dropped"`
	Turns     []goldenTurn `json:"turns"`
}

type goldenTurn struct {
	Label      string   `json:"label"`
	Paragraphs []string `json:"paragraphs"`
}

// goldenPage is what a golden file records of an HTML page whose text the
// labelled parser reads.
type goldenPage struct {
	File       string   `json:"file"`
	Title      string   `json:"title"`
	Date       string   `json:"date"`
	SourceURL  string   `json:"source_url"`
	Paragraphs []string `json:"paragraphs"`
}

func TestFormatsGolden(t *testing.T) {
	docs := []string{
		"ableplayer_itaccess_captions_en.vtt",
		"ableplayer_wwa_captions_en.vtt",
		"press_briefing_sample.srt",
		"zoom_input_example.txt",
		"otter_town_hall_sample.txt",
		"rev_interview_sample.txt",
		"govinfo_CHRG-105_gulf-war-syndrome_1997-01-21.html",
	}
	pages := []string{
		"irancontra_1987_north-testimony_on-1.php.html",
		"irancontra_1987_opening-statements_os-2.php.html",
		"sd_2022-02-12_senior-state-dept-official-ukraine.rss-item.xml",
		"sd_2022-08-01_blinken-press-availability-23.rss-item.xml",
	}
	for _, name := range docs {
		t.Run(name, func(t *testing.T) {
			doc, err := parseText(name, readFormatFile(t, name))
			if err != nil {
				t.Fatal(err)
			}
			g := goldenDoc{File: name, Format: doc.Format, Title: doc.Title, Date: doc.Date,
				SourceURL: doc.SourceURL, Labels: labelsInOrder(doc), Warnings: doc.Warnings, Dropped: len(doc.Dropped)}
			for _, tu := range doc.Turns {
				g.Turns = append(g.Turns, goldenTurn{Label: tu.Label, Paragraphs: tu.Paragraphs})
			}
			compareGolden(t, name, g)
		})
	}
	for _, name := range pages {
		t.Run(name, func(t *testing.T) {
			p, err := parseHTML(readFormatFile(t, name))
			if err != nil {
				t.Fatal(err)
			}
			compareGolden(t, name, goldenPage{File: name, Title: p.Title, Date: p.Date,
				SourceURL: p.SourceURL, Paragraphs: strings.Split(p.Text, "\n\n")})
		})
	}
}

// compareGolden compares v, as indented JSON, with the golden file of
// name, or rewrites it with -update.
func compareGolden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join(formatsDir, "golden", name+".json")
	if *updateGolden {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ingest -run Golden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s; if the change is right, run go test ./ingest -run Golden -update", name, path)
	}
}
