package retrieval_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/onrecord/onrecord/embedding"
	"github.com/onrecord/onrecord/ingest"
	"github.com/onrecord/onrecord/retrieval"
)

var archiveDir struct {
	once sync.Once
	dir  string
	err  error
}

// archiveStore returns the folder of a store of the 1,154 briefings: the
// one $ONRECORD_BENCH_STORE names, or one built once in a temporary folder.
func archiveStore(b *testing.B) string {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.md"))
	if len(files) == 0 && os.Getenv("ONRECORD_BENCH_STORE") == "" {
		b.Skip("no corpus at " + corpusDir)
	}
	archiveDir.once.Do(func() {
		if dir := os.Getenv("ONRECORD_BENCH_STORE"); dir != "" {
			archiveDir.dir = dir
			return
		}
		ctx := context.Background()
		dir, err := os.MkdirTemp("", "onrecord-bench-open-")
		if err != nil {
			archiveDir.err = err
			return
		}
		st, err := retrieval.Open(ctx, dir, embedding.NewGloVe())
		if err != nil {
			archiveDir.err = err
			return
		}
		defer st.Close()
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
		archiveDir.dir = dir
	})
	if archiveDir.err != nil {
		b.Fatal(archiveDir.err)
	}
	return archiveDir.dir
}

// BenchmarkOpenArchive is what a one-shot `onrecord ask` spends before it
// answers: open the store of the 1,154 briefings and index it for search.
// Compare it with BenchmarkReadArchiveFiles, reading the same files' bytes,
// in the same run.
func BenchmarkOpenArchive(b *testing.B) {
	dir := archiveStore(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		st, err := retrieval.Open(ctx, dir, embedding.NewGloVe())
		if err != nil {
			b.Fatal(err)
		}
		if s := retrieval.NewSearcher(st); s == nil {
			b.Fatal("no searcher")
		}
		st.Close()
	}
}

// BenchmarkOpenArchiveStoreOnly is Open alone, without the searcher.
func BenchmarkOpenArchiveStoreOnly(b *testing.B) {
	dir := archiveStore(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		st, err := retrieval.Open(ctx, dir, embedding.NewGloVe())
		if err != nil {
			b.Fatal(err)
		}
		if st.Len() == 0 {
			b.Fatal("empty store")
		}
		st.Close()
	}
}

// BenchmarkReadArchiveFiles is the baseline: read every file of the store's
// folder into memory, as Open must at least do.
func BenchmarkReadArchiveFiles(b *testing.B) {
	dir := archiveStore(b)
	ents, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		n := 0
		for _, e := range ents {
			if e.IsDir() || strings.HasPrefix(e.Name(), ".") || e.Name() == "lock" {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				b.Fatal(err)
			}
			n += len(data)
		}
		b.SetBytes(int64(n))
	}
}
