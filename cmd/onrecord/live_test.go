package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/onrecord/onrecord/retrieval"
)

// TestLibraryPicksUpIngests: a bot that starts on an empty data folder
// answers from the sample, and from the new transcript once it is ingested,
// without a restart; once it is removed, from the sample again.
func TestLibraryPicksUpIngests(t *testing.T) {
	dir := t.TempDir()
	// The watcher writes to stderr (opening the sample while the ingest is
	// half done) from its own goroutine while the ingest writes there too.
	var stdout, stderr syncBuffer
	c := &cli{getenv: func(string) string { return "" }, stdout: &stdout, stderr: &stderr}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// The watcher logs from its own goroutine while the ingest writes to
	// stderr: they must not share a buffer.
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	snap, err := c.openSnapshot(ctx, dir, nil, logger)
	if err != nil {
		t.Fatal(err)
	}
	lib := &library{}
	lib.cur.Store(snap)
	defer func() { lib.cur.Load().release() }()
	if got := lib.Transcripts(); len(got) != 1 || got[0].Path != "(built-in sample)" {
		t.Fatalf("before ingest: %+v", got)
	}
	go c.watch(ctx, lib, dir, 20*time.Millisecond, nil, logger)

	src, err := filepath.Abs("testdata/sd_2022-03-05_blinken-kuleba-joint-press-availability.txt")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(src); err != nil {
		t.Skip("test transcript missing:", err)
	}
	if err := c.run(ctx, []string{"onrecord", "ingest", "--data", dir, src}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if ts := lib.Transcripts(); len(ts) == 1 && ts[0].Path == src {
			ans, err := lib.Ask(ctx, retrieval.Query{Question: "What weapons does Ukraine need?"})
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range ans.Quotes {
				if q.Date != "2022-03-05" {
					t.Errorf("quote from %s after the reopen", q.Date)
				}
			}
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if ts := lib.Transcripts(); len(ts) != 1 || ts[0].Path != src {
		t.Fatalf("the ingested transcript never showed up: %+v", ts)
	}

	// Removed, it goes, and the bot answers from the sample again.
	if err := c.run(ctx, []string{"onrecord", "remove", "--data", dir, src}); err != nil {
		t.Fatal(err)
	}
	for time.Now().Before(deadline) {
		if ts := lib.Transcripts(); len(ts) == 1 && ts[0].Path == "(built-in sample)" {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the removed transcript is still served: %+v", lib.Transcripts())
}
