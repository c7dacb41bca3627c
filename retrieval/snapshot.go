package retrieval

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
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
)

// The store's folder holds:
//
//	manifest.json        the embedder (name, dimensions) and sentence splitter that built the store
//	tr-<32 hex>.snap     one snapshot per transcript, named by SHA-256 of its id
//	lock                 flock'd by writers; holds the pid of the last writer
//	.tmp-*               a snapshot or manifest being written (removed at Open when no writer runs)
//
// A snapshot is written to a temporary file in the same folder, fsync'd,
// renamed over its final name and the folder fsync'd, so a crash leaves each
// transcript wholly there or wholly absent. Its layout, all integers little
// endian:
//
//	[8]byte  magic "ONRSNAP\x01"
//	uint32   H, length of the header
//	[H]byte  header, JSON: version, embedder, dim, splitter, transcript,
//	         passages, and sentences (the number of sentences of each passage)
//	uint32   R, number of sentence vectors (the sum of sentences)
//	[R*dim]float32  the sentence vectors, row-major, in passage order then
//	         sentence order (exact float32 bits, no quantisation)
//	uint32   CRC-32C (Castagnoli) of every byte before it
const (
	manifestName   = "manifest.json"
	lockName       = "lock"
	tmpPrefix      = ".tmp-"
	snapshotPrefix = "tr-"
	snapshotExt    = ".snap"
	formatVersion  = 1
)

var (
	snapshotMagic = []byte("ONRSNAP\x01")
	castagnoli    = crc32.MakeTable(crc32.Castagnoli)
)

// manifest records what built a store, so that opening it with another
// embedder fails instead of mixing vectors.
type manifest struct {
	Version  int    `json:"version"`
	Embedder string `json:"embedder"`
	Dim      int    `json:"dim"`
	Splitter string `json:"splitter"`
}

// snapshotHeader is the JSON part of a snapshot.
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
	vecs     []float32 // sum(counts) rows of dim floats
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
	js, err := json.Marshal(h)
	if err != nil {
		return nil, fmt.Errorf("encode snapshot header: %w", err)
	}
	if len(js) > math.MaxUint32 || len(sn.vecs)/max(sn.dim, 1) > math.MaxUint32 {
		return nil, errors.New("encode snapshot: transcript too large")
	}
	rows := 0
	if sn.dim > 0 {
		rows = len(sn.vecs) / sn.dim
	}
	buf := make([]byte, 0, len(snapshotMagic)+4+len(js)+4+4*len(sn.vecs)+4)
	buf = append(buf, snapshotMagic...)
	buf = binary.LittleEndian.AppendUint32(buf, uint32(len(js)))
	buf = append(buf, js...)
	buf = binary.LittleEndian.AppendUint32(buf, uint32(rows))
	for _, f := range sn.vecs {
		buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(f))
	}
	buf = binary.LittleEndian.AppendUint32(buf, crc32.Checksum(buf, castagnoli))
	return buf, nil
}

// decodeSnapshot parses and checks the bytes of a snapshot file.
func decodeSnapshot(b []byte) (*snapshot, error) {
	if len(b) < len(snapshotMagic)+4+4+4 {
		return nil, fmt.Errorf("snapshot truncated: %d bytes", len(b))
	}
	if !bytes.Equal(b[:len(snapshotMagic)], snapshotMagic) {
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
	if err := json.Unmarshal(rest[:hlen], &h); err != nil {
		return nil, fmt.Errorf("decode snapshot header: %w", err)
	}
	rest = rest[hlen:]
	rows := uint64(binary.LittleEndian.Uint32(rest))
	rest = rest[4:]
	if h.Version != formatVersion {
		return nil, fmt.Errorf("snapshot format version %d, want %d", h.Version, formatVersion)
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
	if uint64(len(rest)) != rows*uint64(h.Dim)*4 {
		return nil, fmt.Errorf("snapshot has %d bytes of vectors, want %d", len(rest), rows*uint64(h.Dim)*4)
	}
	vecs := make([]float32, rows*uint64(h.Dim))
	for i := range vecs {
		vecs[i] = math.Float32frombits(binary.LittleEndian.Uint32(rest[4*i:]))
	}
	return &snapshot{
		embedder: h.Embedder,
		dim:      h.Dim,
		splitter: h.Splitter,
		t:        h.Transcript,
		passages: h.Passages,
		counts:   h.Sentences,
		vecs:     vecs,
	}, nil
}

// writeFileAtomic replaces dir/name with data: a temporary file in dir,
// fsync'd, renamed over name, then dir fsync'd.
func writeFileAtomic(dir, name string, data []byte) (err error) {
	f, err := os.CreateTemp(dir, tmpPrefix+"*")
	if err != nil {
		return fmt.Errorf("create temporary file: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", tmp, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", tmp, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp, err)
	}
	if err = os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		return fmt.Errorf("rename %s: %w", tmp, err)
	}
	return syncDir(dir)
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
