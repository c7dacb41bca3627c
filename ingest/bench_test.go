package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusDir is the archive of 1,154 White House briefings beside the
// project; benchmarks over it skip when it is absent (users' clones).
const corpusDir = "../../shared/corpora/wh-press-briefings"

func loadCorpus(b *testing.B) ([][]byte, int64) {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.md"))
	if len(files) == 0 {
		b.Skip("no corpus at " + corpusDir)
	}
	var data [][]byte
	var size int64
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		data = append(data, d)
		size += int64(len(d))
	}
	return data, size
}

// BenchmarkIngestCorpus parses and chunks every briefing of the archive
// (no embedding). Compare its MB/s with BenchmarkBaselineFields, which only
// splits the same bytes into words: the ratio is the price of parsing.
func BenchmarkIngestCorpus(b *testing.B) {
	data, size := loadCorpus(b)
	b.SetBytes(size)
	b.ResetTimer()
	for range b.N {
		for _, d := range data {
			doc, err := Parse("x.md", d)
			if err != nil {
				b.Fatal(err)
			}
			Passages(doc)
		}
	}
}

// BenchmarkBaselineFields is the floor for BenchmarkIngestCorpus: one pass
// over the same bytes, splitting words.
func BenchmarkBaselineFields(b *testing.B) {
	data, size := loadCorpus(b)
	b.SetBytes(size)
	b.ResetTimer()
	n := 0
	for range b.N {
		for _, d := range data {
			n += len(strings.Fields(string(d)))
		}
	}
	_ = n
}
