package retrieval

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"hash/crc32"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// filled returns a value of struct type T with every exported field set,
// each to its own value (seed tells values apart), so that a field the
// header codec forgets or mixes up shows.
func filled[T any](seed int) T {
	var x T
	v := reflect.ValueOf(&x).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		name := v.Type().Field(i).Name
		switch f.Kind() {
		case reflect.String:
			f.SetString(fmt.Sprintf("%s of %d — “%s”", name, seed, strings.Repeat("x", i)))
		case reflect.Int:
			f.SetInt(int64(seed*100 + i - 50)) // negative ones too
		case reflect.Slice:
			s := reflect.MakeSlice(f.Type(), 3, 3)
			for j := range 3 {
				switch e := s.Index(j); e.Kind() {
				case reflect.Int:
					e.SetInt(int64(seed + j<<20))
				case reflect.String:
					e.SetString(fmt.Sprintf("%s[%d] of %d", name, j, seed))
				}
			}
			f.Set(s)
		}
	}
	return x
}

func TestHeaderRoundTrip(t *testing.T) {
	ps := []Passage{filled[Passage](1), filled[Passage](2), {ID: "p3"}, filled[Passage](4)}
	ps[3].Title = ps[1].Title // a repeated string is stored once
	h := &snapshotHeader{Version: 4, Embedder: "emb", Dim: 100, Splitter: "s1", Transcript: filled[Transcript](9),
		Passages: ps, Sentences: []int32{1, 0, 7, 1 << 20}}
	b, err := encodeHeader(h)
	if err != nil {
		t.Fatalf("encodeHeader: %v", err)
	}
	for _, fast := range []bool{true, false} {
		t.Run(fmt.Sprint("fast ", fast), func(t *testing.T) {
			got, err := decodeHeaderWith(b, fast)
			if err != nil {
				t.Fatalf("decodeHeader: %v", err)
			}
			if !reflect.DeepEqual(got, h) {
				t.Errorf("decoded\n%+v\nwant\n%+v", got, h)
			}
		})
	}
	t.Run("empty", func(t *testing.T) {
		h := &snapshotHeader{Version: 4, Transcript: Transcript{ID: "x"}}
		b, err := encodeHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeHeader(b)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, h) {
			t.Errorf("decoded %+v, want %+v", got, h)
		}
	})
}

// Other versions of Transcript and Passage, as older or later code has
// them: fields gone, fields added.
type (
	futureTranscript struct {
		ID       string
		Title    string
		Location string
		Tags     []string
	}
	futurePassage struct {
		ID         string
		Text       string
		Turn       int
		Mood       string
		Scores     []int
		Aliases    []string
		Weight     int
		Paragraphs []int
	}
	clashingPassage struct {
		ID   string
		Turn string // an int in Passage
	}
)

func TestHeaderOtherVersions(t *testing.T) {
	fps := []futurePassage{filled[futurePassage](1), filled[futurePassage](2)}
	ft := filled[futureTranscript](3)
	h := &snapshotHeader{Version: 4, Embedder: "emb", Dim: 3, Sentences: []int32{2, 5}}
	b, err := encodeHeaderOf(h, reflect.ValueOf(ft), reflect.ValueOf(fps))
	if err != nil {
		t.Fatalf("encodeHeaderOf: %v", err)
	}
	want := *h
	want.Transcript = Transcript{ID: ft.ID, Title: ft.Title}
	for _, p := range fps {
		want.Passages = append(want.Passages, Passage{ID: p.ID, Text: p.Text, Turn: p.Turn, Paragraphs: p.Paragraphs})
	}
	for _, fast := range []bool{true, false} {
		t.Run(fmt.Sprint("fast ", fast), func(t *testing.T) {
			got, err := decodeHeaderWith(b, fast)
			if err != nil {
				t.Fatalf("decodeHeader: %v", err)
			}
			if !reflect.DeepEqual(*got, want) {
				t.Errorf("decoded\n%+v\nwant\n%+v", *got, want)
			}
		})
	}

	t.Run("a field of another kind", func(t *testing.T) {
		b, err := encodeHeaderOf(&snapshotHeader{Version: 4, Sentences: []int32{1}}, reflect.ValueOf(Transcript{ID: "x"}),
			reflect.ValueOf([]clashingPassage{{ID: "p", Turn: "three"}}))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := decodeHeader(b); err == nil || !strings.Contains(err.Error(), "Turn") {
			t.Errorf("decodeHeader = %v, want an error naming Turn", err)
		}
	})
}

func TestDecodeHeaderDamage(t *testing.T) {
	h := &snapshotHeader{Version: 4, Embedder: "emb", Dim: 2, Transcript: filled[Transcript](1),
		Passages: []Passage{filled[Passage](1), filled[Passage](2)}, Sentences: []int32{1, 2}}
	good, err := encodeHeader(h)
	if err != nil {
		t.Fatal(err)
	}
	for cut := range len(good) {
		if _, err := decodeHeader(good[:cut]); err == nil {
			t.Fatalf("header cut to %d of %d bytes decoded without error", cut, len(good))
		}
	}
	if _, err := decodeHeader(append(good, 0)); err == nil {
		t.Error("header with a byte too many decoded without error")
	}
}

func FuzzDecodeSnapshot(f *testing.F) {
	_, ps := sampleTranscript(1)
	good, err := encodeSnapshot(&snapshot{embedder: "e", dim: 2, t: Transcript{ID: "x", Speakers: []string{"A", "B"}}, passages: ps[:2],
		counts: []int32{1, 1}, vecs: []int8{127, 0, 0, -127}, factors: []float32{1.0 / 127, 1.0 / 127}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Fuzz(func(t *testing.T, b []byte) {
		// A right checksum, so that the fuzzer explores what lies behind it.
		if len(b) >= 4 {
			binary.LittleEndian.PutUint32(b[len(b)-4:], crc32.Checksum(b[:len(b)-4], castagnoli))
		}
		sn, err := decodeSnapshot(b)
		if err != nil {
			return
		}
		if len(sn.counts) != len(sn.passages) || len(sn.vecs) != len(sn.factors)*sn.dim {
			t.Fatalf("inconsistent snapshot accepted: %d counts, %d passages, %d vector bytes, %d rows of %d",
				len(sn.counts), len(sn.passages), len(sn.vecs), len(sn.factors), sn.dim)
		}
	})
}

// TestReindexUpgradesFormat stores transcripts in snapshots of format 3
// (gob header) and checks that Reindex rewrites them in the current format
// with the same passages and vectors, embedding nothing.
func TestReindexUpgradesFormat(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	emb := newBOW(16)
	s := openT(t, dir, emb)
	for n := range 3 {
		addT(t, s, n)
	}
	wantPs, wantVecs := s.Passages(), sentenceVectors(s)
	for _, tr := range s.Transcripts() {
		path := filepath.Join(dir, snapshotName(tr.ID))
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sn, err := decodeSnapshot(b)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, encodeSnapshotV3(t, sn), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	r := openT(t, dir, emb)
	if !reflect.DeepEqual(r.Passages(), wantPs) || !reflect.DeepEqual(sentenceVectors(r), wantVecs) {
		t.Fatal("store of format 3 snapshots reads differently")
	}
	calls := emb.calls.Load()
	if err := r.Reindex(ctx, nil); err != nil {
		t.Fatalf("Reindex: %v", err)
	}
	if got := emb.calls.Load(); got != calls {
		t.Errorf("Reindex embedded %d batches, want none", got-calls)
	}
	for _, tr := range r.Transcripts() {
		b, err := os.ReadFile(filepath.Join(dir, snapshotName(tr.ID)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, snapshotMagic) {
			t.Errorf("snapshot of %s starts %q after Reindex, want %q", tr.ID, b[:8], snapshotMagic)
		}
	}
	u := openT(t, dir, emb)
	if !reflect.DeepEqual(u.Passages(), wantPs) || !reflect.DeepEqual(sentenceVectors(u), wantVecs) {
		t.Error("upgraded store reads differently")
	}
}

// encodeSnapshotV3 returns sn as a snapshot of format 3, as the store wrote
// them before format 4.
func encodeSnapshotV3(t *testing.T, sn *snapshot) []byte {
	t.Helper()
	var hb bytes.Buffer
	h := snapshotHeader{Version: 3, Embedder: sn.embedder, Dim: sn.dim, Splitter: sn.splitter, Transcript: sn.t, Passages: sn.passages, Sentences: sn.counts}
	if err := gob.NewEncoder(&hb).Encode(h); err != nil {
		t.Fatal(err)
	}
	b := append([]byte("ONRSNAP\x03"), binary.LittleEndian.AppendUint32(nil, uint32(hb.Len()))...)
	b = append(b, hb.Bytes()...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(sn.factors)))
	for _, f := range sn.factors {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(f))
	}
	for _, x := range sn.vecs {
		b = append(b, byte(x))
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}
