package retrieval

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
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
