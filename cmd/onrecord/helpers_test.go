package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// result is what one run of the command line produced.
type result struct {
	stdout string
	stderr string
	err    error
}

// runCLI runs onrecord with args and the environment vars (nothing else
// of the process's environment is visible), as main would, except that any
// call to Discord fails the test.
func runCLI(t testing.TB, ctx context.Context, vars map[string]string, args ...string) result {
	t.Helper()
	var stdout, stderr syncBuffer
	c := &cli{getenv: mapEnv(vars), stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, discordClient: noDiscordClient(t)}
	err := c.run(ctx, append([]string{"onrecord"}, args...))
	return result{stdout: stdout.String(), stderr: stderr.String(), err: err}
}

// mapEnv is a getenv over a map.
func mapEnv(vars map[string]string) env {
	return func(k string) string { return vars[k] }
}

// isUsage reports whether err is a usage error (exit status 2).
func isUsage(err error) bool {
	var u usageError
	return errors.As(err, &u)
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader in
// different goroutines (the server's log and the test).
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// testdataFile is the path of a file in testdata/.
func testdataFile(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join("testdata", name)
	if _, err := os.Stat(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// decodeJSON decodes out's single JSON value into v.
func decodeJSON(t testing.TB, out string, v any) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	if err := dec.Decode(v); err != nil {
		t.Fatalf("decode JSON: %v\n%s", err, out)
	}
	if dec.More() {
		t.Fatalf("more than one JSON value:\n%s", out)
	}
}

// keys returns the sorted keys of m, joined by commas.
func keys(m map[string]json.RawMessage) string {
	return strings.Join(slices.Sorted(maps.Keys(m)), ",")
}
