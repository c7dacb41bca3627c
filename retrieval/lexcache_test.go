package retrieval

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"
)

// openCached opens dir with the lexical index cached whatever the store's
// size.
func openCached(t *testing.T, dir string) *Store {
	t.Helper()
	s := openT(t, dir, newBOW(16))
	s.minCached = 0
	return s
}

// checkLexicon checks that s's search index is what newLexicon builds.
func checkLexicon(t *testing.T, s *Store) {
	t.Helper()
	ps, lx := s.searchIndex()
	if want := newLexicon(ps); !reflect.DeepEqual(lx, want) {
		t.Fatalf("search index of %d passages differs from a fresh one (%d terms, want %d)", len(ps), len(lx.postings), len(want.postings))
	}
}

func cacheInfo(t *testing.T, dir string) os.FileInfo {
	t.Helper()
	info, err := os.Stat(filepath.Join(dir, lexiconCacheName))
	if err != nil {
		t.Fatalf("lexicon cache: %v", err)
	}
	return info
}

func TestLexiconCache(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openCached(t, dir)
	for n := range 6 {
		addT(t, s, n)
	}
	if err := s.WriteIndex(ctx); err != nil {
		t.Fatalf("WriteIndex: %v", err)
	}
	checkLexicon(t, s)
	written := cacheInfo(t, dir)

	t.Run("reopened store loads it", func(t *testing.T) {
		r := openCached(t, dir)
		checkLexicon(t, r)
		if got := cacheInfo(t, dir); !os.SameFile(got, written) {
			t.Error("cache rewritten, want it loaded")
		}
	})

	t.Run("written again only when stale", func(t *testing.T) {
		r := openCached(t, dir)
		if err := r.WriteIndex(ctx); err != nil {
			t.Fatal(err)
		}
		if got := cacheInfo(t, dir); !os.SameFile(got, written) {
			t.Error("cache rewritten, want it kept")
		}
	})

	t.Run("small stores are not cached", func(t *testing.T) {
		r := openT(t, dir, newBOW(16))
		_, lx := r.searchIndex()
		if want := newLexicon(r.Passages()); !reflect.DeepEqual(lx, want) {
			t.Error("index differs from a fresh one")
		}
	})
}

func TestLexiconCacheStale(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		change func(t *testing.T, s *Store)
	}{
		{"transcript added", func(t *testing.T, s *Store) { addT(t, s, 9) }},
		{"transcript deleted", func(t *testing.T, s *Store) {
			if err := s.Delete(ctx, "tr002"); err != nil {
				t.Fatal(err)
			}
		}},
		{"transcript replaced", func(t *testing.T, s *Store) {
			if err := s.Delete(ctx, "tr002"); err != nil {
				t.Fatal(err)
			}
			tr, ps := sampleTranscript(2)
			ps[0].Text = "Entirely different words about tariffs."
			if err := s.Add(ctx, tr, ps); err != nil {
				t.Fatal(err)
			}
		}},
		{"reindexed with another embedder", func(t *testing.T, s *Store) {
			r := openT(t, s.dir, newBOW(24), ForReindex())
			r.minCached = 0
			if err := r.Reindex(ctx, nil); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			s := openCached(t, dir)
			for n := range 5 {
				addT(t, s, n)
			}
			if err := s.WriteIndex(ctx); err != nil {
				t.Fatal(err)
			}
			tt.change(t, s)
			emb := newBOW(16)
			if tt.name == "reindexed with another embedder" {
				emb = newBOW(24)
			}
			r := openT(t, dir, emb)
			r.minCached = 0
			checkLexicon(t, r)
			// The rebuilt index was saved: a third opener loads it.
			saved := cacheInfo(t, dir)
			r2 := openT(t, dir, emb)
			r2.minCached = 0
			checkLexicon(t, r2)
			if got := cacheInfo(t, dir); !os.SameFile(got, saved) {
				t.Error("cache rewritten again, want the rebuilt one loaded")
			}
		})
	}
}

func TestLexiconCacheDamaged(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openCached(t, dir)
	for n := range 5 {
		addT(t, s, n)
	}
	if err := s.WriteIndex(ctx); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, lexiconCacheName)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	flipped := func(i int) []byte {
		b := append([]byte(nil), good...)
		b[i] ^= 0x10
		return b
	}
	tests := []struct {
		name string
		data []byte // nil: no file
	}{
		{"missing", nil},
		{"empty", []byte{}},
		{"garbage", []byte("not a cache at all, not even close to one")},
		{"truncated", good[:len(good)/2]},
		{"bad magic", flipped(0)},
		{"other key", flipped(len(lexiconMagic) + 3)},
		{"flipped byte in the body", flipped(len(good) - 10)},
		{"flipped checksum", flipped(len(good) - 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.Remove(path)
			if tt.data != nil {
				if err := os.WriteFile(path, tt.data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			r := openCached(t, dir)
			if w := r.Warnings(); len(w) != 0 {
				t.Errorf("warnings %v", w)
			}
			checkLexicon(t, r)
			if got, err := os.ReadFile(path); err != nil || !reflect.DeepEqual(got, good) {
				t.Errorf("cache not rewritten as it was (%v)", err)
			}
		})
	}

	t.Run("unwritable", func(t *testing.T) {
		// A folder where the cache should be: it can be neither read nor
		// replaced, and search works all the same.
		os.Remove(path)
		if err := os.Mkdir(path, 0o755); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(path)
		r := openCached(t, dir)
		checkLexicon(t, r)
		if err := r.WriteIndex(ctx); err == nil {
			t.Error("WriteIndex succeeded, want an error")
		}
	})
}

// TestDecodeLexiconChecks feeds decodeLexicon caches that are whole and
// carry the right key but do not index the passages given: the spot check
// must refuse them.
func TestDecodeLexiconChecks(t *testing.T) {
	_, ps := sampleTranscript(1)
	for n := 2; n < 9; n++ {
		_, more := sampleTranscript(n)
		ps = append(ps, more...)
	}
	var key [sha256.Size]byte
	key[0] = 1
	good := newLexicon(ps)
	if _, err := decodeLexicon(encodeLexicon(good, key), key, ps); err != nil {
		t.Fatalf("decodeLexicon of a good cache: %v", err)
	}

	changed := func(f func(ps []Passage)) []Passage {
		out := append([]Passage(nil), ps...)
		f(out)
		return out
	}
	tests := []struct {
		name  string
		built []Passage // what the cache was built from
	}{
		{"a word changed", changed(func(ps []Passage) { ps[0].Text += " sanction" })},
		{"stemming changed", changed(func(ps []Passage) { ps[len(ps)-1].Text = "talking about sanctions" })},
		{"passages reordered", changed(func(ps []Passage) { ps[0], ps[len(ps)-1] = ps[len(ps)-1], ps[0] })},
		{"one passage fewer", ps[:len(ps)-1]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := encodeLexicon(newLexicon(tt.built), key)
			if _, err := decodeLexicon(b, key, ps); !errors.Is(err, errStaleLexicon) {
				t.Errorf("decodeLexicon = %v, want %v", err, errStaleLexicon)
			}
		})
	}
	t.Run("other key", func(t *testing.T) {
		other := key
		other[31] = 9
		if _, err := decodeLexicon(encodeLexicon(good, key), other, ps); !errors.Is(err, errStaleLexicon) {
			t.Errorf("decodeLexicon = %v, want %v", err, errStaleLexicon)
		}
	})
}

// TestLexiconKey checks that the key depends on the snapshots and their
// order.
func TestLexiconKey(t *testing.T) {
	dir := t.TempDir()
	s := openCached(t, dir)
	addT(t, s, 1)
	k1 := lexiconKey(s.current())
	if k := lexiconKey(s.current()); k != k1 {
		t.Error("key not deterministic")
	}
	addT(t, s, 2)
	k2 := lexiconKey(s.current())
	if k2 == k1 {
		t.Error("key unchanged by an added transcript")
	}
	r := openCached(t, dir)
	if k := lexiconKey(r.current()); k != k2 {
		t.Error("key of the reopened store differs from the writer's")
	}
}

func FuzzDecodeLexicon(f *testing.F) {
	_, ps := sampleTranscript(1)
	var key [sha256.Size]byte
	good := encodeLexicon(newLexicon(ps), key)
	f.Add(good)
	f.Add(good[:len(good)-7])
	f.Add([]byte("ONRLEX\x01"))
	f.Fuzz(func(t *testing.T, b []byte) {
		// A right checksum, so that the fuzzer explores what lies behind it.
		if len(b) >= 4 {
			binary.LittleEndian.PutUint32(b[len(b)-4:], crc32.Checksum(b[:len(b)-4], castagnoli))
		}
		lx, err := decodeLexicon(b, key, ps)
		if err == nil && !reflect.DeepEqual(lx, newLexicon(ps)) {
			t.Fatal("decodeLexicon accepted a cache that differs from the index")
		}
	})
}

// BenchmarkLexiconArchive builds the lexical index of the store
// $ONRECORD_BENCH_STORE names (the 1,154 briefings, say) and loads it from
// its cache, in turn in each iteration, and reports the load's time as a
// ratio to the build's.
func BenchmarkLexiconArchive(b *testing.B) {
	dir := os.Getenv("ONRECORD_BENCH_STORE")
	if dir == "" {
		b.Skip("ONRECORD_BENCH_STORE names no store")
	}
	m, err := readManifest(dir)
	if err != nil || m == nil {
		b.Skipf("no store in %s: %v", dir, err)
	}
	s, err := Open(context.Background(), dir, &bowEmbedder{name: m.Embedder, dim: m.Dim})
	if err != nil {
		b.Fatal(err)
	}
	v := s.current()
	key := lexiconKey(v)
	data := encodeLexicon(newLexicon(v.passages), key)
	var build, load time.Duration
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		lx := newLexicon(v.passages)
		t1 := time.Now()
		got, err := decodeLexicon(data, key, v.passages)
		load += time.Since(t1)
		build += t1.Sub(t0)
		if err != nil || got.n != lx.n {
			b.Fatalf("decodeLexicon: %v", err)
		}
	}
	b.ReportMetric(float64(build.Milliseconds())/float64(b.N), "build-ms")
	b.ReportMetric(float64(load.Milliseconds())/float64(b.N), "load-ms")
	b.ReportMetric(float64(load)/float64(build), "load/build")
	b.ReportMetric(float64(len(data))/1e6, "cache-MB")
}

// TestSearchIndexConcurrent asks for the search index from several
// goroutines while transcripts are added: each gets passages and the index
// of those same passages.
func TestSearchIndexConcurrent(t *testing.T) {
	dir := t.TempDir()
	s := openCached(t, dir)
	addT(t, s, 0)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				ps, lx := s.searchIndex()
				if lx.n != len(ps) {
					t.Errorf("index of %d passages with %d passages", lx.n, len(ps))
					return
				}
			}
		}()
	}
	for n := 1; n < 6; n++ {
		addT(t, s, n)
	}
	wg.Wait()
	checkLexicon(t, s)
	checkLexicon(t, openCached(t, dir))
}
