package retrieval

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	chromem "github.com/philippgille/chromem-go"
)

// vectorStore returns a store held in memory only, with n passages of
// sentences[i%len(sentences)] random unit sentence vectors each, and those
// vectors as float32 rows.
func vectorStore(n, dim int, sentences []int, seed uint64) (*Store, []float32) {
	r := rand.New(rand.NewPCG(seed, 1))
	v := &view{dim: dim, byID: make(map[string]int, n), rowStart: make([]int32, 1, n+1)}
	var floats []float32
	for i := range n {
		v.passages = append(v.passages, Passage{ID: fmt.Sprintf("p%d", i), Text: fmt.Sprintf("Passage %d.", i)})
		v.byID[v.passages[i].ID] = i
		k := sentences[i%len(sentences)]
		for range k {
			row := make([]float32, dim)
			for j := range row {
				row[j] = float32(r.NormFloat64())
			}
			normalizeTest(row)
			floats = append(floats, row...)
			q := make([]int8, dim)
			v.factor = append(v.factor, quantize(row, q))
			v.matrix = append(v.matrix, q...)
		}
		v.rowStart = append(v.rowStart, v.rowStart[i]+int32(k))
	}
	s := &Store{emb: randEmbedder{dim: dim}}
	s.view.Store(v)
	return s, floats
}

// bruteDense is the reference: every passage's best sentence, sorted.
func bruteDense(s *Store, q []float32, k int, keep func(int) bool) []DenseHit {
	v := s.current()
	var all []DenseHit
	for p := range v.passages {
		if keep != nil && !keep(p) {
			continue
		}
		best := DenseHit{Passage: -1}
		for r := v.rowStart[p]; r < v.rowStart[p+1]; r++ {
			if v.factor[r] == 0 {
				continue
			}
			var sc float32
			for j, x := range q {
				sc += x * float32(v.matrix[int(r)*v.dim+j])
			}
			sc *= v.factor[r]
			if best.Passage < 0 || sc > best.Score {
				best = DenseHit{Passage: p, Sentence: int(r - v.rowStart[p]), Score: sc}
			}
		}
		if best.Passage >= 0 {
			all = append(all, best)
		}
	}
	slices.SortStableFunc(all, func(a, b DenseHit) int { return cmp.Compare(b.Score, a.Score) })
	return all[:min(k, len(all))]
}

func TestDenseMatchesBruteForce(t *testing.T) {
	// Large enough for the parallel scan (rows × dim ≥ minParallelWork).
	s, _ := vectorStore(6000, 24, []int{1, 3, 0, 2, 5}, 1)
	if rows := int(s.current().rowStart[6000]); rows*24 < minParallelWork {
		t.Fatalf("store too small to scan in parallel: %d rows", rows)
	}
	q := randVec("query", 24)
	tests := []struct {
		name string
		k    int
		keep func(int) bool
	}{
		{"top 1", 1, nil},
		{"top 10", 10, nil},
		{"more than stored", 100000, nil},
		{"kept odd", 7, func(i int) bool { return i%2 == 1 }},
		{"kept few", 50, func(i int) bool { return i%1000 == 3 }},
		{"kept most", 30, func(i int) bool { return i%10 != 0 }},
	}
	for _, procs := range []int{1, 2, 4} {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s/procs=%d", tt.name, procs), func(t *testing.T) {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				got := s.Dense(q, tt.k, tt.keep)
				want := bruteDense(s, q, tt.k, tt.keep)
				if len(got) != len(want) {
					t.Fatalf("got %d hits, want %d", len(got), len(want))
				}
				// Scores agree to rounding (the sums run in another
				// order), so near-ties may swap: compare the scores in
				// rank order, and each hit with the reference's score
				// for its passage.
				ref := make(map[int]DenseHit)
				for _, h := range bruteDense(s, q, len(s.Passages()), tt.keep) {
					ref[h.Passage] = h
				}
				for i := range got {
					r, ok := ref[got[i].Passage]
					if !ok || r.Sentence != got[i].Sentence || abs32(r.Score-got[i].Score) > 1e-5 || abs32(want[i].Score-got[i].Score) > 1e-5 {
						t.Fatalf("hit %d = %+v, want %+v (reference for its passage %+v)", i, got[i], want[i], r)
					}
				}
			})
		}
	}
}

func TestDenseAmong(t *testing.T) {
	// Large enough that a scan of most passages runs in parallel.
	s, _ := vectorStore(20000, 24, []int{1, 3, 0, 2, 5}, 5)
	q := randVec("among", 24)
	tests := []struct {
		name     string
		k        int
		passages []int
	}{
		{"one", 3, []int{7}},
		{"unsorted with repeats", 10, []int{900, 3, 17, 3, 15000, 900, 42}},
		{"out of range ignored", 5, []int{-1, 20000, 12, 1 << 40}},
		{"only the empty passage", 5, []int{2}}, // passage 2 has no sentences
		{"most", 50, func() []int {
			var ps []int
			for i := range 20000 {
				if i%7 != 0 {
					ps = append(ps, i)
				}
			}
			return ps
		}()},
	}
	for _, procs := range []int{1, 2, 4} {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s/procs=%d", tt.name, procs), func(t *testing.T) {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				in := map[int]bool{}
				for _, p := range tt.passages {
					in[p] = true
				}
				got := s.DenseAmong(q, tt.k, tt.passages)
				want := s.Dense(q, tt.k, func(i int) bool { return in[i] })
				if !slices.Equal(got, want) {
					t.Errorf("DenseAmong = %v, want %v (Dense keeping the same)", got, want)
				}
				ref := bruteDense(s, q, tt.k, func(i int) bool { return in[i] })
				if len(got) != len(ref) {
					t.Fatalf("got %d hits, brute force %d", len(got), len(ref))
				}
				for i := range got {
					if abs32(ref[i].Score-got[i].Score) > 1e-5 {
						t.Fatalf("hit %d = %+v, brute force %+v", i, got[i], ref[i])
					}
				}
			})
		}
	}
	if got := s.DenseAmong(q, 5, nil); got != nil {
		t.Errorf("DenseAmong of no passages = %v", got)
	}
	if got := s.DenseAmong([]float32{0, 0}, 5, []int{1}); got != nil {
		t.Errorf("DenseAmong with a wrong-sized query = %v", got)
	}
}

func abs32(x float32) float32 { return max(x, -x) }

func TestDenseEdges(t *testing.T) {
	s, _ := vectorStore(10, 4, []int{2}, 3)
	v := s.current()
	// Passage 3's first sentence is zero (no known word); passage 4 has only
	// zero vectors.
	clear(v.matrix[6*4 : 7*4])
	v.factor[6] = 0
	clear(v.matrix[8*4 : 10*4])
	v.factor[8], v.factor[9] = 0, 0
	q := []float32{0, 0, 0, 2} // not unit: normalised
	tests := []struct {
		name string
		q    []float32
		k    int
		keep func(int) bool
		want int
	}{
		{"all", q, 100, nil, 9},
		{"k zero", q, 0, nil, 0},
		{"zero query", []float32{0, 0, 0, 0}, 5, nil, 0},
		{"wrong size", []float32{1, 0}, 5, nil, 0},
		{"none kept", q, 5, func(int) bool { return false }, 0},
		{"only the zero passage kept", q, 5, func(i int) bool { return i == 4 }, 0},
		{"half-zero passage", q, 5, func(i int) bool { return i == 3 }, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := s.Dense(tt.q, tt.k, tt.keep)
			if len(got) != tt.want {
				t.Fatalf("got %d hits %v, want %d", len(got), got, tt.want)
			}
			for _, h := range got {
				if h.Passage == 3 && h.Sentence != 1 {
					t.Errorf("passage 3 matched by its zero sentence: %+v", h)
				}
				if h.Score > 1.0001 {
					t.Errorf("score %v above 1: query not normalised", h.Score)
				}
			}
		})
	}
	sc := s.SentenceScores(q, 3)
	if want := v.factor[7] * float32(v.matrix[7*4+3]); len(sc) != 2 || sc[0] != 0 || sc[1] != want {
		t.Errorf("SentenceScores(q, 3) = %v, want [0 %v]", sc, want)
	}
	for _, p := range []int{-1, 10} {
		if got := s.SentenceScores(q, p); got != nil {
			t.Errorf("SentenceScores(q, %d) = %v, want nil", p, got)
		}
	}
	empty := openT(t, t.TempDir(), newBOW(4))
	if got := empty.Dense(q, 3, nil); got != nil {
		t.Errorf("Dense on an empty store = %v", got)
	}
}

func TestDenseTies(t *testing.T) {
	s, _ := vectorStore(5, 2, []int{1}, 1)
	v := s.current()
	for r := range 5 {
		copy(v.matrix[r*2:], []int8{127, 0})
		v.factor[r] = 1.0 / 127
	}
	got := s.Dense([]float32{1, 0}, 3, nil)
	var ps []int
	for _, h := range got {
		ps = append(ps, h.Passage)
	}
	if want := []int{0, 1, 2}; !slices.Equal(ps, want) {
		t.Errorf("tied passages in order %v, want %v", ps, want)
	}
}

func TestQueryVecDot(t *testing.T) {
	for _, n := range []int{1, 3, 4, 5, 7, 8, 9, 12, 13, 15, 16, 17, 24, 100, 127, 128, 129, 132, 135, 384, 1536, 1540, 3072} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			a, fb := randVec("a", n), randVec("b", n)
			b := make([]int8, n)
			f := quantize(fb, b)
			// Extreme bytes, where the sums are largest.
			if n >= 4 {
				b[0], b[1], b[n-1] = -128, 127, -128
			}
			qv, ok := newQueryVec(a)
			if !ok {
				t.Fatal("newQueryVec refused a unit vector")
			}
			// Unpack the integer query and check the packed dot against
			// the plain one.
			qi := make([]int64, n)
			n8 := n / 8 * 8
			for i := 0; i < n8; i += 8 {
				for j := range 4 {
					w := qv.words[i/2+j]
					hi := int64(int32(uint32(w)))
					qi[i+j+4] = hi
					qi[i+j] = int64(int32((w - uint64(hi)) >> 32))
				}
			}
			for j, w := range qv.half {
				qi[n8+j] = int64(int32(w >> 32))
			}
			copy(qi[n8+len(qv.half):], qv.tail)
			var want int64
			for i := range qi {
				want += qi[i] * int64(b[i])
			}
			var dot [1]int64
			if _ = qv.dots(int8Bytes(b), dot[:]); dot[0] != want {
				got := dot[0]
				t.Errorf("dot = %d, want %d", got, want)
			}
			// Its cosine is the float one to within int8 rounding.
			f = quantize(fb, b)
			var exact, int8Cos float64
			for i := range a {
				exact += float64(a[i]) * float64(fb[i])
				int8Cos += float64(a[i]) * float64(b[i]) * float64(f)
			}
			got := qv.score(int8Bytes(b), f)
			if math.Abs(float64(got)-int8Cos) > 1e-5 {
				t.Errorf("score = %v, float product with the int8 row %v", got, int8Cos)
			}
			if math.Abs(float64(got)-exact) > 0.01 {
				t.Errorf("score = %v, float cosine %v", got, exact)
			}
		})
	}
	for _, q := range [][]float32{{0, 0}, {float32(math.NaN()), 1}, {float32(math.Inf(-1)), 0}} {
		if _, ok := newQueryVec(q); ok {
			t.Errorf("newQueryVec(%v) accepted", q)
		}
	}
}

// TestQueryVecDotExtremes gives dots the largest sums it can meet: every
// byte at an end of its range, every element of the query equal.
func TestQueryVecDotExtremes(t *testing.T) {
	for _, n := range []int{8, 100, 124, 128, 132, 256, 1536} {
		for _, sign := range []float32{1, -1} {
			for _, fill := range []int8{127, -128, -127} {
				t.Run(fmt.Sprint(n, sign, fill), func(t *testing.T) {
					q := make([]float32, n)
					for i := range q {
						q[i] = sign
					}
					b := make([]int8, 2*n) // two rows
					for i := range b {
						b[i] = fill
						if i >= n && i%2 == 1 {
							b[i] = -1 - fill // the second row alternates
						}
					}
					qv, _ := newQueryVec(q)
					got := make([]int64, 2)
					_ = qv.dots(int8Bytes(b), got)
					for r := range got {
						var want int64
						for i := range n {
							want += int64(sign) * (1 << 16) * int64(b[r*n+i])
						}
						if got[r] != want {
							t.Errorf("row %d: dot = %d, want %d", r, got[r], want)
						}
					}
				})
			}
		}
	}
}

// TestDenseRanksAsFloat64 checks that the integer scan ranks passages as a
// float64 product of the query with the same int8 rows does: the same top k,
// in the same order, except where two scores are within rounding.
func TestDenseRanksAsFloat64(t *testing.T) {
	for _, dim := range []int{3, 8, 13, 24, 100, 132, 300} {
		t.Run(fmt.Sprint(dim), func(t *testing.T) {
			s, _ := vectorStore(3000, dim, []int{1, 4, 2}, uint64(dim))
			v := s.current()
			for trial := range 20 {
				q := randVec(fmt.Sprint("q", dim, trial), dim)
				for i := range q {
					q[i] *= 3 // not unit
				}
				var norm float64
				for _, x := range q {
					norm += float64(x) * float64(x)
				}
				norm = math.Sqrt(norm)
				type ref struct {
					p, sentence int
					score       float64
				}
				var all []ref
				for p := range v.passages {
					best := ref{p: -1}
					for r := v.rowStart[p]; r < v.rowStart[p+1]; r++ {
						var sc float64
						for j, x := range q {
							sc += float64(x) * float64(v.matrix[int(r)*dim+j])
						}
						sc *= float64(v.factor[r]) / norm
						if best.p < 0 || sc > best.score {
							best = ref{p, int(r - v.rowStart[p]), sc}
						}
					}
					all = append(all, best)
				}
				slices.SortStableFunc(all, func(a, b ref) int { return cmp.Compare(b.score, a.score) })
				const k = 25
				got := s.Dense(q, k, nil)
				if len(got) != k {
					t.Fatalf("got %d hits, want %d", len(got), k)
				}
				for i, h := range got {
					w := all[i]
					if math.Abs(float64(h.Score)-w.score) > 1e-5 {
						t.Fatalf("trial %d: hit %d scores %v, float64 reference %v", trial, i, h.Score, w.score)
					}
					if h.Passage != w.p && math.Abs(all[i+1].score-w.score) > 1e-5 && (i == 0 || math.Abs(all[i-1].score-w.score) > 1e-5) {
						t.Fatalf("trial %d: hit %d is passage %d, float64 reference %d (%v)", trial, i, h.Passage, w.p, w.score)
					}
				}
			}
		})
	}
}

func TestQuantize(t *testing.T) {
	tests := []struct {
		name  string
		v     []float32
		want  []int8
		wantF float32
	}{
		{"unit", []float32{0.6, -0.8}, []int8{95, -127}, float32(1 / math.Sqrt(95*95+127*127))},
		{"zero", []float32{0, 0}, []int8{0, 0}, 0},
		{"not finite", []float32{float32(math.NaN()), 1}, []int8{0, 0}, 0},
		{"infinite", []float32{float32(math.Inf(1)), 1}, []int8{0, 0}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := make([]int8, len(tt.v))
			gotF := quantize(tt.v, got)
			if !slices.Equal(got, tt.want) || gotF != tt.wantF {
				t.Errorf("quantize(%v) = %v, %v; want %v, %v", tt.v, got, gotF, tt.want, tt.wantF)
			}
		})
	}
}

// The benchmarks compare Dense with a plain loop over the same 100,000 unit
// vectors of 100 dimensions (one sentence per passage) and with chromem-go's
// QueryEmbedding over the same vectors.
const benchN, benchDim, benchK = 100_000, 100, 10

func BenchmarkDense(b *testing.B) {
	s, _ := vectorStore(benchN, benchDim, []int{1}, 9)
	q := randVec("q", benchDim)
	b.Run("parallel", func(b *testing.B) {
		for b.Loop() {
			s.Dense(q, benchK, nil)
		}
	})
	b.Run("serial", func(b *testing.B) {
		v := s.current()
		for b.Loop() {
			qv, _ := newQueryVec(q)
			h := newTopK(benchK)
			v.scan(qv, passageRange{from: 0, to: benchN}, h)
			h.sorted()
		}
	})
	b.Run("keep-half", func(b *testing.B) {
		for b.Loop() {
			s.Dense(q, benchK, func(i int) bool { return i%2 == 0 })
		}
	})
}

func BenchmarkBruteForce(b *testing.B) {
	_, m := vectorStore(benchN, benchDim, []int{1}, 9)
	q := randVec("q", benchDim)
	scores := make([]float32, benchN)
	for b.Loop() {
		for r := range scores {
			var sc float32
			row := m[r*benchDim : (r+1)*benchDim]
			for j, x := range q {
				sc += x * row[j]
			}
			scores[r] = sc
		}
	}
}

func BenchmarkChromem(b *testing.B) {
	s, m := vectorStore(benchN, benchDim, []int{1}, 9)
	v := s.current()
	c := newCollection()
	ctx := context.Background()
	for i, p := range v.passages {
		if err := c.AddDocument(ctx, chromem.Document{ID: p.ID, Content: p.Text, Embedding: m[i*benchDim : (i+1)*benchDim]}); err != nil {
			b.Fatal(err)
		}
	}
	q := randVec("q", benchDim)
	b.ResetTimer()
	for b.Loop() {
		if _, err := c.QueryEmbedding(ctx, q, benchK, nil, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRatios runs Dense (parallel and in one goroutine), the plain
// loop and chromem-go's QueryEmbedding in turn in every iteration, over the
// same 100,000 × 100 vectors, and reports each one's time as a ratio to the
// plain loop's: interleaving keeps the ratios fair on a busy machine.
func BenchmarkRatios(b *testing.B) {
	s, m := vectorStore(benchN, benchDim, []int{1}, 9)
	v := s.current()
	c := newCollection()
	ctx := context.Background()
	for i, p := range v.passages {
		if err := c.AddDocument(ctx, chromem.Document{ID: p.ID, Content: p.Text, Embedding: m[i*benchDim : (i+1)*benchDim]}); err != nil {
			b.Fatal(err)
		}
	}
	q := randVec("q", benchDim)
	scores := make([]float32, benchN)
	var brute, dense, serial, chrom time.Duration
	timed := func(d *time.Duration, f func()) {
		t0 := time.Now()
		f()
		*d += time.Since(t0)
	}
	for b.Loop() {
		timed(&brute, func() {
			for r := range scores {
				var sc float32
				row := m[r*benchDim : (r+1)*benchDim]
				for j, x := range q {
					sc += x * row[j]
				}
				scores[r] = sc
			}
		})
		timed(&dense, func() { s.Dense(q, benchK, nil) })
		timed(&serial, func() {
			qv, _ := newQueryVec(q)
			h := newTopK(benchK)
			v.scan(qv, passageRange{from: 0, to: benchN}, h)
			h.sorted()
		})
		timed(&chrom, func() {
			if _, err := c.QueryEmbedding(ctx, q, benchK, nil, nil); err != nil {
				b.Fatal(err)
			}
		})
	}
	b.ReportMetric(float64(brute.Microseconds())/float64(b.N), "brute-µs/op")
	b.ReportMetric(float64(dense)/float64(brute), "dense/brute")
	b.ReportMetric(float64(serial)/float64(brute), "dense-1cpu/brute")
	b.ReportMetric(float64(chrom)/float64(brute), "chromem/brute")
	b.ReportMetric(float64(chrom)/float64(dense), "chromem/dense")
}

// BenchmarkOpen reopens a store of 5,000 passages (50 transcripts, 1 to 4
// sentences a passage, 100 dimensions) and reports the heap it holds per
// passage.
func BenchmarkOpen(b *testing.B) {
	ctx := context.Background()
	dir := filepath.Join(b.TempDir(), "store")
	emb := randEmbedder{dim: 100}
	s, err := Open(ctx, dir, emb)
	if err != nil {
		b.Fatal(err)
	}
	for n := range 50 {
		id := fmt.Sprintf("t%02d", n)
		ps := make([]Passage, 100)
		for i := range ps {
			ps[i] = Passage{ID: fmt.Sprintf("%s-%03d", id, i), Speaker: "Secretary Antony J. Blinken", Role: RoleOfficial, Kind: KindAnswer,
				AskedBy: "Andrea Mitchell", Question: "What about the talks?", Paragraphs: []int{i + 1}}
			for j := range 1 + i%4 {
				ps[i].Text += fmt.Sprintf("This is sentence %d of passage %d of %s, of about the length of a real one in a briefing. ", j, i, id)
			}
		}
		if err := s.Add(ctx, Transcript{ID: id, Title: "Briefing " + id, TextHash: id}, ps); err != nil {
			b.Fatal(err)
		}
	}
	var size int64
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if info, err := e.Info(); err == nil {
			size += info.Size()
		}
	}

	var before, after runtime.MemStats
	var keep *Store
	runtime.GC()
	runtime.ReadMemStats(&before)
	for b.Loop() {
		keep, err = Open(ctx, dir, emb)
		if err != nil {
			b.Fatal(err)
		}
		keep.Len() // builds the view
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/5000, "heap-B/passage")
	b.ReportMetric(float64(size)/5000, "disk-B/passage")
	runtime.KeepAlive(keep)
}

// BenchmarkOpenDir reopens the store in $ONRECORD_BENCH_STORE (built by
// `onrecord ingest`, e.g. of the White House briefings), skipped when unset.
func BenchmarkOpenDir(b *testing.B) {
	dir := os.Getenv("ONRECORD_BENCH_STORE")
	if dir == "" {
		b.Skip("ONRECORD_BENCH_STORE not set")
	}
	m, err := readManifest(dir)
	if err != nil || m == nil {
		b.Skipf("no manifest in %s: %v", dir, err)
	}
	emb := &bowEmbedder{name: m.Embedder, dim: m.Dim}
	var s *Store
	b.Run("open", func(b *testing.B) {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		for b.Loop() {
			s, err = Open(context.Background(), dir, emb)
			if err != nil {
				b.Fatal(err)
			}
			s.Len()
		}
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(s.Len()), "passages")
		b.ReportMetric(float64(len(s.current().factor)), "sentences")
		b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/float64(s.Len()), "heap-B/passage")
		b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/float64(s.Len()), "alloc-B/passage")
	})
	q := randVec("q", s.current().dim)
	b.Run("dense", func(b *testing.B) {
		for b.Loop() {
			s.Dense(q, 150, nil)
		}
	})
}

// BenchmarkDenseArchive scans the store in $ONRECORD_BENCH_STORE (the
// 1,154 White House briefings: some 470,000 sentences) as a question does,
// for the best 150 passages, and in turn a plain float32 loop over the same
// vectors (dequantised), and reports the scan's time as a ratio to the
// loop's: dense/brute in parallel, dense-1cpu/brute in one goroutine. It is
// skipped when the variable is unset.
func BenchmarkDenseArchive(b *testing.B) {
	dir := os.Getenv("ONRECORD_BENCH_STORE")
	if dir == "" {
		b.Skip("ONRECORD_BENCH_STORE not set")
	}
	m, err := readManifest(dir)
	if err != nil || m == nil {
		b.Skipf("no manifest in %s: %v", dir, err)
	}
	s, err := Open(context.Background(), dir, &bowEmbedder{name: m.Embedder, dim: m.Dim})
	if err != nil {
		b.Fatal(err)
	}
	v := s.current()
	d, rows := v.dim, len(v.factor)
	floats := make([]float32, rows*d)
	for r := range rows {
		for j := range d {
			floats[r*d+j] = float32(v.matrix[r*d+j]) * v.factor[r]
		}
	}
	scores := make([]float32, rows)
	var qs [][]float32
	for i := range 8 {
		qs = append(qs, randVec(fmt.Sprint("archive question ", i), d))
	}
	var brute, dense, serial time.Duration
	timed := func(d *time.Duration, f func()) {
		t0 := time.Now()
		f()
		*d += time.Since(t0)
	}
	n := len(v.passages)
	i := 0
	for b.Loop() {
		q := qs[i%len(qs)]
		i++
		timed(&brute, func() {
			for r := range scores {
				var sc float32
				row := floats[r*d : (r+1)*d]
				for j, x := range q {
					sc += x * row[j]
				}
				scores[r] = sc
			}
		})
		timed(&dense, func() { s.Dense(q, 150, nil) })
		timed(&serial, func() {
			qv, _ := newQueryVec(q)
			h := newTopK(150)
			v.scan(qv, passageRange{from: 0, to: n}, h)
			h.sorted()
		})
	}
	b.ReportMetric(float64(rows), "sentences")
	b.ReportMetric(float64(brute.Microseconds())/1000/float64(b.N), "brute-ms")
	b.ReportMetric(float64(dense.Microseconds())/1000/float64(b.N), "dense-ms")
	b.ReportMetric(float64(dense)/float64(brute), "dense/brute")
	b.ReportMetric(float64(serial)/float64(brute), "dense-1cpu/brute")
}
