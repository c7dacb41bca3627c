package retrieval

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The names a question mentions decide whether the transcripts can be about
// it at all: a briefing that never says "Jamaica" is not about a hurricane
// in Jamaica. But a name can be said in more than one way, and a capital
// letter is not always a name.

// questionNames returns the index terms of the question's capitalised
// words after its first: the names of people, places and things it is
// about. Months and weekdays date a question rather than name what it is
// about (a briefing of June 10 need not say "June"), and single letters
// ("U.S." gives "u") say nothing.
func questionNames(question string) []string {
	var out []string
	for i, w := range strings.Fields(question) {
		if i == 0 {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			continue
		}
		for _, t := range tokens(w) {
			if len(t) > 1 && !dateNames[t] {
				out = append(out, t)
			}
		}
	}
	return out
}

var dateNames = wordSet(`january february march april may june july august september october november
	december monday tuesday wednesday thursday friday saturday sunday`)

// nameForms are ways of saying the same name that briefings use in turn:
// the country, its people, its capital standing for its government
// ("Moscow", "the Kremlin"), other spellings. Each line is one name; a form
// of several words is found when the transcript holds all of them.
var nameForms = parseNameForms(`
	america american americans
	britain british uk england|united kingdom
	poland polish warsaw
	switzerland swiss bern
	ukraine ukrainian ukrainians kyiv kiev
	russia russian russians moscow kremlin
	china chinese beijing prc
	iran iranian iranians tehran
	israel israeli israelis
	palestine palestinian palestinians
	gaza gazan gazans
	japan japanese tokyo
	korea korean koreans seoul pyongyang
	mexico mexican mexicans
	canada canadian canadians ottawa
	france french paris
	germany german germans berlin
	india indian indians delhi
	saudi saudis|saudi arabia
	afghanistan afghan afghans kabul
	iraq iraqi iraqis baghdad
	syria syrian syrians damascus
	venezuela venezuelan venezuelans caracas
	cuba cuban cubans havana
	turkey turkish ankara türkiye
	egypt egyptian egyptians cairo
	europe european europeans eu
	africa african africans
	australia australian australians
	italy italian italians rome
	spain spanish madrid
	netherlands dutch
	taiwan taiwanese taipei
	vietnam vietnamese hanoi
	philippines philippine filipino filipinos manila
	pakistan pakistani pakistanis islamabad
	haiti haitian haitians
	ethiopia ethiopian ethiopians
	odesa odessa
	un|united nations
	g7|g 7
	g20|g 20
`)

// parseNameForms reads nameForms' lines into a map from each one-word form
// to all the forms of its line, each as its index terms.
func parseNameForms(table string) map[string][][]string {
	out := map[string][][]string{}
	for _, line := range strings.Split(table, "\n") {
		var forms [][]string
		for i, part := range strings.Split(line, "|") {
			if i == 0 {
				for _, w := range strings.Fields(part) {
					forms = append(forms, tokens(w))
				}
				continue
			}
			forms = append(forms, tokens(part))
		}
		for _, f := range forms {
			if len(f) == 1 {
				out[f[0]] = forms
			}
		}
	}
	return out
}

// formsOf returns the other forms of a name: those nameForms lists and,
// for a people's name, the place it comes from ("Louisianans", "Texans",
// "Floridians", "Ohioans" for Louisiana, Texas, Florida, Ohio; tried, not
// known: a form counts only where the transcripts hold it).
func formsOf(name string) [][]string {
	forms := nameForms[name]
	if n := len(name); n > 4 && strings.HasSuffix(name, "an") {
		for _, place := range []string{name[:n-1], name[:n-2], name[:n-2] + "a", name[:n-3] + "a"} {
			forms = append(forms[:len(forms):len(forms)], []string{place})
		}
	}
	return forms
}

// nameKnown reports whether any transcript holds the name in any of its
// forms, or a speaker goes by it.
func (s *Searcher) nameKnown(name string) bool {
	if len(s.lex.postings[name]) > 0 || s.speakerTerms[name] {
		return true
	}
	for _, form := range formsOf(name) {
		if s.allKnown(form) {
			return true
		}
	}
	return false
}

func (s *Searcher) allKnown(terms []string) bool {
	for _, t := range terms {
		if len(s.lex.postings[t]) == 0 {
			return false
		}
	}
	return len(terms) > 0
}

// transcriptHasName reports whether the passage's transcript, its title
// included, holds the name in any of its forms.
func (s *Searcher) transcriptHasName(name string, passage int) bool {
	title := s.titleTerms[s.transcriptRange[passage][0]]
	has := func(t string) bool { return title[t] || s.transcriptHas(t, passage) }
	if has(name) {
		return true
	}
	for _, form := range formsOf(name) {
		all := len(form) > 0
		for _, t := range form {
			all = all && has(t)
		}
		if all {
			return true
		}
	}
	return false
}

// possessiveRE finds a name in the possessive and the word after it:
// "Biden's climate summit", "Kirby's defense".
var possessiveRE = regexp.MustCompile(`\b([A-Z][\w-]*)['’]s\s+(\w+)`)

// speechWords are what a person's possessive can introduce when it is
// their words that are asked about: "Kirby's defense of the policy",
// "by Blinken's rough count", "Psaki's introduction of".
var speechWords = wordSet(`remarks remark comments comment words answer answers response responses reply
	statement statements defense defence description account explanation introduction announcement
	testimony estimate count view views assessment opening briefing briefings interview message speech
	argument case pitch warning promise pledge claim claims rough own`)

// ownersOnly returns the index terms of names the question uses only as
// owners of a thing ("Biden's April 2021 climate summit"): it is about
// what they did, not asking for their words.
func ownersOnly(question string) map[string]bool {
	owners := map[string]bool{}
	for _, m := range possessiveRE.FindAllStringSubmatch(question, -1) {
		if !speechWords[strings.ToLower(m[2])] {
			for _, t := range tokens(m[1]) {
				owners[t] = true
			}
		}
	}
	if len(owners) == 0 {
		return nil
	}
	// A name also used otherwise ("What did Biden say about Biden's…")
	// is named as a speaker after all.
	rest := possessiveRE.ReplaceAllString(question, " $2")
	for _, t := range tokens(rest) {
		delete(owners, t)
	}
	return owners
}

// nameFrequency is how many passages hold the name in its commonest
// one-word form: how rare it is, however the question spells it.
func (s *Searcher) nameFrequency(name string) int {
	n := len(s.lex.postings[name])
	for _, form := range formsOf(name) {
		if len(form) == 1 {
			n = max(n, len(s.lex.postings[form[0]]))
		}
	}
	return n
}

// quotedRE finds words a question quotes: “Liberation Day”, "transitory".
var quotedRE = regexp.MustCompile(`["“]([^"“”]{2,120})["”]`)

// phrase is words a question quotes, as written and as index terms.
type phrase struct {
	text  string
	terms []string
}

// quotedPhrases returns the phrases of two index terms or more that the
// question puts in quotation marks: a claim that those words were said.
func quotedPhrases(question string) []phrase {
	var out []phrase
	for _, m := range quotedRE.FindAllStringSubmatch(question, -1) {
		if ts := tokens(m[1]); len(ts) >= 2 {
			out = append(out, phrase{text: strings.TrimSpace(m[1]), terms: ts})
		}
	}
	return out
}

// phraseSaid reports whether some passage holds the phrase's terms one
// after another (stop words aside, so "Bureau of Prisons" matches
// "bureau of prisons"). The rarest term's postings say where to look.
func (s *Searcher) phraseSaid(p phrase, keep func(int) bool) bool {
	rarest := p.terms[0]
	for _, t := range p.terms[1:] {
		if len(s.lex.postings[t]) < len(s.lex.postings[rarest]) {
			rarest = t
		}
	}
	for _, post := range s.lex.postings[rarest] {
		i := int(post.doc)
		if keep != nil && !keep(i) || !s.holdsAll(i, p.terms) {
			continue
		}
		if containsRun(tokens(s.passages[i].Text), p.terms) {
			return true
		}
	}
	return false
}

// holdsAll reports whether passage i holds every term, from the postings
// (kept in passage order): only such passages are worth reading word by
// word.
func (s *Searcher) holdsAll(i int, terms []string) bool {
	for _, t := range terms {
		ps := s.lex.postings[t]
		if _, ok := slices.BinarySearchFunc(ps, int32(i), func(p posting, d int32) int { return int(p.doc) - int(d) }); !ok {
			return false
		}
	}
	return true
}

// containsRun reports whether run occurs in ts as consecutive elements.
func containsRun(ts, run []string) bool {
	for i := 0; i+len(run) <= len(ts); i++ {
		if slices.Equal(ts[i:i+len(run)], run) {
			return true
		}
	}
	return false
}
