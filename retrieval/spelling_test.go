package retrieval

import "testing"

// A word no transcript holds is taken in its other spelling when a
// transcript holds that; words the transcripts hold, and words neither
// spelling of which they hold, stay as they are.
func TestKnownSpelling(t *testing.T) {
	texts := []string{
		"Allies agreed to raise their spending on defense.",
		"How would you characterize the summit? Productive, and my favorite part was the families.",
		"The centre of the programme is the labour market.", // a British transcript
		"We traveled to the theater.",
	}
	s := searcherOverTexts(t, "John Kirby", texts)
	for question, want := range map[string]string{
		"What did Kirby say about defence spending?":                  "What did Kirby say about defense spending?",
		"How did Kirby characterise the summit?":                      "How did Kirby characterize the summit?",
		"What was his favourite part?":                                "What was his favorite part?",
		"What is at the center of the program for labor?":             "What is at the centre of the programme for labour?",
		"Who travelled to the theatre?":                               "Who traveled to the theater?",
		"Defence first":                                               "Defense first",
		"What about the colour of the flag, the summit, and defense?": "What about the colour of the flag, the summit, and defense?",
	} {
		if got := s.knownSpelling(question); got != want {
			t.Errorf("knownSpelling(%q) = %q, want %q", question, got, want)
		}
	}
}
