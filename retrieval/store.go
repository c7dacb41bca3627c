package retrieval

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	chromem "github.com/philippgille/chromem-go"
)

// ErrDuplicate is returned (wrapped with the stored transcript's title and
// path) by Store.Add when a transcript with the same ID or TextHash is
// already stored.
var ErrDuplicate = errors.New("transcript already stored")

// ErrNotFound is returned by Store.Delete for an unknown transcript id.
var ErrNotFound = errors.New("transcript not found")

// ErrEmbedderMismatch is returned (wrapped, with the advice to run
// `onrecord reindex`) by Open when the store was built with another embedder
// or sentence splitter, and by Add on a store opened ForReindex that has not
// been reindexed yet.
var ErrEmbedderMismatch = errors.New("embedder mismatch")

// ErrWrite is returned (wrapped with the folder and the system's reason)
// when the data folder cannot be written: a full disk, a file size limit,
// a read-only folder. The call that fails leaves nothing behind, and what
// was stored before it stays whole.
var ErrWrite = errors.New("cannot write to the data folder")

// collectionName is the name of the chromem-go collection of passages.
const collectionName = "passages"

// embedBatch is how many sentences go to one Embedder.Embed call.
const embedBatch = 128

// Store is the persistent set of transcripts and their passages, with one
// vector per sentence for dense search and a chromem-go collection of
// passage vectors for metadata-filtered queries.
//
// Everything is held in memory; the folder holds one snapshot per transcript
// (see snapshot.go for the format). Readers need no lock and may run in
// several processes at once; writers (Add, Delete, Reindex) take an
// exclusive flock on the folder's lock file for each call, waiting while
// another process writes, and first pick up whatever other processes wrote.
// A Store is safe for concurrent use.
type Store struct {
	dir      string
	emb      Embedder
	splitter string
	// minCached is the number of passages from which the lexical index is
	// cached in the folder (see lexcache.go); tests lower it.
	minCached int

	writeMu sync.Mutex // serialises this process's writers

	mu       sync.Mutex
	entries  map[string]*entry   // by transcript id
	files    map[string]string   // snapshot file name → transcript id
	owner    map[string]string   // passage id → transcript id; nil until a writer needs it
	coll     *chromem.Collection // built by the first Collection call; nil before
	stale    bool                // built with another embedder; only Reindex may write
	closed   bool
	warnings []error

	view atomic.Pointer[view] // nil when entries changed since it was built
}

// entry is one stored transcript. Its slices are immutable once built (a
// rebuilt view re-points them into its own arrays); reading them needs mu.
type entry struct {
	file     string
	info     os.FileInfo
	embedder string
	dim      int
	splitter string
	t        Transcript
	passages []Passage
	counts   []int32
	vecs     []int8    // int8 sentence vectors, row-major
	factors  []float32 // per row: 1/‖row‖, 0 for a zero vector
	sum      uint32    // CRC-32C of the snapshot file
	version  int       // format of the snapshot file
}

// view is an immutable picture of the store: passages in order, with the
// int8 sentence vectors in one contiguous row-major matrix.
type view struct {
	transcripts []Transcript
	passages    []Passage
	byIDOnce    sync.Once
	byID        map[string]int // built by the first Passage call
	dim         int
	matrix      []int8
	factor      []float32 // per row: 1/‖row‖; 0 marks a zero vector (no known word)
	rowStart    []int32   // rows of passage i are rowStart[i]:rowStart[i+1]
	stale       bool
	// files identifies the snapshots the view was built from, in its order:
	// the key of the lexical index cache (see lexcache.go).
	files [sha256.Size]byte

	lexOnce sync.Once
	lex     *lexicon // the lexical index of passages, built or loaded once
	lexErr  error    // why it could not be saved, if it was built
}

// OpenOption changes how Open opens a store.
type OpenOption func(*openConfig)

type openConfig struct {
	forReindex bool
}

// ForReindex opens a store built with another embedder or sentence splitter
// instead of failing, so that Store.Reindex can re-embed it. Until Reindex
// has run, Dense and SentenceScores find nothing and Add refuses.
func ForReindex() OpenOption {
	return func(c *openConfig) { c.forReindex = true }
}

// Open opens the store in dir, creating dir if it is missing, and loads every
// transcript into memory. It fails when the store was built with an embedder
// of another Name or Dim (unless ForReindex is given): the error wraps
// ErrEmbedderMismatch and says to run `onrecord reindex`.
//
// A snapshot that cannot be read (only disk damage makes one) is skipped and
// reported by Store.Warnings; it does not stop the store from opening.
// Temporary files left by a crashed writer are ignored, and removed when no
// writer is running.
func Open(ctx context.Context, dir string, emb Embedder, opts ...OpenOption) (*Store, error) {
	var cfg openConfig
	for _, o := range opts {
		o(&cfg)
	}
	if emb == nil {
		return nil, errors.New("open store: no embedder")
	}
	if emb.Dim() <= 0 {
		return nil, fmt.Errorf("open store: embedder %s has dimension %d", emb.Name(), emb.Dim())
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	s := &Store{
		dir:       dir,
		emb:       emb,
		splitter:  splitterFingerprint(),
		minCached: minCachedPassages,
		entries:   make(map[string]*entry),
		files:     make(map[string]string),
	}
	m, err := readManifest(dir)
	if err != nil {
		s.warnings = append(s.warnings, fmt.Errorf("manifest of %s ignored: %w", dir, err))
	} else if m != nil {
		if err := s.checkBuiltWith(m.Embedder, m.Dim, m.Splitter); err != nil {
			if !cfg.forReindex {
				return nil, fmt.Errorf("open store: %w", err)
			}
			s.stale = true
		}
	}
	s.removeTemps()
	if err := s.refresh(ctx, cfg.forReindex); err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	return s, nil
}

// checkBuiltWith returns an error when vectors made by embedder name (dim)
// with the given splitter don't fit this store's embedder.
func (s *Store) checkBuiltWith(name string, dim int, splitter string) error {
	if name != s.emb.Name() || dim != s.emb.Dim() {
		return fmt.Errorf("%s was built with embedder %q (%d dimensions), not %q (%d); run `onrecord reindex` to re-embed it: %w",
			s.dir, name, dim, s.emb.Name(), s.emb.Dim(), ErrEmbedderMismatch)
	}
	if splitter != "" && splitter != s.splitter {
		return fmt.Errorf("%s was built with another sentence splitter; run `onrecord reindex` to re-embed it: %w",
			s.dir, ErrEmbedderMismatch)
	}
	return nil
}

// removeTemps removes temporary files a crashed writer left, when no writer
// holds the lock; a read-only folder is left alone.
func (s *Store) removeTemps() {
	ents, err := os.ReadDir(s.dir)
	if err != nil {
		return
	}
	var temps []string
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), tmpPrefix) {
			temps = append(temps, e.Name())
		}
	}
	if len(temps) == 0 {
		return
	}
	f, err := os.OpenFile(filepath.Join(s.dir, lockName), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil {
		return // a writer is running; its temporary files are not leftovers
	}
	defer syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	for _, name := range temps {
		os.Remove(filepath.Join(s.dir, name))
	}
}

// Close releases the store. Writing to a closed store fails; reading still
// works.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	return nil
}

// Embedder returns the embedder the store embeds with.
func (s *Store) Embedder() Embedder { return s.emb }

// Warnings lists the snapshots Open (or a later refresh) could not read and
// skipped, and a manifest it ignored. Only disk damage causes them.
func (s *Store) Warnings() []error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.warnings)
}

// Collection returns the chromem-go collection holding every passage that
// has a vector: id = Passage.ID, content = its text, metadata transcript_id,
// speaker, role, kind, date and asked_by, embedding = the normalised mean of
// its sentence vectors. Passages whose text has no known word (a zero
// vector) are left out. Query it with QueryEmbedding only (it has no
// embedding function) and clamp NResults to Count(). Treat it as read-only.
//
// The collection is built by the first call (search does not need it, so
// opening the store does not pay for it) and kept up to date afterwards.
func (s *Store) Collection() *chromem.Collection {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.coll == nil {
		s.coll = newCollection()
		for _, e := range s.entries {
			addToCollection(s.coll, e)
		}
	}
	return s.coll
}

// Transcripts returns the stored transcripts, sorted by date, then title.
func (s *Store) Transcripts() []Transcript {
	return slices.Clone(s.current().transcripts)
}

// Passages returns every passage, in transcript order (as Transcripts) then
// position. Index i is the passage's number in DenseHit and SentenceScores.
// The slice is shared, not copied: callers must not modify it. It stays
// valid (and unchanged) after later writes, which build a new one: but
// Dense and SentenceScores always number the current passages, so indexes
// taken before a write (Add, Delete, Reindex, Refresh) are not theirs.
func (s *Store) Passages() []Passage { return s.current().passages }

// Passage returns the passage with the given id.
func (s *Store) Passage(id string) (Passage, bool) {
	v := s.current()
	v.byIDOnce.Do(func() {
		if v.byID != nil {
			return
		}
		v.byID = make(map[string]int, len(v.passages))
		for i, p := range v.passages {
			v.byID[p.ID] = i
		}
	})
	i, ok := v.byID[id]
	if !ok {
		return Passage{}, false
	}
	return v.passages[i], true
}

// Len returns the number of passages.
func (s *Store) Len() int { return len(s.current().passages) }

// Add embeds every sentence of every passage (Sentences(p.Text)), writes the
// transcript's snapshot and makes it searchable. Passages with an empty
// TranscriptID get t.ID; t.Passages is set to len(ps). A transcript whose ID
// or TextHash is already stored is refused with ErrDuplicate.
func (s *Store) Add(ctx context.Context, t Transcript, ps []Passage) error {
	if t.ID == "" {
		return errors.New("add transcript: empty id")
	}
	ps = slices.Clone(ps)
	seen := make(map[string]bool, len(ps))
	for i := range ps {
		p := &ps[i]
		if p.ID == "" {
			return fmt.Errorf("add transcript %s: passage %d has no id", t.ID, i)
		}
		if seen[p.ID] {
			return fmt.Errorf("add transcript %s: passage id %s twice", t.ID, p.ID)
		}
		seen[p.ID] = true
		if p.TranscriptID == "" {
			p.TranscriptID = t.ID
		} else if p.TranscriptID != t.ID {
			return fmt.Errorf("add transcript %s: passage %s belongs to transcript %s", t.ID, p.ID, p.TranscriptID)
		}
	}
	t.Passages = len(ps)

	unlock, err := s.lockWrite(ctx)
	if err != nil {
		return fmt.Errorf("add transcript %s: %w", t.ID, err)
	}
	defer unlock()
	if err := s.refresh(ctx, false); err != nil {
		return fmt.Errorf("add transcript %s: %w", t.ID, err)
	}

	s.mu.Lock()
	stale := s.stale
	dup := s.duplicateLocked(t)
	var clash string
	if dup == nil {
		clash = s.passageClashLocked(ps)
	}
	s.mu.Unlock()
	if stale {
		return fmt.Errorf("add transcript %s: %s was built with another embedder; run `onrecord reindex` first: %w", t.ID, s.dir, ErrEmbedderMismatch)
	}
	if dup != nil {
		return fmt.Errorf("add transcript %s: same %s as %q (%s): %w", t.ID, dup.field, dup.t.Title, dup.t.Path, ErrDuplicate)
	}
	if clash != "" {
		return fmt.Errorf("add transcript %s: passage id %s is already stored", t.ID, clash)
	}

	counts, vecs, factors, err := s.embedPassages(ctx, ps)
	if err != nil {
		return fmt.Errorf("add transcript %s: %w", t.ID, err)
	}
	if err := s.ensureManifest(); err != nil {
		return fmt.Errorf("add transcript %s: %w", t.ID, err)
	}
	e := &entry{
		file:     snapshotName(t.ID),
		embedder: s.emb.Name(),
		dim:      s.emb.Dim(),
		splitter: s.splitter,
		t:        t,
		passages: ps,
		counts:   counts,
		vecs:     vecs,
		factors:  factors,
	}
	if err := s.writeEntry(ctx, e); err != nil {
		return fmt.Errorf("add transcript %s: %w", t.ID, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.putLocked(e)
	return nil
}

type duplicate struct {
	field string
	t     Transcript
}

func (s *Store) duplicateLocked(t Transcript) *duplicate {
	if e, ok := s.entries[t.ID]; ok {
		return &duplicate{"id", e.t}
	}
	if t.TextHash == "" {
		return nil
	}
	for _, e := range s.entries {
		if e.t.TextHash == t.TextHash {
			return &duplicate{"text", e.t}
		}
	}
	return nil
}

// passageClashLocked returns the id of a passage of ps already stored under
// another transcript, "" if none.
func (s *Store) passageClashLocked(ps []Passage) string {
	if s.owner == nil {
		// Built when first needed: readers never need it.
		s.owner = make(map[string]string)
		for _, e := range s.entries {
			for _, p := range e.passages {
				s.owner[p.ID] = e.t.ID
			}
		}
	}
	for _, p := range ps {
		if _, ok := s.owner[p.ID]; ok {
			return p.ID
		}
	}
	return ""
}

// Delete removes a transcript and its passages.
func (s *Store) Delete(ctx context.Context, transcriptID string) error {
	unlock, err := s.lockWrite(ctx)
	if err != nil {
		return fmt.Errorf("delete transcript %s: %w", transcriptID, err)
	}
	defer unlock()
	if err := s.refresh(ctx, true); err != nil {
		return fmt.Errorf("delete transcript %s: %w", transcriptID, err)
	}
	s.mu.Lock()
	e, ok := s.entries[transcriptID]
	var file string
	if ok {
		file = e.file
	}
	s.mu.Unlock()
	if !ok {
		return fmt.Errorf("delete transcript %s: %w", transcriptID, ErrNotFound)
	}
	if err := removeFileDurable(s.dir, file); err != nil {
		return fmt.Errorf("delete transcript %s: %w", transcriptID, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropLocked(transcriptID)
	return nil
}

// Reindex re-embeds every transcript with the store's embedder, rewriting
// each snapshot atomically, then records the embedder in the manifest. An
// interrupted Reindex can be run again: transcripts already embedded with
// this embedder are kept. Snapshots of an older format are rewritten in the
// current one (which opens faster), with the same vectors. progress, if
// not nil, is called after each transcript with the number of passages
// done and in all.
func (s *Store) Reindex(ctx context.Context, progress func(done, total int)) error {
	unlock, err := s.lockWrite(ctx)
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	defer unlock()
	if err := s.refresh(ctx, true); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	s.mu.Lock()
	todo := make([]entry, 0, len(s.entries))
	total := 0
	for _, e := range s.entries {
		todo = append(todo, *e) // a copy: a view rebuild re-points e's slices
		total += len(e.passages)
	}
	s.mu.Unlock()
	slices.SortFunc(todo, func(a, b entry) int { return compareTranscripts(a.t, b.t) })

	done := 0
	for _, old := range todo {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		reembed := old.embedder != s.emb.Name() || old.dim != s.emb.Dim() || old.splitter != s.splitter
		if reembed || old.version < formatVersion {
			counts, vecs, factors := old.counts, old.vecs, old.factors
			if reembed {
				var err error
				if counts, vecs, factors, err = s.embedPassages(ctx, old.passages); err != nil {
					return fmt.Errorf("reindex %s: %w", old.t.ID, err)
				}
			}
			e := &entry{
				file:     old.file,
				embedder: s.emb.Name(),
				dim:      s.emb.Dim(),
				splitter: s.splitter,
				t:        old.t,
				passages: old.passages,
				counts:   counts,
				vecs:     vecs,
				factors:  factors,
			}
			if err := s.writeEntry(ctx, e); err != nil {
				return fmt.Errorf("reindex %s: %w", old.t.ID, err)
			}
			s.mu.Lock()
			s.dropLocked(old.t.ID)
			s.putLocked(e)
			s.mu.Unlock()
		}
		done += len(old.passages)
		if progress != nil {
			progress(done, total)
		}
	}
	if err := writeManifest(s.dir, s.manifest()); err != nil {
		return fmt.Errorf("reindex: write manifest: %w", err)
	}
	s.mu.Lock()
	// The collection is rebuilt when next asked for: its vectors may have
	// changed dimension.
	s.coll = nil
	s.stale = false
	s.view.Store(nil)
	s.mu.Unlock()
	// The snapshots changed, so the lexical index's cache no longer
	// matches them; failing to rewrite it only costs the next search time.
	_ = s.WriteIndex(ctx)
	return nil
}

// Refresh picks up what other processes wrote since Open: new, reindexed
// and deleted transcripts. Writers do it themselves before each write; a
// long-running reader (the bot) can call it now and then.
func (s *Store) Refresh(ctx context.Context) error {
	return s.refresh(ctx, false)
}

func (s *Store) manifest() manifest {
	return manifest{Version: formatVersion, Embedder: s.emb.Name(), Dim: s.emb.Dim(), Splitter: s.splitter}
}

// ensureManifest writes the manifest if it is missing. The write lock is held.
func (s *Store) ensureManifest() error {
	m, err := readManifest(s.dir)
	if err == nil && m != nil && *m == s.manifest() {
		return nil
	}
	if err := writeManifest(s.dir, s.manifest()); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	return nil
}

// embedPassages embeds the sentences of every passage in batches and returns
// the number of sentences of each passage and their vectors, quantised.
func (s *Store) embedPassages(ctx context.Context, ps []Passage) ([]int32, []int8, []float32, error) {
	dim := s.emb.Dim()
	counts := make([]int32, len(ps))
	var texts []string
	for i, p := range ps {
		spans := Sentences(p.Text)
		counts[i] = int32(len(spans))
		for _, sp := range spans {
			texts = append(texts, p.Text[sp.Start:sp.End])
		}
	}
	vecs := make([]int8, len(texts)*dim)
	factors := make([]float32, len(texts))
	for start := 0; start < len(texts); start += embedBatch {
		if err := ctx.Err(); err != nil {
			return nil, nil, nil, err
		}
		end := min(start+embedBatch, len(texts))
		got, err := s.emb.Embed(ctx, texts[start:end])
		if err != nil {
			return nil, nil, nil, fmt.Errorf("embed sentences: %w", err)
		}
		if len(got) != end-start {
			return nil, nil, nil, fmt.Errorf("embed sentences: embedder %s returned %d vectors for %d texts", s.emb.Name(), len(got), end-start)
		}
		for j, v := range got {
			if len(v) != dim {
				return nil, nil, nil, fmt.Errorf("embed sentences: embedder %s returned a vector of %d dimensions, want %d", s.emb.Name(), len(v), dim)
			}
			r := start + j
			// NaN, Inf or zero give factor 0: a sentence that matches nothing.
			factors[r] = quantize(v, vecs[r*dim:(r+1)*dim])
		}
	}
	return counts, vecs, factors, nil
}

// normalize scales v to unit length in place, reporting false when v is
// zero or not finite.
func normalize(v []float32) bool {
	var ss float64
	for _, x := range v {
		ss += float64(x) * float64(x)
	}
	if ss == 0 || math.IsNaN(ss) || math.IsInf(ss, 0) {
		return false
	}
	if math.Abs(ss-1) < 1e-6 {
		return true
	}
	inv := float32(1 / math.Sqrt(ss))
	for i := range v {
		v[i] *= inv
	}
	return true
}

// writeEntry writes e's snapshot and records its file info.
func (s *Store) writeEntry(ctx context.Context, e *entry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	b, err := encodeSnapshot(&snapshot{embedder: e.embedder, dim: e.dim, splitter: e.splitter, t: e.t, passages: e.passages, counts: e.counts, vecs: e.vecs, factors: e.factors})
	if err != nil {
		return err
	}
	if err := writeFileAtomic(s.dir, e.file, b); err != nil {
		return err
	}
	info, err := os.Stat(filepath.Join(s.dir, e.file))
	if err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	e.info = info
	e.sum = binary.LittleEndian.Uint32(b[len(b)-4:])
	e.version = formatVersion
	return nil
}

// putLocked adds e to memory and, once built, the collection.
func (s *Store) putLocked(e *entry) {
	s.entries[e.t.ID] = e
	s.files[e.file] = e.t.ID
	if s.owner != nil {
		for _, p := range e.passages {
			s.owner[p.ID] = e.t.ID
		}
	}
	if s.coll != nil {
		addToCollection(s.coll, e)
	}
	s.view.Store(nil)
}

// dropLocked removes a transcript from memory and the collection.
func (s *Store) dropLocked(id string) {
	e, ok := s.entries[id]
	if !ok {
		return
	}
	delete(s.entries, id)
	delete(s.files, e.file)
	ids := make([]string, len(e.passages))
	for i, p := range e.passages {
		ids[i] = p.ID
		if s.owner[p.ID] == id {
			delete(s.owner, p.ID)
		}
	}
	if len(ids) > 0 && s.coll != nil {
		// Our writers are serialised by mu, so chromem-go's Delete never
		// runs beside our Add. It errors only on empty arguments.
		_ = s.coll.Delete(context.Background(), nil, nil, ids...)
	}
	s.view.Store(nil)
}

// newCollection returns an in-memory chromem-go collection whose embedding
// function refuses to run: the store always passes vectors.
func newCollection() *chromem.Collection {
	refuse := func(context.Context, string) ([]float32, error) {
		return nil, errors.New("the passage collection embeds nothing: query it with QueryEmbedding")
	}
	// An in-memory DB creates a collection without error: the error is for
	// persistent ones.
	c, _ := chromem.NewDB().CreateCollection(collectionName, nil, refuse)
	return c
}

// addToCollection adds e's passages with a non-zero mean vector.
func addToCollection(c *chromem.Collection, e *entry) {
	row := 0
	for i, p := range e.passages {
		n := int(e.counts[i])
		mean := make([]float32, e.dim)
		for r := row; r < row+n; r++ {
			f := e.factors[r]
			for j, x := range e.vecs[r*e.dim : (r+1)*e.dim] {
				mean[j] += f * float32(x)
			}
		}
		row += n
		if !normalize(mean) {
			continue
		}
		// AddDocument fails only for an empty id or embedding; neither
		// happens here.
		_ = c.AddDocument(context.Background(), chromem.Document{
			ID:        p.ID,
			Content:   p.Text,
			Embedding: mean,
			Metadata: map[string]string{
				"transcript_id": p.TranscriptID,
				"speaker":       p.Speaker,
				"role":          p.Role,
				"kind":          p.Kind,
				"date":          p.Date,
				"asked_by":      p.AskedBy,
			},
		})
	}
}

// lockWrite serialises writers: this process's by writeMu, all processes'
// by an exclusive flock on the lock file, waiting while another holds it.
func (s *Store) lockWrite(ctx context.Context) (unlock func(), err error) {
	s.writeMu.Lock()
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed {
		s.writeMu.Unlock()
		return nil, errors.New("store is closed")
	}
	path := filepath.Join(s.dir, lockName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		s.writeMu.Unlock()
		return nil, writeError(s.dir, err)
	}
	fail := func(err error) (func(), error) {
		f.Close()
		s.writeMu.Unlock()
		return nil, err
	}
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			return fail(fmt.Errorf("lock %s: %w", path, err))
		}
		select {
		case <-ctx.Done():
			holder := "another process"
			if b, err := os.ReadFile(path); err == nil && len(strings.TrimSpace(string(b))) > 0 {
				holder = "process " + strings.TrimSpace(string(b))
			}
			return fail(fmt.Errorf("store %s is being written by %s (another onrecord ingest?); gave up waiting: %w", s.dir, holder, ctx.Err()))
		case <-tick.C:
		}
	}
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
		s.writeMu.Unlock()
	}, nil
}

// refresh loads snapshots that are new or changed on disk and drops those
// that are gone. With anyEmbedder, snapshots built with another embedder are
// loaded and mark the store stale; otherwise they are an error.
func (s *Store) refresh(ctx context.Context, anyEmbedder bool) error {
	ents, err := os.ReadDir(s.dir)
	if err != nil {
		return fmt.Errorf("read %s: %w", s.dir, err)
	}
	type job struct {
		name string
		info os.FileInfo
		sn   *snapshot
		err  error
	}
	var jobs []*job
	present := make(map[string]bool, len(ents))
	s.mu.Lock()
	for _, de := range ents {
		name := de.Name()
		if de.IsDir() || !isSnapshotName(name) {
			continue
		}
		present[name] = true
		info, err := de.Info()
		if err != nil {
			continue // removed meanwhile
		}
		if id, ok := s.files[name]; ok && os.SameFile(info, s.entries[id].info) && info.ModTime().Equal(s.entries[id].info.ModTime()) && info.Size() == s.entries[id].info.Size() {
			continue
		}
		jobs = append(jobs, &job{name: name, info: info})
	}
	var gone []string
	for name, id := range s.files {
		if !present[name] {
			gone = append(gone, id)
		}
	}
	s.mu.Unlock()

	// Load in parallel.
	next := make(chan *job)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(jobs), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				b, err := os.ReadFile(filepath.Join(s.dir, j.name))
				if err != nil {
					j.err = err
					continue
				}
				j.sn, j.err = decodeSnapshot(b)
				if j.err == nil && snapshotName(j.sn.t.ID) != j.name {
					j.err = fmt.Errorf("holds transcript %s, whose snapshot is %s", j.sn.t.ID, snapshotName(j.sn.t.ID))
				}
			}
		}()
	}
	for _, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		next <- j
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range gone {
		s.dropLocked(id)
	}
	slices.SortFunc(jobs, func(a, b *job) int { return cmp.Compare(a.name, b.name) })
	for _, j := range jobs {
		if errors.Is(j.err, fs.ErrNotExist) {
			// Deleted between listing and reading.
			if id, ok := s.files[j.name]; ok {
				s.dropLocked(id)
			}
			continue
		}
		if j.err != nil {
			s.warnings = append(s.warnings, fmt.Errorf("snapshot %s skipped: %w", filepath.Join(s.dir, j.name), j.err))
			continue
		}
		sn := j.sn
		if err := s.checkBuiltWith(sn.embedder, sn.dim, sn.splitter); err != nil {
			if !anyEmbedder && !s.stale {
				return err
			}
			s.stale = true
		}
		if id, ok := s.files[j.name]; ok {
			s.dropLocked(id)
		}
		s.putLocked(&entry{
			file: j.name, info: j.info,
			embedder: sn.embedder, dim: sn.dim, splitter: sn.splitter,
			t: sn.t, passages: sn.passages, counts: sn.counts, vecs: sn.vecs, factors: sn.factors,
			sum: sn.sum, version: sn.version,
		})
	}
	return nil
}

// compareTranscripts orders transcripts by date, then title, then id.
func compareTranscripts(a, b Transcript) int {
	return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Title, b.Title), cmp.Compare(a.ID, b.ID))
}

// current returns the view of the store, building it if writes made the
// last one out of date.
func (s *Store) current() *view {
	if v := s.view.Load(); v != nil {
		return v
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if v := s.view.Load(); v != nil {
		return v
	}
	v := s.buildLocked()
	s.view.Store(v)
	return v
}

// buildLocked builds a view and re-points the entries' slices into its
// arrays, so passages and vectors are held once.
func (s *Store) buildLocked() *view {
	es := make([]*entry, 0, len(s.entries))
	np, nrows := 0, 0
	for _, e := range s.entries {
		es = append(es, e)
		np += len(e.passages)
		nrows += len(e.factors)
	}
	slices.SortFunc(es, func(a, b *entry) int { return compareTranscripts(a.t, b.t) })
	dim := s.emb.Dim()
	v := &view{
		transcripts: make([]Transcript, len(es)),
		passages:    make([]Passage, 0, np),
		dim:         dim,
		rowStart:    make([]int32, 1, np+1),
		stale:       s.stale,
	}
	if !s.stale {
		v.matrix = make([]int8, 0, nrows*dim)
		v.factor = make([]float32, 0, nrows)
	}
	h := sha256.New()
	for i, e := range es {
		h.Write(fileIdentity(e))
		v.transcripts[i] = e.t
		p0 := len(v.passages)
		v.passages = append(v.passages, e.passages...)
		e.passages = v.passages[p0:len(v.passages):len(v.passages)]
		row := int(v.rowStart[len(v.rowStart)-1])
		for j := range e.passages {
			row += int(e.counts[j])
			v.rowStart = append(v.rowStart, int32(row))
		}
		if s.stale {
			continue
		}
		m0, f0 := len(v.matrix), len(v.factor)
		v.matrix = append(v.matrix, e.vecs...)
		e.vecs = v.matrix[m0:len(v.matrix):len(v.matrix)]
		v.factor = append(v.factor, e.factors...)
		e.factors = v.factor[f0:len(v.factor):len(v.factor)]
	}
	h.Sum(v.files[:0])
	return v
}

// fileIdentity says which snapshot file e was loaded from or written to:
// its name, size and checksum, and e's number of passages.
func fileIdentity(e *entry) []byte {
	b := make([]byte, 0, len(e.file)+24)
	b = binary.AppendUvarint(b, uint64(len(e.file)))
	b = append(b, e.file...)
	var size int64
	if e.info != nil {
		size = e.info.Size()
	}
	b = binary.LittleEndian.AppendUint64(b, uint64(size))
	b = binary.LittleEndian.AppendUint32(b, e.sum)
	return binary.LittleEndian.AppendUint64(b, uint64(len(e.passages)))
}
