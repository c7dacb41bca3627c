// Package wordvec holds what the GloVe embedder and its generator share: the
// binary file format of the quantised word vectors, the tokeniser, and the
// SIF sentence weighting (Arora, Liang and Ma, "A Simple but Tough-to-Beat
// Baseline for Sentence Embeddings", ICLR 2017).
package wordvec

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
)

// Magic opens every word-vector file.
const Magic = "ONRGLOVE"

// Version is the layout version Encode writes and Decode reads.
const Version = 2

// Table is the content of a word-vector file: words ordered by frequency
// (index 0 is the most frequent) with their rank in the source list, one
// int8 vector per word with a float32 scale (the real vector is Scales[i] ×
// Vectors[i*Dim:(i+1)*Dim]), and the fixed common component that SIF
// removes from every sentence vector.
//
// File layout, little-endian:
//
//	magic "ONRGLOVE" | version u32 | count u32 | dim u32 | sourceSize u32
//	pc [dim]f32
//	wordBytes u32 | count × (len u8, bytes) | zero padding to 4 bytes
//	ranks [count]u32
//	scales [count]f32
//	vectors [count*dim]i8
//	crc32 (IEEE) of everything before it, u32
type Table struct {
	// Dim is the length of every vector.
	Dim int
	// SourceSize is the size of the vocabulary the words were taken from
	// (the frequency list, before truncation); the Zipf estimate of a word's
	// probability uses it.
	SourceSize int
	// Words are the vocabulary, most frequent first; at most 255 bytes each.
	Words []string
	// Ranks holds each word's 1-based frequency rank in the source list,
	// increasing (the words need not be the first len(Words) of it).
	Ranks []uint32
	// Scales holds one dequantisation factor per word.
	Scales []float32
	// Vectors holds len(Words)×Dim int8 values stored as bytes.
	Vectors []byte
	// PC is the common component (unit length), or all zeros for none.
	PC []float32
}

const headerSize = 8 + 4*4

// Encode writes t to w in the layout described on Table.
func Encode(w io.Writer, t *Table) error {
	if err := t.check(); err != nil {
		return err
	}
	h := crc32.NewIEEE()
	bw := bufio.NewWriter(io.MultiWriter(w, h))
	var u [4]byte
	put := func(v uint32) {
		binary.LittleEndian.PutUint32(u[:], v)
		bw.Write(u[:])
	}
	bw.WriteString(Magic)
	put(Version)
	put(uint32(len(t.Words)))
	put(uint32(t.Dim))
	put(uint32(t.SourceSize))
	for _, f := range t.PC {
		put(math.Float32bits(f))
	}
	n := 0
	for _, word := range t.Words {
		n += 1 + len(word)
	}
	put(uint32(n))
	for _, word := range t.Words {
		bw.WriteByte(byte(len(word)))
		bw.WriteString(word)
	}
	for ; n%4 != 0; n++ {
		bw.WriteByte(0)
	}
	for _, r := range t.Ranks {
		put(r)
	}
	for _, f := range t.Scales {
		put(math.Float32bits(f))
	}
	bw.Write(t.Vectors)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write word vectors: %w", err)
	}
	binary.LittleEndian.PutUint32(u[:], h.Sum32())
	if _, err := w.Write(u[:]); err != nil {
		return fmt.Errorf("write word vectors checksum: %w", err)
	}
	return nil
}

func (t *Table) check() error {
	switch {
	case t.Dim <= 0:
		return fmt.Errorf("word vectors: dimension %d", t.Dim)
	case len(t.PC) != t.Dim:
		return fmt.Errorf("word vectors: common component has %d values, want %d", len(t.PC), t.Dim)
	case len(t.Ranks) != len(t.Words):
		return fmt.Errorf("word vectors: %d ranks for %d words", len(t.Ranks), len(t.Words))
	case len(t.Scales) != len(t.Words):
		return fmt.Errorf("word vectors: %d scales for %d words", len(t.Scales), len(t.Words))
	case len(t.Vectors) != len(t.Words)*t.Dim:
		return fmt.Errorf("word vectors: %d vector values for %d words of dimension %d", len(t.Vectors), len(t.Words), t.Dim)
	case t.SourceSize < len(t.Words):
		return fmt.Errorf("word vectors: source size %d below word count %d", t.SourceSize, len(t.Words))
	}
	for i, word := range t.Words {
		if word == "" || len(word) > 255 {
			return fmt.Errorf("word vectors: word %q: length %d not in 1..255", word, len(word))
		}
		if r := t.Ranks[i]; r == 0 || int(r) > t.SourceSize || i > 0 && r <= t.Ranks[i-1] {
			return fmt.Errorf("word vectors: word %q: rank %d out of order or outside 1..%d", word, r, t.SourceSize)
		}
	}
	return nil
}

// ErrFormat reports a word-vector file that is not in the expected layout.
var ErrFormat = errors.New("not a word-vector file")

// Decode parses a file written by Encode. The returned Table's Vectors
// alias data, which must not be modified afterwards; the words are
// substrings of one copy of the word block.
func Decode(data []byte) (*Table, error) {
	if len(data) < headerSize+4 || string(data[:8]) != Magic {
		return nil, ErrFormat
	}
	body := data[:len(data)-4]
	if got, want := crc32.ChecksumIEEE(body), binary.LittleEndian.Uint32(data[len(data)-4:]); got != want {
		return nil, fmt.Errorf("%w: checksum %08x, want %08x", ErrFormat, got, want)
	}
	u32 := func(off int) int { return int(binary.LittleEndian.Uint32(body[off:])) }
	if v := u32(8); v != Version {
		return nil, fmt.Errorf("%w: version %d, want %d", ErrFormat, v, Version)
	}
	count, dim, source := u32(12), u32(16), u32(20)
	if dim <= 0 || dim > 1<<16 || count > 1<<24 {
		return nil, fmt.Errorf("%w: %d words of dimension %d", ErrFormat, count, dim)
	}
	off := headerSize
	if len(body) < off+4*dim+4 {
		return nil, fmt.Errorf("%w: truncated", ErrFormat)
	}
	t := &Table{Dim: dim, SourceSize: source, PC: make([]float32, dim)}
	for i := range t.PC {
		t.PC[i] = math.Float32frombits(uint32(u32(off + 4*i)))
	}
	off += 4 * dim
	n := u32(off)
	off += 4
	padded := (n + 3) &^ 3
	if n < 0 || len(body)-off < padded+count*8+count*dim {
		return nil, fmt.Errorf("%w: truncated", ErrFormat)
	}
	if len(body)-off != padded+count*8+count*dim {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrFormat, len(body)-off-padded-count*8-count*dim)
	}
	block := string(body[off : off+n])
	t.Words = make([]string, 0, count)
	for p := 0; p < len(block); {
		l := int(block[p])
		if l == 0 || p+1+l > len(block) {
			return nil, fmt.Errorf("%w: bad word at byte %d", ErrFormat, off+p)
		}
		t.Words = append(t.Words, block[p+1:p+1+l])
		p += 1 + l
	}
	if len(t.Words) != count {
		return nil, fmt.Errorf("%w: %d words, header says %d", ErrFormat, len(t.Words), count)
	}
	off += padded
	t.Ranks = make([]uint32, count)
	for i := range t.Ranks {
		t.Ranks[i] = uint32(u32(off + 4*i))
		if t.Ranks[i] == 0 || int(t.Ranks[i]) > source || i > 0 && t.Ranks[i] <= t.Ranks[i-1] {
			return nil, fmt.Errorf("%w: rank %d of word %d out of order or outside 1..%d", ErrFormat, t.Ranks[i], i, source)
		}
	}
	off += 4 * count
	t.Scales = make([]float32, count)
	for i := range t.Scales {
		t.Scales[i] = math.Float32frombits(uint32(u32(off + 4*i)))
	}
	off += 4 * count
	t.Vectors = body[off : off+count*dim : off+count*dim]
	return t, nil
}
