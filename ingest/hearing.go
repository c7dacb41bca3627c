package ingest

import (
	"regexp"
	"strings"
	"unicode"
)

var (
	// hearingTurn is a turn's first line in GPO hearing text: indented,
	// a title and surname (or "The Chairman", "Voice"), a PERIOD, words.
	hearingTurn = regexp.MustCompile(`^ {2,6}((?:(?:Mr|Mrs|Ms|Miss|Dr)\.|Chairman|Chairwoman|Senator|Representative|General|Admiral|Secretary|Ambassador|Judge|Colonel|Governor|Commissioner|Director|Professor|Major|Captain|Sergeant|Reverend|Father|Sister) [A-Z][A-Za-z'’-]*(?: [A-Z][A-Za-z'’-]*)?|The (?:Chairman|Chairwoman|Chair|Clerk|Witness|Speaker|President|Vice President)|(?:A )?Voice(?:s)?)\.\s+(\S.*)$`)
	graphicLine = regexp.MustCompile(`^\s*\[GRAPHIC\]`)
	pageMarker  = regexp.MustCompile(`^\s*\[?\[Page [A-Z]?\d+\]\]?\s*$`)
	rule        = regexp.MustCompile(`^\s*(?:={5,}|_{5,}|-{5,})\s*$`)
	hyphenEnd   = regexp.MustCompile(`(?:^|[^A-Za-z-])([A-Za-z]+(?:-[A-Za-z]+)*)-$`)
	cutWord     = regexp.MustCompile(`[A-Za-z]-$`)
	wordStart   = regexp.MustCompile(`^[A-Za-z]+`)
)

// parseHearing parses a congressional hearing as the Government Publishing
// Office prints it: turns begin with an indented "Mr. Shays. " (title,
// surname, period); paragraphs begin indented. The front matter before the
// first turn (rosters, contents), [GRAPHIC] lines, page markers, centred
// headings, bracketed notes ("[Witnesses sworn.]") and material inserted
// for the record go to Dropped. Words hyphenated across lines are joined.
// The title and date come from the front matter.
func parseHearing(text string) (*Document, error) {
	doc := &Document{Format: "hearing"}
	words := wordCounts(text)
	var (
		front    []string
		started  bool
		label    string
		para     []string
		inserted bool // after "[... follows:]" or a heading: material, not words said
		held     bool // a blank line after a cut word
		opening  bool // para is a turn's first paragraph
	)
	flush := func() {
		if len(para) == 0 {
			return
		}
		p := oneSpaced(joinHearingLines(para, words))
		para = para[:0]
		first := opening
		opening = false
		switch {
		case p == "":
		case !hasAlnum(p):
			doc.Dropped = append(doc.Dropped, p)
		case strings.HasPrefix(p, "[") && strings.HasSuffix(p, "]"):
			doc.Dropped = append(doc.Dropped, p)
			if strings.HasSuffix(p, "follows:]") {
				inserted = true
			}
		case !first && isHeading(p):
			doc.Dropped = append(doc.Dropped, p)
			inserted = true
		case inserted:
			doc.Dropped = append(doc.Dropped, p)
		default:
			addParagraph(doc, label, p, false)
		}
	}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, " \t\u00a0")
		if m := hearingTurn.FindStringSubmatch(line); m != nil {
			flush()
			started, inserted, held = true, false, false
			label, opening = oneSpaced(m[1]), true
			para = append(para, m[2])
			continue
		}
		if !started {
			front = append(front, line)
			continue
		}
		switch {
		case pageMarker.MatchString(line):
			continue
		case graphicLine.MatchString(line):
			flush()
			doc.Dropped = append(doc.Dropped, strings.TrimSpace(line))
			continue
		case strings.TrimSpace(line) == "":
			// A page break can fall inside a hyphenated word ("veter-",
			// blank line, "ans"): hold the paragraph open.
			if n := len(para); n > 0 && cutWord.MatchString(para[n-1]) {
				held = true
				continue
			}
			flush()
			continue
		}
		if held {
			held = false
			if t := strings.TrimSpace(line); t == "" || !unicode.IsLower([]rune(t)[0]) {
				flush()
			} else {
				para = append(para, t)
				continue
			}
		}
		if indent := leadingSpaces(line); indent >= 2 {
			flush() // an indented line starts a paragraph
		}
		para = append(para, strings.TrimSpace(line))
	}
	flush()
	doc.Title, doc.Date = hearingHeader(front)
	for _, block := range strings.Split(strings.Join(front, "\n"), "\n\n") {
		if p := oneSpaced(block); p != "" {
			doc.Dropped = append(doc.Dropped, p)
		}
	}
	if len(doc.Turns) == 0 {
		return nil, ErrNoText
	}
	return doc, nil
}

// hearingHeader finds the title (the first block of capitals in the front
// matter, up to a rule or blank line) and the date ("TUESDAY, JANUARY 21,
// 1997") of a hearing.
func hearingHeader(front []string) (title, date string) {
	var block []string
	for _, l := range front {
		t := strings.TrimSpace(l)
		switch {
		case len(block) == 0 && (t == "" || strings.HasPrefix(t, "[")):
			continue
		case t == "" || rule.MatchString(t):
		default:
			block = append(block, t)
			continue
		}
		break
	}
	if s := oneSpaced(strings.Join(block, " ")); s != "" && !hasLower(s) && len(s) < 400 {
		title = s
	}
	all := strings.Join(front, "\n")
	if m := weekdayDate.FindStringSubmatch(all); m != nil {
		date = ymd(m[1], m[2], m[3])
	}
	if date == "" {
		date = textDate(all)
	}
	return title, date
}

// weekdayDate is a hearing's date line: "TUESDAY, JANUARY 21, 1997".
var weekdayDate = regexp.MustCompile(`(?i)\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),\s+(january|february|march|april|may|june|july|august|september|october|november|december)\s+(\d{1,2}),\s+(\d{4})\b`)

// joinHearingLines joins a paragraph's lines. A word hyphenated at a line
// end is joined without the hyphen when the document uses the joined word
// more than the hyphenated one ("veter-" "ans" -> "veterans"), and keeps
// the hyphen otherwise ("now-" "discredited" -> "now-discredited"); a line
// ending in a dash ("--") runs on without a space.
func joinHearingLines(lines []string, words map[string]int) string {
	var b strings.Builder
	for i, l := range lines {
		if i == 0 {
			b.WriteString(l)
			continue
		}
		prev := lines[i-1]
		switch {
		case strings.HasSuffix(prev, "--"):
		case strings.HasSuffix(prev, "-") && hyphenEnd.MatchString(prev) && wordStart.MatchString(l):
			left := hyphenEnd.FindStringSubmatch(prev)[1]
			right := wordStart.FindString(l)
			if !strings.Contains(left, "-") {
				joined := strings.ToLower(left + right)
				hyphened := strings.ToLower(left + "-" + right)
				if words[joined] > words[hyphened] {
					s := b.String()
					b.Reset()
					b.WriteString(s[:len(s)-1]) // drop the hyphen
				}
			}
		default:
			b.WriteByte(' ')
		}
		b.WriteString(l)
	}
	return b.String()
}

// wordCounts counts the words of text, lower-cased, hyphenated compounds
// as one word; a word cut at a line end ("veter-") is not counted.
func wordCounts(text string) map[string]int {
	counts := map[string]int{}
	isLetter := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	for i := 0; i < len(text); {
		if !isLetter(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && (isLetter(text[j]) || text[j] == '-' && j+1 < len(text) && isLetter(text[j+1])) {
			j++
		}
		if j < len(text) && text[j] == '-' && lineEndAt(text, j+1) {
			i = j + 1 // cut at the line end
			continue
		}
		counts[strings.ToLower(text[i:j])]++
		i = j
	}
	return counts
}

// lineEndAt reports whether only spaces and tabs lie between text[k:] and
// the end of its line.
func lineEndAt(text string, k int) bool {
	for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
		k++
	}
	return k == len(text) || text[k] == '\n'
}

// leadingSpaces counts the spaces a line begins with.
func leadingSpaces(s string) int {
	return len(s) - len(strings.TrimLeft(s, " "))
}

// isHeading reports whether p is a centred heading in capitals ("STATEMENTS
// OF KENNETH W. KIZER, M.D., ...").
func isHeading(p string) bool {
	n := 0
	for _, r := range p {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 12
}

// hasLower reports whether s holds a lower-case letter.
func hasLower(s string) bool {
	return strings.IndexFunc(s, unicode.IsLower) >= 0
}

// hasAlnum reports whether s holds a letter or digit.
func hasAlnum(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}
