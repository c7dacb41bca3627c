package retrieval

import (
	"encoding/binary"
	"math"
	mathbits "math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"
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
	qv, ok := newQueryVec(q)
	if !ok {
		return nil
	}
	n := len(v.passages)
	if keep == nil {
		return v.dense(qv, min(k, n), passageRange{from: 0, to: n}, int(v.rowStart[n]))
	}
	kept := make([]uint64, (n+63)/64)
	count, rows := 0, 0
	for i := range n {
		if keep(i) {
			kept[i/64] |= 1 << (i % 64)
			count++
			rows += int(v.rowStart[i+1] - v.rowStart[i])
		}
	}
	if count == 0 {
		return nil
	}
	return v.dense(qv, min(k, count), passageRange{from: 0, to: n, kept: kept}, rows)
}

// DenseAmong is Dense restricted to the listed passages (indexes into
// Passages(), in any order): its cost is that of the listed passages'
// sentences, however large the store. Indexes out of range are ignored, and
// a passage listed twice is scored once.
func (s *Store) DenseAmong(q []float32, k int, passages []int) []DenseHit {
	v := s.current()
	if k <= 0 || v.stale || len(q) != v.dim || len(passages) == 0 {
		return nil
	}
	qv, ok := newQueryVec(q)
	if !ok {
		return nil
	}
	n := len(v.passages)
	list := make([]int32, 0, len(passages))
	for _, p := range passages {
		if p >= 0 && p < n {
			list = append(list, int32(p))
		}
	}
	slices.Sort(list)
	list = slices.Compact(list)
	if len(list) == 0 {
		return nil
	}
	rows := 0
	for _, p := range list {
		rows += int(v.rowStart[p+1] - v.rowStart[p])
	}
	return v.dense(qv, min(k, len(list)), passageRange{list: list}, rows)
}

// passageRange is the passages a scan scores: list, when not nil, else
// [from, to), restricted to the set bits of kept when kept is not nil.
type passageRange struct {
	from, to int
	kept     []uint64
	list     []int32
}

// each calls f with every passage of r, in increasing order.
func (r passageRange) each(f func(p int)) {
	switch {
	case r.list != nil:
		for _, p := range r.list {
			f(int(p))
		}
	case r.kept != nil:
		if r.from >= r.to {
			return
		}
		w0, w1 := r.from/64, (r.to-1)/64
		for w := w0; w <= w1; w++ {
			bits := r.kept[w]
			if w == w0 {
				bits &^= 1<<(r.from%64) - 1
			}
			if w == w1 && r.to%64 != 0 {
				bits &= 1<<(r.to%64) - 1
			}
			for bits != 0 {
				f(w*64 + mathbits.TrailingZeros64(bits))
				bits &= bits - 1
			}
		}
	default:
		for p := r.from; p < r.to; p++ {
			f(p)
		}
	}
}

// split cuts r into parts of about equal rows (sentences), given the rows
// of the whole.
func (v *view) split(r passageRange, rows, parts int) []passageRange {
	out := make([]passageRange, 0, parts)
	if r.list != nil {
		start, acc := 0, 0
		for i, p := range r.list {
			acc += int(v.rowStart[p+1] - v.rowStart[p])
			if len(out) < parts-1 && acc*parts >= rows*(len(out)+1) {
				out = append(out, passageRange{list: r.list[start : i+1]})
				start = i + 1
			}
		}
		return append(out, passageRange{list: r.list[start:]})
	}
	if r.kept == nil {
		// Rows are contiguous: cut at row targets.
		from := r.from
		for w := 1; w < parts; w++ {
			target := v.rowStart[r.from] + int32(rows*w/parts)
			i, _ := slices.BinarySearch(v.rowStart[r.from:r.to], target)
			to := max(r.from+i, from)
			out = append(out, passageRange{from: from, to: to})
			from = to
		}
		return append(out, passageRange{from: from, to: r.to})
	}
	from, acc := r.from, 0
	r.each(func(p int) {
		acc += int(v.rowStart[p+1] - v.rowStart[p])
		if len(out) < parts-1 && acc*parts >= rows*(len(out)+1) {
			out = append(out, passageRange{from: from, to: p + 1, kept: r.kept})
			from = p + 1
		}
	})
	return append(out, passageRange{from: from, to: r.to, kept: r.kept})
}

// partsPerWorker is the number of parts of a parallel scan per goroutine.
// Goroutines take parts as they finish others, so one that the machine
// holds back (it is shared) delays the result by one small part at most.
const partsPerWorker = 4

// dense scans r (of the given rows) for the k best passages, in parallel
// when it is large enough.
func (v *view) dense(qv *queryVec, k int, r passageRange, rows int) []DenseHit {
	workers := min(runtime.GOMAXPROCS(0), rows*v.dim/minParallelWork)
	if workers <= 1 {
		h := newTopK(k)
		v.scan(qv, r, h)
		return h.sorted()
	}
	parts := v.split(r, rows, workers*partsPerWorker)
	var next atomic.Int64
	work := func(h *topK) {
		for {
			i := int(next.Add(1)) - 1
			if i >= len(parts) {
				return
			}
			v.scan(qv, parts[i], h)
		}
	}
	heaps := make([]*topK, workers)
	var wg sync.WaitGroup
	for w := range heaps {
		heaps[w] = newTopK(k)
		if w > 0 {
			wg.Go(func() { work(heaps[w]) })
		}
	}
	work(heaps[0]) // this goroutine works too
	wg.Wait()
	all := heaps[0]
	for _, h := range heaps[1:] {
		for _, hit := range h.items {
			all.offer(hit)
		}
	}
	return all.sorted()
}

// scanBlock is the number of sentences scan scores at a time.
const scanBlock = 256

// scan scores the passages of r by their best non-zero sentence and offers
// them to h.
func (v *view) scan(qv *queryVec, r passageRange, h *topK) {
	d := v.dim
	m := int8Bytes(v.matrix)
	dots := make([]int64, scanBlock)
	// best offers passages [p0, p1), whose rows' dot products are in dots.
	best := func(p0, p1 int) {
		base := int(v.rowStart[p0])
		for p := p0; p < p1; p++ {
			r0, r1 := int(v.rowStart[p]), int(v.rowStart[p+1])
			bestSc, bestRow := float32(math.Inf(-1)), -1
			for r := r0; r < r1; r++ {
				f := v.factor[r]
				if f == 0 {
					continue // a zero vector never matches
				}
				if sc := qv.cosine(dots[r-base], f); sc > bestSc {
					bestSc, bestRow = sc, r
				}
			}
			// Most passages lose to the worst kept hit: skip the call.
			if bestRow >= 0 && (len(h.items) < h.k || bestSc >= h.items[0].Score) {
				h.offer(DenseHit{Passage: p, Sentence: bestRow - r0, Score: bestSc})
			}
		}
	}
	// score fills dots for passages [p0, p1).
	score := func(p0, p1 int) {
		r0, r1 := int(v.rowStart[p0]), int(v.rowStart[p1])
		if r1-r0 > len(dots) {
			dots = make([]int64, r1-r0)
		}
		_ = qv.dots(m[r0*d:], dots[:r1-r0])
	}
	if r.list == nil && r.kept == nil {
		// Whole blocks of contiguous passages.
		for p0 := r.from; p0 < r.to; {
			p1 := p0 + 1
			for p1 < r.to && int(v.rowStart[p1+1]-v.rowStart[p0]) <= scanBlock {
				p1++
			}
			score(p0, p1)
			best(p0, p1)
			p0 = p1
		}
		return
	}
	r.each(func(p int) {
		score(p, p+1)
		best(p, p+1)
	})
}

// SentenceScores returns the cosine similarity of q with each sentence of
// passage i (index into Passages()), in the order of Sentences(text); a
// sentence with a zero vector scores 0. Sentence vectors are held
// int8-quantised, so a cosine is within about 0.01 of the float one; the
// scores are exactly those Dense gives. It returns nil for an unknown
// passage or a wrong-sized q.
func (s *Store) SentenceScores(q []float32, passage int) []float32 {
	v := s.current()
	if v.stale || passage < 0 || passage >= len(v.passages) || len(q) != v.dim {
		return nil
	}
	r0, r1 := int(v.rowStart[passage]), int(v.rowStart[passage+1])
	out := make([]float32, r1-r0)
	var qv queryVec
	if !qv.init(q) {
		return out
	}
	m := int8Bytes(v.matrix)
	for r := r0; r < r1; r++ {
		if f := v.factor[r]; f != 0 {
			out[r-r0] = qv.score(m[r*v.dim:(r+1)*v.dim], f)
		}
	}
	return out
}

// int8Bytes is m's memory as bytes, for loading eight at a time.
func int8Bytes(m []int8) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(m))), len(m))
}

// A queryVec is a query quantised for integer dot products with int8 rows.
//
// The query's elements are scaled to at most 2¹⁶ and rounded, so their
// products with a row's bytes are exact and sum exactly in integers. One
// 64-bit multiply makes two products: a row's bytes i and i+4, offset to
// 0..255 and spread into the two 32-bit halves of a word x = b[i] +
// b[i+4]<<32, times y = q[i+4] + q[i]<<32, hold b[i]·q[i] + b[i+4]·q[i+4]
// in the upper half (plus b[i]·q[i+4] in the lower half, which rounding
// removes). Summed over up to 128 elements the upper half holds their dot
// product, as it and the lower half stay within 31 bits.
type queryVec struct {
	words []uint64 // per 8 elements, 4 words: (q[i+4], q[i]) for i = 0..3
	half  []uint64 // for 4 elements after those, if there are: (0, q[i])
	tail  []int64  // the elements after those (up to 3)
	bias  int64    // 128 times the sum of the elements words and half cover
	inv   float64  // converts the integer dot product to a cosine

	// Room for words, half and tail of up to 128 dimensions, so that a
	// queryVec on the stack allocates nothing.
	wordBuf [68]uint64
	tailBuf [3]int64
}

// newQueryVec quantises q, and reports false when it is zero or not finite.
func newQueryVec(q []float32) (*queryVec, bool) {
	qv := new(queryVec)
	return qv, qv.init(q)
}

// init quantises q into qv, and reports false when it is zero or not
// finite. qv must not be copied after.
func (qv *queryVec) init(q []float32) bool {
	var ss float64
	var m float32
	for _, x := range q {
		ss += float64(x) * float64(x)
		m = max(m, x, -x)
	}
	if ss == 0 || math.IsNaN(ss) || math.IsInf(ss, 0) {
		return false
	}
	// Elements of up to 2¹⁶ keep the sums dot makes below 2³¹.
	scale := float64(1<<16) / float64(m)
	round := func(x float32) int64 { return int64(math.Round(float64(x) * scale)) }
	n8, n4 := len(q)/8*8, len(q)/4*4
	words := qv.wordBuf[:0]
	if n4/2 > len(qv.wordBuf) {
		words = make([]uint64, 0, n4/2+4)
	}
	qv.bias = 0
	for i := 0; i < n8; i += 8 {
		for j := range 4 {
			lo, hi := round(q[i+j]), round(q[i+j+4])
			words = append(words, uint64(hi)+uint64(lo)<<32)
			qv.bias += 128 * (lo + hi)
		}
	}
	qv.words, qv.half = words, nil
	if n4 > n8 {
		for j := range 4 {
			lo := round(q[n8+j])
			words = append(words, uint64(lo)<<32)
			qv.bias += 128 * lo
		}
		qv.half = words[len(qv.words):]
	}
	qv.tail = qv.tailBuf[:len(q)-n4]
	for j := range qv.tail {
		qv.tail[j] = round(q[n4+j])
	}
	qv.inv = 1 / (scale * math.Sqrt(ss))
	return true
}

// score is the cosine of the query with row b (of the query's length), whose
// factor is f.
func (qv *queryVec) score(b []byte, f float32) float32 {
	var dot [1]int64
	_ = qv.dots(b, dot[:])
	return qv.cosine(dot[0], f)
}

// cosine is the cosine of the query with a row, given their integer dot
// product and the row's factor.
func (qv *queryVec) cosine(dot int64, f float32) float32 {
	return float32(float64(f) * float64(dot) * qv.inv)
}

// lanes selects bytes 0 and 4 of a word into its two 32-bit halves.
const lanes = 0x000000ff_000000ff

// flip offsets each signed byte of a word by 128, to 0..255.
const flip = 0x80808080_80808080

// chunkWords is the number of words dot sums before it takes the upper
// halves out: 128 elements, whose products with bytes of up to 255 sum to
// less than 2³¹ for elements of up to 2¹⁶.
const chunkWords = 64

// readAhead is how far ahead of the row it scores (in bytes) dots reads a
// byte of every cache line: the loads overlap, where otherwise each row
// would wait for memory in turn (a large store does not fit in cache).
const readAhead = 2048

// dots sets dots[i] to the exact dot product of the quantised query with
// row i of m, which starts with len(dots) rows of the query's length (and
// may go on: dots reads ahead into the rest). It returns the bytes read
// ahead, xored, only so that the reads are not optimised away.
func (qv *queryVec) dots(m []byte, dots []int64) byte {
	y, yh := qv.words, qv.half
	covered := len(y)*2 + len(yh)
	d := covered + len(qv.tail)
	next := m // read ahead in next
	m = m[:len(dots)*d]
	var ahead byte
	if covered > 2*chunkWords {
		for i := range dots {
			if j := i*d + readAhead; j+d <= len(next) {
				for o := 0; o < d; o += 64 {
					ahead ^= next[j+o]
				}
			}
			dots[i] = qv.dotLong(m[i*d : (i+1)*d])
		}
		return ahead
	}
	// One chunk: the loop of dotWords, inline.
	n := len(y) / 8
	odd := len(y) > 8*n
	var y4 []uint64
	if odd {
		y4 = y[8*n : 8*n+4 : 8*n+4]
	}
	y = y[:8*n]
	for i := range dots {
		if j := i*d + readAhead; j+d <= len(next) {
			ahead ^= next[j] ^ next[j+min(64, d-1)]
		}
		b := m[i*d : (i+1)*d : (i+1)*d]
		var s, t uint64
		for j := range n {
			bb := b[16*j : 16*j+16 : 16*j+16]
			yy := y[8*j : 8*j+8 : 8*j+8]
			w := binary.LittleEndian.Uint64(bb) ^ flip
			u := binary.LittleEndian.Uint64(bb[8:]) ^ flip
			s += (w&lanes)*yy[0] + (w>>8&lanes)*yy[1] + (w>>16&lanes)*yy[2] + (w>>24&lanes)*yy[3]
			t += (u&lanes)*yy[4] + (u>>8&lanes)*yy[5] + (u>>16&lanes)*yy[6] + (u>>24&lanes)*yy[7]
		}
		if odd {
			w := binary.LittleEndian.Uint64(b[16*n:]) ^ flip
			s += (w&lanes)*y4[0] + (w>>8&lanes)*y4[1] + (w>>16&lanes)*y4[2] + (w>>24&lanes)*y4[3]
		}
		if len(yh) == 4 {
			yh := yh[:4:4]
			w := uint64(binary.LittleEndian.Uint32(b[covered-4:])) ^ flip>>32
			t += (w&lanes)*yh[0] + (w>>8&lanes)*yh[1] + (w>>16&lanes)*yh[2] + (w>>24&lanes)*yh[3]
		}
		// The upper half, rounded: the lower half's sum may be negative.
		sum := int64(int32((s+t+1<<31)>>32)) - qv.bias
		rest := b[covered:]
		for j, x := range qv.tail {
			sum += x * int64(int8(rest[j]))
		}
		dots[i] = sum
	}
	return ahead
}

// dotLong is the dot product of the quantised query with row b, in chunks.
func (qv *queryVec) dotLong(b []byte) int64 {
	y, yh := qv.words, qv.half
	covered := len(y)*2 + len(yh)
	b = b[:covered+len(qv.tail)]
	var sum int64
	for c := 0; c < len(y); c += chunkWords {
		end := min(c+chunkWords, len(y))
		// The upper half, rounded: the lower half's sum may be negative.
		sum += int64(int32((dotWords(y[c:end], b[c*2:end*2]) + 1<<31) >> 32))
	}
	if len(yh) == 4 {
		w := uint64(binary.LittleEndian.Uint32(b[covered-4:])) ^ flip>>32
		s := (w&lanes)*yh[0] + (w>>8&lanes)*yh[1] + (w>>16&lanes)*yh[2] + (w>>24&lanes)*yh[3]
		sum += int64(int32((s + 1<<31) >> 32))
	}
	sum -= qv.bias
	rest := b[covered:]
	for j, x := range qv.tail {
		sum += x * int64(int8(rest[j]))
	}
	return sum
}

// dotWords sums the products of the words y (a multiple of 4) with the
// bytes b (twice as many), four words to eight bytes, as queryVec explains.
func dotWords(y []uint64, b []byte) uint64 {
	var s, t uint64
	n := len(y) / 8
	b = b[:len(y)*2]
	for i := range n {
		bb := b[16*i : 16*i+16 : 16*i+16]
		yy := y[8*i : 8*i+8 : 8*i+8]
		w := binary.LittleEndian.Uint64(bb) ^ flip
		u := binary.LittleEndian.Uint64(bb[8:]) ^ flip
		s += (w&lanes)*yy[0] + (w>>8&lanes)*yy[1] + (w>>16&lanes)*yy[2] + (w>>24&lanes)*yy[3]
		t += (u&lanes)*yy[4] + (u>>8&lanes)*yy[5] + (u>>16&lanes)*yy[6] + (u>>24&lanes)*yy[7]
	}
	if len(y) > 8*n {
		yy := y[8*n : 8*n+4 : 8*n+4]
		w := binary.LittleEndian.Uint64(b[16*n:]) ^ flip
		s += (w&lanes)*yy[0] + (w>>8&lanes)*yy[1] + (w>>16&lanes)*yy[2] + (w>>24&lanes)*yy[3]
	}
	return s + t
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
