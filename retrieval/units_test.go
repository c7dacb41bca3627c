package retrieval

import (
	"slices"
	"testing"
)

func TestCountedUnit(t *testing.T) {
	tests := []struct {
		question string
		want     []string
	}{
		{"How many homeless people did the new HUD secretary think the money could move off the streets?", []string{"homeless", "people"}},
		{"How many manufacturing jobs had the economy added since Biden took office?", []string{"manufactur", "job"}},
		{"How many more borrowers were approved for student debt relief?", []string{"borrower"}},
		{"How many U.S. locations were stocking Paxlovid?", []string{"location"}},
		{"How many were there?", nil},
		{"By how much had the CDC stepped up sequencing, when Kaitlan Collins asked how many variant cases were out there?", nil},
		{"How much money did they ask for?", nil},
		{"What did Psaki say?", nil},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			if got := countedUnit(tt.question); !slices.Equal(got, tt.want) {
				t.Errorf("countedUnit = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCountsUnit(t *testing.T) {
	tests := []struct {
		unit     []string
		sentence string
		want     bool
	}{
		// Real sentences of the White House briefings.
		{[]string{"manufactur", "job"}, "Our economy has already added more than 680,000 manufacturing jobs since President Biden took office.", true},
		{[]string{"refugee"}, "There are some 700 refugees who are waiting to come to the United States.", true},
		{[]string{"vaccine", "dos"}, "Over 17 million doses have been administered to people 65 or older.", true},
		{[]string{"teacher"}, "the elimination of 100,000 teachers and support staff across the country", true},
		// A number, but not of what is counted.
		{[]string{"refugee"}, "We spoke with 12 governors about the refugees.", false},
		{[]string{"job"}, "The jobs report came out at 8:30.", false},
		{nil, "There are 700 refugees.", false},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			if got := countsUnit(tt.unit, tt.sentence); got != tt.want {
				t.Errorf("countsUnit(%q) = %v, want %v", tt.unit, got, tt.want)
			}
		})
	}
}
