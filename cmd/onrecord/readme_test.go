package main

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// README.md is the manual: these tests keep it in step with the code.

func readReadme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestReadmeConfigTable: every environment variable the command reads is
// in README.md's configuration table (and in knownVariables).
func TestReadmeConfigTable(t *testing.T) {
	readme := readReadme(t)
	start := strings.Index(readme, "## Configuration")
	if start < 0 {
		t.Fatal("README.md has no ## Configuration section")
	}
	table := readme[start:]
	if end := strings.Index(table[3:], "\n## "); end >= 0 {
		table = table[:end+3]
	}
	getenv := regexp.MustCompile(`getenv\("([A-Z0-9_]+)"\)`)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range getenv.FindAllStringSubmatch(string(src), -1) {
			seen[m[1]] = true
		}
	}
	if len(seen) < 10 {
		t.Fatalf("found only %d variables read; the pattern is wrong", len(seen))
	}
	for v := range seen {
		if !strings.Contains(table, "`"+v+"`") {
			t.Errorf("%s is read by the code but not in README.md's configuration table", v)
		}
		if !slices.Contains(knownVariables, v) {
			t.Errorf("%s is read by the code but not in knownVariables", v)
		}
	}
}

// TestReadmeFlags: every flag of every command is in README.md.
func TestReadmeFlags(t *testing.T) {
	readme := readReadme(t)
	flagLine := regexp.MustCompile(`(?m)^  -([a-z0-9-]+)`)
	for _, cmd := range commands {
		if cmd.name == "version" {
			continue
		}
		r := runCLI(t, context.Background(), map[string]string{"ONRECORD_DATA": t.TempDir()}, cmd.name, "--help")
		if r.err != nil {
			t.Errorf("%s --help: %v", cmd.name, r.err)
			continue
		}
		flags := flagLine.FindAllStringSubmatch(r.stderr, -1)
		if len(flags) == 0 {
			t.Errorf("%s --help lists no flags:\n%s", cmd.name, r.stderr)
		}
		for _, f := range flags {
			if !strings.Contains(readme, "--"+f[1]) {
				t.Errorf("%s --%s is not in README.md", cmd.name, f[1])
			}
		}
	}
}

// TestReadmeCommands: CI runs exactly the README's test command, and the
// benchmarks the README names exist.
func TestReadmeCommands(t *testing.T) {
	readme := readReadme(t)
	ci, err := os.ReadFile(filepath.Join(repoRoot, ".ci", "run"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"go test -race ./...", "go vet ./..."} {
		if !strings.Contains(readme, "\n"+c+"\n") {
			t.Errorf("README.md does not give %q on a line of its own", c)
		}
		if !strings.Contains(string(ci), "\n"+c+"\n") {
			t.Errorf(".ci/run does not run %q", c)
		}
	}
	if !strings.Contains(readme, "\ngo run ./cmd/onrecord ask \"What did Blinken say about Iran?\"\n") {
		t.Errorf("README.md lost its first command")
	}

	defined := map[string]bool{}
	bench := regexp.MustCompile(`(?m)^func (Benchmark\w+)\(`)
	err = filepath.WalkDir(repoRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && path != repoRoot {
			return filepath.SkipDir
		}
		if !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range bench.FindAllStringSubmatch(string(src), -1) {
			defined[m[1]] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	named := regexp.MustCompile("`(Benchmark\\w+)`").FindAllStringSubmatch(readme, -1)
	if len(named) == 0 {
		t.Error("README.md names no benchmarks")
	}
	for _, m := range named {
		if !defined[m[1]] {
			t.Errorf("README.md names %s, which no test file defines", m[1])
		}
	}
}
