package verify

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// scanWords calls fn for every word of s with its byte span in s and its
// normalised form: lower-case, apostrophes straight. A word is a run of
// letters, digits and combining marks; an apostrophe between two such runes
// belongs to the word ("we're" is one word); every other character (hyphens,
// dashes, punctuation, Markdown escapes) separates words. Words struck out
// by a correction, "<s>negative</s> [positive]", are not words: the
// corrected text is "positive". word is valid only during the call.
// scanWords returns buf, grown, for reuse.
func scanWords(s string, buf []byte, fn func(start, end int, word []byte)) []byte {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if !isASCIIWord(c) {
				i += struck(s[i:]) + 1
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(s[i:]); !isWordRune(r) {
			i += size
			continue
		}
		start := i
		buf = buf[:0]
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				switch {
				case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
					buf = append(buf, c)
					i++
					continue
				case 'A' <= c && c <= 'Z':
					buf = append(buf, c+'a'-'A')
					i++
					continue
				case c == '\'' && i+1 < len(s):
					if next, _ := decodeRune(s, i+1); isWordRune(next) {
						buf = append(buf, '\'')
						i++
						continue
					}
				}
				break
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if isWordRune(r) {
				buf = utf8.AppendRune(buf, unicode.ToLower(r))
				i += size
				continue
			}
			if isApostrophe(r) && i+size < len(s) {
				if next, _ := decodeRune(s, i+size); isWordRune(next) {
					buf = append(buf, '\'')
					i += size
					continue
				}
			}
			break
		}
		fn(start, i, buf)
	}
	return buf
}

// strikeOpen and strikeClose mark words struck out in a corrected
// transcript (the White House's, as ingest keeps them).
const (
	strikeOpen  = "<s>"
	strikeClose = "</s>"
)

// struck returns, when s opens with words struck out ("<s>negative</s>"),
// how many bytes after the first the strike-through runs; else 0.
func struck(s string) int {
	if !strings.HasPrefix(s, strikeOpen) {
		return 0
	}
	end := strings.Index(s[len(strikeOpen):], strikeClose)
	if end < 0 {
		return 0
	}
	return len(strikeOpen) + end + len(strikeClose) - 1
}

// isASCIIWord reports whether the ASCII byte c is a letter or a digit.
func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// countWords counts the words of s as scanWords cuts them, stopping once
// there are more than limit.
func countWords(s string, limit int) int {
	n := 0
	in := false // inside a word
	for i := 0; i < len(s) && n <= limit; {
		r, size := decodeRune(s, i)
		switch {
		case isWordRune(r):
			if !in {
				n++
			}
			in = true
		case in && isApostrophe(r) && i+size < len(s):
			next, _ := decodeRune(s, i+size)
			in = isWordRune(next)
		default:
			in = false
		}
		i += size
	}
	return n
}

// decodeRune decodes the rune at s[i:], with a fast path for ASCII.
func decodeRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// hasEllipsis reports whether the text between two words of a claim cuts it:
// "…", "..." or ". . .".
func hasEllipsis(gap string) bool {
	if strings.ContainsRune(gap, '…') {
		return true
	}
	return strings.Contains(strings.ReplaceAll(gap, " ", ""), "...")
}

// stopWordList holds the words too common to show, alone, that a claim was
// said: they weigh less in alignments and never anchor a candidate alone.
// Negations (no, not, never, don't...) are not stop words: a claim that
// drops or adds one says something else.
const stopWordList = `a about above after again against all am an and any are as at be because been before being below
	between both but by can could did do does doing down during each few for from further had has have
	having he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've
	if in into is it it's its itself let's me more most my myself of off on once only or other ought our
	ours ourselves out over own same she she'd she'll she's should so some such than that that's the
	their theirs them themselves then there there's these they they'd they'll they're they've this those
	through to too under until up very was we we'd we'll we're we've were what what's when when's where
	where's which while who who's whom why why's will with would you you'd you'll you're you've your
	yours yourself yourselves just also well going get got know think s t ll re ve d m`

// stopWords returns the set of stopWordList.
func stopWords() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(stopWordList) {
		m[w] = true
	}
	return m
}
