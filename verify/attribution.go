package verify

import (
	"regexp"
	"slices"
	"strings"
)

// Journalists paste a quote with its attribution: `Psaki said: "We don't
// have any intention to do that."`, `…security assistance, Psaki said
// Thursday.`, `"…" — Jen Psaki`. The attribution is no part of the words
// said: it is cut off before the words are looked for, and the name it
// gives is checked against who said them. (retrieval's claim questions,
// "Did Psaki say …?", are another form, parsed inside retrieval.)

const (
	// attrName is a name as attributions give it: capitalised words, with
	// titles in lower case allowed before the last ("press secretary Jen
	// Psaki"), or a pronoun.
	attrName = `((?:[Tt]he\s+)?(?:(?:[A-Z][\p{L}.'’-]*|press|secretary|national|security|adviser|advisor|spokesperson|spokesman|spokeswoman|deputy|white|house|senior|administration|official|of|state)\s+){0,6}[A-Z][\p{L}.'’-]*|he|she|they|He|She|They)`
	// attrVerb is a verb of saying.
	attrVerb = `(?:said|says|told\s+reporters|told\s+the\s+press|told\s+journalists|added|stated|noted|explained|insisted|argued|declared|remarked|replied|responded|answered|continued|warned)`
	// attrWhen is when or where it was said: "Thursday", "on March 10",
	// "at a briefing", "in Thursday's press briefing".
	attrWhen = `(?:\s+(?:on\s+|last\s+|this\s+|earlier\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}(?:,?\s+\d{4})?)(?:\s+(?:morning|afternoon|evening|night))?)?` +
		`(?:\s+(?:at|in|during)\s+(?:a|an|the|her|his|their|[A-Z]\w*['’]s)\s+(?:[\w'’-]+\s+){0,3}?(?:briefing|conference|call|interview|statement|remarks|meeting))?`
)

var (
	// leadingAttrRE finds "Psaki said: …", "Psaki said Thursday that …",
	// "According to Psaki, …", "Psaki: …".
	leadingAttrRE = regexp.MustCompile(`^\s*(?:[Aa]ccording\s+to\s+` + attrName + attrWhen + `\s*,|` + attrName + `\s+` + attrVerb + attrWhen + `(?:\s+that\b)?\s*[:,]?|` + attrName + `\s*:)\s*(\S.*)$`)
	// trailingAttrRE finds "…, Psaki said Thursday.", "…," said Psaki.":
	// after a comma or a closing quotation mark.
	trailingAttrRE = regexp.MustCompile(`^(.*?\S)(\s*[,"”]+)\s*(?:` + attrName + `\s+` + attrVerb + `|` + attrVerb + `\s+` + attrName + `)` + attrWhen + `\s*[.!]?\s*$`)
	// signedAttrRE finds "… — Jen Psaki" and "… (Jen Psaki)".
	signedAttrRE = regexp.MustCompile(`^(.*?\S)\s*(?:(?:—|–|--|-|―)\s*` + attrName + `|\(\s*` + attrName + `\s*\))\s*[.]?\s*$`)
)

// splitAttribution returns the quote a pasted claim holds, without its
// attribution, and the name it is attributed to ("" when it has none). The
// quote keeps its own words and punctuation; the marks that only wrap it
// (quotation marks, the comma before "Psaki said") are trimmed.
func splitAttribution(claim string) (quote, source string) {
	if m := leadingAttrRE.FindStringSubmatch(claim); m != nil {
		source = firstNonEmpty(m[1], m[2], m[3])
		quote = m[4]
	} else if m := trailingAttrRE.FindStringSubmatch(claim); m != nil {
		quote, source = m[1], firstNonEmpty(m[3], m[4])
		if q := m[1] + m[2]; strings.Count(q, "\"")%2 == 1 || strings.Count(q, "“") > strings.Count(q, "”") {
			return claim, "" // a quote still open: the "attribution" is inside it
		}
	} else if m := signedAttrRE.FindStringSubmatch(claim); m != nil {
		quote, source = m[1], firstNonEmpty(m[2], m[3])
	} else {
		return claim, ""
	}
	source = strings.TrimRight(source, ".")
	if slices.Contains(notNames, strings.ToLower(source)) {
		return claim, ""
	}
	quote = strings.TrimFunc(quote, func(r rune) bool {
		return strings.ContainsRune(" \t\n,;:\"“”'‘’", r)
	})
	if countWords(quote, 1) == 0 {
		return claim, ""
	}
	return quote, source
}

// firstNonEmpty returns the first of ss that is not "".
func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// nameTitles are the words of a name that say what someone is rather than
// who: they do not identify a speaker.
var nameTitles = strings.Fields(`the mr mrs ms dr press secretary national security adviser advisor
	spokesperson spokesman spokeswoman deputy white house senior administration official of state`)

// notNames are words that attrName takes for a name but that are not
// one: "…, as I said", "…, this week".
var notNames = strings.Fields(`i we you it this that there monday tuesday wednesday thursday friday
	saturday sunday yesterday today tonight january february march april may june july august
	september october november december`)

// pronouns name no one in particular.
var pronouns = []string{"he", "she", "they"}

// sourceWords returns the words of a name that identify its bearer, or nil
// when it has none (a pronoun, a bare title).
func sourceWords(name string) []string {
	var out []string
	scanWords(name, nil, func(_, _ int, w []byte) {
		if s := string(w); !slices.Contains(nameTitles, s) && !slices.Contains(pronouns, s) {
			out = append(out, s)
		}
	})
	return out
}

// sameSpeaker reports whether the name a claim is attributed to names
// speaker: a word of the name that identifies ("Psaki", "Jean-Pierre",
// "President") is among the speaker's. An unnamed speaker is no one's.
func sameSpeaker(name, speaker string) bool {
	var have []string
	scanWords(speaker, nil, func(_, _ int, w []byte) { have = append(have, string(w)) })
	for _, w := range sourceWords(name) {
		if slices.Contains(have, w) {
			return true
		}
	}
	return false
}

// MinContentWords is how many words that are not common ones ("the",
// "we", "said") a claim needs to be checked: fewer are said almost
// everywhere, and finding them identifies no one.
const MinContentWords = 2

// TooShort reports whether claim, without the attribution it may have been
// pasted with, has fewer than MinContentWords words that are not common
// ones: too short to say who said it.
func TooShort(claim string) bool {
	quote, _ := splitAttribution(claim)
	stop := stopWords()
	n := 0
	scanWords(quote, nil, func(_, _ int, w []byte) {
		if !stop[string(w)] {
			n++
		}
	})
	return n < MinContentWords
}
