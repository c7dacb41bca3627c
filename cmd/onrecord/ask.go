package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/onrecord/onrecord/retrieval"
)

func runAsk(ctx context.Context, c *cli, args []string) error {
	fs := newFlags(c, "ask", `ask [--data DIR] [--json] [--k N] [--speaker S] [--transcript T] [--since D] [--until D] QUESTION

Answers a question with the transcripts' own words: the best few quotes,
verbatim, with who said them, who asked, where and when. When nothing in
the transcripts addresses the question it says so, and shows the closest
passages as such. A question that checks a claim ("Did Psaki say the cat
would be named Willow?", "Who said…") is answered only where most of the
claim's words, and all its figures, were said; otherwise it says no
transcript has them saying that. With no transcripts ingested it answers
from the built-in sample.`)
	data := dataFlag(fs)
	asJSON := fs.Bool("json", false, "print the answer as JSON (the format in DESIGN.md)")
	k := fs.Int("k", 3, "how many quotes to show (1-20)")
	speaker := fs.String("speaker", "", "only quotes by speakers whose name or label contains this")
	transcript := fs.String("transcript", "", "only transcripts whose id or title contains this")
	since := fs.String("since", "", "only transcripts dated on or after this day (YYYY-MM-DD)")
	until := fs.String("until", "", "only transcripts dated on or before this day (YYYY-MM-DD)")
	noLLM := fs.Bool("no-llm", false, "never use a language model, even if one is configured")
	if done, err := parseFlags(fs, args); done {
		return err
	}
	question := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if question == "" {
		fs.Usage()
		return usageError{"ask needs a question, e.g. onrecord ask \"What did Blinken say about Iran?\""}
	}
	if *k < 1 || *k > 20 {
		return usageError{fmt.Sprintf("--k %d: choose between 1 and 20 quotes", *k)}
	}
	for name, d := range map[string]string{"--since": *since, "--until": *until} {
		if d != "" {
			if _, err := time.Parse("2006-01-02", d); err != nil {
				return usageError{fmt.Sprintf("%s %q is not a date like 2022-01-21", name, d)}
			}
		}
	}
	if *since != "" && *until != "" && *since > *until {
		return usageError{fmt.Sprintf("--since %s is after --until %s", *since, *until)}
	}
	store, release, err := c.openReadable(ctx, *data)
	if err != nil {
		return err
	}
	defer release()
	q := retrieval.Query{Question: question, K: *k, Speaker: *speaker, Transcript: *transcript, Since: *since, Until: *until}
	ans, err := retrieval.NewSearcher(store).Ask(ctx, q)
	if errors.Is(err, retrieval.ErrQuestionTooLong) || errors.Is(err, retrieval.ErrEmptyQuestion) {
		return usageError{err.Error() + ": ask one question, in a sentence or two"}
	}
	if err != nil {
		return err
	}
	if !*noLLM {
		ans = c.withLanguageModel(ctx, store, ans)
	}
	if *asJSON {
		if ans.Answer == "" && ans.Unquoted != "" && len(ans.Quotes) > 0 {
			// The JSON has no field of its own for it: a script must
			// still learn that the quotes are not the named speaker's.
			ans.Answer = retrieval.UnquotedNote(ans.Unquoted)
		}
		enc := json.NewEncoder(c.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(ans)
	}
	writeAnswer(c.stdout, ans, func(id string) string {
		p, _ := store.Passage(id)
		return p.Role
	})
	return nil
}

// writeAnswer prints an answer as the bot would show it; roleOf gives the
// role of a quoted passage's speaker.
func writeAnswer(w io.Writer, a retrieval.Answer, roleOf func(passageID string) string) {
	if a.Answer != "" {
		fmt.Fprintln(w, a.Answer)
		fmt.Fprintln(w)
	}
	quotes := a.Quotes
	if a.Abstained {
		quotes = a.Closest
		if len(quotes) > 0 {
			fmt.Fprintln(w, "Closest passages (not an answer):")
			fmt.Fprintln(w)
		}
	} else if a.Unquoted != "" && len(quotes) > 0 {
		fmt.Fprintln(w, retrieval.UnquotedNote(a.Unquoted))
		fmt.Fprintln(w)
	}
	for i, q := range quotes {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%d. “%s”\n", i+1, q.Text)
		fmt.Fprintf(w, "   — %s", speakerName(q.Speaker, roleOf(q.PassageID)))
		if q.AskedBy != nil {
			fmt.Fprintf(w, ", in answer to %s", *q.AskedBy)
		} else if q.Question != "" {
			fmt.Fprint(w, ", in answer to a reporter")
		}
		fmt.Fprintln(w)
		where := q.Transcript
		if q.Date != "" {
			where += ", " + q.Date
		}
		fmt.Fprintf(w, "   %s, %s\n", where, paragraphs(q.Paragraphs))
		if q.Question != "" {
			fmt.Fprintf(w, "   Q: %s\n", shorten(q.Question, 160))
		}
		if q.SourceURL != "" {
			fmt.Fprintf(w, "   %s\n", q.SourceURL)
		}
	}
}

// speakerName is how a passage's speaker is shown: the transcript's own
// name, "a reporter" for an unnamed reporter, else that no one is named.
// Text the transcript gives to no speaker (a press release read into it,
// a file with no labels) is never shown as anyone's words.
func speakerName(s, role string) string {
	switch {
	case s != "":
		return s
	case role == retrieval.RoleReporter:
		return "a reporter (not named in the transcript)"
	default:
		return "no speaker named in the transcript"
	}
}

func paragraphs(ps []int) string {
	switch len(ps) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("¶%d", ps[0])
	}
	return fmt.Sprintf("¶%d–%d", ps[0], ps[len(ps)-1])
}

// shorten cuts s at a word boundary to at most n characters, marking the cut.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut <= 0 {
		cut = n
	}
	return s[:cut] + " …"
}
