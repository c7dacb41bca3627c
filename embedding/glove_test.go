package embedding

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/onrecord/onrecord/embedding/internal/wordvec"
	"github.com/onrecord/onrecord/retrieval"
)

var _ retrieval.Embedder = (*GloVe)(nil)

const sampleTranscript = "testdata/blinken_geneva_2022-01-21.txt"

func dot(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

func embedOne(t testing.TB, g *GloVe, text string) []float32 {
	t.Helper()
	vs, err := g.Embed(context.Background(), []string{text})
	if err != nil {
		t.Fatalf("Embed(%q): %v", text, err)
	}
	if len(vs) != 1 {
		t.Fatalf("Embed(%q) returned %d vectors, want 1", text, len(vs))
	}
	return vs[0]
}

// checkVector fails unless v has the right length and is unit length or
// all zeros, with no NaN or infinity.
func checkVector(t testing.TB, text string, v []float32) {
	t.Helper()
	if len(v) != gloveDim {
		t.Fatalf("vector of %q has length %d, want %d", text, len(v), gloveDim)
	}
	norm := 0.0
	for _, x := range v {
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			t.Fatalf("vector of %q has %v", text, x)
		}
		norm += float64(x) * float64(x)
	}
	if norm != 0 && math.Abs(norm-1) > 1e-4 {
		t.Fatalf("vector of %q has squared norm %v, want 1 or 0", text, norm)
	}
}

func TestGloVeNameDim(t *testing.T) {
	g := NewGloVe()
	if got, want := g.Name(), "glove-6b-100d-sif-v3"; got != want {
		t.Errorf("Name() = %q, want %q", got, want)
	}
	if got, want := g.Dim(), 100; got != want {
		t.Errorf("Dim() = %d, want %d", got, want)
	}
}

func TestGloVeUnitOrZero(t *testing.T) {
	tests := []struct {
		name, text string
		zero       bool
	}{
		{"empty", "", true},
		{"spaces", " \n\t ", true},
		{"punctuation", "?!… — “”", true},
		{"unknown words", "zzxqv qqxzv", true},
		{"numbers only", "2021 3.5 42", true},
		{"one word", "Ukraine", false},
		{"sentence", "We stand firmly with Ukraine in support of its sovereignty.", false},
		{"stop words only", "the of and to", false},
		{"curly quotes", "“We’ve been clear,” he said.", false},
		{"non-ASCII", "Ζεύς café naïve 北京", false},
		{"invalid UTF-8", "troops \xff\xfe border", false},
	}
	g := NewGloVe()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := embedOne(t, g, tt.text)
			checkVector(t, tt.text, v)
			if got := dot(v, v) == 0; got != tt.zero {
				t.Errorf("Embed(%q) zero = %v, want %v", tt.text, got, tt.zero)
			}
		})
	}
}

func TestGloVeSimilarity(t *testing.T) {
	tests := []struct {
		name, anchor, near, far string
	}{
		{"troops",
			"Russia massed troops on the border of Ukraine",
			"Moscow has deployed forces near the Ukrainian frontier",
			"How do I bake sourdough bread?"},
		{"vaccines",
			"How many Americans have been vaccinated against the virus?",
			"What share of the population has received a vaccine shot?",
			"The team won the championship game last night."},
		{"inflation",
			"Prices for gas and groceries keep going up.",
			"Inflation is raising the cost of fuel and food for families.",
			"The secretary met the foreign minister in Geneva."},
		{"diplomacy",
			"The secretary met the foreign minister in Geneva.",
			"Blinken held talks with Lavrov in Switzerland.",
			"Prices for gas and groceries keep going up."},
	}
	g := NewGloVe()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, err := g.Embed(context.Background(), []string{tt.anchor, tt.near, tt.far})
			if err != nil {
				t.Fatal(err)
			}
			near, far := dot(vs[0], vs[1]), dot(vs[0], vs[2])
			t.Logf("near %.3f far %.3f", near, far)
			if near <= far+0.2 {
				t.Errorf("cos(anchor, near) = %.3f, not clearly above cos(anchor, far) = %.3f", near, far)
			}
		})
	}
}

func TestGloVeDeterministic(t *testing.T) {
	text, err := os.ReadFile(sampleTranscript)
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(string(text), "\n\n")
	a, err := NewGloVe().Embed(context.Background(), paras)
	if err != nil {
		t.Fatal(err)
	}
	// A batch big enough to run in parallel, and one text at a time, must
	// give the same vectors bit for bit.
	big := slices.Repeat(paras, 1+parallelBytes/len(text))
	b, err := NewGloVe().Embed(context.Background(), big)
	if err != nil {
		t.Fatal(err)
	}
	g := NewGloVe()
	for i, p := range paras {
		one := embedOne(t, g, p)
		checkVector(t, p, one)
		if !slices.Equal(one, a[i]) {
			t.Fatalf("paragraph %d: single and batch vectors differ", i)
		}
		for j := i; j < len(big); j += len(paras) {
			if !slices.Equal(b[j], a[i]) {
				t.Fatalf("paragraph %d: parallel copy %d differs", i, j)
			}
		}
	}
}

func TestGloVeEmptyBatch(t *testing.T) {
	for _, texts := range [][]string{nil, {}} {
		got, err := NewGloVe().Embed(context.Background(), texts)
		if err != nil || len(got) != 0 {
			t.Errorf("Embed(%#v) = %d vectors, %v; want 0, nil", texts, len(got), err)
		}
	}
}

func TestGloVeCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := NewGloVe().Embed(ctx, []string{"hello"})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Embed with cancelled ctx: err = %v, want context.Canceled", err)
	}
}

func TestGloVeTokens(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"", nil},
		{"Don't", []string{"do", "not"}},
		{"We CAN'T and won’t", []string{"we", "can", "not", "and", "will", "not"}},
		{"Russia’s troops", []string{"russia", "troops"}},
		{"Russia's", []string{"russia"}},
		{"the Russians' plan", []string{"the", "russians", "plan"}},
		{"I'm sure they've said we'll see, he'd say", []string{"i", "am", "sure", "they", "have", "said", "we", "will", "see", "he", "would", "say"}},
		{"a so-called well-known, long-term plan", []string{"a", "so-called", "well-known", "long-term", "plan"}},
		{"U.S.-Russia talks", []string{"us", "russia", "talks"}},
		{"the U.S. and the U.N., e.g. in D.C.", []string{"the", "us", "and", "the", "un", "eg", "in", "dc"}},
		{"U.S", []string{"us"}},
		{"A. Smith", []string{"a", "smith"}},
		{"x.yz", []string{"x", "yz"}},
		{"a disinflation and HIMARS", []string{"a", "disinflation", "and", "himars"}},
		{"Ukraine-Russia", []string{"ukraine", "russia"}},
		{"‘quoted’ words", []string{"quoted", "words"}},
		{"COVID-19 in 2021", []string{"coronavirus", "19", "in", "2021"}},
		{"Café Zürich", []string{"cafe", "zurich"}},
		{"Ζεύς", []string{"ζεύς"}},
		{"end -- dash - spaced", []string{"end", "dash", "spaced"}},
	}
	g := NewGloVe()
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := g.Tokens(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("Tokens(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestGloVeFile checks the embedded vectors: decodable, 100,000 words,
// the most frequent first, and a unit-length common component.
func TestGloVeFile(t *testing.T) {
	tab, err := wordvec.Decode(gloveFile)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(tab.Words); got < 100_000 || got > 101_000 {
		t.Errorf("words = %d, want 100,000 and a few from the reference text", got)
	}
	if got, want := tab.Ranks[99_999], uint32(100_000); got != want {
		t.Errorf("rank of word 100,000 = %d, want %d", got, want)
	}
	if got, want := tab.Words[0], "the"; got != want {
		t.Errorf("first word = %q, want %q", got, want)
	}
	if got := dot(tab.PC, tab.PC); math.Abs(got-1) > 1e-5 {
		t.Errorf("common component squared norm = %v, want 1", got)
	}
	for _, w := range []string{"ukraine", "russia", "vaccine", "inflation", "so-called", "disinflation", "himars"} {
		if !slices.Contains(tab.Words, w) {
			t.Errorf("%q missing from the vocabulary", w)
		}
	}
	// Re-encoding gives the same bytes.
	var buf bytes.Buffer
	if err := wordvec.Encode(&buf, tab); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), gloveFile) {
		t.Error("re-encoded vectors differ from glove/vectors.bin")
	}
	// Speakers' names beyond the first 100,000 words stay out: questions
	// name speakers whose names are not in what they said.
	for _, w := range []string{"psaki", "blinken", "mayorkas"} {
		if slices.Contains(tab.Words, w) {
			t.Errorf("%q is in the vocabulary", w)
		}
	}
}

func FuzzEmbed(f *testing.F) {
	for _, s := range []string{"", "Don't", "Russia’s troops", "so-called", "\xff", "'''", "n't", "-a-", "İstanbul"} {
		f.Add(s)
	}
	g := NewGloVe()
	f.Fuzz(func(t *testing.T, text string) {
		v := embedOne(t, g, text)
		checkVector(t, text, v)
		for _, tok := range g.Tokens(text) {
			if tok == "" {
				t.Fatalf("Tokens(%q) has an empty token", text)
			}
		}
	})
}

// sentences splits texts into sentences with retrieval.Sentences.
func sentences(texts ...string) (out []string, size int) {
	for _, text := range texts {
		for _, sp := range retrieval.Sentences(text) {
			out = append(out, text[sp.Start:sp.End])
			size += sp.End - sp.Start
		}
	}
	return out, size
}

// benchEmbed reports the embedders' throughput on sents against a
// baseline that only lower-cases and splits them into fields: compare the
// MB/s of "embed-*" with "baseline-fields" from the same run.
func benchEmbed(b *testing.B, sents []string, size int) {
	b.Run("baseline-fields", func(b *testing.B) {
		b.SetBytes(int64(size))
		n := 0
		for b.Loop() {
			for _, s := range sents {
				n += len(strings.Fields(strings.ToLower(s)))
			}
		}
	})
	g := NewGloVe()
	if _, err := g.load(); err != nil {
		b.Fatal(err)
	}
	b.Run("embed-1cpu", func(b *testing.B) {
		b.SetBytes(int64(size))
		ctx := context.Background()
		for b.Loop() {
			for i := 0; i < len(sents); i += 64 {
				if _, err := g.Embed(ctx, sents[i:min(i+64, len(sents))]); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("embed-batch", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "cpus")
		for b.Loop() {
			if _, err := g.Embed(context.Background(), sents); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkGloVeEmbed measures embedding the sample transcript's sentences
// and, when /work/shared is present, the 47 MB White House briefings corpus.
func BenchmarkGloVeEmbed(b *testing.B) {
	b.Run("sample", func(b *testing.B) {
		text, err := os.ReadFile(sampleTranscript)
		if err != nil {
			b.Fatal(err)
		}
		sents, size := sentences(string(text))
		benchEmbed(b, sents, size)
	})
	b.Run("corpus", func(b *testing.B) {
		const dir = "/work/shared/corpora/wh-press-briefings"
		if _, err := os.Stat(dir); err != nil {
			b.Skipf("corpus absent: %v", err)
		}
		var texts []string
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(path) != ".md" {
				return err
			}
			data, err := os.ReadFile(path)
			texts = append(texts, string(data))
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		sents, size := sentences(texts...)
		b.Logf("%d files, %d sentences, %.1f MB", len(texts), len(sents), float64(size)/1e6)
		benchEmbed(b, sents, size)
	})
}

// BenchmarkGloVeLoad measures decoding the embedded vectors (what the
// first Embed of each CLI run pays) against a baseline that only copies the
// embedded bytes.
func BenchmarkGloVeLoad(b *testing.B) {
	b.Run("baseline-copy", func(b *testing.B) {
		b.SetBytes(int64(len(gloveFile)))
		for b.Loop() {
			_ = bytes.Clone(gloveFile)
		}
	})
	b.Run("load", func(b *testing.B) {
		b.SetBytes(int64(len(gloveFile)))
		for b.Loop() {
			if _, err := NewGloVe().load(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
