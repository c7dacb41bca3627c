package answer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word of a text: letters and digits, with inner apostrophes,
// hyphens, periods and commas ("we're", "U.S", "100,000", "2.5").
type token struct {
	text  string
	start int // byte offset in the text
	end   int
	// gap is the text between the previous token (or quoted span) and this
	// one.
	gap string
	// quote marks a quoted span, masked as one token; inner is its words
	// without the marks.
	quote bool
	inner string
}

// capitalised says whether the token starts with an upper-case letter.
func (t token) capitalised() bool {
	r, _ := utf8.DecodeRuneInString(t.text)
	return unicode.IsUpper(r)
}

// key is the token lower-cased, without a possessive "'s".
func (t token) key() string { return wordKey(t.text) }

// wordKey lower-cases w and drops a possessive "'s" and periods, so that
// "U.S." and "US" are one word.
func wordKey(w string) string {
	w = strings.ToLower(w)
	w = strings.ReplaceAll(w, "’", "'")
	w = strings.TrimSuffix(w, "'s")
	w = strings.TrimSuffix(w, "'")
	if !hasDigit(w) {
		w = strings.ReplaceAll(w, ".", "")
	}
	return w
}

// tokens splits text into words; spans, when given, are masked as one quote
// token each.
func tokens(text string, spans []span) []token {
	var out []token
	last := 0
	i := 0
	next := 0 // index into spans
	for i < len(text) {
		if next < len(spans) && i >= spans[next].open {
			s := spans[next]
			out = append(out, token{text: text[s.open:s.close], start: s.open, end: s.close, gap: text[last:s.open], quote: true, inner: s.inner})
			i, last = s.close, s.close
			next++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		for i < len(text) {
			if next < len(spans) && i >= spans[next].open {
				break
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				i += size
				continue
			}
			if strings.ContainsRune("'’-.,", r) && i+size < len(text) {
				r2, _ := utf8.DecodeRuneInString(text[i+size:])
				if isWordRune(r2) && (r != ',' || (isDigitBefore(text, i) && unicode.IsDigit(r2))) {
					i += size
					continue
				}
			}
			break
		}
		out = append(out, token{text: text[start:i], start: start, end: i, gap: text[last:start]})
		last = i
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isDigitBefore says whether the rune before byte i of s is a digit.
func isDigitBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsDigit(r)
}

// hasDigit says whether s holds a digit.
func hasDigit(s string) bool { return strings.IndexFunc(s, unicode.IsDigit) >= 0 }

// number normalises a numeric token: "100,000" and "100000" are one number.
func number(s string) string {
	s = strings.ReplaceAll(s, ",", "")
	return strings.TrimSuffix(s, ".")
}

// stem is a crude word stem, enough to see that "sanctions" and "sanction"
// or "diplomatic" and "diplomacy" are the same word for the support test.
func stem(w string) string {
	w = wordKey(w)
	for _, suffix := range []string{"ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "ly", "s"} {
		if len(w) > len(suffix)+3 && strings.HasSuffix(w, suffix) {
			w = w[:len(w)-len(suffix)]
			break
		}
	}
	if r := []rune(w); len(r) > 6 {
		w = string(r[:6])
	}
	return w
}

// span is a quoted stretch of a text: text[open:close] includes the marks;
// inner is without them.
type span struct {
	open, close int
	inner       string
}

// quoteSpans finds the quotations of a text: "…", “…”, ‘…’, «…» and '…'
// where the single marks stand at word boundaries (so "we're" and
// "Russia's" are not quotations).
func quoteSpans(text string) []span {
	var out []span
	var unclosed []rune // closers not found after some opener: none later either
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		closer, ok := closerOf(r)
		if !ok || (r == '\'' || r == '‘') && !opensSingle(text, i) || containsRune(unclosed, closer) {
			i += size
			continue
		}
		j := i + size
		found := -1
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if r2 == closer && (closer != '\'' && closer != '’' || closesSingle(text, j, s2)) {
				found = j
				break
			}
			j += s2
		}
		if found < 0 {
			unclosed = append(unclosed, closer)
			i += size
			continue
		}
		_, s2 := utf8.DecodeRuneInString(text[found:])
		inner := strings.TrimSpace(text[i+size : found])
		if inner != "" {
			out = append(out, span{open: i, close: found + s2, inner: inner})
		}
		i = found + s2
	}
	return out
}

func containsRune(list []rune, r rune) bool {
	for _, v := range list {
		if v == r {
			return true
		}
	}
	return false
}

// closerOf returns the mark that closes a quotation opened by r.
func closerOf(r rune) (rune, bool) {
	switch r {
	case '"':
		return '"', true
	case '“', '„':
		return '”', true
	case '‘':
		return '’', true
	case '\'':
		return '\'', true
	case '«':
		return '»', true
	}
	return 0, false
}

// opensSingle says whether the single mark at i opens a quotation: it
// follows a space, a bracket or the start, and a word follows it.
func opensSingle(text string, i int) bool {
	if i > 0 {
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		if isWordRune(before) {
			return false
		}
	}
	_, size := utf8.DecodeRuneInString(text[i:])
	after, _ := utf8.DecodeRuneInString(text[i+size:])
	return isWordRune(after)
}

// closesSingle says whether the single mark at j closes a quotation: no
// word follows it.
func closesSingle(text string, j, size int) bool {
	if j+size >= len(text) {
		return true
	}
	after, _ := utf8.DecodeRuneInString(text[j+size:])
	return !isWordRune(after)
}

// isStopword says whether w (lower case) is a function word, which neither
// supports nor contradicts a sentence.
func isStopword(w string) bool {
	switch w {
	case "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "if", "then", "than", "that", "this",
		"these", "those", "there", "here", "it", "its", "it's", "he", "him", "his", "she", "her", "hers",
		"they", "them", "their", "theirs", "we", "us", "our", "ours", "you", "your", "i", "me", "my",
		"who", "whom", "whose", "which", "what", "when", "where", "why", "how", "whether",
		"is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "doing",
		"has", "have", "had", "having", "will", "would", "shall", "should", "can", "could", "may",
		"might", "must", "not", "no", "of", "in", "on", "at", "to", "for", "from", "by", "with",
		"about", "as", "into", "onto", "over", "under", "up", "down", "out", "off", "also", "too",
		"very", "just", "only", "even", "still", "again", "all", "any", "some", "each", "every",
		"both", "more", "most", "other", "such", "own", "same", "one", "because", "while",
		"during", "before", "after", "between", "against", "through", "without", "within",
		"upon", "per", "via", "like", "unlike", "according", "instead",
		"however", "although", "though", "since", "until", "further", "rather", "whereas",
		"asked", "question", "answer", "answered", "passage", "passages", "transcript":
		return true
	}
	return isSpeechVerb(w)
}

// isSpeechVerb says whether w (lower case) reports speech: "said", "told".
func isSpeechVerb(w string) bool {
	switch w {
	case "say", "says", "said", "saying", "tell", "tells", "told", "stated",
		"add", "adds", "added", "note", "notes", "noted", "warn", "warns", "warned",
		"insist", "insists", "insisted", "argue", "argues", "argued", "explain", "explains",
		"explained", "ask", "asks", "asked", "answer", "answers", "answered", "reply", "replies",
		"replied", "respond", "responds", "responded", "declare", "declares", "declared",
		"remark", "remarks", "remarked", "stress", "stresses", "stressed", "emphasize",
		"emphasizes", "emphasized", "emphasise", "emphasises", "emphasised", "call", "calls",
		"called", "describe", "describes", "described", "acknowledge", "acknowledges",
		"acknowledged", "admit", "admits", "admitted", "claim", "claims", "claimed",
		"concede", "concedes", "conceded", "promise", "promises", "promised", "pledge",
		"pledges", "pledged", "vow", "vows", "vowed", "urge", "urges", "urged", "suggest",
		"suggests", "suggested", "recall", "recalls", "recalled", "repeat", "repeats",
		"repeated", "conclude", "concludes", "concluded", "caution", "cautions", "cautioned",
		"maintain", "maintains", "maintained", "assert", "asserts", "asserted", "affirm",
		"affirms", "affirmed", "confirm", "confirms", "confirmed", "deny", "denies", "denied",
		"wrote", "writes", "quipped", "announce", "announces",
		"announced", "comment", "comments", "commented", "mention", "mentions", "mentioned",
		"convey", "conveys", "conveyed", "underline", "underlines", "underlined",
		"highlight", "highlights", "highlighted", "observe", "observes", "observed",
		"predict", "predicts", "predicted", "speak", "speaks", "spoke", "according":
		return true
	}
	return false
}

// isCoreSpeechVerb says whether w (lower case) is about speech whatever its
// subject: "said", "told", "asked" — unlike "respond" or "deny", which a
// country can do.
func isCoreSpeechVerb(w string) bool {
	switch w {
	case "say", "says", "said", "saying", "tell", "tells", "told", "stated", "add", "adds", "added",
		"ask", "asks", "asked", "reply", "replies", "replied", "answered", "explain", "explains",
		"explained", "argue", "argues", "argued", "insist", "insists", "insisted", "note", "noted",
		"warn", "warns", "warned", "stress", "stressed", "emphasize", "emphasized", "emphasise",
		"emphasised", "declare", "declared", "remark", "remarked", "according", "wrote", "quipped",
		"speak", "speaks", "spoke":
		return true
	}
	return false
}

// isTitle says whether w (lower case) is an honorific or office, which does
// not tell two people apart by itself.
func isTitle(w string) bool {
	switch w {
	case "mr", "mrs", "ms", "miss", "dr", "sir", "madam", "madame", "the", "of", "us", "uk", "un",
		"secretary", "president", "vice", "minister", "foreign", "prime", "deputy", "under",
		"assistant", "press", "spokesperson", "spokesman", "spokeswoman", "senator", "sen",
		"representative", "rep", "congressman", "congresswoman", "governor", "gov", "mayor",
		"ambassador", "amb", "general", "gen", "admiral", "adm", "colonel", "col", "chairman",
		"chairwoman", "chair", "director", "state", "defense", "national", "security",
		"adviser", "advisor", "senior", "administration", "official", "officials", "chancellor",
		"justice", "judge", "attorney", "commissioner", "principal", "white", "house",
		"department", "coordinator", "envoy", "special", "leader", "speaker", "whip",
		"majority", "minority", "reporter", "moderator", "operator", "question", "a", "an":
		return true
	}
	return false
}

// isPronoun says whether w (lower case) is a personal pronoun: a sentence
// whose subject is one names no one.
func isPronoun(w string) bool {
	switch w {
	case "he", "she", "they", "it", "i", "we", "you", "who", "this", "that":
		return true
	}
	return false
}
