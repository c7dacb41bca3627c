package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"golang.org/x/term"
)

// logger builds the slog logger of the long-running commands: text on a
// terminal, JSON otherwise (for log collectors), unless told.
func (c *cli) logger(format, level string) (*slog.Logger, error) {
	format = strings.ToLower(firstNonEmpty(format, c.getenv("ONRECORD_LOG_FORMAT")))
	level = strings.ToLower(firstNonEmpty(level, c.getenv("ONRECORD_LOG_LEVEL"), "info"))
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("log level %q (--log-level or ONRECORD_LOG_LEVEL): want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "":
		if isTerminal(c.stderr) {
			return slog.New(slog.NewTextHandler(c.stderr, opts)), nil
		}
		return slog.New(slog.NewJSONHandler(c.stderr, opts)), nil
	case "text":
		return slog.New(slog.NewTextHandler(c.stderr, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(c.stderr, opts)), nil
	}
	return nil, fmt.Errorf("log format %q (--log-format or ONRECORD_LOG_FORMAT): want text or json", format)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
