package retrieval

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// corpusDir holds the 1,154 White House briefings; benchmarks over it skip
// when it is absent (users' clones).
const corpusDir = "../../shared/corpora/wh-press-briefings"

var corpusParas struct {
	once sync.Once
	ps   []Passage
}

// corpusPassages splits the archive into paragraphs, one passage each, as
// a plain stand-in for ingest (which this package cannot import).
func corpusPassages(b *testing.B) []Passage {
	b.Helper()
	corpusParas.once.Do(func() {
		files, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.md"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			for _, para := range strings.Split(string(data), "\n\n") {
				if para = strings.Join(strings.Fields(para), " "); len(para) > 40 {
					corpusParas.ps = append(corpusParas.ps, Passage{Text: para, Kind: KindStatement})
				}
			}
		}
	})
	if len(corpusParas.ps) == 0 {
		b.Skip("no corpus at " + corpusDir)
	}
	return corpusParas.ps
}

var benchQuestions = []string{
	"How many homeless people could the rescue money move off the streets?",
	"What did the Energy Secretary say about gasoline prices at the pump?",
	"Which states appointed infrastructure coordinators?",
	"How many locations were stocking Paxlovid?",
	"What is the administration doing about the supply chain and truck drivers?",
	"Did the President speak with Zelenskyy about air defense?",
}

// BenchmarkLexicalSearch answers BM25 queries from the inverted index over
// every paragraph of the archive; BenchmarkLexicalScan is the baseline, a
// scan of every paragraph for the query's words. Report the ratio.
func BenchmarkLexicalSearch(b *testing.B) {
	ps := corpusPassages(b)
	lx := newLexicon(ps)
	qs := make([][]string, len(benchQuestions))
	for i, q := range benchQuestions {
		qs[i] = tokens(q)
	}
	b.ReportMetric(float64(len(ps)), "passages")
	b.ResetTimer()
	for i := range b.N {
		lx.search(qs[i%len(qs)], candidates, nil)
	}
}

func BenchmarkLexicalScan(b *testing.B) {
	ps := corpusPassages(b)
	lower := make([]string, len(ps))
	for i, p := range ps {
		lower[i] = strings.ToLower(p.Text)
	}
	qs := make([][]string, len(benchQuestions))
	for i, q := range benchQuestions {
		qs[i] = tokens(q)
	}
	b.ResetTimer()
	for i := range b.N {
		hits := 0
		for _, text := range lower {
			for _, t := range qs[i%len(qs)] {
				if strings.Contains(text, t) {
					hits++
				}
			}
		}
		_ = hits
	}
}

// BenchmarkLexiconBuild is the cost of indexing the archive, paid each time
// a store is opened by the command line.
func BenchmarkLexiconBuild(b *testing.B) {
	ps := corpusPassages(b)
	b.ResetTimer()
	for range b.N {
		newLexicon(ps)
	}
}
