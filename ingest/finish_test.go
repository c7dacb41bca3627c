package ingest

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/onrecord/onrecord/retrieval"
)

func TestTidyQuestion(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"nothing to tidy", "Is the package ready?\n\nAnd will it target the oligarchs?",
			"Is the package ready?\n\nAnd will it target the oligarchs?"},
		{"restarted after an interjection (seed_blinken_geneva.txt)",
			"And your —\n\nAnd your – the question about Iran, Mr. —",
			"And your – the question about Iran, Mr. —"},
		{"taken up after an interjection (wh_2021-03-25)",
			"He had that phone number on him —\n\n— and we were able to call his family.",
			"He had that phone number on him … and we were able to call his family."},
		{"taken up twice",
			"Got it. I do have a COVID —\n\n— COVID-crisis-related question because —\n\n— the attacks continue to rise.",
			"Got it. I do have a COVID … COVID-crisis-related question because … the attacks continue to rise."},
		{"taken up in lower case", "I wanted to ask about Tim Wu –\n\nwho you announced hiring today.",
			"I wanted to ask about Tim Wu … who you announced hiring today."},
		{"an address cut off (sd_2022-03-05)", "Mr. Minister —\n\nSir, are you still calling for a no-fly zone?",
			"Sir, are you still calling for a no-fly zone?"},
		{"a transcriber's note and a false start (sd_2022-03-05)",
			"(Off-mike.)\n\nSecretary Blinken, (inaudible) —\n\nHe asked for fighter and attack aircraft?",
			"He asked for fighter and attack aircraft?"},
		{"the restarted sentence only",
			"Sorry, can I just follow up on this. This is not —\n\nThis is not to belabor the point, but —",
			"Sorry, can I just follow up on this.\n\nThis is not to belabor the point, but —"},
		{"a cut-off fragment that says what it is about stays",
			"The student loan forgiv- — the new rules that —\n\nYeah, from the Department of Ed.",
			"The student loan forgiv- — the new rules that —\n\nYeah, from the Department of Ed."},
		{"the last paragraph stays, cut off or a note",
			"Obviously, this is a long question about the economy —\n\n(Interruption by member of the media.)",
			"Obviously, this is a long question about the economy —\n\n(Interruption by member of the media.)"},
		{"only a cut-off fragment", "Mr. Secretary —", "Mr. Secretary —"},
		{"two fragments, the last kept", "The Japanese —\n\nMr. Secretary —", "Mr. Secretary —"},
		{"a dash inside is no cut", "So, he proposed 14 — more than — or at least 14 weeks of paid leave?",
			"So, he proposed 14 — more than — or at least 14 weeks of paid leave?"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tidyQuestion(tt.in)
			if got != tt.want {
				t.Errorf("tidyQuestion(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if again := tidyQuestion(got); again != got {
				t.Errorf("not idempotent: %q, then %q", got, again)
			}
		})
	}
}

// TestCarriedQuestionsVerbatim checks, on real transcripts, that the
// question an answer carries is made only of the reporters' own words: each
// piece between blank lines and "…" cuts is in a question turn, and no
// question repeats a fragment cut off and restarted.
func TestCarriedQuestionsVerbatim(t *testing.T) {
	files, _ := filepath.Glob("testdata/labelled/*.*")
	for _, f := range files {
		if strings.Contains(f, "SOURCES") {
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			doc := parseFile(t, f)
			var asked []string
			for _, tu := range doc.Turns {
				if tu.Role == retrieval.RoleReporter {
					asked = append(asked, tu.Paragraphs...)
				}
			}
			said := strings.Join(asked, "\n")
			for _, tu := range doc.Turns {
				if tu.Question == "" {
					continue
				}
				for _, para := range strings.Split(tu.Question, "\n\n") {
					for _, piece := range strings.Split(para, " … ") {
						if piece = strings.Trim(piece, "—–- "); piece != "" && !strings.Contains(said, piece) {
							t.Errorf("question piece %q is in no question turn", piece)
						}
					}
				}
			}
		})
	}
	doc := parseFile(t, "testdata/labelled/seed_blinken_geneva.txt")
	_, ps := Passages(doc)
	found := false
	for _, p := range ps {
		if strings.Contains(p.Question, "the question about Iran") {
			found = true
			if want := "And your – the question about Iran, Mr. —"; p.Question != want {
				t.Errorf("passage %s answers %q, want %q", p.ID, p.Question, want)
			}
		}
	}
	if !found {
		t.Error("no answer to the question about Iran in the seed transcript")
	}
}

// FuzzTidyQuestion checks that tidying a question never panics, keeps only
// the question's own words and is idempotent.
func FuzzTidyQuestion(f *testing.F) {
	f.Add("And your —\n\nAnd your – the question about Iran, Mr. —")
	f.Add("Got it. I do have a COVID —\n\n— COVID-crisis-related question because —\n\n— the attacks continue.")
	f.Add("(Off-mike.)\n\nSecretary Blinken, (inaudible) —\n\nHe asked for aircraft?")
	f.Add("X —\n\n—\n\n\n\nthis. This is not —\n\nThis is not to belabor it")
	f.Fuzz(func(t *testing.T, q string) {
		got := tidyQuestion(q)
		for _, para := range strings.Split(got, "\n\n") {
			for _, piece := range strings.Split(para, " … ") {
				if piece = strings.Trim(piece, "—–- "); !strings.Contains(q, piece) {
					t.Errorf("tidyQuestion(%q) = %q: %q is not in the question", q, got, piece)
				}
			}
		}
		if again := tidyQuestion(got); again != got {
			t.Errorf("not idempotent: %q, then %q", got, again)
		}
	})
}
