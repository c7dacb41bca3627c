package main

import (
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/onrecord/onrecord/embedding"
	"github.com/onrecord/onrecord/ingest"
	"github.com/onrecord/onrecord/retrieval"
)

//go:embed sample/blinken-geneva-2022-01-21.txt
var sampleFS embed.FS

const sampleFile = "sample/blinken-geneva-2022-01-21.txt"

// dataFlag adds --data to a command's flags.
func dataFlag(fs *flag.FlagSet) *string {
	return fs.String("data", "", "data folder (default $ONRECORD_DATA, else the user's data folder)")
}

// dataDir resolves the data folder: the flag, else $ONRECORD_DATA, else
// the platform's per-user data folder.
func (c *cli) dataDir(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if d := c.getenv("ONRECORD_DATA"); d != "" {
		return d, nil
	}
	switch runtime.GOOS {
	case "windows", "darwin":
		base, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("find the user's data folder (set ONRECORD_DATA or --data): %w", err)
		}
		return filepath.Join(base, "onrecord"), nil
	}
	if x := c.getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "onrecord"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find the user's data folder (set ONRECORD_DATA or --data): %w", err)
	}
	return filepath.Join(home, ".local", "share", "onrecord"), nil
}

// embedder returns the configured embedder: an OpenAI-compatible server
// when ONRECORD_EMBED_BASE_URL is set, else the built-in GloVe one.
func (c *cli) embedder(ctx context.Context) (retrieval.Embedder, error) {
	base := c.getenv("ONRECORD_EMBED_BASE_URL")
	if base == "" {
		if c.getenv("ONRECORD_EMBED_MODEL") != "" {
			return nil, errors.New("ONRECORD_EMBED_MODEL is set but ONRECORD_EMBED_BASE_URL is not: set both to use an OpenAI-compatible embedder, or neither for the built-in one")
		}
		return embedding.NewGloVe(), nil
	}
	return c.openAIEmbedder(ctx, base)
}

// openStore opens the data folder's store.
func (c *cli) openStore(ctx context.Context, dir string) (*retrieval.Store, error) {
	emb, err := c.embedder(ctx)
	if err != nil {
		return nil, err
	}
	s, err := retrieval.Open(ctx, dir, emb)
	if err != nil {
		return nil, fmt.Errorf("open data folder %s: %w", dir, err)
	}
	for _, w := range s.Warnings() {
		fmt.Fprintln(c.stderr, "warning:", w)
	}
	return s, nil
}

// openData resolves the data folder from the flag and opens its store.
func (c *cli) openData(ctx context.Context, flagValue string) (*retrieval.Store, string, error) {
	dir, err := c.dataDir(flagValue)
	if err != nil {
		return nil, "", err
	}
	s, err := c.openStore(ctx, dir)
	return s, dir, err
}

// openReadable resolves the data folder from the flag and opens it for ask
// and verify (the built-in sample when it holds no transcripts).
func (c *cli) openReadable(ctx context.Context, flagValue string) (*retrieval.Store, func(), error) {
	dir, err := c.dataDir(flagValue)
	if err != nil {
		return nil, nil, err
	}
	return c.openForReading(ctx, dir)
}

// openForReading opens the data folder for ask and verify; when it holds no
// transcripts, it opens a temporary store holding the built-in sample
// instead, and says so. The returned func releases what was opened.
func (c *cli) openForReading(ctx context.Context, dir string) (*retrieval.Store, func(), error) {
	if hasTranscripts(dir) {
		s, err := c.openStore(ctx, dir)
		if err != nil {
			return nil, nil, err
		}
		if len(s.Transcripts()) > 0 {
			return s, func() { s.Close() }, nil
		}
		s.Close()
	}
	fmt.Fprintln(c.stderr, "onrecord: no transcripts in", dir, "- answering from the built-in sample (Secretary Blinken, Geneva, 21 January 2022). Add your own with 'onrecord ingest'.")
	tmp, err := os.MkdirTemp("", "onrecord-sample-")
	if err != nil {
		return nil, nil, fmt.Errorf("make a folder for the sample: %w", err)
	}
	cleanup := func() { os.RemoveAll(tmp) }
	s, err := c.openStore(ctx, tmp)
	if err != nil {
		cleanup()
		return nil, nil, err
	}
	if err := addSample(ctx, s); err != nil {
		s.Close()
		cleanup()
		return nil, nil, err
	}
	return s, func() { s.Close(); cleanup() }, nil
}

// hasTranscripts reports whether dir exists and holds anything at all; the
// store decides what counts.
func hasTranscripts(dir string) bool {
	entries, err := os.ReadDir(dir)
	return err == nil && len(entries) > 0
}

// addSample parses and stores the built-in sample transcript.
func addSample(ctx context.Context, s *retrieval.Store) error {
	data, err := sampleFS.ReadFile(sampleFile)
	if err != nil {
		return fmt.Errorf("read the built-in sample: %w", err)
	}
	doc, err := ingest.Parse(sampleFile, data)
	if err != nil {
		return fmt.Errorf("parse the built-in sample: %w", err)
	}
	// The file itself does not carry its date; its source does.
	doc.Date = "2022-01-21"
	t, ps := ingest.Passages(doc)
	t.Path = "(built-in sample)"
	return s.Add(ctx, t, ps)
}
