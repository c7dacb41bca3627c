package verify

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxFragmentGap is how many words may separate two fragments of a quote cut
// with "…" for them to count as one quote.
const maxFragmentGap = 120

// Normalize returns s as quotes are compared: lower-case; curly quotes and
// apostrophes made straight; every dash (‐ ‑ ‒ – — ― −) made "-"; Markdown
// escapes such as `\[` unescaped and every "*" (emphasis) dropped, as the
// project's eval does; zero-width
// characters dropped; every run of white space, U+00A0 included, made one
// space; leading and trailing space trimmed.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is pending
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == '\\' && i < len(s) && isMarkdownEscapable(s[i]) {
			r, size = rune(s[i]), 1
			i += size
		}
		if r == '*' {
			continue
		}
		switch {
		case r == utf8.RuneError && size == 1:
			r = unicode.ReplacementChar
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u00ad' || r == '\u2060':
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// foldRune lower-cases r and straightens quotes and dashes.
func foldRune(r rune) rune {
	switch r {
	case '‘', '’', '‚', '‛', '′', 'ʼ':
		return '\''
	case '“', '”', '„', '‟', '″', '«', '»':
		return '"'
	case '‐', '‑', '‒', '–', '—', '―', '−':
		return '-'
	}
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// isWordRune reports whether r can be part of a word.
func isWordRune(r rune) bool {
	return r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') ||
		r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
}

// isApostrophe reports whether r is an apostrophe, straight or curly.
func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == '‘' || r == 'ʼ'
}

// isMarkdownEscapable reports whether Markdown lets c be escaped with a
// backslash: ASCII punctuation and symbols.
func isMarkdownEscapable(c byte) bool {
	return c > ' ' && c < utf8.RuneSelf && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9')
}

// trimOuter strips white space, quotation marks, apostrophes and other
// punctuation from both ends of an already normalised quote.
func trimOuter(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return r == ' ' || unicode.IsPunct(r) || r == '`'
	})
}

// splitFragments cuts a normalised quote at every "…" or "...", trims each
// fragment's outer punctuation and drops empty ones.
func splitFragments(q string) []string {
	q = strings.ReplaceAll(strings.ReplaceAll(q, ". . .", "…"), "...", "…")
	var out []string
	for _, f := range strings.Split(q, "…") {
		if f = trimOuter(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// Contains reports whether quote occurs in text, as the project's fidelity
// rule reads it: both are normalised (see Normalize); the quote's outer
// quotation marks and punctuation are stripped; "…" or "..." inside the quote
// cuts it into fragments that must all occur, in order, without overlapping,
// each within 120 words of the one before (words as the verifier counts
// them: runs of letters and digits). A fragment matches only at word
// boundaries: it never starts or ends in the middle of a word (an apostrophe
// between letters, as in "we're", is inside a word). Punctuation inside a
// fragment must match the text's. An empty quote is contained nowhere.
func Contains(text, quote string) bool {
	frags := splitFragments(Normalize(quote))
	if len(frags) == 0 {
		return false
	}
	nt := Normalize(text)
	// Try every place the first fragment occurs; after it, the earliest
	// occurrence of each next fragment is the best choice.
	for from := 0; ; {
		at := indexWord(nt, frags[0], from)
		if at < 0 {
			return false
		}
		if followed(nt, frags[1:], at+len(frags[0])) {
			return true
		}
		_, size := utf8.DecodeRuneInString(nt[at:])
		from = at + size
	}
}

// followed reports whether frags occur in order in nt after end, each within
// maxFragmentGap words of the end of the previous one.
func followed(nt string, frags []string, end int) bool {
	for _, f := range frags {
		at := indexWord(nt, f, end)
		if at < 0 || countWords(nt[end:at], maxFragmentGap) > maxFragmentGap {
			return false
		}
		end = at + len(f)
	}
	return true
}

// indexWord returns the first index at or after from where f occurs in s on
// word boundaries, or -1.
func indexWord(s, f string, from int) int {
	for from <= len(s) {
		i := strings.Index(s[from:], f)
		if i < 0 {
			return -1
		}
		at := from + i
		if boundaryBefore(s, at, f) && boundaryAfter(s, at+len(f), f) {
			return at
		}
		_, size := utf8.DecodeRuneInString(s[at:])
		from = at + size
	}
	return -1
}

// boundaryBefore reports whether a match of f at s[at:] does not start
// inside a word.
func boundaryBefore(s string, at int, f string) bool {
	first, _ := utf8.DecodeRuneInString(f)
	if at == 0 || !isWordRune(first) && !isApostrophe(first) {
		return true
	}
	prev, size := utf8.DecodeLastRuneInString(s[:at])
	if isWordRune(prev) {
		return false
	}
	if isApostrophe(prev) && isWordRune(first) {
		before, _ := utf8.DecodeLastRuneInString(s[:at-size])
		return !isWordRune(before)
	}
	return true
}

// boundaryAfter reports whether a match of f ending at s[:end] does not end
// inside a word.
func boundaryAfter(s string, end int, f string) bool {
	last, _ := utf8.DecodeLastRuneInString(f)
	if end >= len(s) || !isWordRune(last) && !isApostrophe(last) {
		return true
	}
	next, size := utf8.DecodeRuneInString(s[end:])
	if isWordRune(next) {
		return false
	}
	if isApostrophe(next) && isWordRune(last) {
		after, _ := utf8.DecodeRuneInString(s[end+size:])
		return !isWordRune(after)
	}
	return true
}
