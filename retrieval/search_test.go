package retrieval_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/onrecord/onrecord/embedding"
	"github.com/onrecord/onrecord/ingest"
	"github.com/onrecord/onrecord/retrieval"
	"github.com/onrecord/onrecord/verify"
)

// sampleSearcher is a store and searcher over the sample transcript, built
// once for all tests (embedding it takes a moment under -race).
var sample struct {
	once  sync.Once
	store *retrieval.Store
	s     *retrieval.Searcher
	dir   string
	err   error
}

func sampleSearcher(t *testing.T) (*retrieval.Store, *retrieval.Searcher) {
	t.Helper()
	sample.once.Do(func() {
		data, err := os.ReadFile("testdata/blinken-geneva-2022-01-21.txt")
		if err != nil {
			sample.err = err
			return
		}
		doc, err := ingest.Parse("blinken.txt", data)
		if err != nil {
			sample.err = err
			return
		}
		doc.Date = "2022-01-21"
		tr, ps := ingest.Passages(doc)
		dir, err := os.MkdirTemp("", "onrecord-search-test-")
		if err != nil {
			sample.err = err
			return
		}
		sample.dir = dir
		st, err := retrieval.Open(context.Background(), dir, embedding.NewGloVe())
		if err != nil {
			sample.err = err
			return
		}
		if err := st.Add(context.Background(), tr, ps); err != nil {
			sample.err = err
			return
		}
		sample.store, sample.s = st, retrieval.NewSearcher(st)
	})
	if sample.err != nil {
		t.Fatal(sample.err)
	}
	return sample.store, sample.s
}

func TestAsk(t *testing.T) {
	store, s := sampleSearcher(t)
	tests := []struct {
		question string
		want     string // words the top quote holds
		speaker  string
		askedBy  string // "" when no one asked
	}{
		{"What did Blinken say about the JCPOA talks with Iran?", "mutual return to compliance with the JCPOA", "Blinken", ""},
		{"Does Russia share the US sense of urgency on Iran?", "Russia shares our sense of urgency", "Blinken", "Andrea Mitchell"},
		{"Is diplomacy inconsistent with deterrence?", "not mutually inconsistent", "Blinken", "Ben Hall"},
		// Who is asking is attribution: the quote is what they asked.
		{"What did the Swiss television reporter ask Blinken about Moscow's aims?", "what do you think the Kremlin wants", "Laurent Burkhalter", ""},
		// A month dates the question; the transcript need not say it.
		{"What did Blinken say in January about the talks with Iran?", "mutual return to compliance with the JCPOA", "Blinken", ""},
		{"What did the reporter ask about limiting NATO expansion?", "proposals to limit NATO expansion", "Andrea Mitchell", ""},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			ans, err := s.Ask(context.Background(), retrieval.Query{Question: tt.question})
			if err != nil {
				t.Fatal(err)
			}
			if ans.Abstained || len(ans.Quotes) == 0 {
				t.Fatalf("abstained: %q", ans.Answer)
			}
			q := ans.Quotes[0]
			if !strings.Contains(q.Text, tt.want) {
				t.Errorf("top quote %q lacks %q", q.Text, tt.want)
			}
			if !strings.Contains(q.Speaker, tt.speaker) {
				t.Errorf("speaker = %q, want %q", q.Speaker, tt.speaker)
			}
			switch {
			case tt.askedBy == "" && q.AskedBy != nil:
				t.Errorf("asked_by = %q, want none", *q.AskedBy)
			case tt.askedBy != "" && (q.AskedBy == nil || *q.AskedBy != tt.askedBy):
				t.Errorf("asked_by = %v, want %q", q.AskedBy, tt.askedBy)
			}
			for _, q := range ans.Quotes {
				checkVerbatim(t, store, q)
			}
		})
	}
}

// checkVerbatim: every piece of a quote between "…" marks is in its
// passage, whole words only, and the date and paragraphs come along.
func checkVerbatim(t *testing.T, store *retrieval.Store, q retrieval.Quote) {
	t.Helper()
	p, ok := store.Passage(q.PassageID)
	if !ok {
		t.Fatalf("quote from unknown passage %s", q.PassageID)
	}
	if !verify.Contains(p.Text, q.Text) {
		t.Errorf("quote not verbatim in passage %s: %q", p.ID, q.Text)
	}
	if len(q.Paragraphs) == 0 || q.Transcript == "" {
		t.Errorf("quote lacks its place: %+v", q)
	}
	if strings.Count(q.Text, "…") > 2 {
		t.Errorf("quote stitched from pieces: %q", q.Text)
	}
}

// A quote does not open or close with what only fills time: "Oh, I'm
// sorry, I – (inaudible) to address that."
func TestAskTrimsFiller(t *testing.T) {
	_, s := sampleSearcher(t)
	ans, err := s.Ask(context.Background(), retrieval.Query{Question: "What did Blinken say about Iran?", K: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range ans.Quotes {
		if strings.Contains(q.Text, "(inaudible)") || strings.Contains(q.Text, "I’m sorry") {
			t.Errorf("quote keeps the filler: %q", q.Text)
		}
	}
}

// Words a question quotes must have been said: if no transcript holds
// them, the reply says so rather than offer the nearest passages as an
// answer.
func TestAskQuotedWords(t *testing.T) {
	_, s := sampleSearcher(t)
	ctx := context.Background()
	ans, err := s.Ask(ctx, retrieval.Query{Question: `Did Blinken say Russia shares "our sense of urgency" on Iran?`})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Abstained || len(ans.Quotes) == 0 || !strings.Contains(ans.Quotes[0].Text, "sense of urgency") {
		t.Errorf("quoted words that were said: %+v", ans)
	}
	ans, err = s.Ask(ctx, retrieval.Query{Question: `What did Blinken say about the “Liberation Day” tariffs?`})
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Abstained || len(ans.Quotes) != 0 || !strings.Contains(ans.Answer, "“Liberation Day”") {
		t.Errorf("quoted words never said: abstained %v, %q", ans.Abstained, ans.Answer)
	}
}

func TestAskAbstains(t *testing.T) {
	_, s := sampleSearcher(t)
	for _, question := range []string{
		"How do I bake sourdough bread?",
		"What is the population of Brazil?",
		"What did Blinken say about North Korea's missile tests?",
	} {
		t.Run(question, func(t *testing.T) {
			ans, err := s.Ask(context.Background(), retrieval.Query{Question: question})
			if err != nil {
				t.Fatal(err)
			}
			if !ans.Abstained || len(ans.Quotes) != 0 || ans.Answer == "" {
				t.Errorf("did not abstain: %+v", ans)
			}
		})
	}
}

func TestAskFilters(t *testing.T) {
	store, s := sampleSearcher(t)
	sampleID := store.Transcripts()[0].ID
	ctx := context.Background()
	ans, err := s.Ask(ctx, retrieval.Query{Question: "Iran", Speaker: "mitchell", K: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range append(ans.Quotes, ans.Closest...) {
		if q.Speaker != "Andrea Mitchell" {
			t.Errorf("speaker filter let through %q", q.Speaker)
		}
	}
	for _, q := range []retrieval.Query{
		{Question: "Iran", Since: "2023-01-01"},
		{Question: "Iran", Until: "2021-12-31"},
		{Question: "Iran", Transcript: "no such transcript"},
	} {
		ans, err := s.Ask(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if !ans.Abstained || len(ans.Quotes) != 0 {
			t.Errorf("%+v: filters should leave nothing, got %d quotes", q, len(ans.Quotes))
		}
	}
	ans, err = s.Ask(ctx, retrieval.Query{Question: "Iran", Since: "2022-01-21", Until: "2022-01-21", K: 2})
	if err != nil || len(ans.Quotes) != 2 {
		t.Errorf("date range holding the sample: %d quotes, err %v", len(ans.Quotes), err)
	}
	// Names and titles match however they are punctuated or spaced, and a
	// transcript by part of its id.
	for _, q := range []retrieval.Query{
		{Question: "Iran", Speaker: "andrea  MITCHELL"},
		{Question: "Iran", Speaker: "secretary antony j blinken"},
		{Question: "Iran", Transcript: "press-availability"},
		{Question: "Iran", Transcript: sampleID[:6]},
	} {
		ans, err := s.Ask(ctx, q)
		if err != nil || len(ans.Quotes) == 0 {
			t.Errorf("%+v: %d quotes (%v), want the sample's", q, len(ans.Quotes), err)
		}
	}
	// A filter that matches nothing at all is named as what found nothing.
	for q, want := range map[retrieval.Query]string{
		{Question: "Iran", Speaker: "nobodyxyz"}:                          "No speaker's name or label contains “nobodyxyz”.",
		{Question: "Iran", Transcript: "no such transcript"}:              "No transcript's id or title contains “no such transcript”.",
		{Question: "Iran", Since: "2023-01-01"}:                           "No transcript is dated in that period.",
		{Question: "Iran", Since: "2023-01-01", Until: "2022-01-01"}:      "No day is on or after 2023-01-01 and on or before 2022-01-01.",
		{Question: "Iran", Speaker: "mitchell", Since: "2022-01-21"}:      "",
		{Question: "zxqv", Speaker: "mitchell", Transcript: sampleID[:6]}: "",
	} {
		ans, err := s.Ask(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if want != "" && ans.Answer != want {
			t.Errorf("%+v: answer %q, want %q", q, ans.Answer, want)
		}
		if want == "" && strings.HasPrefix(ans.Answer, "No ") && strings.Contains(ans.Answer, "contains") {
			t.Errorf("%+v: answer %q blames a filter that matches", q, ans.Answer)
		}
	}
}

func TestAskBadQuestions(t *testing.T) {
	_, s := sampleSearcher(t)
	for _, tt := range []struct {
		q    string
		want error
	}{
		{"", retrieval.ErrEmptyQuestion},
		{"   \n\t", retrieval.ErrEmptyQuestion},
		{strings.Repeat("why ", 2000), retrieval.ErrQuestionTooLong},
	} {
		if _, err := s.Ask(context.Background(), retrieval.Query{Question: tt.q}); !errors.Is(err, tt.want) {
			t.Errorf("Ask(%.20q) err = %v, want %v", tt.q, err, tt.want)
		}
	}
	// Words no transcript and no embedder knows are no error.
	if _, err := s.Ask(context.Background(), retrieval.Query{Question: "zxqv 12345 ???"}); err != nil {
		t.Errorf("unknown words: %v", err)
	}
}

// FuzzAsk: any question gets an answer or a clear error, never a panic, and
// every quote is verbatim.
func FuzzAsk(f *testing.F) {
	for _, q := range []string{"Iran", "What did Blinken say about NATO?", "…", "\"quoted\" words — dashes", "100,000 troops"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, question string) {
		store, s := sampleSearcher(t)
		ans, err := s.Ask(context.Background(), retrieval.Query{Question: question, K: 3})
		if err != nil {
			if !errors.Is(err, retrieval.ErrEmptyQuestion) && !errors.Is(err, retrieval.ErrQuestionTooLong) {
				t.Fatalf("Ask(%q): %v", question, err)
			}
			return
		}
		for _, q := range append(ans.Quotes, ans.Closest...) {
			checkVerbatim(t, store, q)
		}
	})
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sample.store != nil {
		sample.store.Close()
	}
	if sample.dir != "" {
		os.RemoveAll(sample.dir)
	}
	os.Exit(code)
}

// BenchmarkAskSample is one question over the sample transcript, the path
// every /ask of a bot serving the sample takes.
func BenchmarkAskSample(b *testing.B) {
	data, err := os.ReadFile("testdata/blinken-geneva-2022-01-21.txt")
	if err != nil {
		b.Fatal(err)
	}
	doc, err := ingest.Parse("blinken.txt", data)
	if err != nil {
		b.Fatal(err)
	}
	tr, ps := ingest.Passages(doc)
	st, err := retrieval.Open(context.Background(), b.TempDir(), embedding.NewGloVe())
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if err := st.Add(context.Background(), tr, ps); err != nil {
		b.Fatal(err)
	}
	s := retrieval.NewSearcher(st)
	qs := []string{"What did Blinken say about Iran?", "Can Russia attack Ukraine from Belarus?", "How do I bake sourdough bread?"}
	b.ResetTimer()
	for i := range b.N {
		if _, err := s.Ask(context.Background(), retrieval.Query{Question: qs[i%len(qs)]}); err != nil {
			b.Fatal(err)
		}
	}
}
