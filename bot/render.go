package bot

import (
	"fmt"
	"net/url"
	"path"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/bwmarrin/discordgo"

	"github.com/onrecord/onrecord/retrieval"
)

// Discord's limits on what a message may carry.
const (
	maxContent     = 2000
	maxEmbeds      = 10
	maxEmbedTotal  = 6000
	maxTitle       = 256
	maxDescription = 4096
	maxFields      = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFooter      = 2048
	maxAuthorName  = 256
	maxURL         = 2048
	maxCustomID    = 100
	maxChoices     = 25
	maxChoiceLen   = 100
	maxButtonsRow  = 5
	maxRows        = 5
	maxLabel       = 80
)

// Embed colours.
const (
	colorQuote   = 0x2b6cb0
	colorClosest = 0x718096
	colorOK      = 0x2f855a
	colorClose   = 0xd69e2e
	colorMissing = 0xc53030
)

// noMentions allows no mention of anyone: "@everyone" in a transcript or a
// question stays inert. Every message the bot sends carries it.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// textLen counts characters as Discord's limits do, conservatively: in
// UTF-16 code units, so an emoji counts twice.
func textLen(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// markdownSpecial are the characters Discord's markdown gives meaning to.
const markdownSpecial = "\\*_~`|<>[]()#-:@"

// escapeMarkdown makes s render literally in Discord: every markdown
// character is backslash-escaped, and "@" too, so "@everyone" neither
// pings (allowed mentions forbid that anyway) nor looks like a mention.
func escapeMarkdown(s string) string {
	var sb strings.Builder
	sb.Grow(len(s) + len(s)/8)
	for _, r := range s {
		if strings.ContainsRune(markdownSpecial, r) {
			sb.WriteByte('\\')
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// unescapeMarkdown reverses escapeMarkdown.
func unescapeMarkdown(s string) string {
	var sb strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if rs[i] == '\\' && i+1 < len(rs) && strings.ContainsRune(markdownSpecial, rs[i+1]) {
			i++
		}
		sb.WriteRune(rs[i])
	}
	return sb.String()
}

// blockquote escapes text and marks every line as quoted; blank lines
// between paragraphs stay quoted so the quote reads as one block.
func blockquote(text string) string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = "> " + escapeMarkdown(strings.TrimRight(l, " \t"))
	}
	return strings.Join(lines, "\n")
}

// unblockquote reverses blockquote.
func unblockquote(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		l = strings.TrimPrefix(l, "> ")
		if l == ">" {
			l = ""
		}
		lines[i] = unescapeMarkdown(l)
	}
	return strings.Join(lines, "\n")
}

// shorten returns s if it fits in max characters, else its longest prefix
// that ends at a word boundary followed by " …". It never cuts mid-word
// (a single word longer than max is dropped entirely). It is for labels and
// secondary text, never for the quotes themselves.
func shorten(s string, max int) string {
	if textLen(s) <= max {
		return s
	}
	const ell = " …"
	limit := max - textLen(ell)
	n, cut := 0, 0
	prevSpace := false
	for i, r := range s {
		if unicode.IsSpace(r) && !prevSpace {
			cut = i
		}
		prevSpace = unicode.IsSpace(r)
		n += utf16.RuneLen(r)
		if n > limit {
			break
		}
	}
	if cut == 0 {
		return "…"
	}
	return strings.TrimRightFunc(s[:cut], unicode.IsSpace) + ell
}

// embedSize is the characters an embed counts toward the 6,000 limit.
func embedSize(e *discordgo.MessageEmbed) int {
	n := textLen(e.Title) + textLen(e.Description)
	if e.Author != nil {
		n += textLen(e.Author.Name)
	}
	if e.Footer != nil {
		n += textLen(e.Footer.Text)
	}
	for _, f := range e.Fields {
		n += textLen(f.Name) + textLen(f.Value)
	}
	return n
}

// embedsSize is the total of embedSize over a message's embeds.
func embedsSize(es []*discordgo.MessageEmbed) int {
	n := 0
	for _, e := range es {
		n += embedSize(e)
	}
	return n
}

// isWebPage reports whether u looks like an HTML page a browser opens, the
// only kind of address a #:~:text= fragment highlights in.
func isWebPage(u string) bool {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" || p.Fragment != "" || strings.Contains(u, "#") {
		return false
	}
	switch strings.ToLower(path.Ext(p.Path)) {
	case ".pdf", ".txt", ".md", ".vtt", ".srt", ".json", ".xml", ".csv", ".doc", ".docx", ".mp3", ".mp4":
		return false
	}
	return true
}

// fragmentWords is how many of a quote's first words a text fragment
// carries: enough to be unique on the page, few enough to survive small
// differences between the page and the transcript further on.
const fragmentWords = 8

// sourceLink returns the address of a quote's source, with a text fragment
// that scrolls to and highlights the quote's start when the source is a web
// page; "" when there is no usable address.
func sourceLink(sourceURL, quote string) string {
	sourceURL = strings.TrimSpace(sourceURL)
	p, err := url.Parse(sourceURL)
	if sourceURL == "" || err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	if textLen(sourceURL) > maxURL {
		return ""
	}
	if !isWebPage(sourceURL) {
		return sourceURL
	}
	start := fragmentStart(quote)
	if start == "" {
		return sourceURL
	}
	link := sourceURL + "#:~:text=" + encodeFragment(start)
	if textLen(link) > maxURL {
		return sourceURL
	}
	return link
}

// fragmentStart is the quote's first words, up to its first cut ("…").
func fragmentStart(quote string) string {
	quote = strings.TrimSpace(quote)
	quote = strings.TrimSpace(strings.TrimPrefix(quote, "…"))
	if i := strings.Index(quote, "…"); i >= 0 {
		quote = quote[:i]
	}
	words := strings.Fields(quote)
	if len(words) > fragmentWords {
		words = words[:fragmentWords]
	}
	// Trailing punctuation on the last word may differ on the page.
	if n := len(words); n > 0 {
		words[n-1] = strings.TrimRightFunc(words[n-1], func(r rune) bool {
			return unicode.IsPunct(r) && r != '’' && r != '\''
		})
		if words[n-1] == "" {
			words = words[:n-1]
		}
	}
	return strings.Join(words, " ")
}

// encodeFragment percent-encodes s for a text directive: everything but
// ASCII letters, digits and ._~ is encoded, including the "-", "," and "&"
// that the directive's syntax reserves.
func encodeFragment(s string) string {
	var sb strings.Builder
	for _, c := range []byte(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '_', c == '~':
			sb.WriteByte(c)
		default:
			fmt.Fprintf(&sb, "%%%02X", c)
		}
	}
	return sb.String()
}

// paragraphs renders paragraph numbers as "¶ 22–23" or "¶ 4, 7".
func paragraphs(ps []int) string {
	if len(ps) == 0 {
		return ""
	}
	contiguous := true
	for i := 1; i < len(ps); i++ {
		if ps[i] != ps[i-1]+1 {
			contiguous = false
		}
	}
	if len(ps) == 1 {
		return fmt.Sprintf("¶ %d", ps[0])
	}
	if contiguous {
		return fmt.Sprintf("¶ %d–%d", ps[0], ps[len(ps)-1])
	}
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = fmt.Sprint(p)
	}
	return "¶ " + strings.Join(s, ", ")
}

// speakerName is how a quote's speaker is shown: the transcript's own
// name, "A reporter" for an unnamed reporter's question, else
// "Unattributed" — never a guess.
func speakerName(speaker, role string) string {
	switch {
	case strings.TrimSpace(speaker) != "":
		return speaker
	case role == retrieval.RoleReporter:
		return "A reporter"
	default:
		return "Unattributed"
	}
}

// askedBy dereferences a quote's AskedBy.
func askedBy(a *string) string {
	if a == nil {
		return ""
	}
	return strings.TrimSpace(*a)
}

// quoteEmbed renders one quote whole, or reports false when the quote does
// not fit an embed's description: quotes are never cut to fit.
// withQuestion adds the question the quote answers, shortened if need be.
func (b *Bot) quoteEmbed(q retrieval.Quote, n int, closest, withQuestion bool) (*discordgo.MessageEmbed, bool) {
	desc := blockquote(q.Text)
	if textLen(desc) > maxDescription {
		return nil, false
	}
	role := ""
	if p, ok := b.lib.Passage(q.PassageID); ok {
		role = p.Role
	}
	e := &discordgo.MessageEmbed{
		Author:      &discordgo.MessageEmbedAuthor{Name: shorten(speakerName(q.Speaker, role), maxAuthorName)},
		Title:       shorten(q.Transcript, maxTitle),
		URL:         sourceLink(q.SourceURL, q.Text),
		Description: desc,
		Color:       colorQuote,
	}
	if closest {
		e.Color = colorClosest
	}
	if who := askedBy(q.AskedBy); who != "" {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "In answer to", Value: shorten(escapeMarkdown(who), maxFieldValue), Inline: true})
	}
	if withQuestion && strings.TrimSpace(q.Question) != "" {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Question", Value: shortQuote(q.Question, maxFieldValue/2)})
	}
	foot := []string{fmt.Sprintf("#%d", n)}
	if q.Date != "" {
		foot = append(foot, q.Date)
	}
	if p := paragraphs(q.Paragraphs); p != "" {
		foot = append(foot, p)
	}
	if closest {
		foot = append(foot, "closest passage, not an answer")
	}
	e.Footer = &discordgo.MessageEmbedFooter{Text: strings.Join(foot, " · ")}
	return e, true
}

// shortQuote blockquotes secondary quoted text (the question an answer
// answers), cutting it at a word boundary with "…" when it is longer than
// max characters before escaping.
func shortQuote(text string, max int) string {
	text = strings.Join(strings.Fields(text), " ")
	s := blockquote(shorten(text, max))
	if textLen(s) > maxFieldValue {
		s = blockquote(shorten(text, max/2))
	}
	return s
}

// tooLongEmbed stands in for a quote too long for Discord: it says so and
// links to the source instead of cutting the quote.
func (b *Bot) tooLongEmbed(q retrieval.Quote, n int) *discordgo.MessageEmbed {
	role := ""
	if p, ok := b.lib.Passage(q.PassageID); ok {
		role = p.Role
	}
	desc := fmt.Sprintf("This quote is %d characters long, too long to show whole in Discord, and quotes are never cut.", textLen(q.Text))
	if link := sourceLink(q.SourceURL, q.Text); link != "" {
		desc += " Read it at the source (link above)."
	}
	return &discordgo.MessageEmbed{
		Author:      &discordgo.MessageEmbedAuthor{Name: shorten(speakerName(q.Speaker, role), maxAuthorName)},
		Title:       shorten(q.Transcript, maxTitle),
		URL:         sourceLink(q.SourceURL, q.Text),
		Description: desc,
		Color:       colorClosest,
		Footer:      &discordgo.MessageEmbedFooter{Text: strings.TrimSuffix(fmt.Sprintf("#%d · %s", n, q.Date), " · ")},
	}
}

// fitQuotes renders quotes in order, as many as fit one message (at most
// max), and reports how many it consumed. A quote that does not fit ends
// the page; it is never cut. budget is what the 6,000-character total has
// left.
func (b *Bot) fitQuotes(quotes []retrieval.Quote, first, max, budget int, closest bool) ([]*discordgo.MessageEmbed, []retrieval.Quote, int) {
	var embeds []*discordgo.MessageEmbed
	var shown []retrieval.Quote
	used := 0
	for i, q := range quotes {
		if len(embeds) == max || len(embeds) == maxEmbeds {
			break
		}
		n := first + i
		e, ok := b.quoteEmbed(q, n, closest, true)
		if ok && used+embedSize(e) > budget {
			e, ok = b.quoteEmbed(q, n, closest, false)
		}
		if !ok {
			if len(embeds) > 0 {
				// Show it on its own page, where it may fit.
				break
			}
			e = b.tooLongEmbed(q, n)
		}
		if used+embedSize(e) > budget {
			break
		}
		used += embedSize(e)
		embeds = append(embeds, e)
		shown = append(shown, q)
	}
	return embeds, shown, len(shown)
}
