package ingest

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/onrecord/onrecord/retrieval"
)

func parseFile(t testing.TB, path string) *Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(path, data)
	if err != nil {
		t.Fatalf("Parse(%s): %v", path, err)
	}
	return doc
}

const seedPath = "testdata/labelled/seed_blinken_geneva.txt"

// TestSampleAttribution checks the sample transcript turn by turn: every
// reporter named as the transcript names them, every answer tied to its
// question, the moderator recognised, the author bio attributed to no one.
func TestSampleAttribution(t *testing.T) {
	doc := parseFile(t, seedPath)
	type turn struct{ role, speaker, askedBy string }
	const (
		blinken = "Secretary Antony J. Blinken"
		price   = "Mr Price"
		andrea  = "Andrea Mitchell"
		michael = "Michael Crowley"
		ben     = "Ben Hall"
		laurent = "Laurent Burkhalter"
		off     = retrieval.RoleOfficial
		mod     = retrieval.RoleModerator
		rep     = retrieval.RoleReporter
	)
	want := []turn{
		{off, blinken, ""},     // opening statement
		{mod, price, ""},       // "Andrea Mitchell."
		{rep, andrea, ""},      // her question
		{off, blinken, andrea}, // "Thanks very much, Andrea."
		{mod, price, ""},       // "Michael Crowley."
		{rep, andrea, ""},      // "And your —": Andrea interjects
		{mod, price, ""},       // "I'm sorry, Andrea. ... Michael Crowley."
		{rep, andrea, ""},      // "And your – the question about Iran"
		{off, blinken, andrea}, // the Iran answer
		{mod, price, ""},       // "Michael."
		{rep, michael, ""},
		{off, blinken, michael},
		{rep, michael, ""}, // answering Blinken's "the first part of the question?"
		{off, blinken, michael},
		{mod, price, ""}, // "Ben Hall."
		{rep, ben, ""},
		{off, blinken, ben},
		{mod, price, ""}, // "We'll take a final question from Laurent Burkhalter."
		{rep, laurent, ""},
		{off, blinken, laurent},
		{mod, price, ""}, // "Thank you, Mr. Secretary."
	}
	var got []turn
	for _, tu := range doc.Turns {
		got = append(got, turn{tu.Role, tu.Speaker, tu.AskedBy})
	}
	if !slices.Equal(got, want) {
		for i := range max(len(got), len(want)) {
			var g, w turn
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if g != w {
				t.Errorf("turn %d: got %+v, want %+v", i, g, w)
			}
		}
	}
	// Every answer points at its question.
	for i, tu := range doc.Turns {
		if tu.Role == retrieval.RoleOfficial && tu.Exchange >= 0 && tu.Question == "" {
			t.Errorf("turn %d answers no question", i)
		}
	}
	if q := doc.Turns[8].Question; !strings.Contains(q, "the question about Iran") {
		t.Errorf("the Iran answer's question = %q", q)
	}
	if doc.Title != "Secretary Antony J. Blinken at a Press Availability (US Department of State)" {
		t.Errorf("title = %q", doc.Title)
	}
}

// TestAuthorBioAttributedToNoOne: the web page's trailing text is dropped,
// in no turn and no passage.
func TestAuthorBioAttributedToNoOne(t *testing.T) {
	doc := parseFile(t, seedPath)
	_, ps := Passages(doc)
	for _, bio := range []string{"Marco Emanuele", "appassionato", "Latest articles", "Related articles", "Science of Where"} {
		for _, tu := range doc.Turns {
			for _, p := range tu.Paragraphs {
				if strings.Contains(p, bio) {
					t.Errorf("%q attributed to %q", bio, tu.Speaker)
				}
			}
		}
		for _, p := range ps {
			if strings.Contains(p.Text, bio) {
				t.Errorf("%q in passage %s", bio, p.ID)
			}
		}
		if !slices.ContainsFunc(doc.Dropped, func(d string) bool { return strings.Contains(d, bio) }) {
			t.Errorf("%q not reported as dropped", bio)
		}
	}
	last := doc.Turns[len(doc.Turns)-1]
	if got := strings.Join(last.Paragraphs, " "); got != "Thank you, Mr. Secretary." {
		t.Errorf("last turn = %q", got)
	}
}

func TestFalseLabels(t *testing.T) {
	tests := []struct {
		name, file, text string
	}{
		{"hard-wrapped Florida", "testdata/labelled/wh_2021-03-08-background-call-venezuela.md", "Florida: I don’t know if the implication"},
		{"One final note", "testdata/labelled/wh_2021-03-25-remarks-biden-in-press-conference.md", "One final note: Since we passed the American Rescue Plan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseFile(t, tt.file)
			for _, tu := range doc.Turns {
				if strings.HasPrefix(tu.Label, strings.SplitN(tt.text, ":", 2)[0]) {
					t.Fatalf("%q became a speaker", tu.Label)
				}
			}
			if !strings.Contains(allText(doc), tt.text) {
				t.Errorf("the words %q are lost", tt.text)
			}
		})
	}
}

func TestReportersNamed(t *testing.T) {
	tests := []struct {
		file     string
		reporter string // named by the moderator's or the operator's call, or by themselves
	}{
		{"testdata/labelled/sd_2022-02-12_senior-state-dept-official-ukraine.txt", "Christina Ruffini"},
		{"testdata/labelled/sd_2022-02-12_senior-state-dept-official-ukraine.txt", "Matt Lee"},
		{"testdata/labelled/wh_2021-03-25-remarks-biden-in-press-conference.md", "Cecilia Vega"},
		{"testdata/labelled/sd_2022-06-02_department-press-briefing.txt", "Michel"},                  // "We'll do a final – Michel, final question in the back."
		{"testdata/labelled/sd_2022-06-02_department-press-briefing.txt", "Daphne"},                  // "Promise to come back to you. Daphne."
		{"testdata/labelled/sd_2022-08-01_blinken-press-availability-23.txt", "Pamala Falk"},         // "It's Pamala Falk from CBS News."
		{"testdata/labelled/wh_2021-02-08-press-briefing-covid-response-team.md", "Kaitlan Collins"}, // "first we're going to Kaitlan Collins at CNN."
		{"testdata/labelled/wh_2021-04-16-remarks-biden-suga-press-conference.md", "Sugimoto"},       // "My name is Sugimoto of Sankei Newspaper."
		{"testdata/labelled/wh_2021-04-16-remarks-biden-suga-press-conference.md", "Trevor"},         // "goes to Trevor of Reuters."
		{"testdata/labelled/wh_2022-02-08-pb-jen-psaki.md", "Colleen"},                               // "With that, Colleen, why don't you kick us off?"
	}
	for _, tt := range tests {
		t.Run(tt.reporter, func(t *testing.T) {
			doc := parseFile(t, tt.file)
			asked := false
			for _, tu := range doc.Turns {
				if tu.Role == retrieval.RoleReporter && tu.Speaker == tt.reporter {
					asked = true
				}
			}
			if !asked {
				t.Errorf("no question attributed to %s", tt.reporter)
			}
		})
	}
}

func TestDisplayNames(t *testing.T) {
	tests := []struct {
		file string
		want []string // speakers in order of first appearance, reporters left out
	}{
		{seedPath, []string{"Secretary Antony J. Blinken", "Mr Price"}},
		{"testdata/labelled/sd_2022-03-05_blinken-kuleba-joint-press-availability.txt", []string{"Secretary Antony J. Blinken", "Foreign Minister Dmytro Kuleba", "Mr Price"}},
		{"testdata/labelled/wh_2021-03-25-remarks-biden-in-press-conference.md", []string{"President Biden"}},
		{"testdata/labelled/wh_2022-02-08-pb-jen-psaki.md", []string{"Jen Psaki"}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			doc := parseFile(t, tt.file)
			var got []string
			for _, tu := range doc.Turns {
				if tu.Role != retrieval.RoleReporter && !slices.Contains(got, tu.Speaker) {
					got = append(got, tu.Speaker)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("speakers = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMetadata(t *testing.T) {
	doc := parseFile(t, "testdata/labelled/wh_2022-02-08-pb-jen-psaki.md")
	if doc.Title != "Press Briefing by Press Secretary Jen Psaki, February 8, 2022" {
		t.Errorf("title = %q", doc.Title)
	}
	if doc.Date != "2022-02-08" || !strings.HasPrefix(doc.SourceURL, "https://bidenwhitehouse.archives.gov/") {
		t.Errorf("date, url = %q, %q", doc.Date, doc.SourceURL)
	}
	if doc.Format != "markdown" {
		t.Errorf("format = %q", doc.Format)
	}
	// Footers are not speech: "END" and the closing time.
	last := doc.Turns[len(doc.Turns)-1]
	for _, p := range last.Paragraphs {
		if p == "END" || isTimeLine(p) {
			t.Errorf("footer %q left in the last turn", p)
		}
	}
	sd := parseFile(t, "testdata/labelled/sd_2022-03-05_blinken-kuleba-joint-press-availability.txt")
	if sd.Date != "2022-03-05" {
		t.Errorf("date from the file name = %q", sd.Date)
	}
}

func TestPassages(t *testing.T) {
	doc := parseFile(t, seedPath)
	tr, ps := Passages(doc)
	if tr.Passages != len(ps) || len(ps) == 0 {
		t.Fatalf("transcript says %d passages, got %d", tr.Passages, len(ps))
	}
	next := 1
	for _, p := range ps {
		words := len(strings.Fields(p.Text))
		if words > maxPassageWords && len(p.Paragraphs) > 1 {
			t.Errorf("passage %s has %d words over %d paragraphs", p.ID, words, len(p.Paragraphs))
		}
		if p.Paragraphs[0] != next {
			t.Errorf("passage %s starts at paragraph %d, want %d", p.ID, p.Paragraphs[0], next)
		}
		next = p.Paragraphs[len(p.Paragraphs)-1] + 1
		switch p.Kind {
		case retrieval.KindAnswer:
			if p.Question == "" {
				t.Errorf("answer %s has no question", p.ID)
			}
		case retrieval.KindQuestion:
			if p.AskedBy != "" || p.Role != retrieval.RoleReporter {
				t.Errorf("question %s: asked by %q, role %q", p.ID, p.AskedBy, p.Role)
			}
		}
	}
	// The same words under another name are the same transcript, ids and all.
	data, _ := os.ReadFile(seedPath)
	again, err := Parse("elsewhere/copy.txt", bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n")))
	if err != nil {
		t.Fatal(err)
	}
	tr2, ps2 := Passages(again)
	if tr2.ID != tr.ID || tr2.TextHash != tr.TextHash || len(ps2) != len(ps) || ps2[5].ID != ps[5].ID {
		t.Errorf("re-parse with CRLF changed ids: %s vs %s", tr2.ID, tr.ID)
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name    string
		data    []byte
		wantErr error
		warning string
	}{
		{"empty", nil, ErrEmpty, ""},
		{"only white space", []byte(" \n\t\n "), ErrEmpty, ""},
		{"binary", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrBinary, ""},
		{"too large", bytes.Repeat([]byte("a"), MaxFileSize+1), ErrTooLarge, ""},
		{"no speakers", []byte("We met today.\n\nIt went well."), nil, "no speakers recognised"},
		{"latin-1", []byte("SECRETARY:  Caf\xe9 au lait.\n\nQUESTION:  Oui?"), nil, "not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("x.txt", tt.data)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(doc.Warnings, func(w string) bool { return strings.Contains(w, tt.warning) }) {
				t.Errorf("warnings %q lack %q", doc.Warnings, tt.warning)
			}
		})
	}
	doc, _ := Parse("x.txt", []byte("SECRETARY:  Caf\xe9 au lait.\n\nQUESTION:  Oui?"))
	if doc.Turns[0].Paragraphs[0] != "Café au lait." {
		t.Errorf("Windows-1252 read as %q", doc.Turns[0].Paragraphs[0])
	}
}

// TestLabelledGolden pins the whole pipeline on real files: turns with
// speakers, roles and askers, and passage boundaries. Regenerate with
// go test ./ingest -run Golden -update.
func TestLabelledGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/labelled/*.*")
	for _, f := range files {
		if strings.HasSuffix(f, ".md") && strings.Contains(f, "SOURCES") {
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			doc := parseFile(t, f)
			tr, ps := Passages(doc)
			type turnView struct {
				Speaker, Role, AskedBy string
				Exchange, Paragraphs   int
				Starts                 string
			}
			type passageView struct {
				ID, Kind, Speaker, AskedBy string
				Paragraphs                 []int
			}
			out := struct {
				Transcript retrieval.Transcript
				Turns      []turnView
				Passages   []passageView
				Dropped    []string
			}{Transcript: tr, Dropped: doc.Dropped}
			for _, tu := range doc.Turns {
				out.Turns = append(out.Turns, turnView{tu.Speaker, tu.Role, tu.AskedBy, tu.Exchange, len(tu.Paragraphs), shortText(tu.Paragraphs[0], 60)})
			}
			for _, p := range ps {
				out.Passages = append(out.Passages, passageView{p.ID, p.Kind, p.Speaker, p.AskedBy, p.Paragraphs})
			}
			compareGolden(t, "labelled-"+strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)), out)
		})
	}
}

func shortText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// FuzzParse feeds anything to the whole pipeline: it never panics, and what
// it returns holds together.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"SECRETARY BLINKEN:  Good afternoon.\n\nMR PRICE:  Andrea Mitchell.\n\nQUESTION:  Thank you.\n\nSECRETARY BLINKEN:  Thanks, Andrea. Yes.",
		"---\ntitle: \"A\\_B\"\ndate: '2022-02-08'\n---\n\n     MS. PSAKI:  Hi.\n\n     Q    Jen?\n\nEND",
		"Marco Emanuele\nMarco Emanuele is passionate.\n\nLatest articles",
		"Q\n\nQ:\n\n: :\n\nA:  b",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse("fuzz.txt", data)
		if err != nil {
			return
		}
		if len(doc.Turns) == 0 {
			t.Fatal("no turns without an error")
		}
		tr, ps := Passages(doc)
		if tr.Passages != len(ps) {
			t.Fatal("passage count")
		}
		for _, p := range ps {
			if strings.TrimSpace(p.Text) == "" || len(p.Paragraphs) == 0 {
				t.Fatalf("empty passage %+v", p)
			}
		}
	})
}

// TestLabelAfterNoBlankLine: a label followed by non-breaking spaces, on the
// line straight after a paragraph, starts a turn (wh-press-briefings
// 2023-11-09 and 2022-05-10 have them).
func TestLabelAfterNoBlankLine(t *testing.T) {
	text := "MODERATOR:\u00a0 Next, we’ll go to Andrew Feinberg with The Independent.\u00a0  \n" +
		"Andrew.\u00a0 Your line should be unmuted.\u00a0  \n" +
		"Q\u00a0\u00a0\u00a0 Hi, thank you for doing this.\u00a0 Will the President be offering any warning to President Xi about interfering in the election?\n\n" +
		"SENIOR ADMINISTRATION OFFICIAL:\u00a0 Thanks for the question, Andrew.\u00a0 I think it’s fair to say that the President will be clear.\n\n" +
		"Q\u00a0\u00a0\u00a0 And will the First Lady travel?\u00a0  \n" +
		"SENIOR ADMINISTRATION OFFICIAL:\u00a0 She will not.\n"
	doc, err := Parse("x.md", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, tu := range doc.Turns {
		labels = append(labels, tu.Label)
	}
	want := []string{"MODERATOR", "Q", "SENIOR ADMINISTRATION OFFICIAL", "Q", "SENIOR ADMINISTRATION OFFICIAL"}
	if !slices.Equal(labels, want) {
		t.Fatalf("turns %q, want %q", labels, want)
	}
	if got := doc.Turns[2].Question; !strings.Contains(got, "interfering in the election") {
		t.Errorf("the answer's question is %q, want Andrew Feinberg's", got)
	}
}

// TestNoSpeakersSaidByNoOne: a file in which no speaker is recognised (a
// CSV, a JSON file, prose) is stored, as README.md and TestBadInput have
// it, with a warning; its text is said by no one: no label, no speaker, no
// asker, role unknown, in every turn and passage.
func TestNoSpeakersSaidByNoOne(t *testing.T) {
	for name, text := range map[string]string{
		"table.csv":  "name,party,state\nSmith,D,CA\nJones,R,TX\n",
		"quote.json": `{"speaker": "MS. PSAKI", "text": "Hello"}` + "\n",
		"prose.txt":  "Minutes of the meeting\n\nThe committee met at noon. It decided nothing.",
	} {
		t.Run(name, func(t *testing.T) {
			doc, err := Parse(name, []byte(text))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(doc.Warnings, noSpeakersWarning) {
				t.Errorf("warnings %q lack %q", doc.Warnings, noSpeakersWarning)
			}
			for _, tu := range doc.Turns {
				if tu.Label != "" || tu.Speaker != "" || tu.AskedBy != "" || tu.Role != retrieval.RoleUnknown {
					t.Errorf("turn %q said by %q (%s), asked by %q", tu.Paragraphs, tu.Speaker, tu.Role, tu.AskedBy)
				}
			}
			_, ps := Passages(doc)
			for _, p := range ps {
				if p.Speaker != "" || p.AskedBy != "" || p.Role != retrieval.RoleUnknown {
					t.Errorf("passage %q said by %q (%s), asked by %q", p.Text, p.Speaker, p.Role, p.AskedBy)
				}
			}
		})
	}
}
