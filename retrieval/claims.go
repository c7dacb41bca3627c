package retrieval

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// A claim question checks whether someone said a particular thing: "Did
// Jen Psaki say the moon landing was faked?", "Is it true that Kirby
// called the strike a mistake?". Its answer is the place where the claim
// was made, not any passage on its subject: the competition's habit of
// answering "Did she say X?" with whatever she said near X is how
// misquotes spread. So a claim question is answered only by a passage
// that carries most of the claim's own words within a few sentences;
// otherwise the reply says that no transcript has the speaker saying it,
// and offers the nearest passages as what they are.

// sourceWords are the words that may name whom a claim is put to: up to
// 80 characters with no stop but an abbreviation's ("Dr. Fauci", "the
// U.S. ambassador").
const sourceWords = `(?:[^?.;,]|` + honorificDot + `){2,80}?`

// honorificDot is a full stop that does not end a sentence: "Dr.", "U.S.".
const honorificDot = `\b(?:Dr|Mr|Mrs|Ms|Gen|Adm|Sen|Rep|Gov|St|U\.S|U\.N)\.`

// claimVerbs are the verbs of saying that introduce a claim; "state"
// only in lower case, as "Did the Secretary of State say…" has it as a name.
const claimVerbs = `say|said|claim|claimed|call|called|promise|promised|pledge|pledged|vow|vowed|deny|denied|admit|admitted|concede|conceded|warn|warned|predict|predicted|suggest|suggested|insist|insisted|announce|announced|blame|blamed|accuse|accused|tell|told|describe|described|dismiss|dismissed|threaten|threatened|acknowledge|acknowledged|confirm|confirmed|reject|rejected|compare|compared|refer to|referred to|label|labeled|labelled|rule out|ruled out|guarantee|guaranteed|assure|assured|argue|argued|declare|declared|(?-i:state|stated)`

var (
	// claimRE finds "Did/Has <source> (ever) <verb> <claim>".
	claimRE = regexp.MustCompile(`(?i)^\W*(?:so,?\s+|and\s+|but\s+)?(?:did|has|have|had)\s+(` + sourceWords + `)\s+(?:ever\s+|really\s+|actually\s+|once\s+|publicly\s+|in fact\s+)?(?:` + claimVerbs + `)\b\s*(.*)$`)
	// trueClaimRE finds "Is it true that <source> <verb> <claim>".
	trueClaimRE = regexp.MustCompile(`(?i)^\W*(?:is it true|was it true|is it correct|is it right)\s+that\s+(` + sourceWords + `)\s+(?:ever\s+|really\s+|actually\s+|once\s+|publicly\s+)?(?:` + claimVerbs + `)\b\s*(.*)$`)
	// whoClaimRE finds "Who (ever) <verb> <claim>": whoever made it.
	whoClaimRE = regexp.MustCompile(`(?i)^\W*(?:so,?\s+|and\s+|but\s+)?who\s+(?:ever\s+|first\s+|really\s+|actually\s+|publicly\s+)?(?:` + claimVerbs + `)\b\s*(.*)$`)
	// notClaimRE finds what follows a verb of saying when it asks for
	// what was said rather than checking it: "Did Psaki say when…",
	// "…anything about…", "…how much it would cost".
	notClaimRE = regexp.MustCompile(`(?i)^\W*(?:when|what|whether|if|how|why|where|who|whom|which|anything|something|nothing|much|more|a lot|about|on|of|in response|in reply|during|at the)\b`)
	// moreThanRE finds a claim that opens with a number: "said more
	// than 9,000 permits…" is a claim, "said more about…" is not.
	moreThanRE = regexp.MustCompile(`(?i)^\W*more than\b`)
	// claimLeadRE is what may stand between the verb and the claim:
	// "told reporters that", "said that", "called on".
	claimLeadRE = regexp.MustCompile(`(?i)^\W*(?:(?:reporters|the press|journalists|the media|the public|americans|the american people|congress|lawmakers|us|them|him|her|the country|the nation)\s+that\s+|that\s+)?`)
)

// claimOf returns the claim a question checks, with the words naming its
// source, or ok false when the question checks no claim.
func claimOf(question string) (source, claim string, ok bool) {
	q := strings.TrimSpace(question)
	m := claimRE.FindStringSubmatch(q)
	if m == nil {
		m = trueClaimRE.FindStringSubmatch(q)
	}
	if m == nil {
		if w := whoClaimRE.FindStringSubmatch(q); w != nil {
			m = []string{w[0], "anyone", w[1]}
		}
	}
	if m == nil {
		return "", "", false
	}
	rest := strings.TrimRight(strings.TrimSpace(m[2]), "?!. ")
	if notClaimRE.MatchString(rest) && !moreThanRE.MatchString(rest) {
		return "", "", false
	}
	rest = claimLeadRE.ReplaceAllString(rest, "")
	if rest == "" || strings.TrimSpace(m[1]) == "" {
		return "", "", false
	}
	return object(strings.TrimSpace(m[1])), rest, true
}

// object turns a pronoun naming a claim's source into the form that
// follows "has": "Did she say…" → "No transcript has her saying that".
func object(source string) string {
	switch strings.ToLower(source) {
	case "she":
		return "her"
	case "he":
		return "him"
	case "they":
		return "them"
	case "i":
		return "me"
	case "we":
		return "us"
	}
	return source
}

// claimWords weighs the words of the claim (by rarity), leaving out the
// speakers' names and the words that only say what kind of answer is
// wanted. Each word may be said in more than one form ("invade" and
// "invading", "3" and "three"); forms maps the index term of each form to
// its word's number, weights gives each word's weight, and all is their
// sum, words no transcript holds included. Figures are the numbers of the
// words that are figures, which must all be said: "Did she say 20,000
// permits?" is not made by "9,000 permits", however many other words they
// share. A year counts only where the claim is about it ("since 2001").
func (s *Searcher) claimWords(qa *query, claim string) (forms map[int32]int, weights []float64, all float64, figures []int) {
	forms = map[int32]int{}
	boundYears := map[string]bool{}
	for _, m := range boundYearRE.FindAllStringSubmatch(claim, -1) {
		boundYears[m[1]] = true
	}
	for _, t := range dedupe(tokens(claim)) {
		if genericTerms[t] || qa.speakers[t] || hedges[t] {
			continue
		}
		word := len(weights)
		w := s.lex.idf(t)
		weights = append(weights, w)
		all += w
		for _, f := range wordForms(t) {
			if id, ok := s.termID[f]; ok {
				if _, taken := forms[id]; !taken {
					forms[id] = word
				}
			}
		}
		if n := slices.Index(numberNames, t); n >= 2 {
			// "five years" is a figure as much as "5 years"; "one" is as
			// often no number at all.
			if id, ok := s.termID[strconv.Itoa(n)]; ok {
				forms[id] = word
			}
			figures = append(figures, word)
			continue
		}
		if !strings.ContainsAny(t, "0123456789") || wholeYearRE.MatchString(t) && !boundYears[t] {
			continue
		}
		if n, err := strconv.Atoi(t); err == nil && n < len(numberNames) {
			if id, ok := s.termID[stem(numberNames[n])]; ok {
				forms[id] = word // "3" or "three"
			}
		}
		figures = append(figures, word)
	}
	return forms, weights, all, figures
}

// wordForms returns the index terms that may stand for the same word as
// term: the stemmer leaves "invade" whole but cuts "invading" and "invaded"
// to "invad", and keeps "negotiation" apart from "negotiate".
func wordForms(term string) []string {
	out := []string{term}
	n := len(term)
	switch {
	case n > 4 && strings.HasSuffix(term, "e"):
		out = append(out, term[:n-1])
	case n > 3:
		out = append(out, term+"e")
	}
	switch {
	case n > 7 && strings.HasSuffix(term, "ation"):
		out = append(out, term[:n-3], term[:n-3]+"e")
	case n > 5 && strings.HasSuffix(term, "ate"):
		out = append(out, term[:n-1]+"ion")
	case n > 4 && strings.HasSuffix(term, "at"):
		out = append(out, term+"ion")
	}
	return out
}

// hedges are the words that soften a figure or a claim, which people
// remember loosely: "around half a billion" for "about a half billion".
var hedges = wordSet(`around about nearly almost roughly approximately some over more less fewer
	than just really actually very least most`)

// boundYearRE finds a year that is part of a claim rather than when it
// was made: "the first time since 2001", "finished by 2026", but not "in
// February 2023".
var boundYearRE = regexp.MustCompile(`(?i)\b(?:since|by|through|until|till|before|after)\s+((?:19|20)\d\d)\b`)

// numberNames spell the numbers that speakers say as often as write.
var numberNames = strings.Fields(`zero one two three four five six seven eight nine ten eleven twelve
	thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty`)

// claimWindow is how many consecutive sentences a claim may be spread
// over: a speaker may say it in two or three sentences, but words found
// far apart in a long answer do not make the claim.
const claimWindow = 3

// minClaimShare is the share of a claim's words, weighted by rarity, that a
// passage must say within claimWindow sentences to make the claim.
const minClaimShare = 0.6

// claimDepth is how many of the best passages are searched for the claim.
const claimDepth = 5

// claimShare returns the largest share of the claim's words that the
// passage says within claimWindow consecutive sentences. An answer that
// opens with a yes or a no takes the words of the question it answers
// ("Is the cat's name Willow?" "Yes."). A reporter's words are no
// official's claim.
func (s *Searcher) claimShare(qa *query, passage int) float64 {
	p := &s.passages[passage]
	if qa.claimAll == 0 || p.Role == RoleReporter || p.Kind == KindQuestion {
		return 0
	}
	var inherited []int32
	if repliesYesNo(p.Text) {
		eachToken(p.Question, func(t string) {
			if id, ok := s.termID[t]; ok {
				inherited = append(inherited, id)
			}
		})
	}
	terms := s.sentenceTerms(passage)
	best := 0.0
	for i := range max(1, len(terms)-claimWindow+1) {
		said := make([]bool, len(qa.claimWeights))
		got := 0.0
		add := func(id int32) {
			if word, ok := qa.claim[id]; ok && !said[word] {
				said[word] = true
				got += qa.claimWeights[word]
			}
		}
		for _, id := range inherited {
			add(id)
		}
		for _, ids := range terms[i:min(len(terms), i+claimWindow)] {
			for _, id := range ids {
				add(id)
			}
		}
		if !saysAll(said, qa.claimFigures) {
			continue
		}
		best = max(best, got/qa.claimAll)
	}
	return best
}

// saysAll reports whether every one of the claim's figures is said.
func saysAll(said []bool, figures []int) bool {
	for _, word := range figures {
		if !said[word] {
			return false
		}
	}
	return true
}

// makesClaim returns the index in ranked of the first of the best
// passages that makes the question's claim, -1 if none does. Where the
// question names who made it, their passage comes before another's that
// ranks higher: "Did Lael Brainard say…" is answered by Brainard, not by
// the press secretary repeating "what Lael said".
func (s *Searcher) makesClaim(qa *query, ranked []candidate) int {
	best, bestShare, bestNamed := -1, 0.0, false
	for i, c := range ranked[:min(claimDepth, len(ranked))] {
		share := s.claimShare(qa, c.passage)
		if share < minClaimShare {
			continue
		}
		named := s.isNamed(qa, c.passage)
		if best < 0 || named && !bestNamed || named == bestNamed && share > bestShare+claimShareMargin {
			best, bestShare, bestNamed = i, share, named
		}
	}
	return best
}

// claimShareMargin is how much more of the claim a lower passage must say
// to come before a higher one that makes it too.
const claimShareMargin = 0.1

// putClaimFirst reports whether one of the best passages makes the claim
// the question checks, and whether another than the speaker the question
// names by name made it while they said nothing close to it: "Did Kirby
// say…" of words the press secretary said. It moves the passage that makes
// the claim to the front of ranked, unless the question's named speaker
// comes first already and said much of it: their words are what the user
// wants to read before another's that hold more of its words ("Did Lael
// Brainard say inflation had been falling…", she said it had been "coming
// down", and the deputy press secretary repeats "what Lael said").
func (s *Searcher) putClaimFirst(qa *query, ranked []candidate) (made, byOther bool) {
	at := s.makesClaim(qa, ranked)
	if at < 0 {
		return false, false
	}
	if !s.isNamed(qa, ranked[at].passage) && qa.namesSpeaker && s.sourceNamesSpeaker(qa) {
		byOther = true
		for _, c := range ranked[:min(claimDepth, len(ranked))] {
			byOther = byOther && !(s.isNamed(qa, c.passage) && s.claimShare(qa, c.passage) >= closeClaimShare)
		}
	}
	if at > 0 && (byOther || s.isNamed(qa, ranked[at].passage) || !s.isNamed(qa, ranked[0].passage)) {
		c := ranked[at]
		copy(ranked[1:at+1], ranked[:at])
		ranked[0] = c
	}
	return true, byOther
}

// closeClaimShare is how much of a claim the named speaker's words must
// hold for the claim not to be reported as someone else's.
const closeClaimShare = 0.4

// sourceNamesSpeaker reports whether the question names whose words it
// checks by a name that speaks in the transcripts: "Kirby", not "the
// press secretary", whom several people have been.
func (s *Searcher) sourceNamesSpeaker(qa *query) bool {
	_, names := sourceNames(qa.text)
	for _, t := range names {
		if s.personNames[t] {
			return true
		}
	}
	return false
}

// isNamed reports whether the passage's speaker is one the question names.
func (s *Searcher) isNamed(qa *query, passage int) bool {
	id := s.profileOf[passage]
	return id >= 0 && qa.profiles[id] >= 1
}
