// Command onrecord answers questions about what was said at press
// conferences, briefings, hearings and interviews with verbatim, attributed
// quotes, and says whether a claimed quote was said. See README.md.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal, a second one ends the program at once
	// instead of waiting for the graceful shutdown.
	go func() {
		<-ctx.Done()
		stop()
	}()
	err := run(ctx, os.Args, os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		var u usageError
		if errors.As(err, &u) {
			fmt.Fprintln(os.Stderr, "onrecord:", err)
			os.Exit(2)
		}
		if !errors.Is(err, errSilent) {
			fmt.Fprintln(os.Stderr, "onrecord:", err)
		}
		os.Exit(1)
	}
}

// usageError is a mistake in how onrecord was called; it exits 2.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

// errSilent ends the program with a failure whose reason was already
// printed.
var errSilent = errors.New("failed")

// env is how configuration reaches commands: flags first, then these
// variables (os.Getenv in production, a map in tests).
type env func(string) string

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, c *cli, args []string) error
}

// cli carries what every command needs: where to write and the
// environment. Nothing here is global.
type cli struct {
	getenv env
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// discordClient, when set, carries every Discord session's REST calls
	// (the gateway session's, command registration's and serve's edits of
	// deferred replies); tests point it at a fake Discord. nil means
	// discordgo's default client.
	discordClient *http.Client
}

var commands = []command{
	{"ask", "answer a question with verbatim, attributed quotes", runAsk},
	{"verify", "say whether a quote was said, by whom, and what was really said", runVerify},
	{"ingest", "add transcript files or folders to the data folder", runIngest},
	{"transcripts", "list the stored transcripts", runTranscripts},
	{"remove", "remove transcripts from the data folder", runRemove},
	{"passages", "list (export) the stored passages", runPassages},
	{"reindex", "re-embed every passage with the configured embedder", runReindex},
	{"bot", "run the Discord bot over the gateway (DISCORD_TOKEN)", runBot},
	{"serve", "serve Discord's HTTP interactions endpoint (DISCORD_PUBLIC_KEY)", runServe},
	{"version", "print the version", runVersion},
}

// version is stamped at build time: -ldflags "-X main.version=v1.2.3".
var version = "dev"

func run(ctx context.Context, args []string, getenv env, stdin io.Reader, stdout, stderr io.Writer) error {
	c := &cli{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	return c.run(ctx, args)
}

// run runs the command args name (args[0] is the program).
func (c *cli) run(ctx context.Context, args []string) error {
	if len(args) < 2 {
		c.usage(c.stderr)
		return usageError{"no command given"}
	}
	name := args[1]
	switch name {
	case "-h", "-help", "--help", "help":
		c.usage(c.stdout)
		return nil
	case "-v", "--version":
		name = "version"
	}
	for _, cmd := range commands {
		if cmd.name == name {
			return cmd.run(ctx, c, args[2:])
		}
	}
	c.usage(c.stderr)
	return usageError{fmt.Sprintf("unknown command %q", name)}
}

func (c *cli) usage(w io.Writer) {
	fmt.Fprint(w, `onrecord answers questions about transcripts of press conferences, briefings,
hearings and interviews with verbatim, attributed quotes.

Usage:
  onrecord <command> [flags] [arguments]

Commands:
`)
	for _, cmd := range commands {
		fmt.Fprintf(w, "  %-12s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprint(w, `
Examples:
  onrecord ask "What did Blinken say about Iran?"
  onrecord verify "We're not proceeding on the basis of emotion."
  onrecord ingest ./transcripts
  onrecord ask --speaker psaki --since 2022-01-01 "inflation"

Run 'onrecord <command> --help' for a command's flags.
With no transcripts ingested, ask and verify answer from a built-in sample
(Secretary Blinken's press availability in Geneva, 21 January 2022).
`)
}

func runVersion(_ context.Context, c *cli, _ []string) error {
	fmt.Fprintln(c.stdout, "onrecord", version)
	return nil
}
