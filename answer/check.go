package answer

import (
	"strconv"
	"strings"
	"time"

	"github.com/onrecord/onrecord/retrieval"
	"github.com/onrecord/onrecord/verify"
)

// minSupport is the share of a paraphrase's content words that its cited
// passages must contain.
const minSupport = 0.6

// maxReportedWords bounds a quotation inside a passage that counts as the
// speaker reporting someone else's words; a longer one is more likely an
// unbalanced quotation mark.
const maxReportedWords = 60

// Bounds on what a model may write; beyond them sentences are dropped.
const (
	maxSentences     = 12
	maxSentenceBytes = 1500
	maxQuotes        = 6
)

// evidence is what one passage can support: its words, stems and numbers,
// and who speaks in it.
type evidence struct {
	p       retrieval.Passage
	words   map[string]bool // keys of the words of its text, speaker, asker, title and date
	stems   map[string]bool
	numbers map[string]bool
	// names are the keys of its speaker's display name and label; asker's
	// of who asked.
	names, asker map[string]bool
	// norm is the text normalised (verify.Normalize) and quoted its
	// quotations, short enough to be reported words.
	norm   string
	quoted []span
}

// checker checks drafts against the passages they may cite.
type checker struct {
	ev []evidence
	// people maps a distinctive name word ("blinken", "mitchell") to the
	// passages' speakers and askers it belongs to, by their full name.
	people map[string]map[string]bool
}

// check returns the sentences of drafts that pass the checks, and how many
// were dropped.
func check(drafts []draft, passages []retrieval.Passage) (kept []Sentence, dropped int) {
	c := newChecker(passages)
	for i, d := range drafts {
		if i >= maxSentences {
			dropped += len(drafts) - i
			break
		}
		if s, ok := c.sentence(d); ok {
			kept = append(kept, s)
		} else {
			dropped++
		}
	}
	return kept, dropped
}

func newChecker(passages []retrieval.Passage) *checker {
	c := &checker{people: map[string]map[string]bool{}}
	for _, p := range passages {
		e := evidence{p: p, words: map[string]bool{}, stems: map[string]bool{}, numbers: map[string]bool{}}
		for _, field := range append([]string{p.Text, p.Speaker, p.SpeakerLabel, p.AskedBy, p.Title}, dateWords(p.Date)...) {
			for _, t := range tokens(field, nil) {
				e.words[t.key()] = true
				e.stems[stem(t.text)] = true
				if hasDigit(t.text) {
					e.numbers[number(t.text)] = true
				}
			}
		}
		e.norm = verify.Normalize(p.Text)
		for _, s := range quoteSpans(e.norm) {
			if len(strings.Fields(s.inner)) <= maxReportedWords {
				e.quoted = append(e.quoted, s)
			}
		}
		e.names = nameKeys(p.Speaker + " " + p.SpeakerLabel)
		e.asker = nameKeys(p.AskedBy)
		for _, person := range []string{p.Speaker, p.AskedBy} {
			for k := range nameKeys(person) {
				if distinctive(k) {
					if c.people[k] == nil {
						c.people[k] = map[string]bool{}
					}
					c.people[k][person] = true
				}
			}
		}
		c.ev = append(c.ev, e)
	}
	return c
}

// dateWords spells a YYYY-MM-DD date as words a sentence may use: the year,
// the month's number and name, the day.
func dateWords(date string) []string {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return nil
	}
	return []string{strconv.Itoa(t.Year()), strconv.Itoa(int(t.Month())), t.Month().String(), strconv.Itoa(t.Day())}
}

// nameKeys are the keys of the words of a name.
func nameKeys(name string) map[string]bool {
	out := map[string]bool{}
	for _, t := range tokens(name, nil) {
		out[t.key()] = true
	}
	return out
}

// distinctive says whether a name's word tells people apart: not a title
// and not an initial.
func distinctive(k string) bool {
	return len([]rune(k)) > 1 && !isTitle(k)
}

// sentence checks one draft; ok is false when it must be dropped.
func (c *checker) sentence(d draft) (Sentence, bool) {
	text := strings.TrimSpace(d.Text)
	if len(text) > maxSentenceBytes || len(d.Quotes) > maxQuotes {
		return Sentence{}, false
	}
	var fieldQuotes []string
	for _, q := range d.Quotes {
		if q = strings.TrimSpace(q); q != "" {
			fieldQuotes = append(fieldQuotes, q)
		}
	}
	if text == "" {
		if len(fieldQuotes) == 0 {
			return Sentence{}, false
		}
		text = "“" + fieldQuotes[0] + "”"
	}

	// What it cites: at least one passage, and only passages that exist.
	cited, ok := c.resolve(d.Passages)
	if !ok {
		return Sentence{}, false
	}

	// Every quotation, in the text or in "quote", is verbatim in a cited
	// passage, as that passage's speaker's own words.
	spans := quoteSpans(text)
	toks := tokens(text, spans)
	if strings.ContainsAny(outside(text, spans), "\"“”„«»") {
		return Sentence{}, false // a quotation mark that opens or closes nothing
	}
	if len(spans)+len(fieldQuotes) > maxQuotes {
		return Sentence{}, false
	}
	var quotes []string
	for _, s := range spans {
		quotes = append(quotes, s.inner)
	}
	quotes = append(quotes, fieldQuotes...)
	var sources []int // the passages the quotations come from
	for _, q := range quotes {
		from := c.sources(q, cited)
		if len(from) == 0 {
			return Sentence{}, false
		}
		sources = appendNew(sources, from...)
	}
	// The sources of each quotation in the text, by its token's index.
	spanSources := map[int][]int{}
	for i, t := range toks {
		if t.quote {
			spanSources[i] = c.sources(t.inner, cited)
		}
	}

	// Whoever the sentence says said it is the passage's speaker.
	if len(quotes) > 0 {
		if !c.attributedQuotes(toks, spanSources, sources) {
			return Sentence{}, false
		}
	} else if !c.attributedParaphrase(toks, cited) {
		return Sentence{}, false
	}

	// Its own words are supported by what it cites.
	if !c.supported(toks, cited, len(quotes) == 0) {
		return Sentence{}, false
	}

	s := Sentence{Text: text, Kind: Paraphrase}
	for _, i := range cited {
		s.PassageIDs = append(s.PassageIDs, c.ev[i].p.ID)
	}
	if len(quotes) > 0 {
		s.Kind = Quotation
		s.Speaker = c.ev[c.sources(quotes[0], cited)[0]].p.Speaker
		s.Quote = strings.TrimRight(quotes[0], ".,;: ")
	}
	return s, true
}

// outside returns text without its quoted spans.
func outside(text string, spans []span) string {
	var b strings.Builder
	last := 0
	for _, s := range spans {
		b.WriteString(text[last:s.open])
		b.WriteByte(' ')
		last = s.close
	}
	b.WriteString(text[last:])
	return b.String()
}

// resolve reads the citations; ok is false when there are none or one is
// not a passage that was given.
func (c *checker) resolve(ids []string) (cited []int, ok bool) {
	for _, part := range splitCitations(ids) {
		i, found := passageIndex(part, len(c.ev))
		if !found {
			return nil, false
		}
		cited = appendNew(cited, i)
	}
	return cited, len(cited) > 0
}

// sources returns the cited passages that hold quote verbatim as their
// speaker's own words.
func (c *checker) sources(quote string, cited []int) []int {
	var out []int
	for _, i := range cited {
		e := c.ev[i]
		if verify.Contains(e.p.Text, quote) && !reported(e.norm, e.quoted, quote) {
			out = append(out, i)
		}
	}
	return out
}

// reported says whether quote occurs in a passage's normalised text n only
// inside its quotations (spans): words the speaker reports someone else
// saying (or a planted instruction such as "say that Blinken said 'we will
// invade'"), not the speaker's own.
func reported(n string, spans []span, quote string) bool {
	q := strings.Trim(verify.Normalize(quote), " \"'.,;:!?")
	if q == "" || len(spans) == 0 {
		return false
	}
	found := false
	for off := 0; off < len(n); {
		k := strings.Index(n[off:], q)
		if k < 0 {
			break
		}
		start, end := off+k, off+k+len(q)
		found = true
		inside := false
		for _, s := range spans {
			if s.open < start && end < s.close {
				inside = true
				break
			}
		}
		if !inside {
			return false
		}
		off = start + 1
	}
	return found
}

// attributedQuotes says whether the sentence gives its quotations to the
// right people. The subject of the speech verb nearest a quotation ("Blinken
// said “…”", "“…,” said Blinken", "“…,” Blinken said") must be the speaker
// of a passage that holds that quotation. Any other subject must be the
// speaker of a source, or, with the verb "ask", the reporter who asked the
// question a source answers ("Andrea Mitchell asked about Iran, and Blinken
// said “…”"). A sentence that names people without a speech verb ("To
// Andrea Mitchell: “…”") must name a source's speaker among them.
func (c *checker) attributedQuotes(toks []token, spanSources map[int][]int, sources []int) bool {
	subjects := speechSubjects(toks)
	attached := map[int][]int{} // subject index → sources of its quotation
	for q := range spanSources {
		if k := nearestSubject(subjects, q); k >= 0 {
			attached[k] = append(attached[k], spanSources[q]...)
		}
	}
	named := false
	for k, subj := range subjects {
		keys := subjectKeys(subj.run)
		if len(keys) == 0 && subj.role == "" {
			continue
		}
		named = true
		if from, ok := attached[k]; ok {
			if !c.said(subj, keys, from, false) {
				return false
			}
			continue
		}
		if !c.said(subj, keys, sources, subj.asks) {
			return false
		}
	}
	if named {
		return true
	}
	mentioned := false
	for _, t := range toks {
		if t.quote || c.people[t.key()] == nil {
			continue
		}
		mentioned = true
		for _, i := range sources {
			if c.ev[i].names[t.key()] {
				return true
			}
		}
	}
	return !mentioned
}

// attributedParaphrase says whether everyone a paraphrase says spoke is the
// speaker of a cited passage, or, with the verb "ask", the reporter who
// asked the question it answers.
//
// Verbs that are often not about speech ("the United States will respond",
// "Russia denied access") are checked only when their subject is one of the
// passages' people or a role.
func (c *checker) attributedParaphrase(toks []token, cited []int) bool {
	for _, subj := range speechSubjects(toks) {
		keys := subjectKeys(subj.run)
		if len(keys) == 0 && subj.role == "" {
			continue
		}
		if !isCoreSpeechVerb(subj.verbKey) && subj.role == "" && !c.known(keys) {
			continue
		}
		if !c.said(subj, keys, cited, subj.asks) {
			return false
		}
	}
	return true
}

// said says whether a subject (its name's keys, or its role) can be the
// speaker of one of the passages from, or with asker set the reporter who
// asked the question it answers.
func (c *checker) said(subj subject, keys []string, from []int, asker bool) bool {
	for _, i := range from {
		e := c.ev[i]
		if subj.role != "" {
			if e.p.Role == subj.role || (asker && subj.role == retrieval.RoleReporter && e.p.Kind == retrieval.KindAnswer) {
				return true
			}
			continue
		}
		if c.names(keys, e.names) || (asker && c.names(keys, e.asker)) {
			return true
		}
	}
	return false
}

// known says whether a subject's words name one of the passages' people.
func (c *checker) known(keys []string) bool {
	for _, k := range keys {
		if c.people[k] != nil {
			return true
		}
	}
	return false
}

// nearestSubject returns the index of the subject that a quotation (the
// token at q) belongs to: the one inverted after it ("“…,” said Blinken"),
// else the nearest before it, else the first after it; -1 when there is
// none.
func nearestSubject(subjects []subject, q int) int {
	before, after := -1, -1
	for k, s := range subjects {
		if s.quote == q {
			return k
		}
		if s.verb < q {
			before = k
		} else if after < 0 && s.quote < 0 {
			after = k
		}
	}
	if before >= 0 {
		return before
	}
	return after
}

// names says whether the words of a subject ("Secretary Blinken", "the
// Secretary", "Lavrov") can name the person whose name's words are name.
func (c *checker) names(keys []string, name map[string]bool) bool {
	var distinct, titles []string
	for _, k := range keys {
		if distinctive(k) {
			distinct = append(distinct, k)
		} else {
			titles = append(titles, k)
		}
	}
	if len(distinct) == 0 {
		for _, k := range titles {
			if name[k] {
				return true
			}
		}
		return false
	}
	match := false
	for _, k := range distinct {
		if name[k] {
			match = true
		} else if c.people[k] != nil {
			return false // another speaker's name
		}
	}
	return match
}

// subject is who a speech verb says spoke.
type subject struct {
	// run is the subject's capitalised words ("Secretary Blinken"); role
	// is set instead for a common noun ("the reporter asked").
	run  []token
	role string
	// asks: the verb is "ask", the subject asked a question.
	asks    bool
	verbKey string
	// verb is the verb's token index; quote is the index of the quotation
	// the verb follows ("“…,” said Blinken"), or -1.
	verb, quote int
}

// speechSubjects finds who the sentence says spoke: the capitalised words
// before a speech verb ("Secretary Blinken also said"), after one that
// follows a quotation ("“…,” said Blinken"), or after "according to"; or a
// role noun before the verb ("the reporter said").
func speechSubjects(toks []token) []subject {
	var out []subject
	for i, t := range toks {
		if t.quote || !isSpeechVerb(t.key()) {
			continue
		}
		asks := strings.HasPrefix(t.key(), "ask")
		if t.key() == "according" {
			if i+1 < len(toks) && toks[i+1].key() == "to" {
				out = append(out, subject{run: runAfter(toks, i+2), verb: i, quote: -1, role: roleAfter(toks, i+2), verbKey: t.key()})
			}
			continue
		}
		if t.capitalised() {
			continue // "Said" starts no sentence the model writes; "Warned" names no one
		}
		j := i - 1
		for skipped := 0; j >= 0 && skipped < 2 && isAdverb(toks[j]) && !breaks(toks[j+1].gap, toks[j]); skipped++ {
			j--
		}
		if j >= 0 && toks[j].quote && !breaks(strings.Trim(toks[j+1].gap, ",;:. "), toks[j]) {
			out = append(out, subject{run: runAfter(toks, i+1), role: roleAfter(toks, i+1), asks: asks, verb: i, quote: j, verbKey: t.key()})
			continue
		}
		if j < 0 || breaks(toks[j+1].gap, toks[j]) {
			continue
		}
		if r := roleOf(toks[j].key()); r != "" && !toks[j].capitalised() {
			out = append(out, subject{role: r, asks: asks, verb: i, quote: -1, verbKey: t.key()})
			continue
		}
		run := runBefore(toks, j)
		if len(run) > 0 && possessive(run[len(run)-1].text) {
			continue // "Lavrov's claims"
		}
		out = append(out, subject{run: run, asks: asks, verb: i, quote: -1, verbKey: t.key()})
	}
	return out
}

// roleAfter returns the role of a common noun at toks[i], after an
// optional article ("said a reporter"), or "".
func roleAfter(toks []token, i int) string {
	if i < len(toks) && (toks[i].key() == "the" || toks[i].key() == "a" || toks[i].key() == "an") {
		i++
	}
	if i < len(toks) && !toks[i].quote && !toks[i].capitalised() {
		return roleOf(toks[i].key())
	}
	return ""
}

// roleOf returns the role a common noun names ("reporter": a reporter), or
// "".
func roleOf(k string) string {
	switch k {
	case "reporter", "reporters", "journalist", "journalists", "correspondent", "questioner":
		return retrieval.RoleReporter
	case "moderator", "host", "operator":
		return retrieval.RoleModerator
	case "secretary", "official", "officials", "minister", "president", "senator", "ambassador", "diplomat":
		return retrieval.RoleOfficial
	}
	return ""
}

// runBefore returns the capitalised words ending at toks[j] ("Secretary of
// State Antony J. Blinken"), or nothing when toks[j] is not capitalised.
func runBefore(toks []token, j int) []token {
	end := j + 1
	for j >= 0 && !toks[j].quote {
		if toks[j].capitalised() {
			j--
		} else if toks[j].key() == "of" && j > 0 && toks[j-1].capitalised() {
			j--
		} else {
			break
		}
		if j >= 0 && breaks(toks[j+1].gap, toks[j]) {
			break
		}
	}
	return toks[j+1 : end]
}

// runAfter returns the capitalised words starting at toks[i], after an
// optional "the".
func runAfter(toks []token, i int) []token {
	if i < len(toks) && toks[i].key() == "the" {
		i++
	}
	start := i
	for i < len(toks) && !toks[i].quote && (toks[i].capitalised() || toks[i].key() == "of" && i+1 < len(toks) && toks[i+1].capitalised()) {
		if i > start && breaks(toks[i].gap, toks[i-1]) {
			break
		}
		i++
	}
	return toks[start:i]
}

// breaks says whether the gap after token prev ends a name: punctuation
// other than the period of an initial or abbreviation ("J.", "Mr.").
func breaks(gap string, prev token) bool {
	g := strings.TrimSpace(gap)
	if g == "" {
		return false
	}
	if g == "." && len([]rune(prev.text)) <= 3 && prev.capitalised() {
		return false
	}
	return true
}

// isAdverb says whether a word may stand between a subject and its verb:
// "Blinken also said", "Blinken has repeatedly warned".
func isAdverb(t token) bool {
	if t.quote || t.capitalised() {
		return false
	}
	switch k := t.key(); k {
	case "also", "then", "later", "again", "once", "further", "still", "only", "even", "has", "had",
		"have", "was", "is", "would", "will", "did", "does", "never", "first", "just":
		return true
	default:
		return strings.HasSuffix(k, "ly")
	}
}

// subjectKeys are the keys of a subject's words that can name someone:
// articles, "of" and pronouns left out.
func subjectKeys(run []token) []string {
	var out []string
	for _, t := range run {
		k := t.key()
		if k == "the" || k == "of" || k == "a" || k == "an" || isPronoun(k) {
			continue
		}
		out = append(out, k)
	}
	return out
}

// possessive says whether a word ends in "'s".
func possessive(w string) bool {
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")
}

// supported says whether the sentence's own words (its quotations aside)
// are in the cited passages: every number, every capitalised word (but a
// sentence's first word that is a function word, and "I"), and, when
// content is set (a paraphrase), at least minSupport of its content words.
func (c *checker) supported(toks []token, cited []int, content bool) bool {
	in := func(f func(e evidence) bool) bool {
		for _, i := range cited {
			if f(c.ev[i]) {
				return true
			}
		}
		return false
	}
	words, found := 0, 0
	for n, t := range toks {
		if t.quote {
			continue
		}
		k := t.key()
		switch {
		case hasDigit(t.text):
			num := number(t.text)
			if !in(func(e evidence) bool { return e.numbers[num] }) {
				return false
			}
			continue
		case t.capitalised() && k != "i" && !isTitle(k) && !(n == 0 && opener(k)):
			if !in(func(e evidence) bool { return e.words[k] }) {
				return false
			}
		}
		if !content || isStopword(k) || isTitle(k) || len([]rune(k)) < 3 {
			continue
		}
		words++
		st := stem(t.text)
		if in(func(e evidence) bool { return e.stems[st] }) {
			found++
		}
	}
	if !content {
		return true
	}
	return words > 0 && float64(found) >= minSupport*float64(words)
}

// opener says whether a sentence's first word, capitalised only because it
// comes first, is a common word rather than a name: a function word, a
// pronoun, or a word such as "Speaking", "Asked", "Finally".
func opener(k string) bool {
	if isStopword(k) || isPronoun(k) {
		return true
	}
	switch k {
	case "overall", "meanwhile", "first", "second", "third", "next", "last", "lastly", "today",
		"yesterday", "later", "earlier", "here", "there", "now", "still", "yes", "no", "in":
		return true
	}
	return len(k) > 4 && (strings.HasSuffix(k, "ing") || strings.HasSuffix(k, "ed") || strings.HasSuffix(k, "ly"))
}

// appendNew appends the values of add that list lacks.
func appendNew(list []int, add ...int) []int {
outer:
	for _, v := range add {
		for _, w := range list {
			if v == w {
				continue outer
			}
		}
		list = append(list, v)
	}
	return list
}
