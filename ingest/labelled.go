package ingest

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Labelled text is the common shape of official transcripts: each turn
// starts a paragraph with the speaker's label.
//
//	SECRETARY BLINKEN:  Good afternoon.            (State Department)
//	     MS. PSAKI:  Okay.  Well, happy Tuesday.   (White House, hard-wrapped Markdown)
//	     Q    Thank you, Jen.                      (White House reporters)
//
// A label is upper case and ends with a colon ("Q" needs none), or is a
// mixed-case name that labels at least two paragraphs ("Chairman Smith:").
// An upper-case label that ends in a full stop instead ("MR. KIRBY.  Thank
// you, Karine.", a typo the White House files have) counts where it cannot
// be a sentence: an honorific and a name followed by two spaces, or a label
// the transcript also writes with a colon.
// Labels only count at the start of a paragraph, so a hard-wrapped line that
// happens to start "Florida: I don't know" stays prose.
// The spaces after a label may be non-breaking ("Q\u00a0\u00a0\u00a0 Hi").
var (
	upperLabel = regexp.MustCompile(`^((?:[A-Z][A-Z'’\-]*\.?|[0-9]+)(?:[ \t]+(?:[A-Z][A-Z'’\-]*\.?|[0-9]+)){0,5})(?:[ \t]*\([^)\n]{1,40}\))?[ \t]*:(?:[ \t\x{00a0}]+|$)`)
	qLabel     = regexp.MustCompile(`^(Q|QUESTION|Q\.)(?:[ \t\x{00a0}]*:[ \t\x{00a0}]*|[ \t\x{00a0}]+|$)`)
	mixedLabel = regexp.MustCompile(`^([A-Z][a-z'’\-]+\.?(?:[ \t]+[A-Z][A-Za-z'’\-]*\.?){0,3})[ \t]*:[ \t]+`)
	// dottedLabel is an upper-case label ending in a full stop; the
	// second group is the white space after it.
	dottedLabel = regexp.MustCompile(`^([A-Z][A-Z'’\-]*\.?(?:[ \t]+[A-Z][A-Z'’\-]*\.?){0,5})\.([ \t\x{00a0}]+)`)
	// honorificName is "MR. KIRBY", "DR. NUNEZ-SMITH": a title and a
	// surname in capitals, never the start of a sentence.
	honorificName = regexp.MustCompile(`^(?:MR|MS|MRS|DR)\.[ \t]+[A-Z][A-Z'’\-]*[A-Z]$`)
	// typoTitleName is what follows a title typed with a colon: "MR:
	// ZIENTS:  So we are going…" is Mr. Zients.
	typoTitleName = regexp.MustCompile(`^([A-Z][A-Z'’\-]*[A-Z])[ \t]*:(?:[ \t\x{00a0}]+|$)`)
	mdEscape      = regexp.MustCompile(`\\([\\\[\]()*_#` + "`" + `.!<>{}+-])`)
)

// notLabels are upper-case words that end in a colon in prose or headers but
// never name a speaker.
var notLabels = map[string]bool{
	"NOTE": true, "EDITOR'S NOTE": true, "END": true, "UPDATE": true, "CORRECTION": true,
	"PLEASE NOTE": true, "SUBJECT": true, "RE": true, "PS": true, "AS PREPARED FOR DELIVERY": true,
	"EMBARGOED": true, "WASHINGTON": true, "TRANSCRIPT": true, "SOURCE": true, "DATE": true,
	"TIME": true, "LOCATION": true, "TITLE": true, "TAGS": true, "URL": true,
}

// frontMatter is the YAML header of the White House Markdown files.
type frontMatter struct {
	Title     string `yaml:"title"`
	Date      string `yaml:"date"`
	SourceURL string `yaml:"source_url"`
	URL       string `yaml:"url"`
}

// parseLabelled parses labelled text, with optional YAML front matter.
func parseLabelled(text string) (*Document, error) {
	doc := &Document{Format: "labelled"}
	body := text
	if fm, rest, ok := splitFrontMatter(text); ok {
		var meta frontMatter
		if err := yaml.Unmarshal([]byte(fm), &meta); err != nil {
			doc.Warnings = append(doc.Warnings, fmt.Sprintf("front matter is not valid YAML (%v): ignored", firstLine(err.Error())))
		} else {
			doc.Title = titleText(meta.Title)
			doc.Date = normaliseDate(meta.Date)
			doc.SourceURL = strings.TrimSpace(meta.SourceURL)
			if doc.SourceURL == "" {
				doc.SourceURL = strings.TrimSpace(meta.URL)
			}
		}
		doc.Format = "markdown"
		body = rest
	}
	if doc.Format == "markdown" || strings.Contains(body, `\[`) || strings.Contains(body, "**") {
		body = unMarkdown(body)
	}

	paras, dotted := splitParagraphs(body)
	labels := labelSet{mixed: mixedLabels(paras), dotted: dottedLabels(paras, dotted), citations: citations(paras)}
	var header []string
	for _, para := range paras {
		label, rest, ok := cutLabel(para, labels)
		if ok {
			t := Turn{Label: label}
			if rest != "" {
				t.Paragraphs = append(t.Paragraphs, rest)
			}
			doc.Turns = append(doc.Turns, t)
			continue
		}
		if len(doc.Turns) == 0 {
			header = append(header, para)
			continue
		}
		last := &doc.Turns[len(doc.Turns)-1]
		last.Paragraphs = append(last.Paragraphs, para)
	}
	// A label on a paragraph of its own ("MR. KIRBY:" then the words) leaves
	// an empty turn in front of its words: merge them, drop empty turns.
	turns := doc.Turns[:0]
	for _, t := range doc.Turns {
		if len(t.Paragraphs) > 0 {
			turns = append(turns, t)
		}
	}
	doc.Turns = turns

	if len(doc.Turns) == 0 {
		// No speakers at all: one unknown speaker, so nothing is lost.
		doc.Turns = []Turn{{Paragraphs: paras}}
		doc.Warnings = append(doc.Warnings, "no speakers recognised: ingested as one unknown speaker")
		header = nil
		if len(paras) > 1 && len(paras[0]) < 200 && !strings.HasSuffix(paras[0], ".") {
			doc.Title = firstNonEmpty(doc.Title, paras[0])
		}
	}
	doc.applyHeader(header)
	return doc, nil
}

// applyHeader takes title, date and source from the paragraphs before the
// first turn, and reports them as dropped: they are not speech.
func (doc *Document) applyHeader(header []string) {
	for _, h := range header {
		if doc.Title == "" && len(h) < 250 && !isTimeLine(h) {
			doc.Title = h
		}
		if doc.Date == "" {
			doc.Date = findDate(h)
		}
		if doc.SourceURL == "" {
			if u := urlRE.FindString(h); u != "" {
				doc.SourceURL = u
			}
		}
	}
	if doc.Date == "" {
		doc.Date = findDate(doc.Title)
	}
	doc.header = header
	doc.Dropped = append(doc.Dropped, header...)
}

// splitFrontMatter returns the YAML between a leading "---" line and the
// next one.
func splitFrontMatter(text string) (fm, rest string, ok bool) {
	t := strings.TrimLeft(text, "\n")
	if !strings.HasPrefix(t, "---\n") {
		return "", text, false
	}
	end := strings.Index(t[4:], "\n---")
	if end < 0 {
		return "", text, false
	}
	fm = t[4 : 4+end]
	rest = t[4+end+4:]
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[i+1:]
	} else {
		rest = ""
	}
	return fm, rest, true
}

// unMarkdown removes Markdown's escapes and emphasis marks, which are
// typography, not words: `\[senior administration official\]` reads
// "[senior administration official]".
func unMarkdown(s string) string {
	if strings.IndexByte(s, '\\') >= 0 {
		s = mdEscape.ReplaceAllString(s, "$1")
	}
	return strings.ReplaceAll(s, "*", "")
}

// splitParagraphs splits text at blank lines and joins each paragraph's
// lines with single spaces. A line that starts with a reporter's label ("Q",
// "QUESTION:") or an upper-case label seen starting a paragraph elsewhere in
// the text starts a new paragraph even without a blank line before it.
// dotted holds the labels that end a paragraph's first word run with a full
// stop ("MR. KIRBY.  Thank you"), true where the raw text makes them
// labels by their shape alone: joining lines collapses the two spaces that
// tell them from a sentence.
func splitParagraphs(text string) (paras []string, dotted map[string]bool) {
	blocks := splitBlankLines(text)
	known := map[string]bool{}
	dotted = map[string]bool{}
	for _, b := range blocks {
		b = strings.TrimLeft(b, " \t\u00a0\n")
		if b != "" && b[0] >= 'A' && b[0] <= 'Z' {
			if m := dottedLabel.FindStringSubmatch(head(b)); m != nil {
				l := strings.TrimSpace(m[1])
				sure := honorificName.MatchString(l) && utf8.RuneCountInString(m[2]) >= 2
				dotted[l] = dotted[l] || sure
			}
		}
		if !mayBeLabel(b) {
			continue
		}
		if m := upperLabel.FindStringSubmatch(head(b)); m != nil {
			known[m[1]] = true
		}
	}
	var out []string
	for _, b := range blocks {
		if !anyLineStartsTurn(b, known) {
			// The usual case: the block is one paragraph.
			if p := cleanText(b); p != "" {
				out = append(out, p)
			}
			continue
		}
		var cur []string
		flush := func() {
			if p := cleanText(strings.Join(cur, " ")); p != "" {
				out = append(out, p)
			}
			cur = cur[:0]
		}
		for _, line := range strings.Split(b, "\n") {
			l := strings.TrimLeft(line, " \t\u00a0")
			if len(cur) > 0 && startsTurn(l, known) {
				flush()
			}
			cur = append(cur, l)
		}
		flush()
	}
	return out, dotted
}

// splitBlankLines splits text at lines that hold only white space
// (non-breaking spaces included), by hand: it runs over every byte of every
// transcript.
func splitBlankLines(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); {
		nl := strings.IndexByte(text[i:], '\n')
		if nl < 0 {
			break
		}
		lineStart := i + nl + 1
		// Is the next line blank?
		j := lineStart
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || strings.HasPrefix(text[j:], "\u00a0")) {
			if text[j] == 0xc2 {
				j += 2
			} else {
				j++
			}
		}
		if j < len(text) && text[j] == '\n' {
			out = append(out, text[start:i+nl])
			start = j + 1
			i = j + 1
			continue
		}
		i = lineStart
	}
	return append(out, text[start:])
}

// anyLineStartsTurn reports whether a line after a block's first starts a
// turn, so that the block must be split.
func anyLineStartsTurn(b string, known map[string]bool) bool {
	for i := strings.IndexByte(b, '\n'); i >= 0; {
		rest := b[i+1:]
		j := strings.IndexByte(rest, '\n')
		line := rest
		if j >= 0 {
			line = rest[:j]
		}
		if startsTurn(strings.TrimLeft(line, " \t\u00a0"), known) {
			return true
		}
		if j < 0 {
			break
		}
		i += j + 1
	}
	return false
}

func startsTurn(line string, known map[string]bool) bool {
	if !mayBeLabel(line) {
		return false
	}
	if qLabel.MatchString(head(line)) && len(line) > 2 {
		return true
	}
	m := upperLabel.FindStringSubmatch(head(line))
	return m != nil && known[m[1]]
}

// head is the start of a line, long enough for any label: the label
// expressions only ever match there, and handing them whole paragraphs
// costs the regexp engine memory in proportion to the paragraph.
func head(s string) string {
	const n = 120
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// mayBeLabel is a cheap test that lets most lines skip the label
// expressions: a label starts with a capital letter, and is "Q" or has a
// colon early on.
func mayBeLabel(line string) bool {
	if line == "" || line[0] < 'A' || line[0] > 'Z' {
		return false
	}
	if line[0] == 'Q' {
		return true
	}
	head := line
	if len(head) > 80 {
		head = head[:80]
	}
	return strings.IndexByte(head, ':') > 0
}

// mixedLabels returns the mixed-case labels ("Chairman Smith") that start
// at least two paragraphs: once could be prose ("One final note:").
func mixedLabels(paras []string) map[string]bool {
	count := map[string]int{}
	for _, p := range paras {
		if !mayBeLabel(p) {
			continue
		}
		if m := mixedLabel.FindStringSubmatch(head(p)); m != nil {
			count[m[1]]++
		}
	}
	labels := map[string]bool{}
	for l, n := range count {
		f := strings.Fields(l)
		// A surname in capitals ("Chairman INOUYE", "Mr. SULLIVAN") is how
		// the record labels speakers, never how prose starts: once is enough.
		last := strings.Trim(f[len(f)-1], ".")
		capsSurname := len(f) >= 2 && len(last) >= 2 && strings.ToUpper(last) == last && hasLetters(last, 2)
		if (n >= 2 || capsSurname) && len(f) <= 4 {
			labels[l] = true
		}
	}
	return labels
}

// labelSet is what a transcript's paragraphs, taken together, say of its
// labels.
type labelSet struct {
	mixed     map[string]bool // mixed-case labels (mixedLabels)
	dotted    map[string]bool // upper-case labels written with a full stop (dottedLabels)
	citations map[string]bool // sources read out, not speakers (citations)
}

// dottedLabels returns the labels written with a full stop that are labels:
// those whose shape says so (sure, from splitParagraphs) and those the
// transcript also writes with a colon ("MR. KIRBY:" elsewhere).
func dottedLabels(paras []string, dotted map[string]bool) map[string]bool {
	labels := map[string]bool{}
	if len(dotted) == 0 {
		return labels
	}
	for l, sure := range dotted {
		if sure {
			labels[l] = true
		}
	}
	for _, p := range paras {
		if !mayBeLabel(p) {
			continue
		}
		if m := upperLabel.FindStringSubmatch(head(p)); m != nil {
			if l := strings.TrimSpace(m[1]); hasKey(dotted, l) && !notLabels[strings.Trim(l, ".")] && !bareTitles[strings.Trim(l, ".")] && hasLetters(l, 2) {
				labels[l] = true
			}
		}
	}
	return labels
}

func hasKey(m map[string]bool, k string) bool {
	_, ok := m[k]
	return ok
}

// cutLabel splits a paragraph into its speaker's label and words.
func cutLabel(para string, labels labelSet) (label, rest string, ok bool) {
	if !mayBeLabel(para) {
		return cutDotted(para, labels.dotted)
	}
	if m := qLabel.FindStringSubmatch(head(para)); m != nil {
		return "Q", strings.TrimSpace(para[len(m[0]):]), true
	}
	if m := upperLabel.FindStringSubmatch(head(para)); m != nil {
		l := strings.TrimSpace(m[1])
		if notLabels[strings.Trim(l, ".")] || !hasLetters(l, 2) || isTimeLine(para[:len(m[0])]) || labels.citations[l] {
			return "", "", false
		}
		rest := strings.TrimSpace(para[len(m[0]):])
		if title := strings.Trim(l, "."); bareTitles[title] {
			// A title alone names no one; "MR: ZIENTS:" is a typo.
			n := typoTitleName.FindStringSubmatch(rest)
			if n == nil {
				return "", "", false
			}
			return title + ". " + n[1], strings.TrimSpace(rest[len(n[0]):]), true
		}
		return l, rest, true
	}
	if m := mixedLabel.FindStringSubmatch(head(para)); m != nil && labels.mixed[m[1]] {
		return m[1], strings.TrimSpace(para[len(m[0]):]), true
	}
	return cutDotted(para, labels.dotted)
}

// citations returns the one-word upper-case "labels" that are a source
// read out in the middle of a turn, not a speaker: the press secretary
// reading headlines goes on "CBS: “Republicans want to push…”"
// (wh-press-briefings 2023-02-01). Such a word starts one paragraph only,
// is no role ("MODERATOR", "INTERPRETER", or a typo of one: "MODERTOR"),
// stands in a transcript that names its other speakers in more than one
// word ("MS. JEAN-PIERRE"; a transcript that labels "BLITZER:" is left
// alone), and is a news organisation or opens a quotation.
func citations(paras []string) map[string]bool {
	count := map[string]int{}
	first := map[string]string{} // the words after the label's only use
	for _, p := range paras {
		if !mayBeLabel(p) || qLabel.MatchString(head(p)) {
			continue
		}
		m := upperLabel.FindStringSubmatch(head(p))
		if m == nil {
			continue
		}
		l := strings.TrimSpace(m[1])
		if notLabels[strings.Trim(l, ".")] || bareTitles[strings.Trim(l, ".")] || !hasLetters(l, 2) {
			continue
		}
		if count[l]++; count[l] == 1 {
			first[l] = strings.TrimSpace(p[len(m[0]):])
		}
	}
	var oneWord []string
	named := false // another speaker is named in more than one word
	for l := range count {
		switch {
		case isRoleWord(l):
		case strings.ContainsAny(l, " \t"):
			named = true
		default:
			oneWord = append(oneWord, l)
		}
	}
	out := map[string]bool{}
	if !named || len(oneWord) != 1 {
		// One-word labels are this transcript's way of naming speakers
		// (or there are none to compare with).
		return out
	}
	l := oneWord[0]
	if count[l] == 1 && (newsOutlets[l] || opensQuote(first[l])) {
		out[l] = true
	}
	return out
}

// newsOutlets are news organisations whose names a speaker reads out
// before what they reported ("CBS: Republicans want…"); they never speak
// in a transcript, their reporters do.
var newsOutlets = map[string]bool{
	"AP": true, "ABC": true, "AFP": true, "AXIOS": true, "BBC": true, "BLOOMBERG": true,
	"CBS": true, "CNBC": true, "CNN": true, "FOX": true, "MSNBC": true, "NBC": true,
	"NPR": true, "PBS": true, "POLITICO": true, "REUTERS": true, "UPI": true, "VOA": true, "WSJ": true,
}

// opensQuote reports whether s starts with a quotation mark.
func opensQuote(s string) bool {
	return strings.HasPrefix(s, "“") || strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "‘")
}

// isRoleWord reports whether a one-word label names a role ("MODERATOR",
// "INTERPRETER", "PHOTOJOURNALIST") or is a typo of one ("MODERTOR",
// "MODEARTOR", both in wh-press-briefings).
func isRoleWord(l string) bool {
	if roleWords[l] || reporterLabels[l] || moderatorLabels[l] {
		return true
	}
	if len(l) < 6 {
		return false
	}
	for w := range roleWords {
		if len(w) >= 6 && editDistance(l, w) <= 2 {
			return true
		}
	}
	return false
}

// editDistance is the Levenshtein distance between two ASCII words.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			d := prev[j-1]
			if a[i-1] != b[j-1] {
				d = 1 + min(d, prev[j], cur[j-1])
			}
			cur[j] = d
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// cutDotted splits a paragraph that starts with one of the transcript's
// labels written with a full stop ("MR. KIRBY. Thank you").
func cutDotted(para string, dotted map[string]bool) (label, rest string, ok bool) {
	if len(dotted) == 0 || para == "" || para[0] < 'A' || para[0] > 'Z' {
		return "", "", false
	}
	m := dottedLabel.FindStringSubmatch(head(para))
	if m == nil || !dotted[strings.TrimSpace(m[1])] {
		return "", "", false
	}
	if rest = strings.TrimSpace(para[len(m[0]):]); rest == "" {
		return "", "", false
	}
	return strings.TrimSpace(m[1]), rest, true
}

// bareTitles are the titles that start a label ("MR. KIRBY", "DR. FAUCI")
// and are no label on their own.
var bareTitles = map[string]bool{"MR": true, "MS": true, "MRS": true, "MISS": true, "MX": true, "DR": true}

func hasLetters(s string, n int) bool {
	c := 0
	for _, r := range s {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
			c++
		}
	}
	return c >= n
}

// cleanText collapses white space (non-breaking spaces and the other
// Unicode spaces included) to single spaces and trims. It is on every
// paragraph's path, so it is a loop, not a regular expression.
func cleanText(s string) string {
	// Most paragraphs are clean already: check, byte by byte, and return
	// them without copying.
	clean := true
	prevSpace := true
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) || invisible(r) {
				clean = false
				break
			}
			prevSpace = false
			i += size
			continue
		}
		if c == ' ' {
			if prevSpace {
				clean = false
				break
			}
			prevSpace = true
			i++
			continue
		}
		if c < 0x20 {
			clean = false
			break
		}
		prevSpace = false
		i++
	}
	if clean && !prevSpace {
		return s
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
				space = len(b) > 0
				continue
			}
			if space {
				b = append(b, ' ')
				space = false
			}
			b = append(b, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsSpace(r) || invisible(r) {
			space = len(b) > 0
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = append(b, s[i-size:i]...)
	}
	return string(b)
}

// titleText is cleanText for a title, which is matched by what is typed:
// the invisible format characters that files put inside words ("COVID-\u206019"
// in the White House front matter) go, where in a passage's words they
// stay a space so that quotes keep to the file's text.
func titleText(s string) string {
	if strings.IndexFunc(s, invisible) >= 0 {
		s = strings.Map(func(r rune) rune {
			if invisible(r) {
				return -1
			}
			return r
		}, s)
	}
	return cleanText(s)
}

// invisible reports whether r is a format character that files put inside
// or between words and that shows as nothing: a zero-width space, a word
// joiner, a byte-order mark.
func invisible(r rune) bool {
	return r == '\u200b' || r == '\u2060' || r == '\ufeff'
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
