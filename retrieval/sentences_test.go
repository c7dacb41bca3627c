package retrieval

import (
	"reflect"
	"testing"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"simple", "First one.  Second one? Third!", []string{"First one.", "Second one?", "Third!"}},
		{"abbreviations", "Mr. Lavrov met the U.S. Secretary. Then he left.", []string{"Mr. Lavrov met the U.S. Secretary.", "Then he left."}},
		{"initial", "John F. Kennedy spoke. Done.", []string{"John F. Kennedy spoke.", "Done."}},
		{"decimal and lower case", "It rose 2.5 percent. and more. Yes.", []string{"It rose 2.5 percent. and more.", "Yes."}},
		{"quote closes", "He said, “No.” Then silence.", []string{"He said, “No.”", "Then silence."}},
		{"paragraph break", "no stop here\n\nNext paragraph", []string{"no stop here", "Next paragraph"}},
		{"dash start", "We did. — And more.", []string{"We did.", "— And more."}},
		{"empty", "   ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range Sentences(tt.text) {
				got = append(got, tt.text[s.Start:s.End])
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Sentences(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("Mr. Lavrov met the U.S. Secretary. Then he left.")
	f.Add("a.\n\n\nB? c! “D.” (E.)")
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, s := range Sentences(text) {
			if s.Start < prev || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("bad span %v after %d in %q", s, prev, text)
			}
			prev = s.End
		}
	})
}
