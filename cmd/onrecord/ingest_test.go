package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const (
	kulebaFile = "sd_2022-03-05_blinken-kuleba-joint-press-availability.txt"
	vttFile    = "ableplayer_wwa_captions_en.vtt"
)

func TestIngestIsIdempotent(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	vars := map[string]string{"ONRECORD_DATA": data}
	files := []string{testdataFile(t, kulebaFile), testdataFile(t, vttFile)}

	first := runCLI(t, ctx, vars, append([]string{"ingest"}, files...)...)
	if first.err != nil {
		t.Fatalf("first ingest: %v\n%s", first.err, first.stderr)
	}
	if !strings.Contains(first.stderr, "ingested 2 transcript(s)") {
		t.Errorf("first ingest says:\n%s\nwant it to count 2 transcripts", first.stderr)
	}

	second := runCLI(t, ctx, vars, append([]string{"ingest"}, files...)...)
	if second.err != nil {
		t.Fatalf("second ingest of the same files: %v, want success\n%s", second.err, second.stderr)
	}
	for _, want := range []string{"ingested 0 transcript(s)", "2 skipped as already stored", kulebaFile, vttFile} {
		if !strings.Contains(second.stderr, want) {
			t.Errorf("second ingest says:\n%s\nwant it to mention %q", second.stderr, want)
		}
	}

	// A copy under another name is the same transcript.
	cp := filepath.Join(t.TempDir(), "copy.txt")
	raw, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cp, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	third := runCLI(t, ctx, vars, "ingest", cp)
	if third.err != nil || !strings.Contains(third.stderr, "1 skipped") {
		t.Errorf("ingest of a renamed copy: err %v, stderr:\n%s\nwant it skipped, exit ok", third.err, third.stderr)
	}

	var ts []map[string]json.RawMessage
	decodeJSON(t, runCLI(t, ctx, vars, "transcripts", "--json").stdout, &ts)
	if got, want := len(ts), 2; got != want {
		t.Errorf("transcripts --json lists %d transcripts, want %d", got, want)
	}
}

func TestListJSON(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	vars := map[string]string{"ONRECORD_DATA": data}

	t.Run("empty", func(t *testing.T) {
		for _, cmd := range []string{"transcripts", "passages"} {
			r := runCLI(t, ctx, vars, cmd, "--json")
			if r.err != nil {
				t.Fatalf("%s --json on an empty folder: %v", cmd, r.err)
			}
			if got := strings.TrimSpace(r.stdout); got != "[]" {
				t.Errorf("%s --json on an empty folder printed %q, want []", cmd, got)
			}
		}
	})

	if r := runCLI(t, ctx, vars, "ingest", testdataFile(t, kulebaFile)); r.err != nil {
		t.Fatalf("ingest: %v\n%s", r.err, r.stderr)
	}

	t.Run("transcripts", func(t *testing.T) {
		var ts []struct {
			ID        string   `json:"id"`
			Title     string   `json:"title"`
			Date      string   `json:"date"`
			Path      string   `json:"path"`
			Format    string   `json:"format"`
			Speakers  []string `json:"speakers"`
			Passages  int      `json:"passages"`
			SourceURL *string  `json:"source_url"`
		}
		decodeJSON(t, runCLI(t, ctx, vars, "transcripts", "--json").stdout, &ts)
		if len(ts) != 1 {
			t.Fatalf("got %d transcripts, want 1", len(ts))
		}
		got := ts[0]
		if got.ID == "" || got.Passages == 0 || got.SourceURL == nil {
			t.Errorf("transcript %+v: want an id, passages and a source_url field", got)
		}
		if !strings.Contains(got.Title, "Kuleba") {
			t.Errorf("title %q, want the transcript's own (naming Kuleba)", got.Title)
		}
		if got.Date != "2022-03-05" {
			t.Errorf("date %q, want 2022-03-05", got.Date)
		}
		if !strings.HasSuffix(got.Path, kulebaFile) {
			t.Errorf("path %q, want the ingested file", got.Path)
		}
		if !slices.Contains(got.Speakers, "Secretary Antony J. Blinken") {
			t.Errorf("speakers %q, want Secretary Antony J. Blinken among them", got.Speakers)
		}
	})

	t.Run("passages", func(t *testing.T) {
		var ps []map[string]json.RawMessage
		decodeJSON(t, runCLI(t, ctx, vars, "passages", "--json").stdout, &ps)
		if len(ps) == 0 {
			t.Fatal("passages --json printed no passages")
		}
		// The fields of a quote in ask --json, plus where it comes from.
		want := "asked_by,date,kind,paragraphs,passage_id,question,role,score,source_url,speaker,speaker_label,text,transcript,transcript_id"
		for i, p := range ps {
			if got := keys(p); got != want {
				t.Fatalf("passage %d has fields %s, want %s", i, got, want)
			}
			var text string
			if err := json.Unmarshal(p["text"], &text); err != nil || strings.TrimSpace(text) == "" {
				t.Errorf("passage %d: text %s, want the passage's words", i, p["text"])
			}
		}
		var filtered []map[string]json.RawMessage
		decodeJSON(t, runCLI(t, ctx, vars, "passages", "--json", "--transcript", "no such transcript").stdout, &filtered)
		if len(filtered) != 0 {
			t.Errorf("passages --transcript with no match printed %d passages, want 0", len(filtered))
		}
	})
}

func TestIngestBadInput(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	binary := filepath.Join(dir, "photo.txt")
	missing := filepath.Join(dir, "missing.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 512)...)
	if err := os.WriteFile(binary, png, 0o644); err != nil {
		t.Fatal(err)
	}
	good := testdataFile(t, kulebaFile)

	tests := []struct {
		name    string
		args    []string
		wantErr bool
		want    []string // each in stderr
	}{
		{"empty file", []string{empty}, true, []string{"empty.txt", "empty"}},
		{"binary file", []string{binary}, true, []string{"photo.txt", "binary"}},
		{"missing path", []string{missing}, true, []string{"missing.txt", "no such file"}},
		{"all bad", []string{empty, binary, missing}, true, []string{"empty.txt", "photo.txt", "missing.txt"}},
		{"one good among bad", []string{empty, good, binary, missing}, false,
			[]string{"empty.txt", "photo.txt", "missing.txt", "ingested 1 transcript(s)", "failed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vars := map[string]string{"ONRECORD_DATA": t.TempDir()}
			r := runCLI(t, context.Background(), vars, append([]string{"ingest"}, tt.args...)...)
			if (r.err != nil) != tt.wantErr {
				t.Errorf("err = %v, want error %v\nstderr:\n%s", r.err, tt.wantErr, r.stderr)
			}
			if isUsage(r.err) {
				t.Errorf("err = %v is a usage error; bad files are not a mistake in the command", r.err)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr:\n%s\nwant it to mention %q", r.stderr, w)
				}
			}
		})
	}

	t.Run("no arguments", func(t *testing.T) {
		r := runCLI(t, context.Background(), map[string]string{"ONRECORD_DATA": t.TempDir()}, "ingest")
		if !isUsage(r.err) {
			t.Errorf("ingest with no path: err = %v, want a usage error", r.err)
		}
	})
}

// TestRemove: a transcript goes by its id or by the path it was ingested
// from; an unknown one is reported, the others still go, and the exit
// status says something failed. Questions then answer from what is left.
func TestRemove(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	vars := map[string]string{"ONRECORD_DATA": data}
	kuleba, vtt := testdataFile(t, kulebaFile), testdataFile(t, vttFile)
	if r := runCLI(t, ctx, vars, "ingest", kuleba, vtt); r.err != nil {
		t.Fatalf("ingest: %v\n%s", r.err, r.stderr)
	}
	var ts []struct{ ID, Path string }
	decodeJSON(t, runCLI(t, ctx, vars, "transcripts", "--json").stdout, &ts)
	if len(ts) != 2 {
		t.Fatalf("%d transcripts stored, want 2", len(ts))
	}
	var vttID string
	absVTT, err := filepath.Abs(vtt)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range ts {
		if x.Path == absVTT {
			vttID = x.ID // stored absolute, for remove from any folder
		}
	}
	if r := runCLI(t, ctx, vars, "remove", ""); !isUsage(r.err) {
		t.Errorf("remove \"\": %v, want a usage error, not everything under the current folder", r.err)
	}

	r := runCLI(t, ctx, vars, "remove", vttID, "no-such-id")
	if r.err == nil {
		t.Errorf("remove of an unknown id succeeded, want a failure exit status\n%s", r.stderr)
	}
	for _, want := range []string{"removed " + vttID, `no stored transcript has the id or path "no-such-id"`, "removed 1 transcript(s); 1 left"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("remove says:\n%s\nwant %q", r.stderr, want)
		}
	}
	if r := runCLI(t, ctx, vars, "remove", kuleba); r.err != nil || !strings.Contains(r.stderr, "removed 1 transcript(s); 0 left") {
		t.Errorf("remove by path: %v\n%s", r.err, r.stderr)
	}
	decodeJSON(t, runCLI(t, ctx, vars, "transcripts", "--json").stdout, &ts)
	if len(ts) != 0 {
		t.Errorf("%d transcripts left after removing both, want 0", len(ts))
	}
	if r := runCLI(t, ctx, vars, "remove"); !isUsage(r.err) {
		t.Errorf("remove with nothing to remove: %v, want a usage error", r.err)
	}
	// Put back, they are stored again; a folder takes all it holds.
	if r := runCLI(t, ctx, vars, "ingest", kuleba, vtt); r.err != nil || !strings.Contains(r.stderr, "ingested 2 transcript(s)") {
		t.Errorf("ingest after remove: %v\n%s", r.err, r.stderr)
	}
	if r := runCLI(t, ctx, vars, "remove", filepath.Dir(vtt)); r.err != nil || !strings.Contains(r.stderr, "removed 2 transcript(s); 0 left") {
		t.Errorf("remove of the folder: %v\n%s", r.err, r.stderr)
	}
}
