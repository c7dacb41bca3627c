package retrieval

import (
	"regexp"
	"slices"
	"strings"
)

// A "How many…" question says what it counts, and its answer gives a
// number of that: "How many manufacturing jobs…" is answered by "more than
// 680,000 manufacturing jobs", not by any sentence with a number in it.

// howManyUnitRE finds what a question counts: the words after "how many"
// up to the verb ("How many homeless people did…" → "homeless people").
var howManyUnitRE = regexp.MustCompile(`(?i)\bhow many\s+((?:[\w.'’-]+\s+){0,4}?[\w.'’-]+?)\s+(?:did|do|does|were|was|had|have|has|are|is|will|would|could|can|should|might|may|must)\b`)

// reportedAskRE finds, before a "how many", that the question reports
// someone else's asking ("…when Kaitlan Collins asked how many variant
// cases…"): that count is not what the question asks for.
var reportedAskRE = regexp.MustCompile(`(?i)\b(ask|asks|asked|asking|wonder|wondered|when|after|while)\b`)

// genericUnit are words of a count that say nothing of what is counted.
var genericUnit = wordSet("more additional new total u us american americans other different")

// countedUnit returns the index terms of what a question counts, nil if it
// does not say.
func countedUnit(question string) []string {
	m := howManyUnitRE.FindStringSubmatchIndex(question)
	if m == nil || reportedAskRE.MatchString(question[:m[0]]) {
		return nil
	}
	var out []string
	for _, t := range tokens(question[m[2]:m[3]]) {
		if !genericUnit[t] {
			out = append(out, t)
		}
	}
	return out
}

// countWordRE is a number in one word: "130,000", "20", "million".
var countWordRE = regexp.MustCompile(`(?i)^(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen|dozens)$`)

// countsUnit reports whether a sentence gives a number of the unit: a
// number followed, within three words, by one of the unit's terms ("more
// than 680,000 manufacturing jobs", "some 700 refugees").
func countsUnit(unit []string, sentence string) bool {
	if len(unit) == 0 {
		return false
	}
	words := strings.Fields(sentence)
	for i, w := range words {
		if !countWordRE.MatchString(strings.Trim(w, `"“”'’()[]:;,.!?—–-$`)) {
			continue
		}
		for _, next := range words[i+1 : min(len(words), i+4)] {
			for _, t := range tokens(next) {
				if slices.Contains(unit, t) {
					return true
				}
			}
		}
	}
	return false
}

// countsUnitIn reports whether a passage gives a number of what the
// question counts, a number the question does not already say.
func (s *Searcher) countsUnitIn(qa *query, passage int) bool {
	if len(qa.unit) == 0 {
		return false
	}
	text := s.passages[passage].Text
	for _, sp := range Sentences(text) {
		if sentence := text[sp.Start:sp.End]; countsUnit(qa.unit, sentence) && holdsAnswerFor(qa, sentence) {
			return true
		}
	}
	return false
}
