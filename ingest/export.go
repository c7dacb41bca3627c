package ingest

import (
	"regexp"
	"strings"
)

// Meeting-tool exports put each speaker's block under a header line:
//
//	[Johnny Doe] 11:02:09         Zoom "save transcript"
//	Speaker 1  0:03               Otter (name, two or more spaces, time)
//	Janet Dough (01:02):  words   Rev (words on the same line or the next)
//	Janet Dough: (01:02)          Rev's published transcripts
var (
	zoomHeader  = regexp.MustCompile(`^\[([^\]\n]{1,80})\] \d{1,2}:\d{2}(?::\d{2})?\s*$`)
	otterHeader = regexp.MustCompile(`^(\S[^\n:\[\]]{0,59}?)\s{2,}\d{1,2}:\d{2}(?::\d{2})?\s*$`)
	revHeader   = regexp.MustCompile(`^([^\s:\[\]][^\n:\[\]]{0,59}?) \(\d{1,2}:\d{2}(?::\d{2})?\):(?:\s+(.*))?$`)
	revHeader2  = regexp.MustCompile(`^([^\s:\[\]][^\n:\[\]]{0,59}?): \(\d{1,2}:\d{2}(?::\d{2})?\)\s*$`)
)

// parseExport parses a meeting tool's transcript export (Zoom, Otter, Rev):
// a header line naming the speaker and a time, then the words. Consecutive
// blocks by the same speaker make one turn; a block that continues a
// sentence the previous block left open joins its paragraph. Lines above
// the first block are dropped, the first of them taken as the title.
func parseExport(text string) (*Document, error) {
	doc := &Document{Format: "export"}
	var (
		label   string
		inBlock bool
		para    []string // lines of the paragraph being read
		front   []string // lines before the first header
		blank   bool     // a blank line since the paragraph's last line
	)
	flush := func() {
		if !inBlock {
			return
		}
		addParagraph(doc, label, strings.Join(para, " "), true)
		para = para[:0]
	}
	for _, line := range strings.Split(text, "\n") {
		name, rest, ok := exportHeader(line)
		if ok {
			flush()
			label, inBlock, blank = name, true, false
			if rest != "" {
				para = append(para, rest)
			}
			continue
		}
		if !inBlock {
			if strings.TrimSpace(line) != "" {
				front = append(front, line)
			}
			continue
		}
		if strings.TrimSpace(line) == "" {
			blank = true
			continue
		}
		if blank && len(para) > 0 {
			// A blank line inside a block ends a paragraph.
			addParagraph(doc, label, strings.Join(para, " "), false)
			para = para[:0]
		}
		blank = false
		para = append(para, line)
	}
	flush()
	// Otter and Rev put the meeting's title (and date) above the first
	// block: keep them as metadata, never as anyone's words.
	if len(front) > 0 {
		if t := oneSpaced(front[0]); len(t) <= 150 {
			doc.Title = t
		}
		doc.Date = textDate(strings.Join(front, "\n"))
		doc.Dropped = append(doc.Dropped, oneSpaced(strings.Join(front, " ")))
	}
	if len(doc.Turns) == 0 {
		return nil, ErrNoText
	}
	return doc, nil
}

// exportHeader reports whether line is a block header and returns the
// speaker's name and any words that follow the header on the same line.
func exportHeader(line string) (name, rest string, ok bool) {
	line = strings.TrimRight(line, " \t\u00a0")
	if m := zoomHeader.FindStringSubmatch(line); m != nil {
		return oneSpaced(m[1]), "", oneSpaced(m[1]) != ""
	}
	if m := revHeader.FindStringSubmatch(line); m != nil {
		return oneSpaced(m[1]), m[2], true
	}
	if m := revHeader2.FindStringSubmatch(line); m != nil {
		return oneSpaced(m[1]), "", true
	}
	if m := otterHeader.FindStringSubmatch(line); m != nil {
		return oneSpaced(m[1]), "", true
	}
	return "", "", false
}

// The helpers below are shared by the format parsers (export, WebVTT, SRT,
// hearing).

// oneSpaced collapses every run of white space (including U+00A0 and the
// other Unicode spaces) into one ASCII space and trims the ends.
func oneSpaced(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// maxJoinedParagraph bounds the paragraphs addParagraph grows by joining
// (a file without sentence ends would otherwise be one quadratic paragraph).
const maxJoinedParagraph = 4000

// addParagraph appends text to doc as a paragraph of a turn by label. A
// different label than the last turn's starts a new turn. With join, text
// continues the last paragraph when that paragraph ends mid-sentence;
// otherwise it starts a new paragraph. Blank text is ignored.
func addParagraph(doc *Document, label, text string, join bool) {
	text = oneSpaced(text)
	if text == "" {
		return
	}
	n := len(doc.Turns)
	if n == 0 || doc.Turns[n-1].Label != label {
		doc.Turns = append(doc.Turns, Turn{Label: label, Paragraphs: []string{text}})
		return
	}
	t := &doc.Turns[n-1]
	last := len(t.Paragraphs) - 1
	if join && !endsSentence(t.Paragraphs[last]) && len(t.Paragraphs[last]) < maxJoinedParagraph {
		t.Paragraphs[last] += " " + text
		return
	}
	t.Paragraphs = append(t.Paragraphs, text)
}

// endsSentence reports whether s ends with sentence-final punctuation,
// possibly followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \"'”’)]")
	if s == "" {
		return true
	}
	switch {
	case strings.HasSuffix(s, "."), strings.HasSuffix(s, "?"), strings.HasSuffix(s, "!"),
		strings.HasSuffix(s, "…"), strings.HasSuffix(s, "—"), strings.HasSuffix(s, "--"):
		return true
	}
	return false
}
