package wordvec

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// clitic is an English contraction suffix and the vocabulary word it
// stands for. The source vocabulary has no tokens with apostrophes (GloVe's
// "n't", "'s", "'re" … were dropped from the npm list), so contractions are
// expanded to the full words: "don't" → "do" "not", "we're" → "we" "are".
type clitic struct {
	suffix string
	expand string // "" drops the suffix ("'s" is possessive or "is")
}

// irregularNegations are stems whose "n't" form changes them.
func irregularNegation(stem []byte) []byte {
	switch string(stem) {
	case "ca":
		return []byte("can")
	case "wo":
		return []byte("will")
	case "sha":
		return []byte("shall")
	case "ai":
		return nil
	}
	return stem
}

// scratch is the reusable state of one tokenisation.
type scratch struct {
	buf   []byte
	parts []int
}

// isWordByte reports whether an ASCII byte belongs to a word.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '\''
}

// isApostrophe reports whether r is written for an apostrophe.
func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u2018' || r == '\u02bc' || r == '\uff07'
}

// startsWord reports whether s begins with a character of a word.
func startsWord(s string) bool {
	if s == "" {
		return false
	}
	if c := s[0]; c < utf8.RuneSelf {
		return isWordByte(c)
	}
	r, _ := utf8.DecodeRuneInString(s)
	return isApostrophe(r) || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// each calls fn for every token of text, in order, with the token's
// vocabulary index or -1. Tokens are lower-cased runs of letters, digits and
// apostrophes (curly ones folded to "'"); runs joined by single hyphens are
// looked up as one word first ("so-called") and split when the vocabulary
// lacks the compound; contractions are expanded (see clitic). tok is only
// valid during the call.
func (m *Model) each(text string, s *scratch, fn func(tok []byte, id int32)) {
	for i := 0; i < len(text); {
		if !startsWord(text[i:]) {
			if text[i] < utf8.RuneSelf {
				i++
			} else {
				_, size := utf8.DecodeRuneInString(text[i:])
				i += size
			}
			continue
		}
		if abbr, j := dotted(text, i, s.buf); j > i {
			s.buf = abbr
			fn(abbr, m.lookup(abbr))
			i = j
			continue
		}
		s.buf, s.parts = s.buf[:0], s.parts[:0]
		for {
			for i < len(text) {
				c := text[i]
				if c < utf8.RuneSelf {
					if !isWordByte(c) {
						break
					}
					if c >= 'A' && c <= 'Z' {
						c += 'a' - 'A'
					}
					s.buf = append(s.buf, c)
					i++
					continue
				}
				r, size := utf8.DecodeRuneInString(text[i:])
				switch {
				case isApostrophe(r):
					s.buf = append(s.buf, '\'')
				case unicode.IsLetter(r) || unicode.IsDigit(r):
					s.buf = utf8.AppendRune(s.buf, unicode.ToLower(r))
				default:
					goto runEnd
				}
				i += size
			}
		runEnd:
			s.parts = append(s.parts, len(s.buf))
			if i+1 < len(text) && text[i] == '-' && startsWord(text[i+1:]) {
				s.buf = append(s.buf, '-')
				i++
				continue
			}
			break
		}
		if len(s.parts) > 1 {
			if id, ok := m.index[string(s.buf)]; ok {
				fn(s.buf, id)
				continue
			}
		}
		start := 0
		for _, end := range s.parts {
			m.word(s.buf[start:end], fn)
			start = end + 1
		}
	}
}

// word resolves one run of letters, digits and apostrophes.
func (m *Model) word(w []byte, fn func(tok []byte, id int32)) {
	w = bytes.Trim(w, "'")
	if len(w) == 0 {
		return
	}
	id, ok := m.index[string(w)]
	if !ok {
		if a := alias(w); a != nil {
			w = a
			id, ok = m.index[string(w)]
		}
	}
	if !ok && !isASCII(w) {
		// The vocabulary is ASCII apart from a few symbols: try "café" as "cafe".
		if f := foldAccents(w); !bytes.Equal(f, w) {
			if fid, fok := m.index[string(f)]; fok {
				w, id, ok = f, fid, true
			}
		}
	}
	if !ok {
		id = -1
	}
	if ok || bytes.IndexByte(w, '\'') < 0 {
		fn(w, id)
		return
	}
	if bytes.HasSuffix(w, []byte("n't")) {
		m.word(irregularNegation(w[:len(w)-3]), fn)
		not := []byte("not")
		fn(not, m.lookup(not))
		return
	}
	clitics := [...]clitic{
		{"'s", ""}, {"'m", "am"}, {"'re", "are"}, {"'ve", "have"}, {"'ll", "will"}, {"'d", "would"},
	}
	for _, c := range clitics {
		if bytes.HasSuffix(w, []byte(c.suffix)) {
			m.word(w[:len(w)-len(c.suffix)], fn)
			if c.expand != "" {
				e := []byte(c.expand)
				fn(e, m.lookup(e))
			}
			return
		}
	}
	for part := range bytes.SplitSeq(w, []byte("'")) {
		m.word(part, fn)
	}
}

// alias maps words newer than GloVe 6B (2014) that briefings use a lot to
// the nearest word GloVe knows.
func alias(w []byte) []byte {
	switch string(w) {
	case "covid":
		return []byte("coronavirus")
	}
	return nil
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// dotted reads an abbreviation of single letters and dots at text[i:]
// ("U.S.", "D.C.", "U.S" before a non-letter, "e.g.") into buf as its
// lower-cased letters ("us", "dc", "eg"): the vocabulary has no dotted
// tokens. It returns buf and the end of the abbreviation, or i when there
// is none (fewer than two letters).
func dotted(text string, i int, buf []byte) ([]byte, int) {
	buf = buf[:0]
	j := i
	for j+1 < len(text) && isASCIILetter(text[j]) && text[j+1] == '.' && (j+2 == len(text) || !isWordByte(text[j+2]) || isASCIILetter(text[j+2]) && (j+3 == len(text) || !isWordByte(text[j+3]))) {
		buf = append(buf, text[j]|0x20)
		j += 2
	}
	if len(buf) >= 1 && j < len(text) && isASCIILetter(text[j]) && (j+1 == len(text) || !isWordByte(text[j+1]) && text[j+1] != '.') {
		buf = append(buf, text[j]|0x20)
		j++
	}
	if len(buf) < 2 {
		return buf, i
	}
	return buf, j
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldAccents removes diacritics: canonical decomposition without the
// combining marks, recomposed.
func foldAccents(w []byte) []byte {
	out, _, err := transform.Bytes(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), w)
	if err != nil {
		return w
	}
	return out
}

func (m *Model) lookup(w []byte) int32 {
	if id, ok := m.index[string(w)]; ok {
		return id
	}
	return -1
}
