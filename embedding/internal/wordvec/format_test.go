package wordvec

import (
	"bytes"
	"errors"
	"slices"
	"testing"
)

func smallTable() *Table {
	words := []string{"the", "do", "not", "can", "will", "russia", "troops", "so-called", "cafe", "so", "called"}
	t := &Table{Dim: 4, SourceSize: 1000, Words: words, PC: []float32{1, 0, 0, 0}}
	for i := range words {
		t.Ranks = append(t.Ranks, uint32(2*i+1))
		t.Scales = append(t.Scales, 0.01*float32(i+1))
		for d := range 4 {
			t.Vectors = append(t.Vectors, byte(int8((i*7+d*13)%255-127)))
		}
	}
	return t
}

func TestRoundTrip(t *testing.T) {
	want := smallTable()
	var buf bytes.Buffer
	if err := Encode(&buf, want); err != nil {
		t.Fatal(err)
	}
	got, err := Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got.Dim != want.Dim || got.SourceSize != want.SourceSize ||
		!slices.Equal(got.Words, want.Words) || !slices.Equal(got.Ranks, want.Ranks) || !slices.Equal(got.Scales, want.Scales) ||
		!bytes.Equal(got.Vectors, want.Vectors) || !slices.Equal(got.PC, want.PC) {
		t.Errorf("Decode(Encode(t)) = %+v, want %+v", got, want)
	}
}

func TestEncodeRejects(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Table)
	}{
		{"no dimension", func(t *Table) { t.Dim = 0 }},
		{"short component", func(t *Table) { t.PC = t.PC[:2] }},
		{"missing scale", func(t *Table) { t.Scales = t.Scales[1:] }},
		{"short vectors", func(t *Table) { t.Vectors = t.Vectors[1:] }},
		{"empty word", func(t *Table) { t.Words[0] = "" }},
		{"long word", func(t *Table) { t.Words[0] = string(make([]byte, 256)) }},
		{"small source", func(t *Table) { t.SourceSize = 2 }},
		{"missing rank", func(t *Table) { t.Ranks = t.Ranks[1:] }},
		{"zero rank", func(t *Table) { t.Ranks[0] = 0 }},
		{"ranks out of order", func(t *Table) { t.Ranks[1], t.Ranks[2] = t.Ranks[2], t.Ranks[1] }},
		{"rank beyond source", func(t *Table) { t.SourceSize = 20 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := smallTable()
			tt.change(tab)
			if err := Encode(&bytes.Buffer{}, tab); err == nil {
				t.Error("Encode succeeded, want an error")
			}
		})
	}
}

func TestDecodeRejects(t *testing.T) {
	var buf bytes.Buffer
	if err := Encode(&buf, smallTable()); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	flip := bytes.Clone(good)
	flip[len(flip)/2] ^= 1
	tests := map[string][]byte{
		"empty":     nil,
		"magic":     append([]byte("NOTGLOVE"), good[8:]...),
		"truncated": good[:len(good)-5],
		"flipped":   flip,
		"extra":     append(bytes.Clone(good), 0),
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := Decode(data); !errors.Is(err, ErrFormat) {
				t.Errorf("Decode: err = %v, want ErrFormat", err)
			}
		})
	}
}

func TestEmbedSmall(t *testing.T) {
	m := NewModel(smallTable(), DefaultA)
	var s Scratch
	v := make([]float32, 4)
	if m.Embed("unknown words only", &s, v) {
		t.Errorf("Embed(unknown) = true, %v; want false, zero", v)
	}
	if got, want := m.Tokens("So-called troops don't", &s), []string{"so-called", "troops", "do", "not"}; !slices.Equal(got, want) {
		t.Errorf("Tokens = %q, want %q", got, want)
	}
	if !m.Embed("russia troops", &s, v) {
		t.Fatal("Embed(known) = false")
	}
	if v[0] > 1e-6 || v[0] < -1e-6 {
		t.Errorf("vector %v keeps the common component", v)
	}
}

// FuzzDecode checks that no input makes Decode panic.
func FuzzDecode(f *testing.F) {
	var buf bytes.Buffer
	if err := Encode(&buf, smallTable()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(Magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := Decode(data)
		if err == nil {
			NewModel(tab, DefaultA)
		}
	})
}
