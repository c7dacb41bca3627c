package retrieval

import (
	"context"
	"fmt"
	"testing"
)

// searcherOverTexts is a searcher over one made-up transcript whose
// passages are the texts, each an answer of the speaker's.
func searcherOverTexts(t *testing.T, speaker string, texts []string) *Searcher {
	t.Helper()
	tr := Transcript{ID: "tr-test", Title: "Briefing", Date: "2024-01-01", TextHash: "test"}
	var ps []Passage
	for i, text := range texts {
		ps = append(ps, Passage{ID: fmt.Sprintf("test-%d", i), TranscriptID: tr.ID, Title: tr.Title, Date: tr.Date,
			Speaker: speaker, Role: RoleOfficial, Kind: KindAnswer, Turn: i, Paragraphs: []int{i + 1}, Text: text})
	}
	st := openT(t, t.TempDir(), newBOW(64))
	if err := st.Add(context.Background(), tr, ps); err != nil {
		t.Fatal(err)
	}
	return NewSearcher(st)
}

// withOtherBusiness adds n passages of other business of the day, so that
// a question's words are rarer than in a few passages alone.
func withOtherBusiness(texts []string, n int) []string {
	for i := range n {
		texts = append(texts, fmt.Sprintf("The President met the Prime Minister about trade and the summit, item %d of the agenda.", i))
	}
	return texts
}

// A passage answers "How many…" in kind when a sentence bearing on the
// question holds a number the question does not say.
func TestAnswersInKind(t *testing.T) {
	texts := []string{
		"We will get homeless people off the streets with the rescue money. It is our first priority.",
		"With that money, we know for a fact that we can get as many as 130,000 people off the streets.",
		"Our office has 40 staff members who work on housing policy.",
		"Nobody knows how many homeless people the rescue money can move off the streets.",
	}
	s := searcherOverTexts(t, "Secretary Marcia L. Fudge", withOtherBusiness(texts, 12))
	qa, err := s.analyse(context.Background(), "How many homeless people could the rescue money move off the streets?")
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{false, true, false, false, false} {
		if got := s.answersInKind(qa, i); got != want {
			t.Errorf("answersInKind(%q) = %v, want %v", texts[i], got, want)
		}
	}
}

// TestAskedClause: the clause that says what the answer wanted was asked.
func TestAskedClause(t *testing.T) {
	tests := []struct{ question, clause string }{
		{"What did Biden say when pressed on whether a filibuster should be broken with 60 votes?", " on whether a filibuster should be broken with 60 votes"},
		{"What did Karine Jean-Pierre say about the U.S.-UK relationship when asked about Boris Johnson's resignation?", " about Boris Johnson's resignation"},
		{"How did Blinken describe the plant when the CBS News reporter asked about occupied reactors?", " about occupied reactors"},
		{"What did the CDC say when Kaitlan Collins asked how many variant cases were out there?", " how many variant cases were out there"},
		{"How did the coordinator respond when a BuzzFeed reporter suggested that equity would slow the rollout?", " that equity would slow the rollout"},
		{"What did Psaki say about the summit?", ""},
	}
	for _, tt := range tests {
		got := ""
		if m := askedClauseRE.FindStringSubmatch(tt.question); m != nil {
			got = m[1]
		}
		if got != tt.clause {
			t.Errorf("clause of %q = %q, want %q", tt.question, got, tt.clause)
		}
	}
}
