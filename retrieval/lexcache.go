package retrieval

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
)

// The lexical index (BM25 postings and passage lengths) is derived from the
// passages: building it tokenises the whole archive, most of what opening a
// large store for search used to cost. So it is also kept in the folder, in
// lexiconCacheName, and loaded instead of built when it is provably the
// index of the passages in memory. It is a cache, never the record: one
// that is missing, damaged, or built from another set of snapshots or by
// other indexing code is ignored and rebuilt, and rewritten when the folder
// is writable.
//
// Its layout, integers little endian or unsigned varints (uv):
//
//	[8]byte   magic "ONRLEX\x01"
//	[32]byte  key: SHA-256 of the indexing code (lexical.go, passage.go, the
//	          Go version) and of the snapshot files (name, size, CRC-32C,
//	          passages) in the store's passage order
//	uv        N, passages
//	uv        F, distinct term frequencies; [F]float32 of them
//	[N]float32  weighted length of each passage
//	uv        T, terms; uv P, postings in all
//	T × (uv length, uv postings)  each term, in ascending byte order
//	[…]byte   the terms' bytes, concatenated
//	P × (uv passage − previous passage of the term (the first: passage + 1),
//	     uv index of its frequency among the F)
//	uint32    CRC-32C of every byte before it
//
// A loaded index is also spot-checked: a few passages, spread over the
// store, are indexed again and must have the same length and postings.
const (
	lexiconCacheName = "lexicon.cache"
	// minCachedPassages is the size below which the index is built, not
	// cached: building it takes less than reading it would.
	minCachedPassages = 5000
	// lexiconSpotChecks is how many passages a loaded index is checked on.
	lexiconSpotChecks = 32
)

var lexiconMagic = []byte("ONRLEX\x01")

// indexingCode holds the source of what builds the lexicon, so that a
// cache built by other code (another tokeniser, stemmer or weights) never
// matches.
//
//go:embed lexical.go passage.go
var indexingCode embed.FS

// searchIndex returns the store's passages and their lexical index: loaded
// from the folder's cache when it matches them, else built (and the cache
// rewritten). Both belong to the same view of the store; the index is
// built once per view.
func (s *Store) searchIndex() ([]Passage, *lexicon) {
	var cached chan parsedCache
	if s.view.Load() == nil {
		// The view is to be built: read the cache meanwhile, as neither
		// needs the other until the cache is checked against the view.
		cached = make(chan parsedCache, 1)
		go func() { cached <- readLexiconCache(s.dir) }()
	}
	v := s.current()
	s.lexiconOf(v, cached)
	return v.passages, v.lex
}

// parsedCache is a lexicon cache read from the folder, not yet checked
// against the passages.
type parsedCache struct {
	c   *lexiconCache
	err error
}

func readLexiconCache(dir string) parsedCache {
	b, err := os.ReadFile(filepath.Join(dir, lexiconCacheName))
	if err != nil {
		return parsedCache{err: err}
	}
	c, err := parseLexicon(b)
	return parsedCache{c, err}
}

// WriteIndex makes sure the folder holds the lexical index of the current
// passages, so that the next Open and NewSearcher load it instead of
// building it. Call it after a batch of Add or Delete (an ingest); the first
// search after a change does it too, when the folder is writable. An error
// means only that the next search builds the index itself.
func (s *Store) WriteIndex(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	v := s.current()
	s.lexiconOf(v, nil)
	if v.lexErr != nil {
		return fmt.Errorf("write index: %w", v.lexErr)
	}
	return nil
}

// lexiconOf sets v.lex, once: from the cache cached delivers (read now if
// cached is nil) when it is v's, else built and saved.
func (s *Store) lexiconOf(v *view, cached <-chan parsedCache) {
	v.lexOnce.Do(func() {
		if len(v.passages) < s.minCached {
			v.lex = newLexicon(v.passages)
			return
		}
		key := lexiconKey(v)
		var pc parsedCache
		if cached != nil {
			pc = <-cached
		} else {
			pc = readLexiconCache(s.dir)
		}
		if pc.err == nil && pc.c.check(key, v.passages) == nil {
			v.lex = pc.c.lx
			return
		}
		path := filepath.Join(s.dir, lexiconCacheName)
		v.lex = newLexicon(v.passages)
		if err := writeFileAtomic(s.dir, lexiconCacheName, encodeLexicon(v.lex, key)); err != nil {
			v.lexErr = fmt.Errorf("save %s: %w", path, err)
		}
	})
}

// lexiconKey is the key a cache of v's lexicon must carry.
func lexiconKey(v *view) [sha256.Size]byte {
	h := sha256.New()
	h.Write(lexiconMagic)
	h.Write([]byte(runtime.Version()))
	// The walk only fails if the embedded files are missing, which the
	// build prevents; their names then still key the cache.
	_ = fs.WalkDir(indexingCode, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, _ := indexingCode.ReadFile(path)
		fmt.Fprintf(h, "%s %d\n", path, len(b))
		h.Write(b)
		return nil
	})
	h.Write(v.files[:])
	fmt.Fprintf(h, "%d passages\n", len(v.passages))
	var key [sha256.Size]byte
	h.Sum(key[:0])
	return key
}

// encodeLexicon returns the bytes of a cache of lx under key.
func encodeLexicon(lx *lexicon, key [sha256.Size]byte) []byte {
	terms := make([]string, 0, len(lx.postings))
	total := 0
	freq := map[uint32]int{}
	for t, ps := range lx.postings {
		terms = append(terms, t)
		total += len(ps)
		for _, p := range ps {
			freq[math.Float32bits(p.tf)]++
		}
	}
	sort.Strings(terms)
	// The commonest frequencies get the smallest indexes, one byte each.
	tfs := make([]uint32, 0, len(freq))
	for f := range freq {
		tfs = append(tfs, f)
	}
	slices.SortFunc(tfs, func(a, b uint32) int {
		if freq[a] != freq[b] {
			return freq[b] - freq[a]
		}
		return int(a) - int(b)
	})
	tfIndex := make(map[uint32]uint64, len(tfs))
	for i, f := range tfs {
		tfIndex[f] = uint64(i)
	}

	b := make([]byte, 0, 64+4*len(tfs)+4*len(lx.length)+3*total+16*len(terms))
	b = append(b, lexiconMagic...)
	b = append(b, key[:]...)
	b = binary.AppendUvarint(b, uint64(len(lx.length)))
	b = binary.AppendUvarint(b, uint64(len(tfs)))
	for _, f := range tfs {
		b = binary.LittleEndian.AppendUint32(b, f)
	}
	for _, l := range lx.length {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(l))
	}
	b = binary.AppendUvarint(b, uint64(len(terms)))
	b = binary.AppendUvarint(b, uint64(total))
	for _, t := range terms {
		b = binary.AppendUvarint(b, uint64(len(t)))
		b = binary.AppendUvarint(b, uint64(len(lx.postings[t])))
	}
	for _, t := range terms {
		b = append(b, t...)
	}
	for _, t := range terms {
		prev := int32(-1)
		for _, p := range lx.postings[t] {
			b = binary.AppendUvarint(b, uint64(p.doc-prev))
			b = binary.AppendUvarint(b, tfIndex[math.Float32bits(p.tf)])
			prev = p.doc
		}
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

// errStaleLexicon is why a cache built for other passages is not used.
var errStaleLexicon = errors.New("lexicon cache is for other passages")

// decodeLexicon parses a cache, checking that it is whole, that it carries
// key, and that it indexes ps as newLexicon would.
func decodeLexicon(b []byte, key [sha256.Size]byte, ps []Passage) (*lexicon, error) {
	c, err := parseLexicon(b)
	if err != nil {
		return nil, err
	}
	if err := c.check(key, ps); err != nil {
		return nil, err
	}
	return c.lx, nil
}

// lexiconCache is a parsed cache.
type lexiconCache struct {
	key    [sha256.Size]byte
	lx     *lexicon
	perDoc []int32 // how many terms each passage has
}

// check reports whether c is the index of ps under key: errStaleLexicon
// (wrapped) if not.
func (c *lexiconCache) check(key [sha256.Size]byte, ps []Passage) error {
	if c.key != key {
		return errStaleLexicon
	}
	if c.lx.n != len(ps) {
		return fmt.Errorf("%w: %d passages, not %d", errStaleLexicon, c.lx.n, len(ps))
	}
	return spotCheck(c.lx, ps, c.perDoc)
}

// parseLexicon parses a cache, checking that it is whole.
func parseLexicon(b []byte) (*lexiconCache, error) {
	c := &lexiconCache{}
	head := len(lexiconMagic) + len(c.key)
	if len(b) < head+4 || !bytes.Equal(b[:len(lexiconMagic)], lexiconMagic) {
		return nil, errors.New("not a lexicon cache")
	}
	copy(c.key[:], b[len(lexiconMagic):head])
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	if got := crc32.Checksum(body, castagnoli); got != sum {
		return nil, fmt.Errorf("lexicon cache checksum mismatch: got %08x, want %08x", got, sum)
	}
	r := &lexReader{byteReader{b: body[head:], what: "lexicon cache"}}
	n := r.count(4)
	tfs := make([]float32, r.count(4))
	for i := range tfs {
		tfs[i] = r.float()
		if !(tfs[i] > 0) || math.IsInf(float64(tfs[i]), 0) {
			r.fail("bad term frequency")
		}
	}
	lx := &lexicon{length: make([]float32, n), n: n}
	for i := range lx.length {
		lx.length[i] = r.float()
		if !(lx.length[i] >= 0) || math.IsInf(float64(lx.length[i]), 0) {
			r.fail("bad passage length")
		}
	}
	nterms := r.count(2)
	total := r.count(2)
	if r.err != nil {
		return nil, r.err
	}
	type termInfo struct{ size, postings int }
	infos := make([]termInfo, nterms)
	blob, sumPostings := 0, 0
	for i := range infos {
		infos[i] = termInfo{r.count(1), r.count(2)}
		if infos[i].size == 0 || infos[i].postings == 0 {
			r.fail("empty term or posting list")
		}
		blob += infos[i].size
		sumPostings += infos[i].postings
	}
	if r.err == nil && (sumPostings != total || blob > len(r.b)) {
		r.fail("term table inconsistent")
	}
	if r.err != nil {
		return nil, r.err
	}
	all := string(r.b[:blob])
	r.b = r.b[blob:]
	lx.postings = make(map[string][]posting, nterms)
	backing := make([]posting, total)
	perDoc := make([]int32, n) // how many terms each passage has
	at, prevTerm := 0, ""
	for i, in := range infos {
		t := all[:in.size]
		all = all[in.size:]
		if i > 0 && t <= prevTerm {
			return nil, errors.New("lexicon cache terms out of order")
		}
		prevTerm = t
		list := backing[at : at+in.postings : at+in.postings]
		at += in.postings
		doc := int64(-1)
		for j := range list {
			d := r.uvarint()
			f := r.uvarint()
			if r.err != nil {
				return nil, r.err
			}
			doc += int64(d)
			if d == 0 || doc >= int64(n) || f >= uint64(len(tfs)) {
				return nil, errors.New("lexicon cache posting out of range")
			}
			list[j] = posting{int32(doc), tfs[f]}
			perDoc[doc]++
		}
		lx.postings[t] = list
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("lexicon cache has %d bytes too many", len(r.b))
	}
	lx.setAvgLen()
	c.lx, c.perDoc = lx, perDoc
	return c, nil
}

// spotCheck indexes a few passages of ps again and compares them with lx,
// where passage i has perDoc[i] terms.
func spotCheck(lx *lexicon, ps []Passage, perDoc []int32) error {
	tf := map[string]float32{}
	checks := min(len(ps), lexiconSpotChecks)
	for c := range checks {
		i := c * (len(ps) - 1) / max(checks-1, 1)
		length := indexPassage(&ps[i], tf)
		if math.Float32bits(length) != math.Float32bits(lx.length[i]) {
			return fmt.Errorf("%w: passage %d has length %v, not %v", errStaleLexicon, i, lx.length[i], length)
		}
		if len(tf) != int(perDoc[i]) {
			return fmt.Errorf("%w: passage %d has %d terms, not %d", errStaleLexicon, i, perDoc[i], len(tf))
		}
		for t, f := range tf {
			list := lx.postings[t]
			j, ok := slices.BinarySearchFunc(list, int32(i), func(p posting, d int32) int { return int(p.doc - d) })
			if !ok || math.Float32bits(list[j].tf) != math.Float32bits(f) {
				return fmt.Errorf("%w: passage %d term %q", errStaleLexicon, i, t)
			}
		}
	}
	return nil
}

// lexReader reads the lexicon cache's varints and floats.
type lexReader struct{ byteReader }

func (r *lexReader) float() float32 {
	if r.err != nil {
		return 0
	}
	if len(r.b) < 4 {
		r.fail("truncated")
		return 0
	}
	f := math.Float32frombits(binary.LittleEndian.Uint32(r.b))
	r.b = r.b[4:]
	return f
}
