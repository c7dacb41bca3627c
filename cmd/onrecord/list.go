package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/onrecord/onrecord/retrieval"
)

func runTranscripts(ctx context.Context, c *cli, args []string) error {
	fs := newFlags(c, "transcripts", `transcripts [--data DIR] [--json]

Lists the stored transcripts: id, date, title, passages, speakers.`)
	data := dataFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	if done, err := parseFlags(fs, args); done {
		return err
	}
	store, dir, err := c.openData(ctx, *data)
	if err != nil {
		return err
	}
	defer store.Close()
	ts := store.Transcripts()
	if *asJSON {
		if ts == nil {
			ts = []retrieval.Transcript{}
		}
		return writeJSON(c, ts)
	}
	if len(ts) == 0 {
		fmt.Fprintf(c.stderr, "no transcripts in %s yet: add some with 'onrecord ingest PATH'\n", dir)
		return nil
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDATE\tPASSAGES\tTITLE\tSPEAKERS")
	for _, t := range ts {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", t.ID, orDash(t.Date), t.Passages, shorten(t.Title, 70), shorten(strings.Join(t.Speakers, "; "), 120))
	}
	return tw.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// passageJSON is a passage as `passages --json` prints it: the fields of a
// quote in `ask --json`, with the whole passage as text.
type passageJSON struct {
	retrieval.Quote
	TranscriptID string `json:"transcript_id"`
	Kind         string `json:"kind"`
	Role         string `json:"role"`
	SpeakerLabel string `json:"speaker_label"`
}

func runPassages(ctx context.Context, c *cli, args []string) error {
	fs := newFlags(c, "passages", `passages [--data DIR] [--json] [--transcript T]

Prints every stored passage (or those of transcripts whose id or title
contains T), with its speaker, who asked, the question it answers and its
paragraphs: an export of what onrecord knows.`)
	data := dataFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON (one array)")
	transcript := fs.String("transcript", "", "only transcripts whose id or title contains this")
	if done, err := parseFlags(fs, args); done {
		return err
	}
	store, _, err := c.openData(ctx, *data)
	if err != nil {
		return err
	}
	defer store.Close()
	out := []passageJSON{}
	for _, p := range store.Passages() {
		if *transcript != "" && !retrieval.MatchesTranscript(p, *transcript) {
			continue
		}
		pj := passageJSON{
			Quote: retrieval.Quote{Text: p.Text, Speaker: p.Speaker, Question: p.Question, Transcript: p.Title,
				Date: p.Date, SourceURL: p.SourceURL, PassageID: p.ID, Paragraphs: p.Paragraphs},
			TranscriptID: p.TranscriptID, Kind: p.Kind, Role: p.Role, SpeakerLabel: p.SpeakerLabel,
		}
		if p.AskedBy != "" {
			a := p.AskedBy
			pj.AskedBy = &a
		}
		out = append(out, pj)
	}
	if *asJSON {
		return writeJSON(c, out) // [] when nothing matches, for scripts
	}
	if *transcript != "" && len(out) == 0 {
		return fmt.Errorf("no stored transcript's id or title contains %q: 'onrecord transcripts' lists them", *transcript)
	}
	for _, p := range out {
		fmt.Fprintf(c.stdout, "%s  %s  %s  [%s]", p.PassageID, paragraphs(p.Paragraphs), speakerName(p.Speaker, p.Role), p.Kind)
		if p.AskedBy != nil {
			fmt.Fprintf(c.stdout, "  asked by %s", *p.AskedBy)
		}
		fmt.Fprintf(c.stdout, "\n  %s\n\n", shorten(p.Text, 300))
	}
	return nil
}

func runReindex(ctx context.Context, c *cli, args []string) error {
	fs := newFlags(c, "reindex", `reindex [--data DIR]

Re-embeds every stored passage with the configured embedder (the built-in
one, or the server named by ONRECORD_EMBED_BASE_URL and ONRECORD_EMBED_MODEL).
Needed after changing embedders; each transcript is rewritten atomically.`)
	data := dataFlag(fs)
	if done, err := parseFlags(fs, args); done {
		return err
	}
	dir, err := c.dataDir(*data)
	if err != nil {
		return err
	}
	emb, err := c.embedder(ctx)
	if err != nil {
		return err
	}
	store, err := retrieval.Open(ctx, dir, emb, retrieval.ForReindex())
	if err != nil {
		return fmt.Errorf("open data folder %s: %w", dir, err)
	}
	defer store.Close()
	live := isTerminal(c.stderr)
	err = store.Reindex(ctx, func(done, total int) {
		if live {
			fmt.Fprintf(c.stderr, "\r\033[Kre-embedded %d/%d passages", done, total)
		}
	})
	if live {
		fmt.Fprintln(c.stderr)
	}
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	saveIndex(ctx, c, store)
	fmt.Fprintf(c.stderr, "reindexed %d transcripts with %s\n", len(store.Transcripts()), emb.Name())
	return nil
}

func runRemove(ctx context.Context, c *cli, args []string) error {
	fs := newFlags(c, "remove", `remove [--data DIR] ID|PATH...

Removes transcripts from the data folder, each given by its id (as
'onrecord transcripts' lists it), by the path it was ingested from, or by a
folder: every transcript ingested from a file in it. The files themselves
are not touched; ingest them again to put them back.`)
	data := dataFlag(fs)
	if done, err := parseFlags(fs, args); done {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError{"remove needs at least one transcript id or path"}
	}
	for _, arg := range fs.Args() {
		if strings.TrimSpace(arg) == "" {
			// An empty path would be the current folder: everything
			// ingested from under it.
			return usageError{"remove: an empty argument names no transcript"}
		}
	}
	store, dir, err := c.openData(ctx, *data)
	if err != nil {
		return err
	}
	defer store.Close()
	stored := store.Transcripts()
	removed, failed := 0, 0
	for _, arg := range fs.Args() {
		ts := findTranscripts(stored, arg)
		if len(ts) == 0 {
			failed++
			fmt.Fprintf(c.stderr, "error: no stored transcript has the id or path %q; 'onrecord transcripts' lists them\n", arg)
			continue
		}
		for _, t := range ts {
			if err := store.Delete(ctx, t.ID); err != nil {
				if errors.Is(err, retrieval.ErrNotFound) {
					continue // named twice, or removed meanwhile
				}
				failed++
				fmt.Fprintf(c.stderr, "error: %v\n", err)
				continue
			}
			removed++
			fmt.Fprintf(c.stderr, "removed %s  %s\n", t.ID, t.Title)
		}
	}
	if removed > 0 {
		saveIndex(ctx, c, store)
	}
	fmt.Fprintf(c.stderr, "removed %d transcript(s); %d left. Data folder: %s\n", removed, len(store.Transcripts()), dir)
	if failed > 0 {
		return errSilent
	}
	return nil
}

// findTranscripts returns the stored transcripts that arg names: the one
// whose id it is, else those ingested from the file it names or from files
// in the folder it names.
func findTranscripts(stored []retrieval.Transcript, arg string) []retrieval.Transcript {
	for _, t := range stored {
		if t.ID == arg {
			return []retrieval.Transcript{t}
		}
	}
	abs, err := filepath.Abs(arg)
	if err != nil {
		return nil
	}
	var out []retrieval.Transcript
	for _, t := range stored {
		if t.Path == "" {
			continue
		}
		p, err := filepath.Abs(t.Path)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(abs, p); err == nil && (rel == "." || filepath.IsLocal(rel)) {
			out = append(out, t)
		}
	}
	return out
}
