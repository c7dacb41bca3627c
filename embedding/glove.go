// Package embedding holds the embedders that implement retrieval.Embedder:
// GloVe, built in and offline, and OpenAI, for any OpenAI-compatible server.
package embedding

import (
	"context"
	_ "embed"
	"fmt"
	"runtime"
	"sync"

	"github.com/onrecord/onrecord/embedding/internal/wordvec"
)

//go:generate go run ./internal/gloveconv -out glove/vectors.bin

// gloveFile holds the 100,000 most frequent GloVe 6B words (and 115 rarer
// ones briefings use) with int8 vectors and SIF's common component; see
// glove/README.md.
//
//go:embed glove/vectors.bin
var gloveFile []byte

// GloVeName is what GloVe.Name returns; the suffix changes whenever the
// vectors or the sentence weighting change, so stores built with other
// vectors are refused rather than mixed.
const GloVeName = "glove-6b-100d-sif-v3"

const gloveDim = 100

// parallelBytes is the batch size, in bytes of text, above which Embed
// spreads the work over all CPUs.
const parallelBytes = 64 << 10

// GloVe is the built-in embedder: no network, no API key. A sentence vector
// is the SIF average (Arora, Liang and Ma, 2017) of the GloVe 6B 100-d
// vectors of its words, each weighted a/(a+p(w)) with a = 1e-4 and p(w)
// estimated from the word's frequency rank by Zipf's law, minus its
// projection on a fixed common component (computed once, at generate time,
// from a reference corpus of White House briefings, so vectors never depend
// on the user's data), scaled to unit length.
//
// Words outside the vocabulary are skipped; a text with no known word gets
// the zero vector, which matches nothing in a cosine search. The vectors are
// decoded from the binary on first use. A GloVe is safe for concurrent use.
type GloVe struct {
	once  sync.Once
	model *wordvec.Model
	err   error
}

// NewGloVe returns the built-in embedder. It is cheap: the vectors are
// decoded on the first call that needs them.
func NewGloVe() *GloVe { return &GloVe{} }

// Name identifies the embedder and its vectors.
func (g *GloVe) Name() string { return GloVeName }

// Dim is the length of every vector: 100.
func (g *GloVe) Dim() int { return gloveDim }

func (g *GloVe) load() (*wordvec.Model, error) {
	g.once.Do(func() {
		t, err := wordvec.Decode(gloveFile)
		if err != nil {
			g.err = fmt.Errorf("load glove vectors: %w", err)
			return
		}
		if t.Dim != gloveDim {
			g.err = fmt.Errorf("load glove vectors: dimension %d, want %d", t.Dim, gloveDim)
			return
		}
		g.model = wordvec.NewModel(t, wordvec.DefaultA)
	})
	return g.model, g.err
}

// Embed returns one vector per text, in order: unit length, or zero for a
// text with no word in the vocabulary. Large batches use every CPU. It
// stops early with ctx's error if ctx is done.
func (g *GloVe) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	m, err := g.load()
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	backing := make([]float32, len(texts)*gloveDim)
	out := make([][]float32, len(texts))
	for i := range out {
		out[i] = backing[i*gloveDim : (i+1)*gloveDim : (i+1)*gloveDim]
	}
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	workers := min(runtime.GOMAXPROCS(0), len(texts))
	if size < parallelBytes || workers < 2 {
		return out, embedRange(ctx, m, texts, out)
	}
	// Split into chunks of about equal bytes, more chunks than workers so
	// that uneven texts still balance.
	type chunk struct{ lo, hi int }
	chunks := make(chan chunk, 4*workers)
	target := size/(4*workers) + 1
	go func() {
		defer close(chunks)
		lo, n := 0, 0
		for i, t := range texts {
			n += len(t)
			if n >= target {
				chunks <- chunk{lo, i + 1}
				lo, n = i+1, 0
			}
		}
		if lo < len(texts) {
			chunks <- chunk{lo, len(texts)}
		}
	}()
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := range workers {
		wg.Go(func() {
			for c := range chunks {
				if errs[w] == nil {
					errs[w] = embedRange(ctx, m, texts[c.lo:c.hi], out[c.lo:c.hi])
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// embedRange fills out[i] for texts[i], checking ctx every so often.
func embedRange(ctx context.Context, m *wordvec.Model, texts []string, out [][]float32) error {
	var s wordvec.Scratch
	n := 0
	for i, t := range texts {
		if n += len(t); n > 256<<10 {
			if err := ctx.Err(); err != nil {
				return err
			}
			n = 0
		}
		m.Embed(t, &s, out[i])
	}
	return nil
}

// Tokens returns the words of text as the embedder sees them, in order:
// lower-cased runs of letters, digits and apostrophes (curly apostrophes
// folded to "'"), contractions expanded ("don't" → "do" "not", "Russia's" →
// "russia"), dotted abbreviations joined ("U.S." → "us"), hyphenated words
// kept whole when GloVe has them ("so-called") and split otherwise. Words
// GloVe lacks are included; it returns nil if the vectors cannot be loaded.
func (g *GloVe) Tokens(text string) []string {
	m, err := g.load()
	if err != nil {
		return nil
	}
	var s wordvec.Scratch
	return m.Tokens(text, &s)
}
