package retrieval

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) of a text.
type Span struct{ Start, End int }

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "sen": true,
	"rep": true, "gov": true, "gen": true, "lt": true, "col": true, "sgt": true,
	"prof": true, "jr": true, "sr": true, "vs": true, "amb": true,
	"adm": true, "capt": true, "cmdr": true, "maj": true, "messrs": true,
	"u.s": true, "u.k": true, "u.n": true, "e.g": true, "i.e": true, "a.m": true,
	"p.m": true, "d.c": true, "etc": true, "inc": true, "corp": true, "co": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// Sentences splits text into sentences, returned as spans of text with
// surrounding white space trimmed. A sentence ends at ".", "?" or "!" (and
// any closing quotes or brackets after it) followed by white space and an
// upper-case letter, digit, quote or bracket; paragraph breaks always end
// one. Abbreviations such as "Mr." and "U.S." do not end a sentence.
// Concatenating the spans in order, with the gaps between them, gives text
// back, so an excerpt made of consecutive spans is verbatim.
func Sentences(text string) []Span {
	var out []Span
	start := 0
	emit := func(end int) {
		s, e := trimSpan(text, start, end)
		if e > s {
			out = append(out, Span{s, e})
		}
		start = end
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n' && i+1 < len(text) && strings.HasPrefix(strings.TrimLeft(text[i+1:], " \t\r"), "\n"):
			emit(i)
		case r == '.' || r == '?' || r == '!':
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if r2 == '.' || r2 == '?' || r2 == '!' || r2 == '"' || r2 == '\'' || r2 == '’' || r2 == '”' || r2 == ')' || r2 == ']' {
					j += s2
					continue
				}
				break
			}
			if j < len(text) && endsSentence(text, i, j) {
				emit(j)
				i = j
				continue
			}
		}
		i += size
	}
	emit(len(text))
	return out
}

// endsSentence reports whether the punctuation at text[i] (closing marks up
// to j) ends a sentence: white space follows, then something that can start
// one, and the word before is not an abbreviation or an initial.
func endsSentence(text string, i, j int) bool {
	r, _ := utf8.DecodeRuneInString(text[j:])
	if !unicode.IsSpace(r) {
		return false
	}
	k := j
	for k < len(text) {
		r2, s2 := utf8.DecodeRuneInString(text[k:])
		if !unicode.IsSpace(r2) {
			break
		}
		k += s2
	}
	if k >= len(text) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(text[k:])
	if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("\"'“‘([—–-", next)) {
		return false
	}
	if text[i] != '.' {
		return true
	}
	// The word before the period.
	w := i
	for w > 0 {
		r2, s2 := utf8.DecodeLastRuneInString(text[:w])
		if unicode.IsSpace(r2) || r2 == '(' || r2 == '"' || r2 == '“' {
			break
		}
		w -= s2
	}
	word := strings.ToLower(text[w:i])
	if abbreviations[word] {
		return false
	}
	// A single capital letter ("John F. Kennedy") is an initial.
	if utf8.RuneCountInString(word) == 1 {
		r2, _ := utf8.DecodeRuneInString(text[w:i])
		return !unicode.IsLetter(r2)
	}
	return true
}

func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, size := utf8.DecodeRuneInString(text[s:])
		if !unicode.IsSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(text[:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}
