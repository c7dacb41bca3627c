package retrieval

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode"
)

// bowEmbedder is a fake Embedder: a hashed bag of words, unit length, so
// texts sharing words are similar. Texts with no letters or digits get a
// zero vector, as a real embedder gives texts with no known word.
type bowEmbedder struct {
	name  string
	dim   int
	calls atomic.Int64
}

func newBOW(dim int) *bowEmbedder {
	return &bowEmbedder{name: fmt.Sprintf("fake-bow-%d", dim), dim: dim}
}

func (e *bowEmbedder) Name() string { return e.name }
func (e *bowEmbedder) Dim() int     { return e.dim }

func (e *bowEmbedder) Embed(_ context.Context, texts []string) ([][]float32, error) {
	e.calls.Add(1)
	out := make([][]float32, len(texts))
	for i, t := range texts {
		v := make([]float32, e.dim)
		for _, w := range strings.FieldsFunc(strings.ToLower(t), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			h := fnv.New64a()
			h.Write([]byte(w))
			x := h.Sum64()
			sign := float32(1)
			if x>>63 == 1 {
				sign = -1
			}
			v[x%uint64(e.dim)] += sign
		}
		normalizeTest(v)
		out[i] = v
	}
	return out, nil
}

// randEmbedder is a fake Embedder giving each distinct text its own random
// unit vector (seeded by the text), so every passage is nearest to itself.
type randEmbedder struct{ dim int }

func (e randEmbedder) Name() string { return fmt.Sprintf("fake-rand-%d", e.dim) }
func (e randEmbedder) Dim() int     { return e.dim }
func (e randEmbedder) Embed(_ context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		out[i] = randVec(t, e.dim)
	}
	return out, nil
}

func randVec(seed string, dim int) []float32 {
	h := fnv.New64a()
	h.Write([]byte(seed))
	r := rand.New(rand.NewPCG(h.Sum64(), 7))
	v := make([]float32, dim)
	for j := range v {
		v[j] = float32(r.NormFloat64())
	}
	normalizeTest(v)
	return v
}

func normalizeTest(v []float32) {
	var ss float64
	for _, x := range v {
		ss += float64(x) * float64(x)
	}
	if ss == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(ss))
	for j := range v {
		v[j] *= inv
	}
}

// sampleTranscript returns transcript n with its passages.
func sampleTranscript(n int) (Transcript, []Passage) {
	id := fmt.Sprintf("tr%03d", n)
	t := Transcript{
		ID:        id,
		Title:     fmt.Sprintf("Briefing %d", n),
		Date:      fmt.Sprintf("2022-01-%02d", 1+n%28),
		Path:      fmt.Sprintf("/data/briefing-%d.txt", n),
		Format:    "labelled",
		TextHash:  fmt.Sprintf("hash-%d", n),
		Speakers:  []string{"Secretary Antony J. Blinken", "Andrea Mitchell"},
		SourceURL: "https://example.org/" + id,
	}
	topics := []string{"sanctions on Russia", "the Iran nuclear talks", "vaccines for the world", "trade with China", "the climate summit"}
	var ps []Passage
	for i := range 4 {
		topic := topics[(n+i)%len(topics)]
		kind, role, speaker, asked := KindAnswer, RoleOfficial, "Secretary Antony J. Blinken", "Andrea Mitchell"
		if i%2 == 1 {
			kind, role, speaker, asked = KindQuestion, RoleReporter, "Andrea Mitchell", ""
		}
		ps = append(ps, Passage{
			ID:           fmt.Sprintf("%s-p%d", id, i),
			TranscriptID: id,
			Title:        t.Title,
			Date:         t.Date,
			Speaker:      speaker,
			SpeakerLabel: strings.ToUpper(speaker),
			Role:         role,
			Kind:         kind,
			AskedBy:      asked,
			Turn:         i,
			Exchange:     i / 2,
			Paragraphs:   []int{i + 1},
			Text: fmt.Sprintf("We talked about %s in meeting %d. Mr. Smith agreed on %s.\n\nThe second paragraph of passage %d says more about %s.",
				topic, n, topic, i, topic),
		})
	}
	return t, ps
}

func openT(t *testing.T, dir string, emb Embedder, opts ...OpenOption) *Store {
	t.Helper()
	s, err := Open(context.Background(), dir, emb, opts...)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func addT(t *testing.T, s *Store, n int) (Transcript, []Passage) {
	t.Helper()
	tr, ps := sampleTranscript(n)
	if err := s.Add(context.Background(), tr, ps); err != nil {
		t.Fatalf("Add(%s): %v", tr.ID, err)
	}
	tr.Passages = len(ps)
	return tr, ps
}

// storedVectors is a passage's sentence vectors as stored: int8 rows and
// their factors.
type storedVectors struct {
	rows    []int8
	factors []float32
}

// sentenceVectors returns a copy of every sentence vector, passage by passage.
func sentenceVectors(s *Store) map[string]storedVectors {
	v := s.current()
	out := make(map[string]storedVectors)
	for i, p := range v.passages {
		r0, r1 := int(v.rowStart[i]), int(v.rowStart[i+1])
		out[p.ID] = storedVectors{slices.Clone(v.matrix[r0*v.dim : r1*v.dim]), slices.Clone(v.factor[r0:r1])}
	}
	return out
}

func TestStoreAddReopen(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data", "store") // Open creates it
	emb := newBOW(64)
	s := openT(t, dir, emb)
	if got := s.Len(); got != 0 {
		t.Fatalf("Len() of a new store = %d, want 0", got)
	}
	var want []Passage
	var wantT []Transcript
	for _, n := range []int{5, 2, 9} {
		tr, ps := addT(t, s, n)
		wantT = append(wantT, tr)
		_ = ps
	}
	slices.SortFunc(wantT, compareTranscripts)
	for _, tr := range wantT {
		n := 0
		fmt.Sscanf(tr.ID, "tr%d", &n)
		_, ps := sampleTranscript(n)
		want = append(want, ps...)
	}
	check := func(t *testing.T, s *Store) {
		t.Helper()
		if got := s.Transcripts(); !reflect.DeepEqual(got, wantT) {
			t.Errorf("Transcripts() = %+v, want %+v", got, wantT)
		}
		if got := s.Passages(); !reflect.DeepEqual(got, want) {
			t.Errorf("Passages() differ:\n got %+v\nwant %+v", got, want)
		}
		if got := s.Len(); got != len(want) {
			t.Errorf("Len() = %d, want %d", got, len(want))
		}
		for _, p := range want {
			got, ok := s.Passage(p.ID)
			if !ok || !reflect.DeepEqual(got, p) {
				t.Errorf("Passage(%s) = %+v, %v; want %+v", p.ID, got, ok, p)
			}
		}
		if _, ok := s.Passage("nope"); ok {
			t.Errorf("Passage(nope) found")
		}
		if got := s.Collection().Count(); got != len(want) {
			t.Errorf("Collection().Count() = %d, want %d", got, len(want))
		}
		doc, err := s.Collection().GetByID(ctx, want[0].ID)
		if err != nil {
			t.Fatalf("GetByID: %v", err)
		}
		wantMeta := map[string]string{"transcript_id": want[0].TranscriptID, "speaker": want[0].Speaker, "role": want[0].Role,
			"kind": want[0].Kind, "date": want[0].Date, "asked_by": want[0].AskedBy}
		if !reflect.DeepEqual(doc.Metadata, wantMeta) || doc.Content != want[0].Text {
			t.Errorf("collection document = %+v, want metadata %v and the passage's text", doc, wantMeta)
		}
		q, _ := emb.Embed(ctx, []string{"Iran nuclear talks meeting 9"})
		hits := s.Dense(q[0], 3, nil)
		if len(hits) != 3 {
			t.Fatalf("Dense returned %d hits, want 3", len(hits))
		}
		p := s.Passages()[hits[0].Passage]
		spans := Sentences(p.Text)
		if got := p.Text[spans[hits[0].Sentence].Start:spans[hits[0].Sentence].End]; !strings.Contains(got, "Iran nuclear talks in meeting 9") {
			t.Errorf("best sentence = %q, want the one about Iran in meeting 9", got)
		}
	}
	check(t, s)
	before := sentenceVectors(s)

	s2 := openT(t, dir, newBOW(64))
	t.Run("reopened", func(t *testing.T) { check(t, s2) })
	if got := sentenceVectors(s2); !reflect.DeepEqual(got, before) {
		t.Errorf("sentence vectors changed across reopen")
	}
	if w := s2.Warnings(); len(w) != 0 {
		t.Errorf("Warnings() = %v, want none", w)
	}
	ents, _ := os.ReadDir(dir)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if len(names) != 5 { // manifest, lock, 3 snapshots
		t.Errorf("store folder holds %v, want manifest.json, lock and 3 snapshots", names)
	}
}

func TestStoreAddRejects(t *testing.T) {
	ctx := context.Background()
	s := openT(t, t.TempDir(), newBOW(32))
	orig, _ := addT(t, s, 1)
	tests := []struct {
		name    string
		edit    func(*Transcript, []Passage) []Passage
		wantDup bool
		wantMsg string
	}{
		{"same id", func(tr *Transcript, ps []Passage) []Passage {
			tr.ID = orig.ID
			tr.TextHash = "other"
			for i := range ps {
				ps[i].TranscriptID = orig.ID
				ps[i].ID += "-new"
			}
			return ps
		}, true, orig.Path},
		{"same text hash", func(tr *Transcript, ps []Passage) []Passage {
			tr.TextHash = orig.TextHash
			return ps
		}, true, orig.Title},
		{"passage id of another transcript", func(tr *Transcript, ps []Passage) []Passage {
			ps[0].ID = "tr001-p0"
			return ps
		}, false, "already stored"},
		{"passage of another transcript", func(tr *Transcript, ps []Passage) []Passage {
			ps[0].TranscriptID = "elsewhere"
			return ps
		}, false, "belongs to"},
		{"empty id", func(tr *Transcript, ps []Passage) []Passage {
			tr.ID = ""
			return ps
		}, false, "empty id"},
		{"passage id twice", func(tr *Transcript, ps []Passage) []Passage {
			ps[1].ID = ps[0].ID
			return ps
		}, false, "twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr, ps := sampleTranscript(2)
			ps = tt.edit(&tr, ps)
			err := s.Add(ctx, tr, ps)
			if err == nil {
				t.Fatalf("Add succeeded, want an error")
			}
			if got := errors.Is(err, ErrDuplicate); got != tt.wantDup {
				t.Errorf("errors.Is(%v, ErrDuplicate) = %v, want %v", err, got, tt.wantDup)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q does not mention %q", err, tt.wantMsg)
			}
		})
	}
	if got := s.Len(); got != 4 {
		t.Errorf("Len() = %d after refused adds, want 4", got)
	}
}

func TestStoreDelete(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openT(t, dir, newBOW(32))
	addT(t, s, 1)
	addT(t, s, 2)
	old := s.Passages() // must stay as it was
	oldCopy := slices.Clone(old)
	if err := s.Delete(ctx, "tr001"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if err := s.Delete(ctx, "tr001"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Delete = %v, want ErrNotFound", err)
	}
	if !reflect.DeepEqual(old, oldCopy) {
		t.Errorf("a slice returned by Passages() changed after Delete")
	}
	for _, s := range []*Store{s, openT(t, dir, newBOW(32))} {
		if got := len(s.Transcripts()); got != 1 {
			t.Errorf("%d transcripts after Delete, want 1", got)
		}
		if _, ok := s.Passage("tr001-p0"); ok {
			t.Errorf("deleted passage still found")
		}
		if _, ok := s.Passage("tr002-p0"); !ok {
			t.Errorf("kept passage not found")
		}
		if got := s.Collection().Count(); got != 4 {
			t.Errorf("Collection().Count() = %d, want 4", got)
		}
	}
	// The same transcript can be added again.
	addT(t, s, 1)
	if got := s.Len(); got != 8 {
		t.Errorf("Len() = %d after adding back, want 8", got)
	}
}

func TestStoreEmbedderMismatch(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openT(t, dir, newBOW(32))
	addT(t, s, 1)
	addT(t, s, 2)

	tests := []struct {
		name string
		emb  Embedder
	}{
		{"other name", &bowEmbedder{name: "other", dim: 32}},
		{"other dim", &bowEmbedder{name: "fake-bow-32", dim: 48}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Open(ctx, dir, tt.emb)
			if err == nil {
				t.Fatalf("Open with another embedder succeeded")
			}
			if !errors.Is(err, ErrEmbedderMismatch) || !strings.Contains(err.Error(), "onrecord reindex") {
				t.Errorf("Open error %q: want ErrEmbedderMismatch mentioning `onrecord reindex`", err)
			}
		})
	}

	emb := newBOW(48)
	r := openT(t, dir, emb, ForReindex())
	if got := r.Dense(make([]float32, 48), 3, nil); got != nil {
		t.Errorf("Dense on a stale store = %v, want nil", got)
	}
	tr, ps := sampleTranscript(3)
	if err := r.Add(ctx, tr, ps); !errors.Is(err, ErrEmbedderMismatch) {
		t.Errorf("Add to a stale store = %v, want ErrEmbedderMismatch", err)
	}
	var calls [][2]int
	if err := r.Reindex(ctx, func(done, total int) { calls = append(calls, [2]int{done, total}) }); err != nil {
		t.Fatalf("Reindex: %v", err)
	}
	if want := [][2]int{{4, 8}, {8, 8}}; !reflect.DeepEqual(calls, want) {
		t.Errorf("progress calls = %v, want %v", calls, want)
	}
	for _, st := range []*Store{r, openT(t, dir, newBOW(48))} {
		q, _ := emb.Embed(ctx, []string{"climate summit meeting 2"})
		hits := st.Dense(q[0], 1, nil)
		if len(hits) != 1 || !strings.Contains(st.Passages()[hits[0].Passage].Text, "climate summit in meeting 2") {
			t.Errorf("Dense after Reindex = %v, want the climate passage of meeting 2", hits)
		}
		if got := st.Collection().Count(); got != 8 {
			t.Errorf("Collection().Count() after Reindex = %d, want 8", got)
		}
	}
	if err := r.Add(ctx, tr, ps); err != nil {
		t.Errorf("Add after Reindex: %v", err)
	}
	if _, err := Open(ctx, dir, newBOW(32)); !errors.Is(err, ErrEmbedderMismatch) {
		t.Errorf("Open with the old embedder after Reindex = %v, want ErrEmbedderMismatch", err)
	}
}

func TestStoreDamage(t *testing.T) {
	dir := t.TempDir()
	s := openT(t, dir, newBOW(32))
	for n := range 4 {
		addT(t, s, n)
	}
	snap := func(n int) string { return filepath.Join(dir, snapshotName(fmt.Sprintf("tr%03d", n))) }
	b, err := os.ReadFile(snap(1))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(snap(1), b[:len(b)/2], 0o644) // truncated
	b, _ = os.ReadFile(snap(2))
	b[len(b)/3] ^= 0x40 // one flipped bit
	os.WriteFile(snap(2), b, 0o644)
	os.WriteFile(filepath.Join(dir, tmpPrefix+"123"), []byte("half a snapshot"), 0o600)
	os.WriteFile(filepath.Join(dir, "README"), []byte("someone's notes"), 0o600)

	r := openT(t, dir, newBOW(32))
	var ids []string
	for _, tr := range r.Transcripts() {
		ids = append(ids, tr.ID)
	}
	if want := []string{"tr000", "tr003"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("transcripts after damage = %v, want %v", ids, want)
	}
	if got := len(r.Warnings()); got != 2 {
		t.Errorf("Warnings() = %v, want 2", r.Warnings())
	}
	if _, err := os.Stat(filepath.Join(dir, tmpPrefix+"123")); !os.IsNotExist(err) {
		t.Errorf("leftover temporary file not removed: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "README")); err != nil {
		t.Errorf("foreign file touched: %v", err)
	}
	// The damaged transcript can be ingested again.
	addT(t, r, 1)
}

func TestDecodeSnapshotDamage(t *testing.T) {
	_, ps := sampleTranscript(1)
	good, err := encodeSnapshot(&snapshot{embedder: "e", dim: 2, t: Transcript{ID: "x"}, passages: ps[:1], counts: []int32{2},
		vecs: []int8{127, 0, 0, -127}, factors: []float32{1.0 / 127, 1.0 / 127}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := decodeSnapshot(good); err != nil {
		t.Fatalf("decode good snapshot: %v", err)
	}
	for cut := range len(good) {
		if _, err := decodeSnapshot(good[:cut]); err == nil {
			t.Fatalf("snapshot cut to %d bytes decoded without error", cut)
		}
	}
	for i := range good {
		b := slices.Clone(good)
		b[i] ^= 1
		if _, err := decodeSnapshot(b); err == nil {
			t.Fatalf("snapshot with byte %d flipped decoded without error", i)
		}
	}
}

// TestDecodeSnapshotOldVersions reads snapshots of formats 1 (JSON header,
// float32 vectors, quantised on load), 2 (JSON header, int8 vectors) and 3
// (gob header, int8 vectors).
func TestDecodeSnapshotOldVersions(t *testing.T) {
	_, ps := sampleTranscript(1)
	tests := []struct {
		version int
		vectors func([]byte) []byte
	}{
		{1, func(b []byte) []byte {
			for _, f := range []float32{0.6, -0.8, 0, 0} {
				b = binary.LittleEndian.AppendUint32(b, math.Float32bits(f))
			}
			return b
		}},
		{2, func(b []byte) []byte {
			for _, f := range []float32{float32(1 / math.Sqrt(95*95+127*127)), 0} {
				b = binary.LittleEndian.AppendUint32(b, math.Float32bits(f))
			}
			return append(b, 95, 0x81, 0, 0) // 0x81 is int8 -127
		}},
		{3, func(b []byte) []byte {
			for _, f := range []float32{float32(1 / math.Sqrt(95*95+127*127)), 0} {
				b = binary.LittleEndian.AppendUint32(b, math.Float32bits(f))
			}
			return append(b, 95, 0x81, 0, 0)
		}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint("version ", tt.version), func(t *testing.T) {
			h := snapshotHeader{Version: tt.version, Embedder: "e", Dim: 2, Transcript: Transcript{ID: "x"}, Passages: ps[:1], Sentences: []int32{2}}
			js, _ := json.Marshal(h)
			if tt.version == 3 {
				var gb bytes.Buffer
				if err := gob.NewEncoder(&gb).Encode(h); err != nil {
					t.Fatal(err)
				}
				js = gb.Bytes()
			}
			b := append([]byte(fmt.Sprintf("ONRSNAP%c", tt.version)), binary.LittleEndian.AppendUint32(nil, uint32(len(js)))...)
			b = append(b, js...)
			b = binary.LittleEndian.AppendUint32(b, 2)
			b = tt.vectors(b)
			b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
			sn, err := decodeSnapshot(b)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if want := []int8{95, -127, 0, 0}; !slices.Equal(sn.vecs, want) || sn.factors[1] != 0 || sn.factors[0] == 0 {
				t.Errorf("vectors %v factors %v, want %v with the second row zero", sn.vecs, sn.factors, want)
			}
			if !reflect.DeepEqual(sn.passages, ps[:1]) {
				t.Errorf("passages differ")
			}
		})
	}
}

func TestCollectionQuery(t *testing.T) {
	ctx := context.Background()
	emb := newBOW(64)
	s := openT(t, t.TempDir(), emb)
	for n := range 3 {
		addT(t, s, n)
	}
	// A passage with no words has a zero vector: it is stored but in no
	// collection and never matches.
	tr := Transcript{ID: "silence", Title: "Silence", TextHash: "silence"}
	if err := s.Add(ctx, tr, []Passage{{ID: "silence-p0", Text: "... — ..."}, {ID: "silence-p1", Text: ""}}); err != nil {
		t.Fatalf("Add: %v", err)
	}
	c := s.Collection()
	if got := c.Count(); got != 12 {
		t.Fatalf("Count() = %d, want 12", got)
	}
	q, _ := emb.Embed(ctx, []string{"sanctions on Russia"})
	tests := []struct {
		name  string
		where map[string]string
		n     int
		want  int
	}{
		{"questions only", map[string]string{"kind": KindQuestion}, 3, 3},
		{"more than exist", map[string]string{"kind": KindQuestion}, 50, 6},
		{"one transcript", map[string]string{"transcript_id": "tr001"}, 100, 4},
		{"asked by", map[string]string{"asked_by": "Andrea Mitchell", "role": RoleOfficial}, 100, 6},
		{"nothing", map[string]string{"speaker": "Nobody"}, 100, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.QueryEmbedding(ctx, q[0], min(tt.n, c.Count()), tt.where, nil)
			if err != nil {
				t.Fatalf("QueryEmbedding: %v", err)
			}
			if len(res) != tt.want {
				t.Fatalf("got %d results, want %d", len(res), tt.want)
			}
			for _, r := range res {
				for k, v := range tt.where {
					if r.Metadata[k] != v {
						t.Errorf("result %s has %s=%q, want %q", r.ID, k, r.Metadata[k], v)
					}
				}
			}
		})
	}
	if _, err := c.Query(ctx, "sanctions", 1, nil, nil); err == nil {
		t.Errorf("Query by text succeeded; the collection must refuse to embed")
	}
	for _, h := range s.Dense(q[0], 100, nil) {
		if strings.HasPrefix(s.Passages()[h.Passage].ID, "silence") {
			t.Errorf("Dense found zero-vector passage %v", h)
		}
	}
	if got := s.Len(); got != 14 {
		t.Errorf("Len() = %d, want 14", got)
	}
}

func TestStoreWriteLock(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := openT(t, dir, newBOW(32))
	b := openT(t, dir, newBOW(32))

	unlock, err := a.lockWrite(ctx)
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 150*time.Millisecond)
	defer cancel()
	tr, ps := sampleTranscript(1)
	err = b.Add(short, tr, ps)
	if err == nil || !strings.Contains(err.Error(), "being written by process") {
		t.Errorf("Add while another writer holds the lock = %v, want a message naming the writer", err)
	}
	// A waiting writer proceeds when the lock is released.
	done := make(chan error)
	go func() { done <- b.Add(ctx, tr, ps) }()
	time.Sleep(100 * time.Millisecond)
	unlock()
	if err := <-done; err != nil {
		t.Fatalf("Add after the lock was released: %v", err)
	}
	// a learns of b's transcript before writing.
	tr2, ps2 := sampleTranscript(2)
	tr2.TextHash = tr.TextHash
	if err := a.Add(ctx, tr2, ps2); !errors.Is(err, ErrDuplicate) {
		t.Errorf("Add of a duplicate written by another store = %v, want ErrDuplicate", err)
	}
	if got := a.Len(); got != 4 {
		t.Errorf("Len() = %d after refresh, want 4", got)
	}
	if err := a.Delete(ctx, tr.ID); err != nil {
		t.Fatal(err)
	}
	if err := b.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if got := b.Len(); got != 0 {
		t.Errorf("Len() = %d after another store deleted, want 0", got)
	}
	a.Close()
	if err := a.Add(ctx, tr, ps); err == nil {
		t.Errorf("Add to a closed store succeeded")
	}
}

func TestStoreConcurrentReaders(t *testing.T) {
	ctx := context.Background()
	emb := newBOW(32)
	s := openT(t, t.TempDir(), emb)
	q, _ := emb.Embed(ctx, []string{"trade with China"})
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				// Numbering changes with every write: a reader that
				// writes meanwhile must not mix two versions' indexes.
				ps := s.Passages()
				for _, h := range s.Dense(q[0], 5, func(i int) bool { return i < len(ps) && ps[i].Kind == KindAnswer }) {
					if h.Passage >= len(ps) {
						t.Errorf("hit %d beyond the %d passages kept", h.Passage, len(ps))
					}
				}
				s.SentenceScores(q[0], 0)
				s.Collection().Count()
				s.Transcripts()
			}
		}()
	}
	for n := range 20 {
		addT(t, s, n)
		if n%5 == 4 {
			if err := s.Delete(ctx, fmt.Sprintf("tr%03d", n-2)); err != nil {
				t.Error(err)
			}
		}
	}
	close(stop)
	wg.Wait()
	if got := s.Len(); got != 64 {
		t.Errorf("Len() = %d, want 64", got)
	}
}

// TestStoreLarge stores 150,000 passages, reopens the store and finds every
// passage by id, with the same vectors bit for bit, each scoring 1 against
// its own vector; a sample of 51 is found first by a Dense search of the
// whole store.
func TestStoreLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large store")
	}
	ctx := context.Background()
	const transcripts, perTranscript, dim = 100, 1500, 16
	emb := randEmbedder{dim: dim}
	dir := t.TempDir()
	s := openT(t, dir, emb)
	for n := range transcripts {
		id := fmt.Sprintf("big%03d", n)
		ps := make([]Passage, perTranscript)
		for i := range ps {
			ps[i] = Passage{ID: fmt.Sprintf("%s-%04d", id, i), Kind: KindAnswer,
				Text: fmt.Sprintf("Passage %d of %s.", i, id)}
			if i%3 == 0 {
				ps[i].Text += fmt.Sprintf(" And a second sentence %d.", i)
			}
		}
		if err := s.Add(ctx, Transcript{ID: id, Title: id, TextHash: id}, ps); err != nil {
			t.Fatal(err)
		}
	}
	before := s.current()
	r := openT(t, dir, emb)
	if got := r.Len(); got != transcripts*perTranscript {
		t.Fatalf("Len() = %d, want %d", got, transcripts*perTranscript)
	}
	if got := r.Collection().Count(); got != transcripts*perTranscript {
		t.Errorf("Collection().Count() = %d, want %d", got, transcripts*perTranscript)
	}
	v := r.current()
	if !slices.Equal(v.matrix, before.matrix) || !slices.Equal(v.factor, before.factor) || !slices.Equal(v.rowStart, before.rowStart) {
		t.Fatalf("sentence vectors changed across reopen")
	}
	all := r.Passages()
	for i, p := range all {
		if got, ok := r.Passage(p.ID); !ok || got.ID != p.ID {
			t.Fatalf("Passage(%s) not found", p.ID)
		}
		spans := Sentences(p.Text)
		if got := int(v.rowStart[i+1] - v.rowStart[i]); got != len(spans) {
			t.Fatalf("passage %s has %d vectors, want %d", p.ID, got, len(spans))
		}
		// Every passage is found by its own first sentence's vector...
		own := randVec(p.Text[spans[0].Start:spans[0].End], dim)
		if sc := r.SentenceScores(own, i); len(sc) != len(spans) || sc[0] < 0.999 {
			t.Fatalf("SentenceScores(own vector of %s) = %v, want 1 first", p.ID, sc)
		}
		// ...and a sample by a search of the whole store.
		if i%2999 == 0 {
			hits := r.Dense(own, 3, nil)
			if len(hits) == 0 || hits[0].Passage != i || hits[0].Sentence != 0 || hits[0].Score < 0.999 {
				t.Fatalf("Dense(own vector of %s) = %v, want passage %d first", p.ID, hits, i)
			}
		}
	}
}
