package ingest

import "testing"

// TestSalutation checks the name an answer's first words thank, on lines
// from wh-press-briefings (dated in each case).
func TestSalutation(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		// 2022-09-15 background call on President Ramaphosa's visit
		{"name, thanks for the question", "Anita, thank you so much for that question.  Regarding the legislation, since that is still pending in Congress, I prefer not to comment on it at this point.", "Anita"},
		// 2021-11-04, 2021-12-13, 2022-01-05, 2021-09-24
		{"a word first", "So, Meg, thanks for the question.", "Meg"},
		{"thanks for the question, name", "Yeah, thank you for that question, Tamara.", "Tamara"},
		{"no, thanks", "No, thank you for the question, April.", "April"},
		{"greeted and thanked", "Hey, Priscilla, thanks so much for the question.", "Priscilla"},
		{"thanks, name", "Thanks, Ben.  I think that’s right.", "Ben"},
		{"thanks for the questions, no name", "Great, thank you for the questions.", ""},
		{"thanks for the question, no name", "Yeah, thank you for that question.  So, look, we have been clear.", ""},
		{"thanks for something else", "Everybody, thanks for your patience today.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := salutation(tt.text); got != tt.want {
				t.Errorf("salutation(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestAsksAnother checks whether an official's closing question is put to
// someone other than the reporter answered (wh-press-briefings 2023-01-23,
// 2021-08-23, 2021-08-10, 2021-07-19).
func TestAsksAnother(t *testing.T) {
	midCaps := map[string]bool{"Franco": true, "Kelly": true}
	tests := []struct {
		name, turn, reporter string
		want                 bool
	}{
		{"another reporter", "I have time for a couple more.  Let’s do Franco.  Franco, are you there?", "Brooke Singman", true},
		{"the reporter", "You mean on the ground, Kelly?", "Kelly O’Donnell", false},
		{"a topic first", "Inflation, you said?", "Eugene", false},
		{"asked back", "As it relates to the cyber activities and the attribution that was put out earlier this morning?", "Phil", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := asksAnother(Turn{Paragraphs: []string{tt.turn}}, tt.reporter, midCaps); got != tt.want {
				t.Errorf("asksAnother(%q, %q) = %v, want %v", tt.turn, tt.reporter, got, tt.want)
			}
		})
	}
}
