package answer

import (
	"testing"

	"github.com/onrecord/onrecord/retrieval"
)

func TestText(t *testing.T) {
	tests := []struct {
		name string
		s    Sentence
		want string
	}{
		{
			name: "quotation naming the speaker",
			s:    Sentence{Text: `Blinken said Russia's choice was "the path of diplomacy".`, Quote: "the path of diplomacy", Speaker: blinken, PassageIDs: []string{"b"}, Kind: Quotation},
			want: "Blinken said Russia's choice was “the path of diplomacy” [2].",
		},
		{
			name: "quotation without the speaker gets the name",
			s:    Sentence{Text: "Russia faces “the path of diplomacy.”", Quote: "the path of diplomacy", Speaker: blinken, PassageIDs: []string{"b", "a"}, Kind: Quotation},
			want: "Russia faces “the path of diplomacy” (Secretary Antony J. Blinken) [2][1].",
		},
		{
			name: "quotation only in the quote field",
			s:    Sentence{Text: "Blinken described the choice.", Quote: "the path of diplomacy", Speaker: blinken, PassageIDs: []string{"a"}, Kind: Quotation},
			want: "Blinken described the choice: “the path of diplomacy” [1].",
		},
		{
			name: "quotation unmarked in the text",
			s:    Sentence{Text: "Blinken said the talks were frank and substantive", Quote: "frank and substantive", Speaker: blinken, PassageIDs: []string{"a"}, Kind: Quotation},
			want: "Blinken said the talks were “frank and substantive” [1].",
		},
		{
			name: "single quotes",
			s:    Sentence{Text: "Blinken called it 'useful' in that sense.", Quote: "useful", Speaker: blinken, PassageIDs: []string{"a"}, Kind: Quotation},
			want: "Blinken called it “useful” in that sense [1].",
		},
		{
			name: "paraphrase",
			s:    Sentence{Text: "Blinken said the talks would continue", PassageIDs: []string{"a", "zzz"}, Kind: Paraphrase},
			want: "Blinken said the talks would continue [1].",
		},
		{
			name: "question mark kept",
			s:    Sentence{Text: "Did Russia choose diplomacy?", PassageIDs: []string{"a"}, Kind: Paraphrase},
			want: "Did Russia choose diplomacy [1]?",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Reply{Sentences: []Sentence{tt.s}, Sources: []string{"a", "b"}}
			if got := r.Text(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestMerge(t *testing.T) {
	r := Reply{
		Sources: []string{"a", "b", "c"},
		Sentences: []Sentence{
			{Text: "Blinken said the talks were useful.", PassageIDs: []string{"b"}, Kind: Paraphrase},
			{Text: "Blinken said the talks would continue.", PassageIDs: []string{"c"}, Kind: Paraphrase},
			{Text: "Blinken said “we will continue to stand with Ukraine.”", Quote: "we will continue to stand with Ukraine", Speaker: blinken, PassageIDs: []string{"c", "a"}, Kind: Quotation},
		},
	}
	quotes := []retrieval.Quote{{PassageID: "b", Text: "useful"}, {PassageID: "a", Text: "stand with Ukraine"}}
	tests := []struct {
		name       string
		extractive retrieval.Answer
		want       string
	}{
		{
			name:       "numbered by the quotes shown; uncited sentence left out",
			extractive: retrieval.Answer{Question: "q", Quotes: quotes},
			want:       "Blinken said the talks were useful [1]. Blinken said “we will continue to stand with Ukraine” [2].",
		},
		{
			name:       "abstention kept",
			extractive: retrieval.Answer{Question: "q", Abstained: true, Answer: "Not in the transcripts.", Closest: quotes},
			want:       "Not in the transcripts.",
		},
		{
			name:       "no quotes kept",
			extractive: retrieval.Answer{Question: "q"},
			want:       "",
		},
		{
			name:       "nothing cited among the quotes",
			extractive: retrieval.Answer{Question: "q", Quotes: []retrieval.Quote{{PassageID: "zzz"}}},
			want:       "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Merge(tt.extractive, r)
			if got.Answer != tt.want {
				t.Errorf("Answer = %q, want %q", got.Answer, tt.want)
			}
			if len(got.Quotes) != len(tt.extractive.Quotes) || got.Abstained != tt.extractive.Abstained {
				t.Errorf("quotes or abstention changed: %+v", got)
			}
		})
	}
}
