package verify

import (
	"cmp"
	"context"
	"slices"
)

// Finding candidates: every pair of consecutive claim words (and every
// content word not too common) is an anchor; the postings of the rarer word
// of a pair are scanned, and each occurrence followed by the other word is a
// hit for both claim positions on the diagonal "position in the transcript
// minus position in the claim". Windows of nearby diagonals are scored by
// the weight of the distinct claim words they hit; the best windows, split by
// turn, are the candidates that are then aligned word by word.

// hitShift packs a hit: (diagonal+claim length) << hitShift | claim index.
const hitShift = 24

// maxHits bounds the hits gathered for one claim.
const maxHits = 400_000

// cand is a place to align: a turn and the range of diagonals hit in it.
type cand struct {
	turn     int
	dlo, dhi int // diagonals: position in words minus position in the claim
}

// candidates returns up to k places where the claim's words were hit,
// best first.
func (v *Verifier) candidates(cw []claimWord, k int) []cand {
	m := len(cw)
	type anchor struct {
		j    int
		pair bool
		cost int
	}
	var anchors []anchor
	rarest := -1
	for j, w := range cw {
		if w.id == noWord {
			continue
		}
		if j+1 < m && cw[j+1].id != noWord && cw[j+1].frag == w.frag {
			anchors = append(anchors, anchor{j, true, min(v.count(w.id), v.count(cw[j+1].id))})
		}
		c := v.count(w.id)
		if m == 1 || !w.stop && c <= unigramMaxCount {
			anchors = append(anchors, anchor{j, false, c})
		} else if !w.stop && (rarest < 0 || c < v.count(cw[rarest].id)) {
			rarest = j
		}
	}
	if rarest >= 0 && !slices.ContainsFunc(anchors, func(a anchor) bool { return !a.pair }) {
		anchors = append(anchors, anchor{rarest, false, v.count(cw[rarest].id)})
	}
	slices.SortStableFunc(anchors, func(a, b anchor) int { return cmp.Compare(a.cost, b.cost) })

	buf := v.scratch.Get().(*[]uint64)
	defer func() { v.scratch.Put(buf) }()
	hits := (*buf)[:0]
	defer func() { *buf = hits[:0] }()
	hit := func(p, j int) { hits = append(hits, uint64(p-j+m)<<hitShift|uint64(j)) }
	spent := 0
	for n, a := range anchors {
		if n >= minAnchors && spent+a.cost > scanBudget || len(hits) >= maxHits {
			break
		}
		spent += a.cost
		id := cw[a.j].id
		if !a.pair {
			for _, p := range v.post(id) {
				hit(int(p), a.j)
			}
			continue
		}
		next := cw[a.j+1].id
		if v.count(id) <= v.count(next) {
			for _, p := range v.post(id) {
				if v.words[p+1] == next {
					hit(int(p), a.j)
					hit(int(p)+1, a.j+1)
				}
			}
		} else {
			for _, p := range v.post(next) {
				if v.words[p-1] == id {
					hit(int(p)-1, a.j)
					hit(int(p), a.j+1)
				}
			}
		}
	}
	if len(hits) == 0 {
		return nil
	}
	slices.Sort(hits)
	hits = slices.Compact(hits)

	// Sweep windows of width w over the diagonals, scoring each by the
	// weight (content 4, stop 1) of the distinct claim words it hits.
	diag := func(h uint64) int { return int(h>>hitShift) - m }
	idx := func(h uint64) int { return int(h & (1<<hitShift - 1)) }
	vote := func(j int) int {
		if cw[j].stop {
			return 1
		}
		return 4
	}
	type window struct{ score, l, r int }
	var wins []window
	width := m/2 + 2
	seen := make([]int32, m)
	score, l := 0, 0
	for r, h := range hits {
		if j := idx(h); seen[j] == 0 {
			score += vote(j)
		}
		seen[idx(h)]++
		d := diag(h)
		for diag(hits[l]) < d-width {
			j := idx(hits[l])
			if seen[j]--; seen[j] == 0 {
				score -= vote(j)
			}
			l++
		}
		if r+1 == len(hits) || diag(hits[r+1]) != d {
			wins = append(wins, window{score, l, r})
		}
	}
	best := 0
	for _, w := range wins {
		best = max(best, w.score)
	}
	wins = slices.DeleteFunc(wins, func(w window) bool { return w.score*3 < best })
	slices.SortFunc(wins, func(a, b window) int { return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.l, b.l)) })

	var out []cand
	var chosen []window
	for _, w := range wins {
		if len(chosen) >= k {
			break
		}
		lo, hi := diag(hits[w.l]), diag(hits[w.r])
		if slices.ContainsFunc(chosen, func(c window) bool {
			return lo <= diag(hits[c.r])+width && diag(hits[c.l])-width <= hi
		}) {
			continue
		}
		chosen = append(chosen, w)
		// A window may straddle turns: one candidate per turn.
		first := len(out)
		for _, h := range hits[w.l : w.r+1] {
			d := diag(h)
			t := v.turnOf(d + idx(h))
			i := slices.IndexFunc(out[first:], func(c cand) bool { return c.turn == t })
			if i < 0 {
				out = append(out, cand{t, d, d})
				continue
			}
			c := &out[first+i]
			c.dlo, c.dhi = min(c.dlo, d), max(c.dhi, d)
		}
	}
	return out
}

// post returns the positions of word id.
func (v *Verifier) post(id uint32) []uint32 {
	if int(id)+1 >= len(v.postAt) {
		return nil
	}
	return v.postings[v.postAt[id]:v.postAt[id+1]]
}

// match is one place a claim was aligned with.
type match struct {
	turn    int
	verdict Verdict
	sim     float64
	score   float32
	// spans are the matched words, [start, end) positions in words: one
	// span, or one per fragment of a claim cut with "…".
	spans [][2]int
	steps []step // the alignment; nil when verbatim (made when needed)
	// words are the claim's words as aligned: a variant of them (see
	// variants), or nil for the claim's own.
	words []claimWord
}

// asVariant marks m as a match of the claim's variant vw: close, not
// verbatim, since the words differ; said word for word but for the
// variant's changes, it ranks above other close matches.
func asVariant(m match, vw []claimWord) match {
	m.words = vw
	if m.verdict == Verbatim {
		m.verdict, m.sim = Close, 0.99
	}
	return m
}

// maxVerbatim bounds the places a claim is looked for verbatim; the
// earliest is picked among them.
const maxVerbatim = 10_000

// search returns up to n results for the claim that are verbatim or close,
// best first, without overlaps: every place it was said verbatim (up to
// maxVerbatim), then, when that makes fewer than n, its alignments with its
// k best candidates.
func (v *Verifier) search(ctx context.Context, claim string, k, n int) []Result {
	cw, truncated := v.parseClaim(claim)
	if len(cw) == 0 || len(v.turns) == 0 {
		return nil
	}
	var ms []match
	var vars [][]claimWord
	if !truncated {
		ms = v.verbatim(cw)
		vars = v.variants(cw)
	}
	for _, vw := range vars {
		for _, m := range v.verbatim(vw) {
			ms = append(ms, asVariant(m, vw))
		}
	}
	if len(ms) < n {
		for _, c := range v.candidates(cw, k) {
			if ctx.Err() != nil {
				break
			}
			if m, ok := v.evaluate(cw, truncated, c); ok {
				ms = append(ms, m)
			}
			for _, vw := range vars {
				if m, ok := v.evaluate(vw, false, c); ok {
					ms = append(ms, asVariant(m, vw))
				}
			}
		}
	}
	slices.SortStableFunc(ms, v.compare)
	var out []Result
	var kept []match
	for _, m := range ms {
		if len(out) == n {
			break
		}
		if slices.ContainsFunc(kept, func(k match) bool {
			return k.turn == m.turn && k.spans[0][0] < m.spans[len(m.spans)-1][1] && m.spans[0][0] < k.spans[len(k.spans)-1][1]
		}) {
			continue
		}
		kept = append(kept, m)
		words := cw
		if m.words != nil {
			words = m.words
		}
		out = append(out, v.result(claim, words, truncated, m))
	}
	return out
}

// verbatim returns the places (up to maxVerbatim) where the claim was said
// verbatim: all its words, in order, in one turn, or, for a claim cut with
// "…", its fragments in order and near each other. It looks only where the
// claim's rarest word was said.
func (v *Verifier) verbatim(cw []claimWord) []match {
	rarest := 0
	for j, w := range cw {
		if w.id == noWord {
			return nil
		}
		if v.count(w.id) < v.count(cw[rarest].id) {
			rarest = j
		}
	}
	m := len(cw)
	var out []match
	if cw[m-1].frag == 0 {
		for _, p := range v.post(cw[rarest].id) {
			at := int(p) - rarest
			if at < 1 || at+m > len(v.words) || !v.wordsAt(cw, at) {
				continue
			}
			out = append(out, match{turn: v.turnOf(at), verdict: Verbatim, sim: 1, score: float32(m), spans: [][2]int{{at, at + m}}})
			if len(out) == maxVerbatim {
				break
			}
		}
		return out
	}
	last, scanned := -1, 0
	for _, p := range v.post(cw[rarest].id) {
		t := v.turnOf(int(p))
		if t == last {
			continue
		}
		last = t
		if scanned++; scanned > maxVerbatim {
			break
		}
		if spans := v.fragments(cw, v.turns[t].start, v.turns[t].end); spans != nil {
			out = append(out, match{turn: t, verdict: Verbatim, sim: 1, score: float32(m), spans: spans})
		}
	}
	return out
}

// compare orders matches best first: verbatim before close, then by
// similarity and alignment score, then the earliest said (by date, unknown
// dates last, then transcript and position).
func (v *Verifier) compare(a, b match) int {
	rank := func(m match) int {
		if m.verdict == Verbatim {
			return 0
		}
		return 1
	}
	da, db := v.passages[v.turns[a.turn].parts[0]].Date, v.passages[v.turns[b.turn].parts[0]].Date
	return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(b.sim, a.sim), cmp.Compare(b.score, a.score),
		cmp.Compare(unknown(da), unknown(db)), cmp.Compare(da, db),
		cmp.Compare(a.turn, b.turn), cmp.Compare(a.spans[0][0], b.spans[0][0]))
}

// unknown is 1 for an unknown date, so known dates sort first.
func unknown(date string) int {
	if date == "" {
		return 1
	}
	return 0
}

// evaluate aligns the claim with one candidate. A truncated claim is never
// verbatim: its end was not compared.
func (v *Verifier) evaluate(cw []claimWord, truncated bool, c cand) (match, bool) {
	t := &v.turns[c.turn]
	m := len(cw)
	frags := cw[m-1].frag + 1
	if frags > 1 && !truncated {
		if spans := v.fragments(cw, t.start, t.end); spans != nil {
			return match{turn: c.turn, verdict: Verbatim, sim: 1, score: float32(m), spans: spans}, true
		}
	}
	if frags > 1 {
		// Every fragment said in this turn, but out of order or far apart:
		// close, never verbatim.
		if spans := v.fragmentsAnyOrder(cw, t.start, t.end); spans != nil {
			var steps []step
			for _, s := range spans {
				steps = append(steps, sameSteps(s[0], s[1]-s[0])...)
			}
			i := 0
			for k := range steps {
				steps[k].i = i
				i++
			}
			slices.SortFunc(spans, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
			return match{turn: c.turn, verdict: Close, sim: 0.9, score: float32(m), spans: spans, steps: steps}, true
		}
	}
	slack := m/2 + 3
	lo, hi := max(t.start, c.dlo-slack), min(t.end, c.dhi+m+slack)
	if frags == 1 && !truncated {
		if at := v.indexWords(cw, lo, hi); at >= 0 {
			return match{turn: c.turn, verdict: Verbatim, sim: 1, score: float32(m), spans: [][2]int{{at, at + m}}}, true
		}
	}
	score, steps := align(cw, v.words[lo:hi], lo)
	if len(steps) == 0 {
		return match{}, false
	}
	var matched, claimW, saidW float64
	content, contentMatched, same := 0, 0, 0
	for _, w := range cw {
		claimW += float64(w.weight)
		if !w.stop {
			content++
		}
	}
	start, end := -1, -1
	for _, s := range steps {
		if s.j >= 0 {
			if start < 0 {
				start = s.j
			}
			end = s.j + 1
			saidW += v.weight(v.words[s.j])
		}
		if s.op == opSame {
			same++
			matched += float64(cw[s.i].weight)
			if !cw[s.i].stop {
				contentMatched++
			}
		}
	}
	if start < 0 {
		return match{}, false
	}
	sim := 2 * matched / (claimW + saidW)
	if end-start > m+max(1, m/2) || sim < closeSimilarity || matched < closeCoverage*claimW || contentMatched < min(2, content) || float64(contentMatched) < closeContent*float64(content) || same < min(2, m) {
		return match{}, false
	}
	return match{turn: c.turn, verdict: Close, sim: min(sim, 0.99), score: score, spans: [][2]int{{start, end}}, steps: steps}, true
}

// weight is the weight of a transcript word.
func (v *Verifier) weight(id uint32) float64 {
	if v.stopID[id] {
		return stopWeight
	}
	return 1
}

// indexWords returns the first position in words[lo:hi] where all the
// claim's words occur in order, or -1.
func (v *Verifier) indexWords(cw []claimWord, lo, hi int) int {
	for at := lo; at+len(cw) <= hi; at++ {
		if v.wordsAt(cw, at) {
			return at
		}
	}
	return -1
}

// wordsAt reports whether the claim words cw occur at position at.
func (v *Verifier) wordsAt(cw []claimWord, at int) bool {
	for i, w := range cw {
		if v.words[at+i] != w.id {
			return false
		}
	}
	return true
}

// splitFrags returns the claim's fragments ("…" cuts).
func splitFrags(cw []claimWord) [][]claimWord {
	var frags [][]claimWord
	for i := 0; i < len(cw); {
		j := i
		for j < len(cw) && cw[j].frag == cw[i].frag {
			j++
		}
		frags = append(frags, cw[i:j])
		i = j
	}
	return frags
}

// fragmentsAnyOrder finds the first occurrence of each fragment of a claim
// cut with "…" in words[lo:hi] and returns their spans in the claim's order;
// nil unless all are found, without overlapping, each within
// maxFragmentGap words of the next in the turn (so that the words said,
// joined with "…", are a quote of their own).
func (v *Verifier) fragmentsAnyOrder(cw []claimWord, lo, hi int) [][2]int {
	var spans [][2]int
	for _, f := range splitFrags(cw) {
		at := v.indexWords(f, lo, hi)
		if at < 0 {
			return nil
		}
		spans = append(spans, [2]int{at, at + len(f)})
	}
	sorted := slices.Clone(spans)
	slices.SortFunc(sorted, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	for k := 1; k < len(sorted); k++ {
		if gap := sorted[k][0] - sorted[k-1][1]; gap < 0 || gap > maxFragmentGap {
			return nil
		}
	}
	return spans
}

// fragments finds a claim cut with "…" in words[lo:hi]: each fragment
// verbatim, in order, each within maxFragmentGap words of the one before.
// It returns one span per fragment, or nil.
func (v *Verifier) fragments(cw []claimWord, lo, hi int) [][2]int {
	frags := splitFrags(cw)
	for at := lo; at < hi; at++ {
		at = v.indexWords(frags[0], at, hi)
		if at < 0 {
			return nil
		}
		spans := [][2]int{{at, at + len(frags[0])}}
		for _, f := range frags[1:] {
			end := spans[len(spans)-1][1]
			next := v.indexWords(f, end, min(hi, end+maxFragmentGap+len(f)))
			if next < 0 {
				spans = nil
				break
			}
			spans = append(spans, [2]int{next, next + len(f)})
		}
		if spans != nil {
			return spans
		}
	}
	return nil
}
