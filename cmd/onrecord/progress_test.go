package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestProgressQuietInPipes(t *testing.T) {
	// The test's stderr is a buffer, as in a pipe: no live progress line.
	dir := t.TempDir()
	for _, name := range []string{kulebaFile, vttFile} {
		raw, err := os.ReadFile(testdataFile(t, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := runCLI(t, context.Background(), map[string]string{"ONRECORD_DATA": t.TempDir()}, "ingest", dir)
	if r.err != nil {
		t.Fatalf("ingest testdata: %v\n%s", r.err, r.stderr)
	}
	if strings.ContainsAny(r.stderr, "\r\033") {
		t.Errorf("ingest into a pipe wrote terminal controls:\n%q", r.stderr)
	}
	if !strings.Contains(r.stderr, "ingested 2 transcript(s)") {
		t.Errorf("stderr %q, want the summary", r.stderr)
	}
}

func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	p := &progress{w: &buf, live: true, total: 3, start: time.Now().Add(-2 * time.Second)}
	p.step(1 << 20)
	p.printf("skipped %s\n", "a.txt")
	p.step(1 << 20)
	p.step(1 << 20)
	p.done()
	got := buf.String()
	for _, want := range []string{"1/3 files", "3/3 files", "MB/s", "left", "skipped a.txt\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("progress wrote %q, want it to contain %q", got, want)
		}
	}
	if !strings.HasSuffix(got, "\r\033[K") {
		t.Errorf("progress ended with %q, want the line cleared", got[max(0, len(got)-10):])
	}

	t.Run("not live", func(t *testing.T) {
		var buf bytes.Buffer
		p := newProgress(&buf, 3, mapEnv(nil))
		p.step(10)
		p.printf("error: %s\n", "b.txt")
		p.done()
		if got, want := buf.String(), "error: b.txt\n"; got != want {
			t.Errorf("progress off a terminal wrote %q, want only %q", got, want)
		}
	})
}
