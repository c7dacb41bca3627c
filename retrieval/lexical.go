package retrieval

import (
	"container/heap"
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// BM25 parameters: the usual ones.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// Field weights of the lexical index. A passage is found by its own words
// first; an answer also by the question it answers (an answer's words often
// do not repeat the question's), and every passage by who spoke and at which
// event, since questions name them ("What did Blinken say…").
const (
	weightText     = 1.0
	weightQuestion = 0.35
	weightSpeaker  = 0.5
	weightTitle    = 0.3
)

// lexicon is an inverted index over passages with BM25 scoring: a small
// hand-written index answers in well under a millisecond over the archive,
// which general-purpose search libraries do not.
type lexicon struct {
	postings map[string][]posting
	length   []float32 // weighted length of each passage
	avgLen   float64
	n        int
	// scratch holds searches' accumulators for reuse: one per passage is
	// too much garbage to make per question.
	scratch sync.Pool
}

// searchScratch is one search's working memory: a score per passage, all
// zero between searches, and the passages it touched.
type searchScratch struct {
	acc     []float32
	touched []int32
}

type posting struct {
	doc int32
	tf  float32
}

// newLexicon indexes passages; the index of a passage in ps is its id.
// Two halves are indexed at once and their postings joined in order.
func newLexicon(ps []Passage) *lexicon {
	lx := &lexicon{postings: map[string][]posting{}, length: make([]float32, len(ps)), n: len(ps)}
	workers := runtime.GOMAXPROCS(0)
	if workers > 4 {
		workers = 4
	}
	if len(ps) < 2000 {
		workers = 1
	}
	parts := make([]map[string][]posting, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(ps)/workers, (w+1)*len(ps)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[w] = indexRange(ps, lo, hi, lx.length)
		}()
	}
	wg.Wait()
	for _, part := range parts {
		for t, list := range part {
			lx.postings[t] = append(lx.postings[t], list...)
		}
	}
	lx.setAvgLen()
	return lx
}

// setAvgLen sets avgLen from length.
func (lx *lexicon) setAvgLen() {
	total := 0.0
	for _, l := range lx.length {
		total += float64(l)
	}
	lx.avgLen = 0
	if len(lx.length) > 0 {
		lx.avgLen = total / float64(len(lx.length))
	}
}

// indexRange indexes ps[lo:hi], writing each passage's weighted length.
func indexRange(ps []Passage, lo, hi int, length []float32) map[string][]posting {
	postings := map[string][]posting{}
	tf := map[string]float32{}
	for i := lo; i < hi; i++ {
		length[i] = indexPassage(&ps[i], tf)
		for t, f := range tf {
			postings[t] = append(postings[t], posting{int32(i), f})
		}
	}
	return postings
}

// indexPassage sets tf (cleared first) to the weighted frequency of each
// term of p and returns p's weighted length.
func indexPassage(p *Passage, tf map[string]float32) float32 {
	clear(tf)
	var length float32
	add := func(text string, w float32) {
		eachToken(text, func(t string) {
			tf[t] += w
			length += w
		})
	}
	add(p.Text, weightText)
	if p.Kind == KindAnswer {
		add(p.Question, weightQuestion)
	}
	add(p.Speaker+" "+labelWords(p.SpeakerLabel)+" "+p.SpeakerTitle, weightSpeaker)
	add(p.Title, weightTitle)
	return length
}

// idf is BM25's inverse document frequency; a term no passage has gets the
// largest value, which abstention relies on: an unknown word is evidence.
func (lx *lexicon) idf(term string) float64 {
	df := float64(len(lx.postings[term]))
	if df == 0 {
		df = 0.5
	}
	return math.Log(1 + (float64(lx.n)-df+0.5)/(df+0.5))
}

type scored struct {
	doc   int
	score float64
}

// search returns up to k passages by BM25 score for the query terms, best
// first, keeping only those keep accepts (nil keeps all).
func (lx *lexicon) search(terms []string, k int, keep func(int) bool) []scored {
	// A dense accumulator beats a map by an order of magnitude here; the
	// touched list keeps collecting the results proportional to the hits.
	sc, _ := lx.scratch.Get().(*searchScratch)
	if sc == nil || len(sc.acc) != lx.n {
		sc = &searchScratch{acc: make([]float32, lx.n)}
	}
	acc, touched := sc.acc, sc.touched[:0]
	defer func() {
		for _, d := range touched {
			acc[d] = 0
		}
		sc.touched = touched[:0]
		lx.scratch.Put(sc)
	}()
	for _, t := range dedupe(terms) {
		ps := lx.postings[t]
		if len(ps) == 0 {
			continue
		}
		idf := float32(lx.idf(t))
		for _, p := range ps {
			norm := float32(bm25K1) * (1 - bm25B + bm25B*lx.length[p.doc]/float32(lx.avgLen))
			if acc[p.doc] == 0 {
				touched = append(touched, p.doc)
			}
			acc[p.doc] += idf * p.tf * (bm25K1 + 1) / (p.tf + norm)
		}
	}
	// Keep the best k in a min-heap: sorting every touched passage is what
	// a query over the archive would otherwise spend its time on.
	h := make(scoredHeap, 0, k+1)
	for _, d := range touched {
		if keep != nil && !keep(int(d)) {
			continue
		}
		c := scored{int(d), float64(acc[d])}
		if len(h) < k {
			heap.Push(&h, c)
		} else if k > 0 && lower(h[0], c) {
			h[0] = c
			heap.Fix(&h, 0)
		}
	}
	out := []scored(h)
	sort.Slice(out, func(i, j int) bool { return lower(out[j], out[i]) })
	return out
}

// lower orders results: lower score, then later passage, is worse.
func lower(a, b scored) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	return a.doc > b.doc
}

// scoredHeap is a min-heap of results, the worst on top.
type scoredHeap []scored

func (h scoredHeap) Len() int           { return len(h) }
func (h scoredHeap) Less(i, j int) bool { return lower(h[i], h[j]) }
func (h scoredHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *scoredHeap) Push(x any)        { *h = append(*h, x.(scored)) }
func (h *scoredHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func dedupe(ts []string) []string {
	seen := map[string]bool{}
	out := ts[:0:0]
	for _, t := range ts {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// labelWords turns a raw label into words worth indexing ("SECRETARY
// BLINKEN" → "secretary blinken"); reporters' generic labels add nothing.
func labelWords(label string) string {
	switch strings.ToUpper(strings.Trim(label, ". ")) {
	case "Q", "QUESTION":
		return ""
	}
	return label
}

// stopwords carry no meaning a question could be matched on.
var stopwords = wordSet(`a an the and or but if of at by for with about against between into through
	during before after above below to from up down in out on off over under again further then once here there
	when where why how all any both each few more most other some such no nor not only own same so than too very
	s t can will just don should now i me my myself we our ours ourselves you your yours yourself yourselves he him
	his himself she her hers herself it its itself they them their theirs themselves what which who whom this that
	these those am is are was were be been being have has had having do does did doing would could ought i'm you're
	he's she's it's we're they're i've you've we've they've i'd you'd he'd she'd we'd they'd i'll you'll he'll
	she'll we'll they'll isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't
	shan't shouldn't can't cannot couldn't mustn't let's that's who's what's here's there's when's where's why's
	how's as until while because also may might must shall yes yeah okay ok mr ms mrs dr n't 's 're 've 'll 'd
	said say says saying tell told think thought going go get got know like well really thing things lot`)

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// tokens splits text into lower-case index terms: words and numbers
// ("100,000" is one term, "100000"), stop words dropped, lightly stemmed so
// "breakthroughs" finds "breakthrough".
func tokens(text string) []string {
	var out []string
	eachToken(text, func(t string) { out = append(out, t) })
	return out
}

// eachToken calls f with each index term of text, in order. It works on
// bytes, decoding only non-ASCII runes: indexing tokenises every passage of
// the archive each time a store is opened.
func eachToken(text string, f func(string)) {
	buf := make([]byte, 0, 32)
	flush := func() {
		if len(buf) == 0 {
			return
		}
		w := buf
		for len(w) > 0 && w[len(w)-1] == '\'' {
			w = w[:len(w)-1]
		}
		buf = buf[:0]
		if len(w) == 0 || stopwords[string(w)] {
			return
		}
		for i, c := range w {
			if c == '\'' && i > 0 {
				w = w[:i] // "russia's" → "russia"
				if stopwords[string(w)] {
					return
				}
				break
			}
		}
		f(stem(string(w)))
	}
	isDigit := func(i int) bool { return i >= 0 && i < len(text) && text[i] >= '0' && text[i] <= '9' }
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				buf = append(buf, c)
			case c >= 'A' && c <= 'Z':
				buf = append(buf, c+'a'-'A')
			case c == '\'' && len(buf) > 0:
				buf = append(buf, '\'')
			case (c == ',' || c == '.') && len(buf) > 0 && isDigit(i-1) && isDigit(i+1):
				if c == '.' {
					buf = append(buf, '.') // 2.5 stays a number
				}
			default:
				flush() // "de-escalate": both halves
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case r == '’' && len(buf) > 0:
			buf = append(buf, '\'')
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
}

// stem strips the commonest English inflections. It is deliberately
// light: over-eager stemming merges words questions need kept apart.
func stem(w string) string {
	switch w {
	case "adviser", "advisers":
		return "advisor" // both spellings are in use for one office
	}
	if base, ok := irregular[w]; ok {
		return base // "came" finds "come"
	}
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		w = w[:n-3] + "y"
	case n > 5 && strings.HasSuffix(w, "sses"):
		w = w[:n-2]
	case n > 4 && strings.HasSuffix(w, "es") && strings.ContainsAny(w[n-3:n-2], "sxz"):
		w = w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:n-1]
	}
	n = len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ing"):
		return undouble(w[:n-3])
	case n > 5 && strings.HasSuffix(w, "ed"):
		return undouble(w[:n-2])
	}
	return w
}

// irregular maps the commonest irregular verb forms to their base, as the
// suffix rules cannot.
var irregular = func() map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(`come came|go went gone|meet met|make made|take took taken|give gave given|
	see saw seen|leave left|bring brought|begin began begun|hold held|feel felt|keep kept|speak spoke spoken|
	write wrote written|choose chose chosen|run ran|win won|lose lost|send sent|spend spent|build built|pay paid|
	sell sold|buy bought|teach taught|catch caught|fight fought|seek sought|lead led|mean meant|find found|
	stand stood|understand understood|become became|rise rose risen|fall fell fallen|drive drove driven|
	fly flew flown|grow grew grown|throw threw thrown|break broke broken|forget forgot forgotten|hear heard|
	sit sat|sleep slept|steal stole stolen|strike struck|swear swore sworn|wear wore worn|withdraw withdrew withdrawn|
	arise arose arisen|bear bore borne|bite bit bitten|blow blew blown|draw drew drawn|eat ate eaten|freeze froze frozen|
	hide hid hidden|ride rode ridden|shake shook shaken|sing sang sung|sink sank sunk|swim swam swum|tear tore torn|
	wake woke woken|undertake undertook undertaken|overtake overtook overtaken|mislead misled|deal dealt|
	lend lent|light lit|shoot shot|stick stuck|sweep swept|swing swung|weep wept|wind wound|forbid forbade forbidden|
	forgive forgave forgiven|foresee foresaw foreseen`, "|") {
		f := strings.Fields(line)
		for _, form := range f[1:] {
			m[form] = f[0]
		}
	}
	return m
}()

func undouble(w string) string {
	n := len(w)
	if n > 2 && w[n-1] == w[n-2] && !strings.ContainsAny(w[n-1:], "lsz") {
		return w[:n-1]
	}
	return w
}
