//go:build linux

package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// The disk fills up in the middle of an ingest. The test cannot fill a
// real disk (and runs as root in CI, where read-only folders are
// writable), so a child process runs the ingest under a file size limit
// (RLIMIT_FSIZE): writing a file past it fails with EFBIG ("file too
// large") instead of ENOSPC, through the same code. The Go runtime ignores
// the SIGXFSZ that comes with it.
const (
	fsizeLimitVar = "ONRECORD_TEST_FSIZE_LIMIT"
	fsizeArgsVar  = "ONRECORD_TEST_FSIZE_ARGS"
	fsizeLimit    = 64 << 10
)

// TestFileSizeLimitHelper is the child: it runs onrecord with the args in
// fsizeArgsVar under the limit, copies its output and exits as main does.
func TestFileSizeLimitHelper(t *testing.T) {
	limit, err := strconv.ParseUint(os.Getenv(fsizeLimitVar), 10, 64)
	if err != nil {
		t.Skip("run by TestIngestStopsWhenTheDiskIsFull")
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
		fmt.Fprintln(os.Stderr, "setrlimit:", err)
		os.Exit(3)
	}
	r := runCLI(t, context.Background(), nil, strings.Split(os.Getenv(fsizeArgsVar), "\n")...)
	fmt.Fprint(os.Stdout, r.stdout)
	fmt.Fprint(os.Stderr, r.stderr)
	if r.err != nil {
		fmt.Fprintln(os.Stderr, "onrecord:", r.err)
		os.Exit(1)
	}
	os.Exit(0)
}

func TestIngestStopsWhenTheDiskIsFull(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	ctx := context.Background()
	dir := t.TempDir()
	// Two small transcripts fit; the third does not; the fourth is never
	// tried, as a full disk would fail it too.
	files := []string{
		writeBriefing(t, dir, "a.txt", "harbour", 3),
		writeBriefing(t, dir, "b.txt", "railway", 3),
		writeBriefing(t, dir, "c.txt", "airport", 400),
		writeBriefing(t, dir, "d.txt", "library", 3),
	}
	data := t.TempDir()

	cmd := exec.Command(os.Args[0], "-test.run=^TestFileSizeLimitHelper$")
	cmd.Env = append(os.Environ(),
		fsizeLimitVar+"="+strconv.Itoa(fsizeLimit),
		fsizeArgsVar+"="+strings.Join(append([]string{"ingest", "--data", data}, files...), "\n"))
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("ingest under a full disk: %v, want exit status 1\n%s", err, out)
	}
	for _, want := range []string{
		"error: " + files[2] + ": add transcript",
		"cannot write to the data folder " + data + ": file too large",
		"ingested 2 transcript(s)",
		"1 failed",
		"1 file(s) not tried",
		"run the same command again",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("ingest under a full disk says:\n%s\nwant it to say %q", out, want)
		}
	}
	if strings.Contains(string(out), ".tmp-") {
		t.Errorf("the message names a temporary file, which means nothing to the user:\n%s", out)
	}
	entries, err := os.ReadDir(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp-") {
			t.Errorf("a temporary file is left in the data folder: %s", e.Name())
		}
	}

	// What was stored is whole: the same passages as an ingest with room.
	full := t.TempDir()
	if r := runCLI(t, ctx, nil, append([]string{"ingest", "--data", full}, files...)...); r.err != nil {
		t.Fatalf("ingest with room: %v\n%s", r.err, r.stderr)
	}
	want := passageCounts(t, ctx, full)
	got := passageCounts(t, ctx, data)
	if len(got) != 2 {
		t.Errorf("after the full disk the store holds %d transcripts (%v), want the 2 that fitted", len(got), got)
	}
	for id, n := range got {
		if n != want[id] {
			t.Errorf("transcript %s has %d passages after the full disk, want %d", id, n, want[id])
		}
	}
	r := runCLI(t, ctx, nil, "ask", "--data", data, "--json", "What did the mayor say about the railway?")
	if r.err != nil {
		t.Errorf("ask after the full disk: %v\n%s", r.err, r.stderr)
	}

	// With room again, the same command carries on where it stopped.
	again := runCLI(t, ctx, nil, append([]string{"ingest", "--data", data}, files...)...)
	if again.err != nil || !strings.Contains(again.stderr, "ingested 2 transcript(s)") || !strings.Contains(again.stderr, "2 skipped") {
		t.Errorf("the same ingest with room: err %v\n%s\nwant the other 2 ingested and 2 skipped", again.err, again.stderr)
	}
	if got := passageCounts(t, ctx, data); len(got) != len(want) {
		t.Errorf("after the second ingest the store holds %d transcripts, want %d", len(got), len(want))
	}
}

// writeBriefing writes a labelled-text briefing on topic with the given
// number of answers and returns its path.
func writeBriefing(t *testing.T, dir, name, topic string, answers int) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "Press Briefing by the Mayor on the %s\n\n", topic)
	for i := range answers {
		fmt.Fprintf(&b, "QUESTION:  Mr. Mayor, what is the plan for the %s, part %d?\n\n", topic, i)
		fmt.Fprintf(&b, "MAYOR QUIMBY:  The %s works will go on for %d more weeks.  The crews on the %s have done well, and we thank them.  We will report on the budget of part %d next month.\n\n", topic, i+2, topic, i)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// passageCounts returns the passages of each transcript in the data folder.
func passageCounts(t *testing.T, ctx context.Context, data string) map[string]int {
	t.Helper()
	r := runCLI(t, ctx, nil, "transcripts", "--data", data, "--json")
	if r.err != nil {
		t.Fatalf("transcripts: %v\n%s", r.err, r.stderr)
	}
	var ts []struct {
		ID       string `json:"id"`
		Passages int    `json:"passages"`
	}
	decodeJSON(t, r.stdout, &ts)
	out := map[string]int{}
	for _, x := range ts {
		out[x.ID] = x.Passages
	}
	return out
}
