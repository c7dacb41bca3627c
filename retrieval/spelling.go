package retrieval

import (
	"regexp"
	"strings"
)

// Transcripts are spelled the American way or the British, and so are
// questions: asked about "defence spending" or how Kirby "characterised"
// something, an American transcript holds none of those words. A word of
// the question that no transcript holds is therefore tried in the other
// spelling, and taken in it when a transcript holds that one.

// spellingPairs are the endings and letters that differ between the two
// spellings, each way round.
var spellingPairs = [][2]string{
	{"isation", "ization"}, {"ise", "ize"}, {"ising", "izing"}, {"ised", "ized"}, {"yse", "yze"}, {"ysed", "yzed"},
	{"our", "or"}, {"ence", "ense"}, {"tre", "ter"}, {"ogue", "og"}, {"lled", "led"}, {"lling", "ling"}, {"mme", "m"},
}

// wordRE finds the words of a question that may be spelled otherwise.
var wordRE = regexp.MustCompile(`[A-Za-z]{5,}`)

// knownSpelling returns the question with each word that no transcript
// holds replaced by its other spelling, where a transcript holds that.
func (s *Searcher) knownSpelling(question string) string {
	return wordRE.ReplaceAllStringFunc(question, func(w string) string {
		if s.holdsWord(w) {
			return w
		}
		lower := strings.ToLower(w)
		for _, p := range spellingPairs {
			for _, ab := range [][2]string{p, {p[1], p[0]}} {
				i := strings.LastIndex(lower, ab[0])
				if i < 0 {
					continue
				}
				v := lower[:i] + ab[1] + lower[i+len(ab[0]):]
				if s.holdsWord(v) {
					if w[0] >= 'A' && w[0] <= 'Z' {
						v = strings.ToUpper(v[:1]) + v[1:]
					}
					return v
				}
			}
		}
		return w
	})
}

// holdsWord reports whether a transcript holds the word (or it is no
// index term at all, as stop words are not).
func (s *Searcher) holdsWord(w string) bool {
	ts := tokens(w)
	return len(ts) != 1 || len(s.lex.postings[ts[0]]) > 0
}
