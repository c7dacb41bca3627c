package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// MaxFileSize is the largest transcript Parse accepts. The longest real
// transcripts (multi-day hearings) are a few megabytes; anything far bigger
// is almost certainly not a transcript, and refusing it keeps memory bounded.
const MaxFileSize = 64 << 20

// Errors Parse returns; callers match them with errors.Is.
var (
	ErrEmpty    = errors.New("file is empty")
	ErrBinary   = errors.New("file is binary, not a text transcript")
	ErrTooLarge = fmt.Errorf("file is larger than %d MB", MaxFileSize>>20)
	// ErrNoText means the file held markup or cues but no words.
	ErrNoText = errors.New("file holds no transcript text")
)

// Parse reads one transcript file: it detects the format from the content
// (the name is only a hint), parses it into turns, cleans them, assigns roles
// and display names, and attributes each answer to its question and the
// reporter who asked.
func Parse(name string, data []byte) (*Document, error) {
	text, warnings, err := decode(data)
	if err != nil {
		return nil, err
	}
	doc, err := parseText(name, text)
	if err != nil {
		return nil, err
	}
	doc.Warnings = append(warnings, doc.Warnings...)
	doc.Title = titleText(doc.Title)
	if doc.Date == "" {
		// "sd_2022-06-02_department-press-briefing.txt"
		doc.Date = fileDateRE.FindString(filepath.Base(name))
	}
	if doc.Title == "" {
		doc.Title = titleFromName(name)
	}
	finish(doc)
	if len(doc.Turns) == 0 {
		return nil, ErrNoText
	}
	return doc, nil
}

// decode checks that data is a text file and returns it as UTF-8 with Unix
// line endings. Invalid UTF-8 is read as Windows-1252, the usual culprit,
// with a warning, rather than refused.
func decode(data []byte) (string, []string, error) {
	if len(data) > MaxFileSize {
		return "", nil, ErrTooLarge
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // byte-order mark
	if len(bytes.TrimSpace(data)) == 0 {
		return "", nil, ErrEmpty
	}
	if looksBinary(data) {
		return "", nil, ErrBinary
	}
	var warnings []string
	if !utf8.Valid(data) {
		decoded, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return "", nil, fmt.Errorf("not valid UTF-8: %w", err)
		}
		data = decoded
		warnings = append(warnings, "not valid UTF-8: read as Windows-1252")
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	return text, warnings, nil
}

// looksBinary reports whether the first few kilobytes hold NUL bytes or
// mostly control characters.
func looksBinary(data []byte) bool {
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	control := 0
	for _, b := range head {
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' {
			control++
		}
	}
	return control*10 > len(head)
}

var (
	fileDateRE   = regexp.MustCompile(`(19|20)\d\d-[01]\d-[0-3]\d`)
	srtStart     = regexp.MustCompile(`^\d+\s*\n\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->`)
	htmlStart    = regexp.MustCompile(`(?is)^\s*(<\?xml|<!doctype|<html|<head[\s>]|<item|<rss|<feed|<body|<div|<p[\s>]|<pre|<article|<!--.*?-->\s*(<!doctype|<html))`)
	exportLineRE = regexp.MustCompile(`(?m)^(?:(?:\[[^\]\n]{1,80}\] \d{1,2}:\d{2}(?::\d{2})?|[^\n:\[\]]{1,60}?\s{2,}\d{1,2}:\d{2}(?::\d{2})?|[^\n:\[\]]{1,60}?: \(\d{1,2}:\d{2}(?::\d{2})?\))\s*$|[^\n:\[\]]{1,60}? \(\d{1,2}:\d{2}(?::\d{2})?\):(?:\s|$))`)
	hearingLine  = regexp.MustCompile(`(?m)^ {2,6}(Mr|Ms|Mrs|Dr|Chairman|Chairwoman|Senator|Representative|General|Admiral|Secretary)\.? [A-Z][A-Za-z'-]+\. \S`)
)

// countLines counts, up to limit, the lines of text that re matches,
// testing only the lines that pass the cheap filter: scanning megabytes with
// multi-line expressions is what made detection slow.
func countLines(text string, re *regexp.Regexp, filter func(string) bool, limit int) int {
	n := 0
	for len(text) > 0 && n < limit {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		if filter(line) && re.MatchString(line+"\n") {
			n++
		}
	}
	return n
}

// mayBeHearingLine: "    Mr. Shays. text" is indented two to six spaces.
func mayBeHearingLine(line string) bool {
	return len(line) > 8 && line[0] == ' ' && line[1] == ' ' && strings.TrimLeft(line, " ") != "" && len(line)-len(strings.TrimLeft(line, " ")) <= 6
}

// mayBeExportLine: a speaker line of an export is short and holds a time.
func mayBeExportLine(line string) bool {
	return len(line) < 120 && strings.IndexByte(line, ':') > 0 && strings.ContainsAny(line, "0123456789")
}

// parseText detects the format of decoded text and parses it.
func parseText(name string, text string) (*Document, error) {
	trimmed := strings.TrimLeft(text, " \t\n")
	switch {
	case strings.HasPrefix(trimmed, "WEBVTT"):
		return parseVTT(text)
	case srtStart.MatchString(trimmed):
		return parseSRT(text)
	case htmlStart.MatchString(trimmed):
		page, err := parseHTML(text)
		if err != nil {
			return nil, err
		}
		doc, err := parseText(name, page.Text)
		if err != nil {
			return nil, err
		}
		doc.Format = "html"
		if page.Title != "" {
			// The page's own title names the event; the text's first
			// lines are often a byline ("Office of the Spokesperson").
			doc.Title = page.Title
		}
		if doc.Date == "" {
			doc.Date = page.Date
		}
		if doc.SourceURL == "" {
			doc.SourceURL = page.SourceURL
		}
		return doc, nil
	case countLines(text, hearingLine, mayBeHearingLine, 3) >= 3:
		return parseHearing(text)
	case countLines(text, exportLineRE, mayBeExportLine, 2) >= 2:
		return parseExport(text)
	default:
		return parseLabelled(text)
	}
}

// titleFromName makes a title of a file's name, for files that carry none
// (captions, exports): "town-hall_2023.vtt" → "town hall 2023".
func titleFromName(name string) string {
	base := filepath.Base(name)
	for ext := filepath.Ext(base); ext != "" && len(base) > len(ext); ext = filepath.Ext(base) {
		base = strings.TrimSuffix(base, ext)
	}
	base = strings.Join(strings.FieldsFunc(base, func(r rune) bool { return r == '_' || r == '-' || r == ' ' }), " ")
	if base == "" || base == "." {
		return ""
	}
	return base
}
