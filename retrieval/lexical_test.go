package retrieval

import (
	"slices"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Russia’s troops", []string{"russia", "troop"}},
		{"100,000 troops, 2.5 percent", []string{"100000", "troop", "2.5", "percent"}},
		{"de-escalate the situation", []string{"de", "escalate", "situation"}},
		{"We didn't expect any breakthroughs", []string{"expect", "breakthrough"}},
		{"He came to Geneva; meetings", []string{"come", "geneva", "meet"}},
		{"The national climate adviser", []string{"national", "climate", "advisor"}},
		{"Zelenskyy, Кулеба", []string{"zelenskyy", "кулеба"}},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := tokens(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("tokens(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestLexiconSearch(t *testing.T) {
	ps := []Passage{
		{Text: "We discussed Iran and the JCPOA.", Kind: KindStatement},
		{Text: "The weather in Geneva was cold.", Kind: KindStatement},
		{Text: "Sanctions will follow.", Kind: KindAnswer, Question: "What about Iran?"},
	}
	lx := newLexicon(ps)
	got := lx.search(tokens("Iran JCPOA"), 10, nil)
	if len(got) != 2 || got[0].doc != 0 || got[1].doc != 2 {
		t.Fatalf("search = %+v, want passage 0 then 2 (found through its question)", got)
	}
	if got := lx.search(tokens("Iran"), 10, func(i int) bool { return i != 0 }); len(got) != 1 || got[0].doc != 2 {
		t.Errorf("filtered search = %+v", got)
	}
	if lx.idf("absentword") <= lx.idf("iran") {
		t.Error("a word no passage has must weigh more than one that is there")
	}
}

func FuzzTokens(f *testing.F) {
	f.Add("Russia’s 100,000 troops — de-escalate, 2.5%")
	f.Add("'''’’ 1,2,3 ...")
	f.Fuzz(func(t *testing.T, text string) {
		for _, tok := range tokens(text) {
			if tok == "" {
				t.Fatalf("empty token from %q", text)
			}
		}
	})
}
