package verify

import (
	"cmp"
	"context"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/onrecord/onrecord/retrieval"
)

// Tuning of the verifier. Weights: a content word weighs 1, a stop word
// (stopWordList) weighs stopWeight, so that a claim is judged by its content.
const (
	stopWeight = 0.25
	// A claim is close when its best alignment has a Similarity (a weighted
	// Dice coefficient: twice the weight of the claim's words matched, in
	// order, over the weight of the claim plus the weight of the matched
	// transcript words) of at least closeSimilarity, when at least
	// closeCoverage of the claim's weight and closeContent of its content
	// words are matched, at least two content words (or all, if it has
	// fewer), and when the matched words are no more than half as many
	// again as the claim's: the claim's content must be there, in order
	// and close together, not scattered common words.
	closeSimilarity = 0.6
	closeCoverage   = 0.65
	closeContent    = 0.7
	// maxClaimWords bounds the words of a claim that are aligned; the rest
	// count as added.
	maxClaimWords = 2000
	// candidates is how many candidate places are aligned per claim.
	candidates = 12
	// scanBudget bounds the postings scanned per claim to find candidates;
	// the rarest minAnchors anchors are always scanned.
	scanBudget = 250_000
	minAnchors = 4
	// unigramMaxCount is the most occurrences a content word may have to
	// anchor a candidate on its own (pairs of words anchor regardless); when
	// none is that rare, the claim's rarest content word does.
	unigramMaxCount = 5_000
)

// Verifier checks claimed quotes against every turn of a set of passages.
// It is safe for concurrent use once built.
type Verifier struct {
	passages []retrieval.Passage
	turns    []turn
	vocab    map[string]uint32
	stop     map[string]bool
	// words holds every turn's word ids, turn after turn, each turn followed
	// by a 0 (no word) so that no pair of words spans two turns.
	words []uint32
	// postings lists the positions in words of each word id in order:
	// those of id w are postings[postAt[w]:postAt[w+1]].
	postings []uint32
	postAt   []uint32
	// stopID marks the ids of stop words.
	stopID []bool
	contr  contractions
	// scratch holds *[]uint64 buffers for the hits of a search.
	scratch sync.Pool
}

// turn is one speaker's uninterrupted words: the passages of one turn of one
// transcript joined back in order.
type turn struct {
	start, end int    // its words are words[start:end]
	text       string // the passages' texts joined by a blank line
	parts      []int  // indexes in passages, in order of Part
	partAt     []int  // byte offset in text of each part
}

// New builds a Verifier over passages. Passages of one turn (same
// TranscriptID, Turn and speaker) are joined back, in order of Part, into
// the turn's text, so a quote that runs across two parts of a long answer is
// found whole. New keeps passages; the caller must not change them.
func New(passages []retrieval.Passage) *Verifier {
	v := &Verifier{
		passages: passages,
		vocab:    map[string]uint32{},
		stop:     stopWords(),
		stopID:   []bool{false},
		contr:    newContractions(),
	}
	v.scratch.New = func() any { return new([]uint64) }
	v.groupTurns()
	counts := v.index()
	// Postings by counting sort: positions come out in order per word.
	v.postAt = make([]uint32, len(counts)+1)
	for id, c := range counts {
		v.postAt[id+1] = v.postAt[id] + c
	}
	v.postings = make([]uint32, len(v.words))
	next := slices.Clone(v.postAt[:len(counts)])
	for p, id := range v.words {
		if id != 0 {
			v.postings[next[id]] = uint32(p)
			next[id]++
		}
	}
	v.postings = v.postings[:v.postAt[len(counts)]]
	return v
}

// chunk is the part of the index one worker builds: the words of a range
// of turns, numbered by a vocabulary of its own.
type chunk struct {
	lo, hi int      // turns[lo:hi]
	words  []uint32 // local ids, a 0 after each turn
	ends   []int    // end of each turn in words
	vocab  map[string]uint32
	list   []string // words by local id - 1
	counts []uint32 // by local id
}

// index numbers every turn's words into v.words, in parallel over ranges of
// turns, and returns how many times each word id occurs.
func (v *Verifier) index() []uint32 {
	size := 0
	for _, t := range v.turns {
		size += len(t.text)
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), 8, size>>20))
	chunks := make([]chunk, 0, workers)
	lo, acc := 0, 0
	for ti, t := range v.turns {
		acc += len(t.text)
		if len(chunks) < workers-1 && acc >= size/workers*(len(chunks)+1) {
			chunks = append(chunks, chunk{lo: lo, hi: ti + 1})
			lo = ti + 1
		}
	}
	chunks = append(chunks, chunk{lo: lo, hi: len(v.turns)})
	var wg sync.WaitGroup
	for ci := range chunks {
		wg.Go(func() { v.scanChunk(&chunks[ci]) })
	}
	wg.Wait()

	// Merge the vocabularies in order, then copy the words renumbered.
	counts := []uint32{0}
	total := 1
	remaps := make([][]uint32, len(chunks)) // local id -> id
	for ci := range chunks {
		c := &chunks[ci]
		remap := make([]uint32, len(c.list)+1)
		for li, w := range c.list {
			id, ok := v.vocab[w]
			if !ok {
				id = uint32(len(counts))
				v.vocab[w] = id
				counts = append(counts, 0)
				v.stopID = append(v.stopID, v.stop[w])
			}
			remap[li+1] = id
			counts[id] += c.counts[li+1]
		}
		remaps[ci] = remap
		total += len(c.words)
	}
	v.words = make([]uint32, total)
	off := 1
	for ci := range chunks {
		c := &chunks[ci]
		base := off
		wg.Go(func() {
			for i, id := range c.words {
				v.words[base+i] = remaps[ci][id]
			}
			start := base
			for k, end := range c.ends {
				t := &v.turns[c.lo+k]
				t.start, t.end = start, base+end
				start = t.end + 1
			}
		})
		off += len(c.words)
	}
	wg.Wait()
	return counts
}

// scanChunk numbers the words of the chunk's turns.
func (v *Verifier) scanChunk(c *chunk) {
	c.vocab = map[string]uint32{}
	c.counts = []uint32{0}
	size := 0
	for _, t := range v.turns[c.lo:c.hi] {
		size += len(t.text)
	}
	c.words = make([]uint32, 0, size/5+c.hi-c.lo)
	var buf []byte
	for _, t := range v.turns[c.lo:c.hi] {
		buf = scanWords(t.text, buf, func(_, _ int, w []byte) {
			id, ok := c.vocab[string(w)]
			if !ok {
				id = uint32(len(c.counts))
				s := string(w)
				c.vocab[s] = id
				c.list = append(c.list, s)
				c.counts = append(c.counts, 0)
			}
			c.counts[id]++
			c.words = append(c.words, id)
		})
		c.ends = append(c.ends, len(c.words))
		c.words = append(c.words, 0)
	}
}

// groupTurns joins the passages into turns, ordered by transcript, turn and
// speaker, so that results are deterministic whatever the passages' order.
func (v *Verifier) groupTurns() {
	type key struct {
		transcript     string
		turn           int
		label, speaker string
	}
	idx := make([]int, len(v.passages))
	for i := range idx {
		idx[i] = i
	}
	keyOf := func(i int) key {
		p := &v.passages[i]
		return key{p.TranscriptID, p.Turn, p.SpeakerLabel, p.Speaker}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		ka, kb := keyOf(a), keyOf(b)
		return cmp.Or(strings.Compare(ka.transcript, kb.transcript), cmp.Compare(ka.turn, kb.turn),
			strings.Compare(ka.label, kb.label), strings.Compare(ka.speaker, kb.speaker),
			cmp.Compare(v.passages[a].Part, v.passages[b].Part), strings.Compare(v.passages[a].ID, v.passages[b].ID))
	})
	for n := 0; n < len(idx); {
		k := keyOf(idx[n])
		end := n + 1
		for end < len(idx) && keyOf(idx[end]) == k {
			end++
		}
		t := turn{parts: idx[n:end:end], partAt: make([]int, end-n)}
		if end == n+1 {
			t.text = v.passages[idx[n]].Text
		} else {
			var b strings.Builder
			for i, pi := range t.parts {
				if i > 0 {
					b.WriteString("\n\n")
				}
				t.partAt[i] = b.Len()
				b.WriteString(v.passages[pi].Text)
			}
			t.text = b.String()
		}
		v.turns = append(v.turns, t)
		n = end
	}
}

// count returns how many times word id occurs.
func (v *Verifier) count(id uint32) int {
	if int(id)+1 >= len(v.postAt) {
		return 0
	}
	return int(v.postAt[id+1] - v.postAt[id])
}

// turnOf returns the index of the turn holding word position p.
func (v *Verifier) turnOf(p int) int {
	i, _ := slices.BinarySearchFunc(v.turns, p, func(t turn, p int) int {
		if t.end < p {
			return -1
		}
		if t.start > p {
			return 1
		}
		return 0
	})
	return i
}

// claimWord is one word of a claim.
type claimWord struct {
	text       string // normalised
	id         uint32 // noWord when no turn has it
	start, end int    // byte span in the claim
	frag       int    // which fragment ("…" cuts) it belongs to
	weight     float32
	stop       bool
	alt        bool // not the claim's own word: a contraction made or undone (see variants)
}

// newClaimWord returns the claim word text at claim[start:end].
func (v *Verifier) newClaimWord(text string, start, end, frag int) claimWord {
	id, ok := v.vocab[text]
	if !ok {
		id = noWord
	}
	cw := claimWord{text: text, id: id, start: start, end: end, frag: frag, weight: 1}
	if v.stop[text] {
		cw.stop, cw.weight = true, stopWeight
	}
	return cw
}

// noWord is the id of a claim word no turn has.
const noWord = ^uint32(0)

// parseClaim splits a claim into its words; truncated says it had more
// than maxClaimWords, and only the first are returned.
func (v *Verifier) parseClaim(claim string) (cw []claimWord, truncated bool) {
	var out []claimWord
	frag, prevEnd := 0, 0
	scanWords(claim, nil, func(start, end int, w []byte) {
		if len(out) >= maxClaimWords {
			truncated = true
			return
		}
		if len(out) > 0 && hasEllipsis(claim[prevEnd:start]) {
			frag++
		}
		prevEnd = end
		out = append(out, v.newClaimWord(string(w), start, end, frag))
	})
	return out, truncated
}

// Verify says whether claim was said: verbatim, close (with the words really
// said) or not found, and by whom. When the words were said in several
// places, the best match wins; among equals, the earliest (by date, then
// transcript id, then position; for words said verbatim in more than 10,000
// places, the earliest of the first 10,000 in transcript order). Verify
// stops early, with what it has, when ctx is done.
//
// A claim pasted with its attribution ("Psaki said: …", "…, Psaki said
// Thursday.", "… — Jen Psaki") is checked without it, unless the whole was
// said verbatim; among the places its words were said, one by the person
// named is preferred, and when none is, the Result is Misattributed and
// names who did say them.
func (v *Verifier) Verify(ctx context.Context, claim string) Result {
	quote, source := splitAttribution(claim)
	ms := v.search(ctx, claim, candidates, 1)
	if quote == claim || len(ms) > 0 && ms[0].Verdict == Verbatim {
		if len(ms) > 0 {
			return ms[0]
		}
		return notFound(claim)
	}
	r := notFound(claim)
	if ms = v.search(ctx, quote, candidates, 10); len(ms) > 0 {
		r = ms[0]
		if len(sourceWords(source)) > 0 {
			i := slices.IndexFunc(ms, func(m Result) bool { return m.Verdict == r.Verdict && sameSpeaker(source, m.Speaker) })
			if i >= 0 {
				r = ms[i]
			} else {
				r.Misattributed = true
			}
		}
	}
	r.Claim, r.Quote, r.AttributedTo = claim, quote, source
	return r
}

// All returns every place (up to max, best first) where claim's words, or
// words close to them, were said: for words said more than once. It returns
// nil when nothing comes close. n <= 0 means 10.
func (v *Verifier) All(ctx context.Context, claim string, n int) []Result {
	if n <= 0 {
		n = 10
	}
	quote, source := splitAttribution(claim)
	out := v.search(ctx, quote, max(candidates, 3*n), n)
	if quote != claim {
		for i := range out {
			out[i].Claim, out[i].Quote, out[i].AttributedTo = claim, quote, source
			out[i].Misattributed = len(sourceWords(source)) > 0 && !sameSpeaker(source, out[i].Speaker)
		}
	}
	return out
}

// notFound is the Result of a claim nothing comes close to.
func notFound(claim string) Result {
	return Result{Claim: claim, Verdict: NotFound, Paragraphs: []int{}}
}
