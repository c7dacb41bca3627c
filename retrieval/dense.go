package retrieval

import (
	"math"
	"runtime"
	"slices"
	"sync"
)

// DenseHit is a passage found by dense search, scored by its best sentence.
type DenseHit struct {
	// Passage is the index into Store.Passages().
	Passage int
	// Sentence is the index into Sentences(Passages()[Passage].Text) of the
	// passage's best sentence.
	Sentence int
	// Score is the cosine similarity of the query with that sentence.
	Score float32
}

// minParallelWork is the number of multiply-adds below which Dense scans in
// one goroutine: starting goroutines costs more than it saves.
const minParallelWork = 1 << 17

// Dense returns the k passages whose best sentence is most similar (cosine)
// to q, best first (ties by passage order). keep, if not nil, is called once
// per passage, from this goroutine, and passages it rejects are skipped. A
// k larger than the store is fine. Sentences with a zero vector never match,
// and a zero or wrong-sized q finds nothing.
func (s *Store) Dense(q []float32, k int, keep func(i int) bool) []DenseHit {
	v := s.current()
	if k <= 0 || v.stale || len(q) != v.dim || len(v.passages) == 0 {
		return nil
	}
	q, ok := unit(q)
	if !ok {
		return nil
	}
	n := len(v.passages)
	var mask []bool
	if keep != nil {
		mask = make([]bool, n)
		anyKept := false
		for i := range mask {
			mask[i] = keep(i)
			anyKept = anyKept || mask[i]
		}
		if !anyKept {
			return nil
		}
	}
	k = min(k, n)

	rows := int(v.rowStart[n])
	workers := min(runtime.GOMAXPROCS(0), rows*v.dim/minParallelWork)
	if workers <= 1 {
		h := newTopK(k)
		v.scan(q, 0, n, mask, h)
		return h.sorted()
	}
	// Split passages into ranges of about equal rows.
	bounds := make([]int, workers+1)
	bounds[workers] = n
	for w := 1; w < workers; w++ {
		target := int32(rows * w / workers)
		i, _ := slices.BinarySearch(v.rowStart[:n], target)
		bounds[w] = max(i, bounds[w-1])
	}
	heaps := make([]*topK, workers)
	var wg sync.WaitGroup
	for w := range workers {
		heaps[w] = newTopK(k)
		wg.Add(1)
		go func() {
			defer wg.Done()
			v.scan(q, bounds[w], bounds[w+1], mask, heaps[w])
		}()
	}
	wg.Wait()
	all := heaps[0]
	for _, h := range heaps[1:] {
		for _, hit := range h.items {
			all.offer(hit)
		}
	}
	return all.sorted()
}

// scan scores passages [from, to) by their best non-zero sentence and offers
// them to h.
func (v *view) scan(q []float32, from, to int, mask []bool, h *topK) {
	d := v.dim
	for p := from; p < to; p++ {
		if mask != nil && !mask[p] {
			continue
		}
		r0, r1 := int(v.rowStart[p]), int(v.rowStart[p+1])
		best, bestRow := float32(math.Inf(-1)), -1
		m := v.matrix[r0*d : r1*d]
		f := v.factor[r0:r1]
		for r := r0; r < r1; r++ {
			sc := f[r-r0] * dotInt8(q, m[(r-r0)*d:(r-r0+1)*d])
			if sc > best {
				if f[r-r0] == 0 {
					continue // a zero vector never matches
				}
				best, bestRow = sc, r
			}
		}
		if bestRow >= 0 {
			h.offer(DenseHit{Passage: p, Sentence: bestRow - r0, Score: best})
		}
	}
}

// SentenceScores returns the cosine similarity of q with each sentence of
// passage i (index into Passages()), in the order of Sentences(text); a
// sentence with a zero vector scores 0. Sentence vectors are held
// int8-quantised, so a cosine is within about 0.01 of the float one. It returns nil for an unknown
// passage or a wrong-sized q.
func (s *Store) SentenceScores(q []float32, passage int) []float32 {
	v := s.current()
	if v.stale || passage < 0 || passage >= len(v.passages) || len(q) != v.dim {
		return nil
	}
	r0, r1 := int(v.rowStart[passage]), int(v.rowStart[passage+1])
	out := make([]float32, r1-r0)
	q, ok := unit(q)
	if !ok {
		return out
	}
	for r := r0; r < r1; r++ {
		out[r-r0] = v.factor[r] * dotInt8(q, v.matrix[r*v.dim:(r+1)*v.dim])
	}
	return out
}

// unit returns q scaled to unit length (q itself when it already is), and
// false when q is zero or not finite.
func unit(q []float32) ([]float32, bool) {
	var ss float64
	for _, x := range q {
		ss += float64(x) * float64(x)
	}
	if ss == 0 || math.IsNaN(ss) || math.IsInf(ss, 0) {
		return nil, false
	}
	if math.Abs(ss-1) < 1e-6 {
		return q, true
	}
	out := slices.Clone(q)
	inv := float32(1 / math.Sqrt(ss))
	for i := range out {
		out[i] *= inv
	}
	return out, true
}

// dotInt8 is the dot product of a and the int8 row b (len(b) >= len(a)),
// unrolled eight ways into four accumulators so the additions don't wait on
// each other.
func dotInt8(a []float32, b []int8) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+8 <= len(a); i += 8 {
		x := a[i : i+8 : i+8]
		y := b[i : i+8 : i+8]
		s0 += x[0]*float32(y[0]) + x[4]*float32(y[4])
		s1 += x[1]*float32(y[1]) + x[5]*float32(y[5])
		s2 += x[2]*float32(y[2]) + x[6]*float32(y[6])
		s3 += x[3]*float32(y[3]) + x[7]*float32(y[7])
	}
	for ; i < len(a); i++ {
		s0 += a[i] * float32(b[i])
	}
	return (s0 + s1) + (s2 + s3)
}

// topK keeps the k best hits seen: a min-heap on (score, then later
// passage), so its root is the worst kept hit.
type topK struct {
	k     int
	items []DenseHit
}

func newTopK(k int) *topK { return &topK{k: k, items: make([]DenseHit, 0, k)} }

// worse reports whether a ranks below b.
func worse(a, b DenseHit) bool {
	if a.Score != b.Score {
		return a.Score < b.Score
	}
	return a.Passage > b.Passage
}

func (h *topK) offer(x DenseHit) {
	if len(h.items) < h.k {
		h.items = append(h.items, x)
		// Sift up.
		i := len(h.items) - 1
		for i > 0 {
			parent := (i - 1) / 2
			if !worse(h.items[i], h.items[parent]) {
				break
			}
			h.items[i], h.items[parent] = h.items[parent], h.items[i]
			i = parent
		}
		return
	}
	if !worse(h.items[0], x) {
		return
	}
	h.items[0] = x
	// Sift down.
	i, n := 0, len(h.items)
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		c := l
		if r := l + 1; r < n && worse(h.items[r], h.items[l]) {
			c = r
		}
		if !worse(h.items[c], h.items[i]) {
			break
		}
		h.items[i], h.items[c] = h.items[c], h.items[i]
		i = c
	}
}

// sorted returns the kept hits, best first.
func (h *topK) sorted() []DenseHit {
	out := slices.Clone(h.items)
	slices.SortFunc(out, func(a, b DenseHit) int {
		switch {
		case worse(b, a):
			return -1
		case worse(a, b):
			return 1
		}
		return 0
	})
	return out
}
