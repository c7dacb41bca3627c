package main

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// No Docker engine runs in CI, so these tests check what can be checked
// without one: that the Dockerfile, .dockerignore and compose.yaml agree
// with the repository and with what README.md promises.

// repoRoot is the repository's top folder, from cmd/onrecord.
const repoRoot = "../.."

// instruction is one Dockerfile instruction, continuation lines joined.
type instruction struct {
	cmd  string // upper case: FROM, COPY, RUN, ...
	args string
	line int
}

// parseDockerfile reads the instructions of a Dockerfile.
func parseDockerfile(t *testing.T, name string) []instruction {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []instruction
	var cur strings.Builder
	start := 0
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if cur.Len() == 0 && (line == "" || strings.HasPrefix(line, "#")) {
			continue
		}
		if cur.Len() > 0 && strings.HasPrefix(line, "#") {
			continue // a comment inside a continued instruction
		}
		if cur.Len() == 0 {
			start = n
		}
		if strings.HasSuffix(line, `\`) {
			cur.WriteString(strings.TrimSuffix(line, `\`) + " ")
			continue
		}
		cur.WriteString(line)
		cmd, args, _ := strings.Cut(cur.String(), " ")
		out = append(out, instruction{strings.ToUpper(cmd), strings.TrimSpace(args), start})
		cur.Reset()
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if cur.Len() > 0 {
		t.Fatalf("%s ends inside a continued instruction", name)
	}
	return out
}

// stage is one FROM ... and the instructions under it.
type stage struct {
	image, name string
	ins         []instruction
}

func stages(ins []instruction) []stage {
	var out []stage
	for _, in := range ins {
		if in.cmd == "FROM" {
			var s stage
			fields := strings.Fields(in.args)
			for i := 0; i < len(fields); i++ {
				switch {
				case strings.HasPrefix(fields[i], "--"):
				case strings.EqualFold(fields[i], "AS") && i+1 < len(fields):
					s.name = fields[i+1]
					i++
				case s.image == "":
					s.image = fields[i]
				}
			}
			out = append(out, s)
			continue
		}
		if len(out) > 0 {
			out[len(out)-1].ins = append(out[len(out)-1].ins, in)
		}
	}
	return out
}

// flagsAndArgs splits an instruction's arguments into --flags and the rest.
func flagsAndArgs(args string) (flags map[string]string, rest []string) {
	flags = map[string]string{}
	for _, f := range strings.Fields(args) {
		if strings.HasPrefix(f, "--") && len(rest) == 0 {
			k, v, _ := strings.Cut(strings.TrimPrefix(f, "--"), "=")
			flags[k] = v
			continue
		}
		rest = append(rest, f)
	}
	return flags, rest
}

func TestDockerfile(t *testing.T) {
	ins := parseDockerfile(t, filepath.Join(repoRoot, "Dockerfile"))
	ss := stages(ins)
	if len(ss) < 2 {
		t.Fatalf("%d stages, want a build stage and a final one", len(ss))
	}
	names := map[string]bool{}
	for _, s := range ss[:len(ss)-1] {
		names[s.name] = true
	}
	final := ss[len(ss)-1]

	t.Run("final image", func(t *testing.T) {
		if !strings.HasPrefix(final.image, "gcr.io/distroless/static") && final.image != "scratch" {
			t.Errorf("final image %q, want gcr.io/distroless/static… or scratch", final.image)
		}
		if final.image == "scratch" {
			t.Errorf("scratch needs CA certificates copied in; this test expects distroless/static")
		}
	})

	t.Run("COPY sources exist", func(t *testing.T) {
		for _, s := range ss {
			for _, in := range s.ins {
				if in.cmd != "COPY" && in.cmd != "ADD" {
					continue
				}
				flags, rest := flagsAndArgs(in.args)
				if len(rest) < 2 {
					t.Errorf("line %d: %s %s: want sources and a destination", in.line, in.cmd, in.args)
					continue
				}
				if from, ok := flags["from"]; ok {
					if !names[from] {
						t.Errorf("line %d: COPY --from=%s: no earlier stage has that name", in.line, from)
					}
					continue
				}
				for _, src := range rest[:len(rest)-1] {
					if _, err := os.Stat(filepath.Join(repoRoot, src)); err != nil {
						t.Errorf("line %d: COPY source %s: %v", in.line, src, err)
					}
				}
			}
		}
	})

	t.Run("go build", func(t *testing.T) {
		var build string
		for _, s := range ss {
			for _, in := range s.ins {
				if in.cmd == "RUN" && strings.Contains(in.args, "go build") {
					build = in.args
				}
			}
		}
		if build == "" {
			t.Fatal("no RUN go build")
		}
		for _, want := range []string{"CGO_ENABLED=0", "-trimpath", "-X main.version=", "./cmd/onrecord"} {
			if !strings.Contains(build, want) {
				t.Errorf("the build %q lacks %q", build, want)
			}
		}
		if _, err := os.Stat(filepath.Join(repoRoot, "cmd", "onrecord", "main.go")); err != nil {
			t.Errorf("the build path ./cmd/onrecord: %v", err)
		}
		_ = version // -X main.version needs this variable in package main
	})

	t.Run("runtime", func(t *testing.T) {
		last := map[string]string{}
		var env, volumes []string
		for _, in := range final.ins {
			last[in.cmd] = in.args
			switch in.cmd {
			case "ENV":
				env = append(env, strings.Fields(in.args)...)
			case "VOLUME":
				volumes = append(volumes, jsonOrFields(in.args)...)
			}
		}
		if got, want := last["ENTRYPOINT"], `["onrecord"]`; got != want {
			t.Errorf("ENTRYPOINT %s, want %s", got, want)
		}
		if got, want := last["CMD"], `["bot"]`; got != want {
			t.Errorf("CMD %s, want %s", got, want)
		}
		user := strings.Split(last["USER"], ":")[0]
		if user == "" || user == "root" || user == "0" {
			t.Errorf("USER %q, want a non-root user", last["USER"])
		}
		if !slices.Contains(volumes, "/data") {
			t.Errorf("VOLUME %q, want /data", volumes)
		}
		if !slices.Contains(env, "ONRECORD_DATA=/data") {
			t.Errorf("ENV %q, want ONRECORD_DATA=/data", env)
		}
		var onPath bool
		for _, in := range final.ins {
			if _, rest := flagsAndArgs(in.args); in.cmd == "COPY" && len(rest) > 1 {
				dst := rest[len(rest)-1]
				onPath = onPath || dst == "/usr/local/bin/onrecord" || dst == "/usr/local/bin/" || dst == "/onrecord"
			}
		}
		if !onPath {
			t.Errorf("no COPY puts onrecord where ENTRYPOINT [\"onrecord\"] finds it (/usr/local/bin/onrecord)")
		}
	})
}

func jsonOrFields(s string) []string {
	var list []string
	if json.Unmarshal([]byte(s), &list) == nil {
		return list
	}
	return strings.Fields(s)
}

// TestDockerignoreKeepsTheBuild: every file `go build ./cmd/onrecord`
// reads (Go files and embedded files of the module's packages, go.mod,
// go.sum) is in the build context.
func TestDockerignoreKeepsTheBuild(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	raw, err := os.ReadFile(filepath.Join(repoRoot, ".dockerignore"))
	if err != nil {
		t.Fatal(err)
	}
	var patterns []string
	for _, line := range strings.Split(string(raw), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			patterns = append(patterns, strings.TrimPrefix(line, "/"))
		}
	}
	cmd := exec.Command(goBin, "list", "-deps", "-json=Dir,Module,GoFiles,EmbedFiles", "./cmd/onrecord")
	cmd.Dir = repoRoot
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	root, err := filepath.Abs(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	need := []string{"go.mod", "go.sum"}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p struct {
			Dir    string
			Module *struct{ Path string }
			GoFiles,
			EmbedFiles []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		if p.Module == nil || p.Module.Path != "github.com/onrecord/onrecord" {
			continue
		}
		rel, err := filepath.Rel(root, p.Dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range append(p.GoFiles, p.EmbedFiles...) {
			need = append(need, filepath.ToSlash(filepath.Join(rel, f)))
		}
	}
	if !slices.Contains(need, "embedding/glove/vectors.bin") {
		t.Errorf("go list names no embedded vectors.bin; the test's view of the build is wrong: %q", need)
	}
	for _, f := range need {
		if p := ignoredBy(patterns, f); p != "" {
			t.Errorf(".dockerignore pattern %q leaves out %s, which the build needs", p, f)
		}
	}
}

// ignoredBy returns the last .dockerignore pattern that excludes name (or
// one of its folders), "" if none does or a later "!pattern" keeps it.
func ignoredBy(patterns []string, name string) string {
	var by string
	for _, p := range patterns {
		keep := strings.HasPrefix(p, "!")
		p = strings.TrimPrefix(p, "!")
		if matchesPath(p, name) {
			if keep {
				by = ""
			} else {
				by = p
			}
		}
	}
	return by
}

// matchesPath reports whether pattern matches name or a folder above it;
// "**/" matches any number of folders.
func matchesPath(pattern, name string) bool {
	parts := strings.Split(name, "/")
	for i := 1; i <= len(parts); i++ {
		prefix := strings.Join(parts[:i], "/")
		if ok, _ := path.Match(pattern, prefix); ok {
			return true
		}
		if rest, ok := strings.CutPrefix(pattern, "**/"); ok {
			for j := 0; j < i; j++ {
				if ok, _ := path.Match(rest, strings.Join(parts[j:i], "/")); ok {
					return true
				}
			}
		}
	}
	return false
}

func TestCompose(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(repoRoot, "compose.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Services map[string]struct {
			Build *struct {
				Context string `yaml:"context"`
			} `yaml:"build"`
			Image       string            `yaml:"image"`
			Profiles    []string          `yaml:"profiles"`
			Environment map[string]string `yaml:"environment"`
			Volumes     []string          `yaml:"volumes"`
		} `yaml:"services"`
		Volumes map[string]any `yaml:"volumes"`
	}
	if err := yaml.Unmarshal(raw, &c); err != nil {
		t.Fatalf("compose.yaml: %v", err)
	}
	on, ok := c.Services["onrecord"]
	if !ok {
		t.Fatal("compose.yaml has no onrecord service")
	}
	if on.Build == nil {
		t.Fatal("the onrecord service has no build")
	}
	if _, err := os.Stat(filepath.Join(repoRoot, on.Build.Context, "Dockerfile")); err != nil {
		t.Errorf("build context %q: %v", on.Build.Context, err)
	}
	if len(on.Profiles) != 0 {
		t.Errorf("the onrecord service has profiles %q; it must start by default", on.Profiles)
	}
	if !slices.ContainsFunc(on.Volumes, func(v string) bool { return strings.HasSuffix(v, ":/data") }) {
		t.Errorf("onrecord volumes %q, want one at /data", on.Volumes)
	}
	ollama, ok := c.Services["ollama"]
	if !ok {
		t.Fatal("compose.yaml has no ollama service")
	}
	if !slices.Contains(ollama.Profiles, "ollama") {
		t.Errorf("ollama profiles %q, want it optional (profile ollama)", ollama.Profiles)
	}
	for k := range on.Environment {
		if !slices.Contains(knownVariables, k) {
			t.Errorf("compose.yaml sets %s, which onrecord does not read", k)
		}
	}
}

// knownVariables are the environment variables onrecord reads; README.md's
// configuration table lists each (TestReadmeConfigTable).
var knownVariables = []string{
	"ONRECORD_DATA", "ONRECORD_ADDR", "ONRECORD_LOG_FORMAT", "ONRECORD_LOG_LEVEL",
	"DISCORD_TOKEN", "DISCORD_TOKEN_FILE", "DISCORD_APPLICATION_ID", "DISCORD_GUILD_ID", "DISCORD_PUBLIC_KEY",
	"ONRECORD_ALLOWED_GUILDS", "ONRECORD_ALLOWED_CHANNELS", "ONRECORD_RATE_BURST", "ONRECORD_RATE_EVERY",
	"ONRECORD_MESSAGE_CONTENT",
	"ONRECORD_LLM_BASE_URL", "ONRECORD_LLM_MODEL", "ONRECORD_LLM_TIMEOUT", "OPENAI_API_KEY",
	"ONRECORD_EMBED_BASE_URL", "ONRECORD_EMBED_MODEL", "ONRECORD_EMBED_DIM",
	"XDG_DATA_HOME", "CI", "TERM",
}
