package retrieval

import (
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Excerpts are one to four consecutive sentences of a passage, verbatim:
// the sentence that best answers the question, widened to a neighbour that
// also scores well, or to at least excerptMinWords words (a bare "Thanks,
// Ben." says nothing). A cut is marked with "…".
const (
	excerptMaxSentences = 4
	excerptMaxWords     = 70
	// excerptWordCost keeps an excerpt from growing by sentences that add
	// little: a sentence must score about 0.2 per 20 words to be added.
	excerptWordCost = 0.01
	// excerptMinWords is how many words an excerpt widens to, where its
	// neighbours allow: "Yes, yes, and we will continue to call." is too
	// bare to tell what was said.
	excerptMinWords = 20
	// excerptHardMaxWords is the most an excerpt quotes whole: a longer
	// one is a single sentence past any budget, clipped around the words
	// that answer.
	excerptHardMaxWords = 150
	// penaltySelfIntro keeps a reporter's "Laurent Burkhalter, Swiss
	// Television RTS." from standing for their question.
	penaltySelfIntro = 0.6
)

// quote turns a ranked candidate into a Quote with its excerpt.
func (s *Searcher) quote(qa *query, c candidate) Quote {
	p := &s.passages[c.passage]
	q := Quote{
		Text:       s.excerpt(qa, c),
		Speaker:    p.Speaker,
		Transcript: p.Title,
		Date:       p.Date,
		SourceURL:  p.SourceURL,
		PassageID:  p.ID,
		Paragraphs: p.Paragraphs,
		Score:      round3(c.score),
	}
	if p.Kind == KindAnswer {
		q.Question = p.Question
		if p.AskedBy != "" {
			asked := p.AskedBy
			q.AskedBy = &asked
		}
	}
	return q
}

func round3(x float64) float64 {
	return float64(int64(x*1000+0.5)) / 1000
}

// excerpt picks the sentences of the candidate's passage that answer the
// question and returns them verbatim, white space collapsed, "…" where the
// passage goes on before or after.
func (s *Searcher) excerpt(qa *query, c candidate) string {
	p := &s.passages[c.passage]
	spans := Sentences(p.Text)
	if len(spans) == 0 {
		return ""
	}
	score := s.sentenceScores(qa, c.passage, p.Text, spans)
	best := 0
	for i := range score {
		if score[i] > score[best] {
			best = i
		}
	}
	// Words per sentence, counted once; a window's words are their sum.
	wc := make([]int, len(spans)+1)
	for i, sp := range spans {
		wc[i+1] = wc[i] + countWords(p.Text[sp.Start:sp.End])
	}
	words := func(a, b int) int { return wc[b] - wc[a] }
	// The window of consecutive sentences within the word budget whose
	// sentences together answer best, the best of them counted twice so
	// that one strong sentence beats several weak ones.
	lo, hi := best, best+1 // window [lo, hi)
	bestScore := math.Inf(-1)
	for i := range spans {
		sum, top := 0.0, math.Inf(-1)
		for j := i; j < len(spans) && j-i < excerptMaxSentences; j++ {
			if j > i && words(i, j+1) > excerptMaxWords {
				break
			}
			sum += math.Max(score[j], 0)
			top = math.Max(top, score[j])
			if v := sum + top - excerptWordCost*float64(words(i, j+1)); v > bestScore+1e-9 {
				bestScore, lo, hi = v, i, j+1
			}
		}
	}
	// Trim what says nothing at the edges: "(Laughs.)", "Okay.", "Sure.",
	// and what only fills time: "Oh, I'm sorry, I – (inaudible) to
	// address that."
	filler := func(i int) bool {
		if words(i, i+1) < 3 {
			return true
		}
		return words(i, i+1) < 15 && fillerRE.MatchString(p.Text[spans[i].Start:spans[i].End]) && !s.holdsContent(qa, c.passage, i)
	}
	for hi-lo > 1 && filler(lo) {
		lo++
	}
	for hi-lo > 1 && filler(hi-1) {
		hi--
	}
	// A quote that opens by drawing a conclusion ("So, if they want to
	// remember me, …") takes the sentence it draws it from, in the same
	// paragraph, unless that one only greets or fills time.
	takesPremise := func(i int) bool {
		if i == 0 || !concludesRE.MatchString(p.Text[spans[i].Start:spans[i].End]) {
			return false
		}
		prev := p.Text[spans[i-1].Start:spans[i-1].End]
		sameParagraph := !strings.Contains(p.Text[spans[i-1].End:spans[i].Start], "\n\n")
		return sameParagraph && !filler(i-1) && !fillerRE.MatchString(prev) && !greetingRE.MatchString(prev)
	}
	if takesPremise(lo) {
		// To make room, a full window gives up its last sentence, unless
		// that is the one that answers best: "So let me say
		// congratulations to Japan as well on that feat" needs the feat
		// more than the thanks for the trip that follow it.
		h := hi
		if hi-lo >= excerptMaxSentences && hi-1 > best {
			h--
		}
		if h-lo < excerptMaxSentences && words(lo-1, h) <= excerptMaxWords {
			lo, hi = lo-1, h
		}
	}
	// Too few words to stand alone: widen to the better neighbour, never
	// to one that only fills time.
	for words(lo, hi) < excerptMinWords && hi-lo < excerptMaxSentences {
		before := lo > 0 && !filler(lo-1) && words(lo-1, hi) <= excerptMaxWords
		after := hi < len(spans) && !filler(hi) && words(lo, hi+1) <= excerptMaxWords
		if before && (!after || score[lo-1] > score[hi]) {
			lo--
		} else if after {
			hi++
		} else {
			break
		}
	}
	text := cleanSpaces(p.Text[spans[lo].Start:spans[hi-1].End])
	cutBefore, cutAfter := lo > 0, hi < len(spans)
	if countWords(text) > excerptHardMaxWords {
		var before, after bool
		text, before, after = s.clip(qa, text)
		cutBefore, cutAfter = cutBefore || before, cutAfter || after
	}
	if cutBefore {
		text = "… " + text
	}
	if cutAfter {
		text += " …"
	}
	return text
}

// clip cuts an excerpt too long to quote whole (a sentence that never
// ends, as in a file without full stops) to the excerptMaxWords words that
// hold the most of the question, cut between words; before and after say
// where it cut.
func (s *Searcher) clip(qa *query, text string) (clipped string, before, after bool) {
	words := strings.Fields(text)
	n := excerptMaxWords
	if len(words) <= n {
		return text, false, false
	}
	weight := make([]float64, len(words))
	for i, w := range words {
		for _, t := range tokens(w) {
			if id, ok := s.termID[t]; ok {
				weight[i] += qa.want[id]
			}
		}
	}
	sum := 0.0
	for _, w := range weight[:n] {
		sum += w
	}
	start, best := 0, sum
	for i := n; i < len(words); i++ {
		sum += weight[i] - weight[i-n]
		if sum > best+1e-9 {
			start, best = i-n+1, sum
		}
	}
	// Centre the words that answer, so the quote gives what leads up to
	// them and what follows.
	first, last := -1, -1
	for i := start; i < start+n; i++ {
		if weight[i] > 0 {
			last = i
			if first < 0 {
				first = i
			}
		}
	}
	if first >= 0 {
		start = min(max(0, (first+last)/2-n/2), len(words)-n)
	}
	return strings.Join(words[start:start+n], " "), start > 0, start+n < len(words)
}

// sentenceScores rates each sentence of a passage for the question: the
// share of the question's content (weighted by rarity) it holds, plus its
// cosine with the question.
func (s *Searcher) sentenceScores(qa *query, passage int, text string, spans []Span) []float64 {
	out := make([]float64, len(spans))
	var dense []float32
	if qa.vec != nil {
		dense = s.store.SentenceScores(qa.vec, passage)
	}
	want, all := qa.want, qa.wantAll
	terms := s.sentenceTerms(passage)
	// An answer's first sentences are where officials answer, before they
	// go on to what they would rather talk about.
	p := &s.passages[passage]
	lead := 0
	for i, sp := range spans {
		var got float64
		if p.Kind == KindAnswer && p.Part == 0 {
			switch lead {
			case 0:
				out[i] += 0.15
			case 1:
				out[i] += 0.07
			}
			if countWords(text[sp.Start:sp.End]) >= 3 {
				lead++
			}
		}
		if i < len(terms) {
			for _, id := range terms[i] { // each term once per sentence
				got += want[id]
			}
		}
		if all > 0 {
			out[i] += got / all
		}
		if i < len(dense) {
			out[i] += 0.5 * float64(dense[i])
		}
		if holdsAnswerFor(qa, text[sp.Start:sp.End]) {
			out[i] += boostAnswerType
			if countsUnit(qa.unit, text[sp.Start:sp.End]) {
				out[i] += boostAnswerType / 2 // a number of the right things
			}
		}
		if p.Kind == KindQuestion && i < 3 && selfIntroRE.MatchString(text[sp.Start:sp.End]) {
			// Who is asking is the quote's attribution, not what they
			// asked, though it holds the question's words for them.
			out[i] -= penaltySelfIntro
		}
		if n := countWords(text[sp.Start:sp.End]); n < 5 {
			out[i] -= 0.2 // "Thanks, Ben." answers nothing
		}
	}
	return out
}

// countWords counts the white-space separated words of s without
// allocating.
func countWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		space := s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// cleanSpaces collapses runs of white space, paragraph breaks included.
func cleanSpaces(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// What kind of words a question asks for: "How many…" wants a number,
// "When…" a date. A sentence holding that kind of words is more likely the
// answer than one that only repeats the question.
type answerType int

const (
	answerAny answerType = iota
	answerNumber
	answerMoney
	answerDate
	answerLength // a duration or extent: "How long…"
	answerReason // a cause or purpose: "Why…"
	// answerChange is how much a price or sum rose or fell: "How much had
	// the price of gasoline fallen?" is answered by "down more than 5
	// percent" as well as by "81 cents".
	answerChange
	answerPlace // a state or a country: "Where…", "Which states…"
)

const boostAnswerType = 0.5

var (
	numberQuestionRE = regexp.MustCompile(`(?i)\b(how (many|much|big|large|long|far|old|often|high|low|deep|wide|tall|heavy|fast)|what (age|proportion|percentage|share|portion|fraction|number|amount|fee|cost|price|size|rate|total)|at what age|combined (fee|cost|total))\b|\b(fee|cost|price|percent|percentage|proportion|portion|share|number|amount|total)\b`)
	moneyQuestionRE  = regexp.MustCompile(`(?i)\b(money|cost|costs|fee|fees|price|prices|spend|spent|pay|paid|pays|fund|funds|funding|dollars|budget|cheaper|expensive|cents|invest|investment|grant|grants)\b`)
	moneyRE          = regexp.MustCompile(`(?i)\$\s?\d[\d,.]*|\b\d[\d,.]*\s*(dollars|cents)\b|\b(dollars|cents)\b`)
	// changeRE finds a question about a rise or fall; changeAnswerRE, a
	// sum or a share that answers it.
	changeRE       = regexp.MustCompile(`(?i)\b(fall|falls|fell|fallen|falling|drop|drops|dropped|rise|rises|rose|risen|rising|increase|increased|decrease|decreased|decline|declined|grow|grew|grown|cut|(gone|go|went|come|came) (up|down))\b`)
	changeAnswerRE = regexp.MustCompile(moneyRE.String() + `|\d[\d,.]*\s*%|\bpercent\b`)
	howManyRE      = regexp.MustCompile(`(?i)\bhow many\b`)
	howLongRE      = regexp.MustCompile(`(?i)\bhow long\b`)
	// lengthRE finds how long something lasts or runs: "several months",
	// "more than eight hours", "a six-page document".
	lengthRE = regexp.MustCompile(`(?i)\b(\d[\d,.]*|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|several|few|couple of|dozen|many|half an?)[\s-]+(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|pages?|miles?)\b`)
	whyRE    = regexp.MustCompile(`(?i)^\s*why\b`)
	reasonRE = regexp.MustCompile(`(?i)\b(because|the reason|reasons|the purpose|purposes|in order to|so that|that's why|that’s why|meant to|designed to|aimed at|intended to|due to)\b`)
	// dateQuestionRE finds a question that asks when: at its start, or
	// after a clause that sets the scene ("Before their April 2024 phone
	// call, when had they last spoken?"), but not "…, when asked about".
	dateQuestionRE = regexp.MustCompile(`(?i)^\s*(when|what (day|date|year|month|time))\b|\bby when\b|[,;:]\s+when (?:had|did|was|were|will|would|is|are|does|do|has|have)\b`)
	dateRE         = regexp.MustCompile(`(?i)\b(1[89]\d\d|20\d\d|january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|yesterday|tonight|next (week|month|year)|last (week|month|year)|spring|summer|fall|autumn|winter|(?-i:[A-Z][a-z]+ Day))\b`)
)

func questionWants(q string) answerType {
	switch {
	case dateQuestionRE.MatchString(q):
		return answerDate
	case asksForPlace(q):
		return answerPlace
	case howManyRE.MatchString(q):
		return answerNumber // a count, even of what money buys
	case howLongRE.MatchString(q):
		return answerLength
	case numberQuestionRE.MatchString(q) && moneyQuestionRE.MatchString(q) && changeRE.MatchString(q):
		return answerChange
	case numberQuestionRE.MatchString(q) && moneyQuestionRE.MatchString(q):
		return answerMoney
	case numberQuestionRE.MatchString(q):
		return answerNumber
	case whyRE.MatchString(q):
		return answerReason
	}
	return answerAny
}

// holdsAnswerFor reports whether a sentence holds the kind of words the
// question asks for that the question does not already say: "with 60
// votes or a simple majority?" is not answered by a sentence saying 60.
func holdsAnswerFor(qa *query, sentence string) bool {
	var re *regexp.Regexp
	find := func(s string) [][]int { return re.FindAllStringIndex(s, -1) }
	switch qa.wants {
	case answerNumber:
		re = numberWordRE
	case answerMoney:
		re = moneyRE
	case answerChange:
		re = changeAnswerRE
	case answerDate:
		re = dateRE
	case answerLength:
		re = lengthRE
	case answerReason:
		re = reasonRE
	case answerPlace:
		find = findPlaces
	default:
		return false
	}
	for _, at := range find(sentence) {
		m := sentence[at[0]:at[1]]
		if hasWord(qa.lower, strings.ToLower(strings.TrimSpace(m))) {
			continue
		}
		if qa.wants == answerNumber && !qa.timeAsked && (wholeYearRE.MatchString(m) || timeUnitAfterRE.MatchString(sentence[at[1]:]) || timeUnits[lastWord(sentence[:at[0]])]) {
			// "How big a delegation…" is not answered by "a critical
			// 30 days" or "in force for 50 years", nor by "2021".
			continue
		}
		return true
	}
	return false
}

var (
	// timeQuestionRE finds a question whose number is a time: an age, a
	// span, a count of days.
	timeQuestionRE = regexp.MustCompile(`\b(how (old|often|long|soon)|age|ages|aged|how many (\w+ )?(seconds|minutes|hours|days|weeks|months|years|decades|times))\b`)
	// wholeYearRE is a number that is a year.
	wholeYearRE = regexp.MustCompile(`^(1[89]|20)\d\d$`)
	// timeUnitAfterRE finds a time unit straight after a number: "30
	// days", "50-year".
	timeUnitAfterRE = regexp.MustCompile(`(?i)^[\s-]+(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century)\b`)
	// timeUnits are the words that make the number after them a time:
	// "day one", "week 2".
	timeUnits = wordSet("day week month year phase")
)

// lastWord returns the last word of s, in lower case.
func lastWord(s string) string {
	f := strings.Fields(s[max(0, len(s)-20):])
	if len(f) == 0 {
		return ""
	}
	return strings.ToLower(f[len(f)-1])
}

// hasWord reports whether text holds w as a whole word: "one" is not in
// "someone".
func hasWord(text, w string) bool {
	for from := 0; ; {
		i := strings.Index(text[from:], w)
		if i < 0 {
			return false
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[i+len(w):])
		if !isWordRune(before) && !isWordRune(after) {
			return true
		}
		from = i + 1
	}
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// numberWordRE finds whole numbers, in digits or words, and multiples:
// "By how much had sequencing grown?" is answered by "about tenfold" or
// "it has doubled".
var numberWordRE = regexp.MustCompile(`(?i)\d[\d,.]*\d|\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|dozen|half|quarter|percent|double|triple|doubled|tripled|quadrupled|halved|(?:two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand)fold)\b`)

// concludesRE finds a sentence that opens by drawing a conclusion from the
// one before: "So, …", "That's why …".
var concludesRE = regexp.MustCompile(`^\W*(?:So|And so|That's why|That’s why|That is why|Which is why|Therefore|Thus)\b`)

// greetingRE finds a sentence that only greets.
var greetingRE = regexp.MustCompile(`(?i)^\W*(good (morning|afternoon|evening)|hello|hi|hey|welcome|(it's |it’s )?(good|nice|great) to (see|be))\b`)

// selfIntroRE finds the sentence in which a reporter says who they are and
// whom they write for: "Laurent Burkhalter, Swiss Television RTS.", "My
// name is Sugimoto of Sankei Newspaper.", "Jeff Mason with Reuters."
var selfIntroRE = regexp.MustCompile(`^\W*(?i:(?:thank you|thanks)[^.]*\.\s*)?(?:(?i:my name is|i'm|i am|this is|hi,? i'm)\b|[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*(?:,|\bwith\b|\bfrom\b|\bof\b)\s*(?:the\s+)?[A-Z][^.?!,]{0,60}[.]?\s*$)`)

// fillerRE finds sentences that fill time rather than answer: apologies,
// thanks, transcribers' notes.
var fillerRE = regexp.MustCompile(`(?i)\((inaudible|laughter|laughs|crosstalk|off-mic|off mike|coughs)\.?\)|^\W*(oh,?\s+)?(i'm sorry|i’m sorry|sorry|thank you|thanks|go ahead|sure|yeah|yes|okay|ok|all right|great|good question)\b`)

// holdsContent reports whether sentence i of a passage holds any of the
// question's content words.
func (s *Searcher) holdsContent(qa *query, passage, i int) bool {
	terms := s.sentenceTerms(passage)
	if i >= len(terms) {
		return false
	}
	for _, id := range terms[i] {
		if qa.want[id] > 0 {
			return true
		}
	}
	return false
}
