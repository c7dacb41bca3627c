package retrieval

import (
	"regexp"
	"strings"
)

// A question about a word no transcript holds ("What did Kirby say about
// dolphins spying for Russia?") is not answered by what the transcripts
// say about its other words (spies, Russia). In an archive of thousands of
// briefings, a plain word that none of them holds means the subject never
// came up; in a handful of transcripts it means little, since most words
// are missing from any handful. Names are left to the name check, and
// figures to the claim check.

// minArchivePassages is the size of an archive from which on a word no
// passage holds means its subject never came up. Over the 1,154 White
// House briefings (about 100,000 passages), none of 195 answerable
// questions holds such a word once its forms are looked for
// ("unreliability" finds "unreliable"); over 14 transcripts, 17 of 52 do.
const minArchivePassages = 20000

// minPrefix is how many first letters a word must share with one the
// transcripts hold to count as a form of it ("unreliability" and
// "unreliable"): its length less five, and at least six.
const minPrefix = 6

// unheardWord returns the first plain word of the question that no
// transcript holds in any form, as the question writes it; "" if there is
// none or the archive is too small to tell.
func (s *Searcher) unheardWord(qa *query) string {
	if s.lex.n < minArchivePassages {
		return ""
	}
	named := map[string]bool{}
	for _, n := range qa.names {
		named[n] = true
	}
	for _, t := range dedupe(qa.content) {
		if len(s.lex.postings[t]) > 0 || named[t] || strings.ContainsAny(t, "0123456789") || s.holdsFormOf(t) {
			continue
		}
		if w := surfaceWord(qa.text, t); !saysWhatHappened(w) {
			return w
		}
	}
	return ""
}

// saysWhatHappened reports whether a word is a verb's inflected form or an
// adverb ("readmitted", "imploding", "quietly"): what the asker says
// happened, in their own words, which the speakers may have put otherwise
// ("Syria being readmitted to the Arab League" was said as its return).
// The subject never mentioned is a noun: dolphins, a volcano, lasagna.
func saysWhatHappened(word string) bool {
	w := strings.ToLower(word)
	return len(w) >= 6 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ly"))
}

// holdsFormOf reports whether the transcripts hold a word that begins as
// term does, over all but its last five letters and at least minPrefix.
func (s *Searcher) holdsFormOf(term string) bool {
	n := max(minPrefix, len(term)-5)
	if len(term) < n {
		return false
	}
	prefix := term[:n]
	for t := range s.lex.postings {
		if strings.HasPrefix(t, prefix) {
			return true
		}
	}
	return false
}

// questionWordRE finds the words of a question as written.
var questionWordRE = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}'’-]*`)

// surfaceWord returns the word of text whose index term is term, as
// written, or term itself.
func surfaceWord(text, term string) string {
	for _, w := range questionWordRE.FindAllString(text, -1) {
		for _, t := range tokens(w) {
			if t == term {
				return w
			}
		}
	}
	return term
}
