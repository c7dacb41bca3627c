package ingest

import (
	"fmt"
	"strings"

	"github.com/asticode/go-astisub"
)

// parseSRT parses SubRip subtitles. SRT has no voice tags: a speaker is
// named by "Name:" at the start of a cue (see nameCues) and holds until
// the next; a file that names no one is one turn of an unknown speaker
// (with a warning). Cues are joined into paragraphs at sentence ends and
// pauses.
func parseSRT(text string) (*Document, error) {
	doc := &Document{Format: "srt"}
	cues, err := readSRT(text)
	if err != nil || len(cues) == 0 {
		cues = scanCues(text)
		for i := range cues {
			for j := range cues[i].lines {
				cues[i].lines[j].voice = "" // SRT has no voices
			}
		}
		if err != nil && len(cues) > 0 {
			doc.Warnings = append(doc.Warnings, fmt.Sprintf(tolerantWarning, err))
		}
	}
	return cuesDocument(doc, cues)
}

// readSRT reads text with astisub.
func readSRT(text string) (cues []cue, err error) {
	// astisub indexes past the end of some malformed timing lines: a
	// panic there is a file it cannot read, not a crash.
	defer func() {
		if r := recover(); r != nil {
			cues, err = nil, fmt.Errorf("read srt: astisub failed: %v", r)
		}
	}()
	if longLine(text) {
		return nil, fmt.Errorf("a line is longer than %d bytes", maxLibLine)
	}
	subs, err := astisub.ReadFromSRT(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("read srt: %w", err)
	}
	cues = make([]cue, 0, len(subs.Items))
	for _, it := range subs.Items {
		c := cue{start: it.StartAt, end: it.EndAt}
		for _, l := range it.Lines {
			// astisub trims each styled run: put a space back between runs.
			parts := make([]string, 0, len(l.Items))
			for _, li := range l.Items {
				parts = append(parts, li.Text)
			}
			c.lines = append(c.lines, cueLine{text: unescapeCue(strings.Join(parts, " "))})
		}
		cues = append(cues, c)
	}
	return cues, nil
}
