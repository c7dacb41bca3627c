package ingest

import (
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/asticode/go-astisub"
)

// noSpeakersWarning is the warning of a file whose speakers are not named.
const noSpeakersWarning = "no speakers recognised: ingested as one unknown speaker"

// tolerantWarning is the warning of a subtitle file that its library
// parser refused.
const tolerantWarning = "subtitles not well formed (%v): read line by line"

// cue is one timed caption, its lines in order.
type cue struct {
	start, end time.Duration
	lines      []cueLine
}

// cueLine is a caption line's text and the voice (speaker) its <v> tag
// names, "" when the line has none.
type cueLine struct {
	voice string
	text  string
}

// Cues of one speaker are joined into paragraphs: a new paragraph starts
// at the end of a sentence once the paragraph holds paraCues cues or the
// speaker paused more than paraGap, and after maxParaCues cues in any case.
const (
	paraCues    = 6
	maxParaCues = 15
	paraGap     = 2 * time.Second
)

var (
	// voiceTag is a WebVTT voice span's start tag: <v Name>, <v.class Name>.
	voiceTag = regexp.MustCompile(`<v(?:\.[^\s>]*)?(?:\s+([^>]*))?>`)
	// midLineVoice finds voice tags that do not start their line, so that
	// each ends up at the start of a line of its own.
	midLineVoice = regexp.MustCompile(`(?m)(\S[^\n]*?)[ \t]*(<v[\s.>])`)
	anyTag       = regexp.MustCompile(`</?[A-Za-z][^>\n]*>|<\d{1,2}:\d{2}(?::\d{2})?\.\d{3}>`)
	soundOnly    = regexp.MustCompile(`^\[[^\]]*\]$`)
	// cueName is a speaker's name and a colon starting a caption line:
	// "Chief Wiggum: We will…", "MAYOR PAXTON: Good evening", "Speaker 1:",
	// after a broadcast caption's ">>" or a dialogue dash.
	cueName = regexp.MustCompile(`^(?:(?:>>|-)[ \t]*)?([\p{Lu}][\p{L}'’.\-]*(?:[ \t]+[\p{Lu}0-9][\p{L}0-9'’.\-]*){0,3})[ \t]*:[ \t]+`)
)

// parseVTT parses WebVTT captions. A <v Name> tag names the speaker until
// the next one (files often tag only a turn's first cue and never close
// the span); consecutive cues of one speaker make one turn. Styling spans,
// NOTE blocks and cue settings are dropped; cues that are only a sound
// description ("[ music ]") go to Dropped. Without any voice tag the file
// is one turn of an unknown speaker, with a warning.
func parseVTT(text string) (*Document, error) {
	doc := &Document{Format: "webvtt"}
	cues, err := readVTT(text)
	if err != nil || len(cues) == 0 {
		cues = scanCues(text)
		if err != nil && len(cues) > 0 {
			doc.Warnings = append(doc.Warnings, fmt.Sprintf(tolerantWarning, err))
		}
	}
	return cuesDocument(doc, dropRollUp(cues))
}

// dropRollUp removes the repeated lines of roll-up captions (YouTube's
// automatic captions): when many cues begin with the line the previous cue
// ended with, that first line is a repeat, not new words. Files that do
// not roll up are left alone, so a word said twice is kept.
func dropRollUp(cues []cue) []cue {
	last := make([]string, len(cues))
	for i, c := range cues {
		for _, l := range c.lines {
			if t := oneSpaced(l.text); t != "" {
				last[i] = t
			}
		}
	}
	first := func(c cue) int {
		for j, l := range c.lines {
			if oneSpaced(l.text) != "" {
				return j
			}
		}
		return -1
	}
	repeats := 0
	for i := 1; i < len(cues); i++ {
		if j := first(cues[i]); j >= 0 && last[i-1] != "" && oneSpaced(cues[i].lines[j].text) == last[i-1] {
			repeats++
		}
	}
	if repeats < 3 || repeats*3 < len(cues) {
		return cues
	}
	out := make([]cue, len(cues))
	copy(out, cues)
	for i := 1; i < len(out); i++ {
		if j := first(cues[i]); j >= 0 && last[i-1] != "" && oneSpaced(cues[i].lines[j].text) == last[i-1] {
			lines := append([]cueLine(nil), cues[i].lines...)
			if lines[j].voice != "" && j+1 < len(lines) && lines[j+1].voice == "" {
				lines[j+1].voice = lines[j].voice // keep the speaker
			}
			out[i].lines = append(lines[:j], lines[j+1:]...)
		}
	}
	return out
}

// readVTT reads text with astisub.
func readVTT(text string) (cues []cue, err error) {
	// astisub indexes past the end of some malformed timing lines: a
	// panic there is a file it cannot read, not a crash.
	defer func() {
		if r := recover(); r != nil {
			cues, err = nil, fmt.Errorf("read webvtt: astisub failed: %v", r)
		}
	}()
	if longLine(text) {
		return nil, fmt.Errorf("a line is longer than %d bytes", maxLibLine)
	}
	// astisub keeps only a line's first voice tag (and logs the others):
	// give every voice tag a line of its own.
	text = midLineVoice.ReplaceAllString(text, "$1\n$2")
	subs, err := astisub.ReadFromWebVTT(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("read webvtt: %w", err)
	}
	cues = make([]cue, 0, len(subs.Items))
	for _, it := range subs.Items {
		c := cue{start: it.StartAt, end: it.EndAt}
		for _, l := range it.Lines {
			var b strings.Builder
			for _, li := range l.Items {
				b.WriteString(li.Text)
			}
			c.lines = append(c.lines, cueLine{voice: l.VoiceName, text: unescapeCue(b.String())})
		}
		cues = append(cues, c)
	}
	return cues, nil
}

// maxLibLine is the longest line astisub's scanner reads; beyond it, it
// stops silently, so such files go to the tolerant reader.
const maxLibLine = 60000

// longLine reports whether text has a line longer than maxLibLine.
func longLine(text string) bool {
	for len(text) > maxLibLine {
		i := strings.IndexByte(text, '\n')
		if i < 0 || i > maxLibLine {
			return true
		}
		text = text[i+1:]
	}
	return false
}

// unescapeCue decodes the character references astisub leaves in text.
func unescapeCue(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return html.UnescapeString(s)
}

// scanCues is a tolerant reader for WebVTT and SRT. A line holding "-->"
// starts a cue (blank lines between cues are not required; a numeric id
// just above a timing line is not text); the lines after it are the cue's
// text, up to a blank line. Lines outside cues (header, NOTE, STYLE
// blocks) are skipped.
func scanCues(text string) []cue {
	var cues []cue
	in := false
	for _, l := range strings.Split(text, "\n") {
		switch {
		case strings.Contains(l, "-->"):
			if n := len(cues); in && n > 0 {
				if m := len(cues[n-1].lines); m > 0 && isCueID(cues[n-1].lines[m-1].text) {
					cues[n-1].lines = cues[n-1].lines[:m-1]
				}
			}
			c := cue{}
			c.start, c.end = cueTimes(l)
			cues = append(cues, c)
			in = true
		case strings.TrimSpace(l) == "":
			in = false
		case in:
			n := len(cues) - 1
			cues[n].lines = append(cues[n].lines, splitVoices(l)...)
		}
	}
	return cues
}

// isCueID reports whether a line is a cue's number.
func isCueID(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// splitVoices cuts a caption line at its voice tags and strips the other
// tags.
func splitVoices(line string) []cueLine {
	var out []cueLine
	voice, from := "", 0
	for _, m := range voiceTag.FindAllStringSubmatchIndex(line, -1) {
		if s := line[from:m[0]]; strings.TrimSpace(s) != "" || voice != "" {
			out = append(out, cueLine{voice: voice, text: stripCueTags(s)})
		}
		voice = ""
		if m[2] >= 0 {
			voice = strings.TrimSpace(line[m[2]:m[3]])
		}
		from = m[1]
	}
	return append(out, cueLine{voice: voice, text: stripCueTags(line[from:])})
}

// stripCueTags removes markup from caption text and decodes references.
func stripCueTags(s string) string {
	return unescapeCue(anyTag.ReplaceAllString(s, ""))
}

// cueTimes reads a timing line's start and end leniently (zero when
// unreadable).
func cueTimes(line string) (start, end time.Duration) {
	parts := strings.SplitN(line, "-->", 2)
	start = cueTime(parts[0])
	if f := strings.Fields(parts[1]); len(f) > 0 {
		end = cueTime(f[0])
	}
	return start, end
}

// cueTime reads [hh:]mm:ss[.,]mmm; zero when unreadable.
func cueTime(s string) time.Duration {
	s = strings.TrimSpace(s)
	frac := time.Duration(0)
	if i := strings.IndexAny(s, ".,"); i >= 0 {
		ms := (s[i+1:] + "000")[:3]
		if n, err := strconv.Atoi(ms); err == nil {
			frac = time.Duration(n) * time.Millisecond
		}
		s = s[:i]
	}
	var d time.Duration
	for _, p := range strings.Split(s, ":") {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 1<<20 {
			return 0
		}
		d = d*60 + time.Duration(n)*time.Second
	}
	return d + frac
}

// cuesDocument turns cues into turns: the voice of a line holds until the
// next voice; one speaker spelled the same way up to case and spaces is one
// label; a stray voice (<v a>) is ignored. A line without a voice tag that
// starts with a speaker's name and a colon ("Chief Wiggum: …", see
// cueLabels) has that speaker's voice.
func cuesDocument(doc *Document, cues []cue) (*Document, error) {
	nameCues(cues)
	labels := map[string]string{} // normalised voice -> first spelling
	var (
		label   string
		voiced  bool
		lastEnd time.Duration
		paraCnt int
		started bool
	)
	for _, c := range cues {
		var segs []cueLine // the cue's text by speaker
		var parts [][]string
		for _, l := range c.lines {
			if v := oneSpaced(l.voice); !strayVoice(v) {
				key := strings.ToLower(v)
				if first, ok := labels[key]; ok {
					v = first
				} else {
					labels[key] = v
				}
				label, voiced = v, true
			}
			t := oneSpaced(l.text)
			if t == "" {
				continue
			}
			if n := len(segs); n > 0 && segs[n-1].voice == label {
				parts[n-1] = append(parts[n-1], t)
			} else {
				segs = append(segs, cueLine{voice: label})
				parts = append(parts, []string{t})
			}
		}
		for i := range segs {
			segs[i].text = strings.Join(parts[i], " ")
		}
		if len(segs) == 1 && soundOnly.MatchString(segs[0].text) {
			doc.Dropped = append(doc.Dropped, segs[0].text)
			continue
		}
		for _, s := range segs {
			n := len(doc.Turns)
			if n == 0 || doc.Turns[n-1].Label != s.voice {
				doc.Turns = append(doc.Turns, Turn{Label: s.voice, Paragraphs: []string{s.text}})
				paraCnt = 1
				continue
			}
			t := &doc.Turns[n-1]
			last := &t.Paragraphs[len(t.Paragraphs)-1]
			gap := c.start - lastEnd
			if paraCnt >= maxParaCues || (endsSentence(*last) && (paraCnt >= paraCues || (started && gap > paraGap))) {
				t.Paragraphs = append(t.Paragraphs, s.text)
				paraCnt = 1
				continue
			}
			*last += " " + s.text
			paraCnt++
		}
		lastEnd, started = c.end, true
	}
	if len(doc.Turns) == 0 {
		return nil, ErrNoText
	}
	if !voiced {
		doc.Warnings = append(doc.Warnings, noSpeakersWarning)
	}
	return doc, nil
}

// nameCues gives the caption lines that start with a speaker's name and a
// colon ("Chief Wiggum: We will…") that speaker's voice, the name cut from
// their words. A name counts where the captions make it one: used at the
// start of two lines, or in capitals in captions that are not all capitals
// ("MAYOR PAXTON:"), or of two words or more in captions that name
// speakers more than once ("Marge Simpson:" after "Chief Wiggum:"). A lone
// "Washington: the city…" or, in captions all in capitals, "AND HE SAID:"
// names no one.
func nameCues(cues []cue) {
	type use struct {
		line        *cueLine
		name, words string
	}
	var uses []use
	count := map[string]int{}
	lower := false // the captions are not all in capitals
	for i := range cues {
		for j := range cues[i].lines {
			l := &cues[i].lines[j]
			if !lower && strings.ToUpper(l.text) != l.text {
				lower = true
			}
			if l.voice != "" {
				continue
			}
			m := cueName.FindStringSubmatch(head(l.text))
			if m == nil {
				continue
			}
			name, words := oneSpaced(m[1]), strings.TrimSpace(l.text[len(m[0]):])
			if words == "" || notLabels[strings.ToUpper(strings.Trim(name, "."))] || !hasLetters(name, 2) {
				continue
			}
			count[name]++
			uses = append(uses, use{l, name, words})
		}
	}
	for _, u := range uses {
		upper := strings.ToUpper(u.name) == u.name
		if count[u.name] >= 2 || upper && lower || !upper && len(uses) >= 2 && len(strings.Fields(u.name)) >= 2 {
			u.line.voice, u.line.text = u.name, u.words
		}
	}
}

// strayVoice reports whether a voice name is no speaker: empty, no
// letters, or a lone lower-case letter (a stray <v a>; "Q" is a speaker).
func strayVoice(v string) bool {
	n, lower := 0, false
	for _, r := range v {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
			lower = unicode.IsLower(r)
		}
	}
	return n == 0 || n == 1 && lower
}
