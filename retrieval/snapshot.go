package retrieval

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"unsafe"
)

// The store's folder holds:
//
//	manifest.json        the embedder (name, dimensions) and sentence splitter that built the store
//	tr-<32 hex>.snap     one snapshot per transcript, named by SHA-256 of its id
//	lock                 flock'd by writers; holds the pid of the last writer
//	lexicon.cache        the lexical index, derived from the snapshots and
//	                     used only while it provably matches them (lexcache.go)
//	.tmp-*               a file being written (removed at Open when no writer runs)
//
// A snapshot is written to a temporary file in the same folder, fsync'd,
// renamed over its final name and the folder fsync'd, so a crash leaves each
// transcript wholly there or wholly absent. Its layout, all integers little
// endian:
//
//	[8]byte  magic "ONRSNAP\x04"
//	uint32   H, length of the header
//	[H]byte  header: version, embedder, dim, splitter, transcript,
//	         passages, and sentences (the number of sentences of each
//	         passage), in the binary encoding of snapheader.go, which
//	         tolerates fields added to Transcript and Passage later
//	uint32   R, number of sentence vectors (the sum of sentences)
//	[R]float32     per sentence, 1/‖row‖ of its int8 row (0 for a zero vector)
//	[R*dim]int8    the sentence vectors, int8-quantised (each unit vector
//	         scaled so its largest component is ±127, rounded), row-major,
//	         in passage order then sentence order
//	uint32   CRC-32C (Castagnoli) of every byte before it
//
// The cosine of a query q with a sentence is factor × Σ q[j]·row[j]: the
// int8 row's own direction, exactly. Versions 1 (JSON header, float32
// rows, magic "ONRSNAP\x01"), 2 (JSON header, int8 rows) and 3 (gob
// header) are still read; version 1 rows are quantised on load.
const (
	manifestName   = "manifest.json"
	lockName       = "lock"
	tmpPrefix      = ".tmp-"
	snapshotPrefix = "tr-"
	snapshotExt    = ".snap"
	formatVersion  = 4
)

var (
	snapshotMagic   = []byte("ONRSNAP\x04")
	snapshotMagicV3 = []byte("ONRSNAP\x03")
	snapshotMagicV2 = []byte("ONRSNAP\x02")
	snapshotMagicV1 = []byte("ONRSNAP\x01")
	castagnoli      = crc32.MakeTable(crc32.Castagnoli)
)

// manifest records what built a store, so that opening it with another
// embedder fails instead of mixing vectors.
type manifest struct {
	Version  int    `json:"version"`
	Embedder string `json:"embedder"`
	Dim      int    `json:"dim"`
	Splitter string `json:"splitter"`
}

// snapshotHeader is the header of a snapshot.
type snapshotHeader struct {
	Version    int        `json:"version"`
	Embedder   string     `json:"embedder"`
	Dim        int        `json:"dim"`
	Splitter   string     `json:"splitter"`
	Transcript Transcript `json:"transcript"`
	Passages   []Passage  `json:"passages"`
	Sentences  []int32    `json:"sentences"`
}

// snapshot is one transcript as stored: its record, passages and the vector
// of every sentence of every passage.
type snapshot struct {
	embedder string
	dim      int
	splitter string
	t        Transcript
	passages []Passage
	counts   []int32   // sentences of each passage
	vecs     []int8    // sum(counts) rows of dim int8s
	factors  []float32 // per row: 1/‖row‖, 0 for a zero row
	sum      uint32    // the file's CRC-32C, set by decodeSnapshot
	version  int       // the file's format, set by decodeSnapshot
}

// snapshotName is the file name of the snapshot of transcript id: 128 bits
// of SHA-256, so distinct ids never share a file.
func snapshotName(id string) string {
	sum := sha256.Sum256([]byte(id))
	return snapshotPrefix + hex.EncodeToString(sum[:16]) + snapshotExt
}

func isSnapshotName(name string) bool {
	return strings.HasPrefix(name, snapshotPrefix) && strings.HasSuffix(name, snapshotExt)
}

// encodeSnapshot returns the bytes of a snapshot file.
func encodeSnapshot(sn *snapshot) ([]byte, error) {
	h := snapshotHeader{
		Version:    formatVersion,
		Embedder:   sn.embedder,
		Dim:        sn.dim,
		Splitter:   sn.splitter,
		Transcript: sn.t,
		Passages:   sn.passages,
		Sentences:  sn.counts,
	}
	hb, err := encodeHeader(&h)
	if err != nil {
		return nil, fmt.Errorf("encode snapshot header: %w", err)
	}
	rows := len(sn.factors)
	if len(hb) > math.MaxUint32 || rows > math.MaxUint32 || len(sn.vecs) != rows*sn.dim {
		return nil, errors.New("encode snapshot: transcript too large or vectors inconsistent")
	}
	buf := make([]byte, 0, len(snapshotMagic)+4+len(hb)+4+4*rows+len(sn.vecs)+4)
	buf = append(buf, snapshotMagic...)
	buf = binary.LittleEndian.AppendUint32(buf, uint32(len(hb)))
	buf = append(buf, hb...)
	buf = binary.LittleEndian.AppendUint32(buf, uint32(rows))
	for _, f := range sn.factors {
		buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(f))
	}
	for _, x := range sn.vecs {
		buf = append(buf, byte(x))
	}
	buf = binary.LittleEndian.AppendUint32(buf, crc32.Checksum(buf, castagnoli))
	return buf, nil
}

// decodeSnapshot parses and checks the bytes of a snapshot file.
func decodeSnapshot(b []byte) (*snapshot, error) {
	if len(b) < len(snapshotMagic)+4+4+4 {
		return nil, fmt.Errorf("snapshot truncated: %d bytes", len(b))
	}
	version := formatVersion
	switch {
	case bytes.Equal(b[:len(snapshotMagic)], snapshotMagic):
	case bytes.Equal(b[:len(snapshotMagicV3)], snapshotMagicV3):
		version = 3
	case bytes.Equal(b[:len(snapshotMagicV2)], snapshotMagicV2):
		version = 2
	case bytes.Equal(b[:len(snapshotMagicV1)], snapshotMagicV1):
		version = 1
	default:
		return nil, errors.New("not a snapshot: bad magic")
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	if got := crc32.Checksum(body, castagnoli); got != sum {
		return nil, fmt.Errorf("snapshot checksum mismatch: got %08x, want %08x", got, sum)
	}
	rest := body[len(snapshotMagic):]
	hlen := uint64(binary.LittleEndian.Uint32(rest))
	rest = rest[4:]
	if hlen+4 > uint64(len(rest)) {
		return nil, errors.New("snapshot header length out of range")
	}
	var h snapshotHeader
	var err error
	switch version {
	case 1, 2:
		err = json.Unmarshal(rest[:hlen], &h)
	case 3:
		err = gob.NewDecoder(bytes.NewReader(rest[:hlen])).Decode(&h)
	default:
		var hp *snapshotHeader
		if hp, err = decodeHeader(rest[:hlen]); err == nil {
			h = *hp
		}
	}
	if err != nil {
		return nil, fmt.Errorf("decode snapshot header: %w", err)
	}
	rest = rest[hlen:]
	rows := uint64(binary.LittleEndian.Uint32(rest))
	rest = rest[4:]
	if h.Version != version {
		return nil, fmt.Errorf("snapshot format version %d in a version %d file", h.Version, version)
	}
	if h.Dim <= 0 {
		return nil, fmt.Errorf("snapshot dimension %d", h.Dim)
	}
	if h.Transcript.ID == "" {
		return nil, errors.New("snapshot has no transcript id")
	}
	if len(h.Sentences) != len(h.Passages) {
		return nil, fmt.Errorf("snapshot has %d sentence counts for %d passages", len(h.Sentences), len(h.Passages))
	}
	var total uint64
	for _, c := range h.Sentences {
		if c < 0 {
			return nil, errors.New("snapshot has a negative sentence count")
		}
		total += uint64(c)
	}
	if total != rows {
		return nil, fmt.Errorf("snapshot has %d vectors for %d sentences", rows, total)
	}
	want := rows*4 + rows*uint64(h.Dim)
	if version == 1 {
		want = rows * uint64(h.Dim) * 4
	}
	if uint64(len(rest)) != want {
		return nil, fmt.Errorf("snapshot has %d bytes of vectors, want %d", len(rest), want)
	}
	vecs := make([]int8, rows*uint64(h.Dim))
	factors := make([]float32, rows)
	if version == 1 {
		row := make([]float32, h.Dim)
		for r := range factors {
			for j := range row {
				row[j] = math.Float32frombits(binary.LittleEndian.Uint32(rest[4*(r*h.Dim+j):]))
			}
			factors[r] = quantize(row, vecs[r*h.Dim:(r+1)*h.Dim])
		}
	} else {
		for r := range factors {
			factors[r] = math.Float32frombits(binary.LittleEndian.Uint32(rest[4*r:]))
			if f := factors[r]; f < 0 || math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
				return nil, fmt.Errorf("snapshot has a bad vector factor %v", f)
			}
		}
		copy(vecs, int8s(rest[4*rows:]))
	}
	if version < 4 {
		internStrings(&h.Transcript, h.Passages) // version 4 stores each string once
	}
	return &snapshot{
		embedder: h.Embedder,
		dim:      h.Dim,
		splitter: h.Splitter,
		t:        h.Transcript,
		passages: h.Passages,
		counts:   h.Sentences,
		vecs:     vecs,
		factors:  factors,
		sum:      sum,
		version:  version,
	}, nil
}

// int8s returns b's bytes as int8s, without copying: the two types have
// the same size and alignment, and a copy from the result is a memmove
// where converting byte by byte is ten times slower.
func int8s(b []byte) []int8 {
	if len(b) == 0 {
		return nil
	}
	return unsafe.Slice((*int8)(unsafe.Pointer(unsafe.SliceData(b))), len(b))
}

// quantize writes v (finite) to out as int8, scaled so its largest
// component is ±127, and returns 1/‖out‖, the factor that turns a dot
// product with out into a cosine; 0 when v is zero.
func quantize(v []float32, out []int8) float32 {
	var m float32
	for _, x := range v {
		m = max(m, x, -x)
	}
	if m == 0 || math.IsNaN(float64(m)) || math.IsInf(float64(m), 0) {
		clear(out)
		return 0
	}
	scale := 127 / float64(m)
	var ss int64
	for i, x := range v {
		q := int8(max(-127, min(127, math.Round(float64(x)*scale))))
		out[i] = q
		ss += int64(q) * int64(q)
	}
	if ss == 0 {
		return 0
	}
	return float32(1 / math.Sqrt(float64(ss)))
}

// internStrings makes the passages of one transcript share the strings
// they repeat (title, date, speaker, the question of a long answer's
// parts), which JSON decoding allocates once per passage.
func internStrings(t *Transcript, ps []Passage) {
	seen := make(map[string]string)
	in := func(s *string) {
		if *s == "" {
			return
		}
		if v, ok := seen[*s]; ok {
			*s = v
			return
		}
		seen[*s] = *s
	}
	in(&t.ID)
	in(&t.Title)
	in(&t.Date)
	in(&t.SourceURL)
	for i := range t.Speakers {
		in(&t.Speakers[i])
	}
	for i := range ps {
		p := &ps[i]
		for _, f := range []*string{&p.TranscriptID, &p.Title, &p.Date, &p.SourceURL, &p.Speaker, &p.SpeakerLabel,
			&p.Role, &p.Kind, &p.AskedBy, &p.Question} {
			in(f)
		}
	}
}

// writeFileAtomic replaces dir/name with data: a temporary file in dir,
// fsync'd, renamed over name, then dir fsync'd. On failure the temporary
// file is removed and the error wraps ErrWrite.
func writeFileAtomic(dir, name string, data []byte) (err error) {
	f, err := os.CreateTemp(dir, tmpPrefix+"*")
	if err != nil {
		return writeError(dir, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
			err = writeError(dir, err)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		return err
	}
	return syncDir(dir)
}

// writeError wraps a failure to write the data folder in ErrWrite with
// the system's reason ("no space left on device"), leaving out the
// temporary file's name, which means nothing to the user.
func writeError(dir string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	return fmt.Errorf("%w %s: %w", ErrWrite, dir, err)
}

// removeFileDurable removes dir/name and fsyncs dir.
func removeFileDurable(dir, name string) error {
	if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("open folder: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync folder %s: %w", dir, err)
	}
	return nil
}

// readManifest returns the store's manifest, nil when there is none.
func readManifest(dir string) (*manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, manifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("decode %s: %w", manifestName, err)
	}
	return &m, nil
}

func writeManifest(dir string, m manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(dir, manifestName, append(b, '\n'))
}

// splitterProbe exercises the sentence splitter; its spans fingerprint the
// splitter, since stored vectors are per sentence and a changed splitter
// makes them point at the wrong sentences.
const splitterProbe = `Mr. Smith met Sen. Jones at 9 a.m. in Washington, D.C. on Jan. 5. "Is it true?" she asked. He said: "Yes!" (Then he left.) The U.S. and the U.K. agreed, e.g. on trade; i.e. tariffs. John F. Kennedy spoke. Dr. Who? No — 3 more.

A new paragraph starts here... and goes on. 'Quoted.' Final sentence without a stop`

func splitterFingerprint() string {
	h := sha256.New()
	for _, sp := range Sentences(splitterProbe) {
		var b [16]byte
		binary.LittleEndian.PutUint64(b[:8], uint64(sp.Start))
		binary.LittleEndian.PutUint64(b[8:], uint64(sp.End))
		h.Write(b[:])
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}
