package retrieval

import (
	"context"
	"testing"
)

// In an archive large enough, a plain word no passage holds in any form
// is named as never mentioned; a form of a word it holds, a name, a
// figure, or a word missing from a small archive is not.
func TestUnheardWord(t *testing.T) {
	texts := []string{
		"Russia is spying on its neighbors, and we are watching it closely.",
		"Japan is an unreliable partner, some say of blocking the purchase; we do not agree with that signal.",
	}
	// The rest of a large archive: other business, in other words.
	s := searcherOverTexts(t, "John Kirby", withOtherBusiness(texts, minArchivePassages))
	small := searcherOverTexts(t, "John Kirby", texts[:2])
	for question, want := range map[string]string{
		"What did Kirby say about dolphins spying for Russia?":     "dolphins",
		"What did Kirby say about Russia spying on its neighbors?": "",
		"Did blocking the purchase signal unreliability to Japan?": "", // a form of "unreliable"
		"What did Kirby say about Russia and Zanzibar?":            "", // a name: the name check's
		"What did Kirby say about the 123,456 spies?":              "", // a figure: the claim check's
		"What did Kirby say about Russia being readmitted?":        "", // what happened, in the asker's words
	} {
		qa, err := s.analyse(context.Background(), question)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.unheardWord(qa); got != want {
			t.Errorf("unheardWord(%q) = %q, want %q", question, got, want)
		}
		qa, _ = small.analyse(context.Background(), question)
		if got := small.unheardWord(qa); got != "" {
			t.Errorf("unheardWord(%q) over two passages = %q, want none: too few to tell", question, got)
		}
	}
	a, err := s.Ask(context.Background(), Query{Question: "What did Kirby say about dolphins spying for Russia?"})
	if err != nil {
		t.Fatal(err)
	}
	if !a.Abstained || a.Answer != "No transcript mentions “dolphins”. The closest passages are below, but they are not an answer." || len(a.Closest) == 0 {
		t.Errorf("Ask = abstained %v, %q, %d closest; want an abstention that names the word, with the closest passages", a.Abstained, a.Answer, len(a.Closest))
	}
}
