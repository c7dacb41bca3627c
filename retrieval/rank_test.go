package retrieval_test

import (
	"context"
	"strings"
	"testing"

	"github.com/onrecord/onrecord/embedding"
	"github.com/onrecord/onrecord/ingest"
	"github.com/onrecord/onrecord/retrieval"
)

// searcherOver builds a store and searcher over transcripts given as text,
// keyed by file name.
func searcherOver(t *testing.T, files map[string]string) *retrieval.Searcher {
	t.Helper()
	ctx := context.Background()
	st, err := retrieval.Open(ctx, t.TempDir(), embedding.NewGloVe())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for name, text := range files {
		doc, err := ingest.Parse(name, []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		tr, ps := ingest.Passages(doc)
		if err := st.Add(ctx, tr, ps); err != nil {
			t.Fatal(err)
		}
	}
	return retrieval.NewSearcher(st)
}

// climateBriefing is made up: an official's opening statement that uses
// the question's words, and the answer, in other words, to the reporter's
// question that uses them too.
const climateBriefing = `Press Briefing by Press Secretary Jen Psaki and National Climate Advisor Gina McCarthy

MS. PSAKI:  Good afternoon.  Today we are joined by our National Climate Advisor, Gina McCarthy, to talk about the work ahead.

ADMINISTRATOR MCCARTHY:  Thanks, Jen.  It is great to be here.  On day one, the President rejoined the Paris accord.  Cutting emissions is at the heart of what we do, and the new pledge will show the world that America is back.  We are working with every agency on clean energy, on good union jobs, and on the resilience of our communities.

MS. PSAKI:  Go ahead, Jeff.

Q    Thank you.  When do you expect the new emissions-cutting pledge under the Paris accord to be unveiled?  And how ambitious will it be?

ADMINISTRATOR MCCARTHY:  Well, the President sets the timing.  We want to make sure that the target is ready before the leaders' summit on Earth Day, and we are looking at every sector of the economy to get there.

MS. PSAKI:  Go ahead, Kristen.

Q    Can you say more about the jobs that come with clean energy?

ADMINISTRATOR MCCARTHY:  Sure.  Clean energy jobs are good-paying union jobs, in every part of the country, building the grid and the cars of the future.
`

func TestAskAnswerFoundThroughItsQuestion(t *testing.T) {
	s := searcherOver(t, map[string]string{"2021-01-27-climate.txt": climateBriefing})
	ans, err := s.Ask(context.Background(), retrieval.Query{Question: "When did Gina McCarthy expect the new emissions-cutting pledge under the Paris accord to be unveiled?"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Abstained || len(ans.Quotes) == 0 {
		t.Fatalf("abstained: %q", ans.Answer)
	}
	got := ans.Quotes[0]
	if want := "before the leaders' summit on Earth Day"; !strings.Contains(got.Text, want) {
		t.Errorf("top quote %q lacks %q", got.Text, want)
	}
	if !strings.Contains(got.Speaker, "McCarthy") || !strings.Contains(got.Question, "unveiled") {
		t.Errorf("top quote by %q answering %q, want McCarthy's answer to the pledge question", got.Speaker, got.Question)
	}
}
