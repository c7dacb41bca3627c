package wordvec

import (
	"math"
)

// DefaultA is SIF's smoothing parameter a: a word of probability p weighs
// a/(a+p), so "the" (p ≈ 0.075 by Zipf) weighs 0.0013, the 1,000th word
// 0.57, and words past rank 7,500 over 0.9. Arora et al. recommend 1e-4 to
// 1e-3; 1e-4 ranked passages best on the project's briefings and archive
// question sets (tried 1e-5 to 1e-2).
const DefaultA = 1e-4

// Model turns text into SIF sentence vectors using a Table.
type Model struct {
	dim   int
	index map[string]int32
	words []string
	coef  []float32 // SIF weight × dequantisation scale, per word
	vec   []byte    // int8 vectors
	pc    []float32
}

// Scratch is the reusable working memory of one goroutine's calls to Sum,
// Embed and Tokens; the zero value is ready to use.
type Scratch struct{ s scratch }

// NewModel builds a model from t. A word of frequency rank r gets the
// probability p = 1/(r·H(N)), Zipf's law with N = t.SourceSize and H the
// harmonic number, and the SIF weight a/(a+p).
func NewModel(t *Table, a float64) *Model {
	n := float64(max(t.SourceSize, 1))
	harmonic := math.Log(n) + 0.5772156649 + 1/(2*n)
	m := &Model{
		dim:   t.Dim,
		index: make(map[string]int32, len(t.Words)),
		words: t.Words,
		coef:  make([]float32, len(t.Words)),
		vec:   t.Vectors,
		pc:    t.PC,
	}
	for i, w := range t.Words {
		m.index[w] = int32(i)
		p := 1 / (float64(t.Ranks[i]) * harmonic)
		m.coef[i] = float32(a/(a+p)) * t.Scales[i]
	}
	return m
}

// Dim is the length of the vectors the model makes.
func (m *Model) Dim() int { return m.dim }

// Len is the number of words in the vocabulary.
func (m *Model) Len() int { return len(m.words) }

// Sum sets dst (of length Dim) to the SIF-weighted sum of the vectors of the
// known words of text and returns how many known words it found.
func (m *Model) Sum(text string, s *Scratch, dst []float32) int {
	dst = dst[:m.dim]
	clear(dst)
	known := 0
	m.each(text, &s.s, func(_ []byte, id int32) {
		if id < 0 {
			return
		}
		known++
		c := m.coef[id]
		off := int(id) * m.dim
		row := m.vec[off : off+len(dst)]
		for d, b := range row {
			dst[d] += c * float32(int8(b))
		}
	})
	return known
}

// Embed sets dst (of length Dim) to the sentence vector of text: the SIF sum,
// minus its projection on the common component, scaled to unit length. A
// text with no known word, or whose sum is (numerically) all common
// component, gets the zero vector and Embed returns false.
func (m *Model) Embed(text string, s *Scratch, dst []float32) bool {
	dst = dst[:m.dim]
	if m.Sum(text, s, dst) == 0 {
		return false
	}
	var dot, before float64
	for d, v := range dst {
		dot += float64(v) * float64(m.pc[d])
		before += float64(v) * float64(v)
	}
	var norm float64
	for d := range dst {
		dst[d] -= float32(dot) * m.pc[d]
		norm += float64(dst[d]) * float64(dst[d])
	}
	if !(norm > 1e-12*before) || math.IsInf(norm, 0) {
		clear(dst)
		return false
	}
	inv := float32(1 / math.Sqrt(norm))
	for d := range dst {
		dst[d] *= inv
	}
	return true
}

// Tokens returns the tokens of text in order, as Sum sees them (lower-cased,
// contractions expanded, hyphenated compounds kept whole when the
// vocabulary has them), including tokens the vocabulary lacks.
func (m *Model) Tokens(text string, s *Scratch) []string {
	var out []string
	m.each(text, &s.s, func(tok []byte, id int32) {
		if id >= 0 {
			out = append(out, m.words[id])
		} else {
			out = append(out, string(tok))
		}
	})
	return out
}

// Count adds one to counts[i] for every occurrence of word i in text;
// counts has one element per word.
func (m *Model) Count(text string, s *Scratch, counts []int) {
	m.each(text, &s.s, func(_ []byte, id int32) {
		if id >= 0 {
			counts[id]++
		}
	})
}

// Known reports whether word is in the vocabulary.
func (m *Model) Known(word string) bool {
	_, ok := m.index[word]
	return ok
}
