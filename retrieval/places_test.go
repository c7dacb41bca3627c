package retrieval

import (
	"slices"
	"testing"
)

func TestFindPlaces(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"Already, states like Delaware and New Mexico have appointed them.", []string{"Delaware", "New Mexico"}},
		{"Trevor has been evacuated to Germany.", []string{"Germany"}},
		{"He visited the U.S. Virgin Islands, then Ukraine’s capital.", []string{"U.S. Virgin Islands", "Ukraine"}},
		{"The U.K. and Washington State signed it.", []string{"U.K.", "Washington State"}},
		{"New rules take effect in New York (the state).", []string{"New York"}},
		{"Nobody in Washington said so; ask Jordan.", []string{"Jordan"}}, // the capital is not a state
		{"a sentence in lower case about georgia", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, at := range findPlaces(tt.sentence) {
			got = append(got, tt.sentence[at[0]:at[1]])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("findPlaces(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

func BenchmarkFindPlaces(b *testing.B) {
	s := "As you know by now, we have asked states to appoint infrastructure coordinators, which we think will help foster cross-agency collaboration and make it easier for them to get problems solved very quickly. Already, states like Delaware and New Mexico have appointed them."
	for b.Loop() {
		findPlaces(s)
	}
}
