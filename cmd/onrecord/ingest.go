package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/onrecord/onrecord/ingest"
	"github.com/onrecord/onrecord/retrieval"
)

func newFlags(c *cli, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: onrecord %s\n\nFlags:\n", usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; --help prints usage and ends the command well.
// Flags may come after the question or the paths too ("ask "…" --k 1"):
// left to the flag package, they would silently become words of the
// question. Everything after "--" is taken as it is.
func parseFlags(fs *flag.FlagSet, args []string) (done bool, err error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return true, nil
			}
			return true, usageError{err.Error() + ` (a question or path that starts with "-" goes after --)`}
		}
		rest := fs.Args()
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			positional = append(positional, rest...)
			break
		}
		if len(rest) == 0 {
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	// Parsing "--" and the words alone leaves them as the arguments.
	if err := fs.Parse(append([]string{"--"}, positional...)); err != nil {
		return true, usageError{err.Error()}
	}
	return false, nil
}

func runIngest(ctx context.Context, c *cli, args []string) error {
	fs := newFlags(c, "ingest", `ingest [--data DIR] [--title T] [--date YYYY-MM-DD] [--source-url URL] PATH...

Adds transcript files, or every file in folders (recursively), to the data
folder. Formats are detected from the content: labelled text (State
Department, White House Markdown with YAML front matter, GPO hearings),
WebVTT, SRT, Zoom/Otter/Rev exports and HTML pages. Ingesting the same
transcript again changes nothing; a copy of one already stored is skipped.
The exit status is non-zero if nothing could be ingested, or if the data
folder could not be written (a full disk): ingesting then stops, keeps what
it stored whole, and running the same command again carries on.`)
	data := dataFlag(fs)
	title := fs.String("title", "", "the transcript's title, instead of what the file says")
	date := fs.String("date", "", "the transcript's date (YYYY-MM-DD), instead of what the file says")
	source := fs.String("source-url", "", "the transcript's source URL, instead of what the file says")
	if done, err := parseFlags(fs, args); done {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError{"ingest needs at least one file or folder"}
	}
	if *date != "" {
		if _, err := time.Parse("2006-01-02", *date); err != nil {
			return usageError{fmt.Sprintf("--date %q is not a date like 2022-01-21", *date)}
		}
	}
	files, passedOver, errs := collectFiles(fs.Args())
	for _, err := range errs {
		fmt.Fprintln(c.stderr, "error:", err)
	}
	if len(passedOver) > 0 {
		fmt.Fprintf(c.stderr, "passed over %d file(s) in folders that are not transcripts (README, licence, data or media files), e.g. %s\n", len(passedOver), passedOver[0])
	}
	if len(files) == 0 {
		return fmt.Errorf("no files to ingest")
	}
	store, dir, err := c.openData(ctx, *data)
	if err != nil {
		return err
	}
	defer store.Close()

	var added, skipped, failed, passages int
	cannotWrite, untried := false, 0 // a full disk stops the ingest
	progress := newProgress(c.stderr, len(files), c.getenv)
files:
	for i, path := range files {
		if ctx.Err() != nil {
			fmt.Fprintln(c.stderr, "interrupted: every transcript stored so far is complete")
			break
		}
		n, size, err := ingestFile(ctx, store, path, *title, *date, *source, c)
		progress.step(size)
		switch {
		case errors.Is(err, retrieval.ErrDuplicate):
			skipped++
			progress.printf("skipped %s: %v\n", path, err)
		case errors.Is(err, retrieval.ErrWrite):
			// A full disk fails every file after this one too.
			failed++
			progress.printf("error: %s: %v\n", path, err)
			cannotWrite, untried = true, len(files)-i-1
			break files
		case err != nil:
			failed++
			progress.printf("error: %s: %v\n", path, err)
		default:
			added++
			passages += n
		}
	}
	progress.done()
	if added > 0 {
		saveIndex(ctx, c, store)
	}
	fmt.Fprintf(c.stderr, "ingested %d transcript(s), %d passages; %d skipped as already stored; %d failed. Data folder: %s\n",
		added, passages, skipped, failed, dir)
	if cannotWrite {
		return fmt.Errorf("stopped: the data folder cannot be written; %d file(s) not tried. Free some space (or fix the folder's permissions) and run the same command again: the transcripts already stored are skipped", untried)
	}
	if added == 0 && skipped == 0 {
		return errSilent
	}
	return nil
}

// saveIndex saves the search index with the data, so that questions do not
// each build it (a second on the archive). Failing only costs that time.
func saveIndex(ctx context.Context, c *cli, store *retrieval.Store) {
	if err := store.WriteIndex(ctx); err != nil {
		fmt.Fprintf(c.stderr, "warning: the search index was not saved; each question will build it: %v\n", err)
	}
}

// ingestFile parses one file and stores it, returning its passage count
// and size.
func ingestFile(ctx context.Context, store *retrieval.Store, path, title, date, source string, c *cli) (int, int64, error) {
	info, err := os.Stat(path)
	if err != nil {
		return 0, 0, err
	}
	if info.Size() > ingest.MaxFileSize {
		return 0, info.Size(), fmt.Errorf("%w (%d MB): not a transcript?", ingest.ErrTooLarge, info.Size()>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, info.Size(), err
	}
	doc, err := ingest.Parse(path, data)
	if err != nil {
		return 0, info.Size(), err
	}
	if title != "" {
		doc.Title = title
	}
	if date != "" {
		doc.Date = date
	}
	if source != "" {
		doc.SourceURL = source
	}
	for _, w := range doc.Warnings {
		fmt.Fprintf(c.stderr, "warning: %s: %s\n", path, w)
	}
	t, ps := ingest.Passages(doc)
	t.Path = path
	if abs, err := filepath.Abs(path); err == nil {
		// Absolute, so that 'remove PATH' finds it from any folder.
		t.Path = abs
	}
	if err := store.Add(ctx, t, ps); err != nil {
		return 0, info.Size(), err
	}
	return len(ps), info.Size(), nil
}

// collectFiles expands folders into the files under them, sorted, skipping
// hidden files and folders.
func collectFiles(paths []string) (files, skipped []string, errs []error) {
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, err)
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				if transcriptFile(d.Name()) {
					found = append(found, path)
				} else {
					skipped = append(skipped, path)
				}
			}
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, skipped, errs
}

// notTranscripts are the files a folder of transcripts also holds.
var notTranscripts = regexp.MustCompile(`(?i)^(readme|license|licence|copying|notice|notes?|changelog|provenance|sources?|authors|contributing)([-_.][a-z0-9._-]*)?$|\.(json|jsonl|tsv|csv|yaml|yml|toml|go|py|js|sh|png|jpe?g|gif|webp|svg|pdf|zip|gz|tgz|bz2|xz|mp3|mp4|m4a|wav|mov|docx?|xlsx?|pptx?|exe|bin|db|sqlite)$`)

// transcriptFile reports whether a file met in a folder walk may be a
// transcript. Files named on the command line are always read; in folders,
// READMEs, licences, data and media files are passed over (and counted).
func transcriptFile(name string) bool {
	return !notTranscripts.MatchString(name)
}
