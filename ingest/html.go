package ingest

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// parseHTML extracts a web page's text and what its markup says about it
// (title, canonical address, date). Scripts, styles and the page's chrome
// (nav, header, footer, aside) are dropped; block elements become
// paragraphs separated by blank lines; <pre> keeps its lines. A speaker's
// label in bold ("<strong>MR PRICE:</strong>  Pam, go ahead.") or on a
// paragraph of its own ("<p>Chairman HAMILTON.</p>") comes out as
// "NAME:  words" at the start of one paragraph, so that the labelled parser
// reads it. A raw RSS <item> is read as its title, link, pubDate and body.
func parseHTML(text string) (page, error) {
	if rssStart.MatchString(text) {
		return parseRSSItem(text)
	}
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return page{}, fmt.Errorf("parse html: %w", err)
	}
	p := pageMeta(root)
	var w htmlText
	w.walk(root)
	p.Text = w.String()
	if strings.TrimSpace(p.Text) == "" {
		return page{}, ErrNoText
	}
	if p.Date == "" {
		head := p.Text
		if len(head) > 3000 {
			head = head[:3000]
		}
		p.Date = textDate(head)
	}
	return p, nil
}

// rssStart is the start of an RSS or Atom document or of a lone item.
var rssStart = regexp.MustCompile(`(?is)^\s*(?:<\?[^>]*>\s*|<!--.*?-->\s*)*<(?:rss|item|channel|feed|entry)[\s>]`)

// parseRSSItem reads the first item (or entry) of an RSS or Atom text: its
// title, link and date, and the text of its HTML body (content:encoded,
// else description; escaped or in CDATA).
func parseRSSItem(text string) (page, error) {
	item := text
	for _, tag := range []string{"item", "entry"} {
		if s, ok := xmlElement(text, tag); ok {
			item = s
			break
		}
	}
	var p page
	p.Title = oneSpaced(xmlField(item, "title"))
	p.SourceURL = strings.TrimSpace(xmlField(item, "link"))
	if p.SourceURL == "" {
		if m := atomLink.FindStringSubmatch(item); m != nil {
			p.SourceURL = html.UnescapeString(m[1])
		}
	}
	for _, tag := range []string{"pubDate", "dc:date", "published", "updated"} {
		if d := anyDate(xmlField(item, tag)); d != "" {
			p.Date = d
			break
		}
	}
	var body string
	for _, tag := range []string{"content:encoded", "content", "description", "summary"} {
		if body = xmlField(item, tag); strings.TrimSpace(body) != "" {
			break
		}
	}
	root, err := html.Parse(strings.NewReader(body))
	if err != nil {
		return page{}, fmt.Errorf("parse rss item body: %w", err)
	}
	var w htmlText
	w.walk(root)
	p.Text = w.String()
	if strings.TrimSpace(p.Text) == "" {
		return page{}, ErrNoText
	}
	return p, nil
}

// atomLink is an Atom <link href="...">.
var atomLink = regexp.MustCompile(`(?i)<link[^>]*\shref="([^"]*)"`)

// xmlElement returns the content of the first <tag>...</tag> in s.
func xmlElement(s, tag string) (string, bool) {
	open := regexp.MustCompile(`(?i)<` + regexp.QuoteMeta(tag) + `(?:\s[^>]*)?>`)
	loc := open.FindStringIndex(s)
	if loc == nil {
		return "", false
	}
	rest := s[loc[1]:]
	// The end tag is searched for outside CDATA sections.
	end := strings.ToLower("</" + tag)
	for i := 0; i < len(rest); {
		if strings.HasPrefix(rest[i:], "<![CDATA[") {
			j := strings.Index(rest[i:], "]]>")
			if j < 0 {
				return rest, true
			}
			i += j + 3
			continue
		}
		if len(rest)-i >= len(end) && strings.ToLower(rest[i:i+len(end)]) == end {
			return rest[:i], true
		}
		i++
	}
	return rest, true
}

// xmlField returns the text of the first <tag> in s: CDATA sections as
// they are, the rest with its references decoded.
func xmlField(s, tag string) string {
	v, ok := xmlElement(s, tag)
	if !ok {
		return ""
	}
	var b strings.Builder
	for {
		i := strings.Index(v, "<![CDATA[")
		if i < 0 {
			b.WriteString(html.UnescapeString(v))
			return b.String()
		}
		b.WriteString(html.UnescapeString(v[:i]))
		v = v[i+len("<![CDATA["):]
		j := strings.Index(v, "]]>")
		if j < 0 {
			b.WriteString(v)
			return b.String()
		}
		b.WriteString(v[:j])
		v = v[j+3:]
	}
}

// pageMeta reads a page's title, canonical address and date from its
// markup.
func pageMeta(root *html.Node) page {
	var p page
	var ogTitle, title, h1, ogURL, canonical, published, timeAttr string
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if title == "" {
					title = oneSpaced(nodeText(n))
				}
			case atom.H1:
				if h1 == "" {
					h1 = oneSpaced(nodeText(n))
				}
			case atom.Meta:
				key := strings.ToLower(attr(n, "property") + attr(n, "name") + attr(n, "itemprop"))
				content := strings.TrimSpace(attr(n, "content"))
				switch key {
				case "og:title":
					ogTitle = oneSpaced(content)
				case "og:url":
					ogURL = content
				case "article:published_time", "date", "dc.date", "dc.date.issued", "datepublished", "citation_date", "pubdate":
					if published == "" {
						published = content
					}
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") {
					canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Time:
				if timeAttr == "" {
					timeAttr = attr(n, "datetime")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(root)
	p.Title = firstOf(ogTitle, cleanTitle(title), h1)
	p.SourceURL = firstOf(canonical, ogURL)
	p.Date = firstOf(anyDate(published), anyDate(timeAttr))
	return p
}

// cleanTitle trims a <title>'s decorations: a leading " - " and a trailing
// " | Site name".
func cleanTitle(t string) string {
	t = strings.TrimSpace(strings.TrimLeft(t, " -–—|"))
	if i := strings.LastIndex(t, " | "); i > 0 {
		t = t[:i]
	}
	return strings.TrimSpace(t)
}

// firstOf returns the first non-empty string.
func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// attr returns n's attribute key, "" if it has none.
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// nodeText is the text of n's subtree.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(n)
	return b.String()
}

// skipped are elements whose text is not the page's content.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Head: true, atom.Iframe: true, atom.Svg: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true, atom.Object: true, atom.Canvas: true,
}

// blocks are elements that begin and end a paragraph.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.Table: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Dl: true, atom.Dt: true,
	atom.Dd: true, atom.Figure: true, atom.Figcaption: true, atom.Hr: true, atom.Address: true,
	atom.Center: true, atom.Body: true, atom.Form: true, atom.Fieldset: true, atom.Details: true,
	atom.Summary: true, atom.Caption: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true,
}

var (
	// standaloneLabel is a paragraph that is only a speaker's label, as
	// hearing pages print it: "Chairman HAMILTON.", "Mr. NORTH:",
	// "QUESTION:".
	standaloneLabel = regexp.MustCompile(`^(?:((?:(?:Mr|Mrs|Ms|Miss|Dr)\.?|Chairman|Chairwoman|Senator|Representative|General|Admiral|Secretary|Ambassador|Judge|Colonel|Governor|The) [A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+)?)[.:]|([A-Z][A-Z'’-]+(?: [A-Z][A-Z'’.-]+){0,3}):)$`)
	// buriedLabel is a turn in GPO style starting a source line inside
	// another speaker's paragraph: "\nMr. SULLIVAN. What is it, counsel?"
	buriedLabel = regexp.MustCompile(`\n[ \t]*((?:(?:Mr|Mrs|Ms|Miss|Dr)\.|Chairman|Chairwoman|Senator|Representative|General|Admiral) [A-Z][A-Z'’-]+)\. `)
)

// htmlText collects a page's paragraphs.
type htmlText struct {
	paras   []string
	cur     strings.Builder
	bold    string // the text of a bold run that opens the paragraph
	pending string // a label waiting for its paragraph
}

// walk adds the text of n's subtree.
func (w *htmlText) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		if skipped[n.DataAtom] {
			return
		}
		switch n.DataAtom {
		case atom.Br:
			w.flush()
			return
		case atom.Pre:
			w.flush()
			w.pre(n)
			return
		case atom.Strong, atom.B:
			if strings.TrimSpace(w.cur.String()) == "" {
				start := w.cur.Len()
				w.children(n)
				w.bold = oneSpaced(w.cur.String()[start:])
				return
			}
		}
		block := blocks[n.DataAtom]
		if block {
			w.flush()
		}
		w.children(n)
		if block {
			w.flush()
		}
	default:
		w.children(n)
	}
}

// children walks n's children.
func (w *htmlText) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

// text adds a text node's words, starting a paragraph at a turn buried in
// the text.
func (w *htmlText) text(s string) {
	for {
		loc := buriedLabel.FindStringSubmatchIndex(s)
		if loc == nil {
			w.cur.WriteString(s)
			return
		}
		w.cur.WriteString(s[:loc[0]])
		w.flush()
		w.pending = s[loc[2]:loc[3]]
		s = s[loc[1]:]
	}
}

// pre adds a <pre> element's text as it is, lines and indentation kept.
func (w *htmlText) pre(n *html.Node) {
	var b strings.Builder
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
			b.WriteByte('\n')
		case n.Type == html.ElementNode && skipped[n.DataAtom]:
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(n)
	lines := strings.Split(strings.ReplaceAll(b.String(), "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	s := strings.Trim(strings.Join(lines, "\n"), "\n")
	if strings.TrimSpace(s) != "" {
		w.paras = append(w.paras, s)
	}
}

// flush ends the paragraph being collected.
func (w *htmlText) flush() {
	p := oneSpaced(w.cur.String())
	bold := w.bold
	w.cur.Reset()
	w.bold = ""
	if p == "" {
		return
	}
	if bold != "" && strings.HasPrefix(p, bold) {
		name := strings.TrimSpace(strings.TrimSuffix(bold, ":"))
		rest := strings.TrimSpace(p[len(bold):])
		if name != "" && (strings.HasSuffix(bold, ":") || strings.HasPrefix(rest, ":")) && labelLike(name) {
			rest = strings.TrimSpace(strings.TrimPrefix(rest, ":"))
			if rest == "" {
				w.setPending(name)
				return
			}
			p = name + ":  " + rest
		}
	}
	if m := standaloneLabel.FindStringSubmatch(p); m != nil {
		w.setPending(m[1] + m[2])
		return
	}
	if w.pending != "" {
		p = w.pending + ":  " + p
		w.pending = ""
	}
	w.paras = append(w.paras, p)
}

// setPending holds a label for the next paragraph (a label already held,
// with no words of its own, is kept as a paragraph).
func (w *htmlText) setPending(name string) {
	if w.pending != "" {
		w.paras = append(w.paras, w.pending+":")
	}
	w.pending = name
}

// labelLike reports whether s can be a speaker's label: short, no sentence
// punctuation inside.
func labelLike(s string) bool {
	if len(s) > 60 || strings.ContainsAny(s, ":;?!\"“”") {
		return false
	}
	return len(strings.Fields(s)) <= 8
}

// String returns the paragraphs separated by blank lines.
func (w *htmlText) String() string {
	w.flush()
	if w.pending != "" {
		w.paras = append(w.paras, w.pending+":")
		w.pending = ""
	}
	return strings.Join(w.paras, "\n\n")
}

// Dates.

var (
	monthDate = regexp.MustCompile(`(?i)\b(january|february|march|april|may|june|july|august|september|october|november|december)\s+(\d{1,2}),\s+(\d{4})\b`)
	isoDate   = regexp.MustCompile(`^\s*(\d{4})-(\d{2})-(\d{2})`)
)

// textDate finds the first "Month D, YYYY" in s, as YYYY-MM-DD.
func textDate(s string) string {
	for _, m := range monthDate.FindAllStringSubmatch(s, 5) {
		if d := ymd(m[1], m[2], m[3]); d != "" {
			return d
		}
	}
	return ""
}

// ymd formats a month name, day and year as YYYY-MM-DD ("" if no such
// day).
func ymd(month, day, year string) string {
	t, err := time.Parse("January 2 2006", strings.ToUpper(month[:1])+strings.ToLower(month[1:])+" "+day+" "+year)
	if err != nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

// anyDate reads an ISO 8601 or RFC 1123 (RSS) date as YYYY-MM-DD.
func anyDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if m := isoDate.FindStringSubmatch(s); m != nil {
		if t, err := time.Parse(time.DateOnly, m[1]+"-"+m[2]+"-"+m[3]); err == nil {
			return t.Format(time.DateOnly)
		}
		return ""
	}
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "2 Jan 2006 15:04:05 -0700", "Mon, 02 Jan 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly)
		}
	}
	return textDate(s)
}
