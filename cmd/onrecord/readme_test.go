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

// TestReadmeWalkthrough: the walk-through's files, ingested as it says,
// answer as its console block shows, and the first example answers from
// the sample as shown. A change in ranking or excerpts that changes what
// the README promises fails here, not in a user's terminal.
func TestReadmeWalkthrough(t *testing.T) {
	readme := readReadme(t)
	heredoc := func(name string) string {
		start := strings.Index(readme, "cat > "+name+" <<'EOF'\n")
		if start < 0 {
			t.Fatalf("README.md has no heredoc for %s", name)
		}
		body := readme[start+len("cat > "+name+" <<'EOF'\n"):]
		return body[:strings.Index(body, "\nEOF\n")+1]
	}
	block := func(after string) string {
		start := strings.Index(readme, after)
		if start < 0 {
			t.Fatalf("README.md has no line %q", after)
		}
		body := readme[start+len(after):]
		return body[:strings.Index(body, "```")]
	}
	dir := t.TempDir()
	vars := map[string]string{"ONRECORD_DATA": filepath.Join(dir, "data")}
	for name, args := range map[string][]string{
		"my-transcripts/briefing.txt":  {"--date", "2024-03-04"},
		"my-transcripts/town-hall.vtt": {"--title", "Springfield town hall", "--date", "2024-03-05"},
	} {
		path := filepath.Join(dir, filepath.Base(name))
		if err := os.WriteFile(path, []byte(heredoc(name)), 0o644); err != nil {
			t.Fatal(err)
		}
		if r := runCLI(t, context.Background(), vars, append(append([]string{"ingest"}, args...), path)...); r.err != nil {
			t.Fatalf("ingest %s: %v\n%s", name, r.err, r.stderr)
		}
	}
	const askLine = "$ ./onrecord ask --k 1 \"Who is paying for the bridge repairs?\"\n"
	const verifyLine = "$ ./onrecord verify \"The state is paying half\"\n"
	const claimLine = "$ ./onrecord ask --k 1 \"Did the Mayor say the federal government is paying for the repairs?\"\n"
	shown := block(askLine)
	wantAsk, rest, ok := strings.Cut(shown, verifyLine)
	if !ok {
		t.Fatalf("README.md's console block has no %q", verifyLine)
	}
	wantVerify, wantClaim, ok := strings.Cut(rest, claimLine)
	if !ok {
		t.Fatalf("README.md's console block has no %q", claimLine)
	}
	if got := runCLI(t, context.Background(), vars, "ask", "--k", "1", "Who is paying for the bridge repairs?").stdout; got != wantAsk {
		t.Errorf("ask prints\n%s\nREADME.md shows\n%s", got, wantAsk)
	}
	if got := runCLI(t, context.Background(), vars, "verify", "The state is paying half").stdout; got != wantVerify {
		t.Errorf("verify prints\n%s\nREADME.md shows\n%s", got, wantVerify)
	}
	if got := runCLI(t, context.Background(), vars, "ask", "--k", "1", "Did the Mayor say the federal government is paying for the repairs?").stdout; got != wantClaim {
		t.Errorf("the claim check prints\n%s\nREADME.md shows\n%s", got, wantClaim)
	}

	// The first example: the sample's first two quotes, as shown.
	const first = "$ go run ./cmd/onrecord ask \"What did Blinken say about Iran?\"\n"
	example := block(first)
	example = example[strings.Index(example, "\n")+1:] // the stderr line
	example = example[:strings.Index(example, "3. …")]
	got := runCLI(t, context.Background(), map[string]string{"ONRECORD_DATA": t.TempDir()}, "ask", "What did Blinken say about Iran?").stdout
	if !strings.HasPrefix(got, example) {
		t.Errorf("the first example prints\n%s\nREADME.md shows\n%s", got, example)
	}
}
