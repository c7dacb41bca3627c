package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/onrecord/onrecord/verify"
)

func runVerify(ctx context.Context, c *cli, args []string) error {
	fs := newFlags(c, "verify", `verify [--data DIR] [--json] [--all] CLAIM

Says whether the words of CLAIM were said: verbatim (they appear in order
in one speaker's turn), close (a paraphrase or misquote of words that were
said: the real words are shown, with the differences marked) or not_found;
and who said them, in answer to whom, where and when.`)
	data := dataFlag(fs)
	asJSON := fs.Bool("json", false, "print the verdict as JSON (the format in DESIGN.md)")
	all := fs.Bool("all", false, "list every place the words (or close ones) were said")
	if done, err := parseFlags(fs, args); done {
		return err
	}
	claim := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if claim == "" {
		fs.Usage()
		return usageError{"verify needs the words to check, e.g. onrecord verify \"We're not proceeding on the basis of emotion.\""}
	}
	store, release, err := c.openReadable(ctx, *data)
	if err != nil {
		return err // a configuration error is said first
	}
	defer release()
	if verify.TooShort(claim) {
		return usageError{fmt.Sprintf("%q is too short to check: give the words of the quote, at least %d of them not common words like \"the\" or \"we\"", claim, verify.MinContentWords)}
	}
	v := verify.New(store.Passages())
	if *all {
		results := v.All(ctx, claim, 20)
		if *asJSON {
			return writeJSON(c, results)
		}
		for i, r := range results {
			if i > 0 {
				c.stdout.Write([]byte("\n"))
			}
			if err := verify.WriteText(c.stdout, r); err != nil {
				return err
			}
		}
		if len(results) == 0 {
			return verify.WriteText(c.stdout, v.Verify(ctx, claim))
		}
		return nil
	}
	r := v.Verify(ctx, claim)
	if *asJSON {
		return writeJSON(c, r)
	}
	return verify.WriteText(c.stdout, r)
}

func writeJSON(c *cli, v any) error {
	enc := json.NewEncoder(c.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
