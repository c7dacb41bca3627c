package retrieval_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/onrecord/onrecord/embedding"
	"github.com/onrecord/onrecord/ingest"
	"github.com/onrecord/onrecord/retrieval"
)

const corpusDir = "../../shared/corpora/wh-press-briefings"

var archive struct {
	once     sync.Once
	searcher *retrieval.Searcher
	err      error
}

// archiveSearcher builds (once) a store of the 1,154 briefings, or opens the
// one $ONRECORD_BENCH_STORE names, and a searcher over it.
func archiveSearcher(b *testing.B) *retrieval.Searcher {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.md"))
	if len(files) == 0 && os.Getenv("ONRECORD_BENCH_STORE") == "" {
		b.Skip("no corpus at " + corpusDir)
	}
	archive.once.Do(func() {
		ctx := context.Background()
		dir := os.Getenv("ONRECORD_BENCH_STORE")
		fresh := dir == ""
		if fresh {
			dir, archive.err = os.MkdirTemp("", "onrecord-bench-")
			if archive.err != nil {
				return
			}
		}
		st, err := retrieval.Open(ctx, dir, embedding.NewGloVe())
		if err != nil {
			archive.err = err
			return
		}
		if fresh {
			for _, f := range files {
				data, err := os.ReadFile(f)
				if err != nil {
					continue
				}
				doc, err := ingest.Parse(f, data)
				if err != nil {
					continue
				}
				tr, ps := ingest.Passages(doc)
				_ = st.Add(ctx, tr, ps) // duplicates are skipped
			}
		}
		archive.searcher = retrieval.NewSearcher(st)
	})
	if archive.err != nil {
		b.Fatal(archive.err)
	}
	return archive.searcher
}

var archiveQuestions = []string{
	"When did Gina McCarthy expect the new U.S. emissions-cutting pledge under the Paris accord to be unveiled?",
	"How many homeless people did the new HUD secretary think the rescue money could move off the streets?",
	"What did the Energy Secretary say about gasoline prices at the pump?",
	"Which states appointed coordinators to manage their infrastructure money?",
	"How many U.S. locations were stocking Paxlovid?",
	"What did Kirby say about air defense for Ukraine?",
	"Did the administration respond to the toxic train derailment in Ohio?",
	"What relief did the administration pledge after Hurricane Melissa battered Jamaica?",
}

// BenchmarkAskArchive is one question over the 1,154 briefings: embed the
// question, rank (lexical, dense, speakers), excerpt, decide to abstain.
// It reports the median and 99th percentile of single queries; compare
// them with BenchmarkDenseArchive, the dense scan alone, in the same run.
func BenchmarkAskArchive(b *testing.B) {
	s := archiveSearcher(b)
	ctx := context.Background()
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		t0 := time.Now()
		if _, err := s.Ask(ctx, retrieval.Query{Question: archiveQuestions[i%len(archiveQuestions)]}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	reportLatency(b, lat)
}

func reportLatency(b *testing.B, lat []time.Duration) {
	b.Helper()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}
