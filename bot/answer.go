package bot

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/onrecord/onrecord/retrieval"
	"github.com/onrecord/onrecord/verify"
)

// answer asks the Asker and renders the quotes from offset on.
func (b *Bot) answer(ctx context.Context, q query, offset int, ephemeral bool) (*discordgo.InteractionResponseData, string) {
	start := time.Now()
	a, err := b.ask.Ask(ctx, retrieval.Query{
		Question: q.question, K: offset + q.perPage(), Speaker: q.speaker, Transcript: q.transcript,
	})
	b.metrics.answer.Observe(time.Since(start).Seconds())
	if err != nil {
		msg, outcome := b.failure(ctx, "ask", err)
		return messageData(msg, ephemeral), outcome
	}
	return b.renderAnswer(q, a, offset, ephemeral)
}

// renderAnswer renders an answer's quotes from offset on as embeds, one per
// quote, as many as fit (quotes are never cut), with the query as a header
// and the buttons that act on them.
func (b *Bot) renderAnswer(q query, a retrieval.Answer, offset int, ephemeral bool) (*discordgo.InteractionResponseData, string) {
	header := q.header()
	quotes, closest := a.Quotes, false
	var note string
	outcome := outcomeOK
	switch {
	case a.Abstained && a.Answer == retrieval.NothingToLookFor:
		outcome = outcomeEmpty
		note = escapeMarkdown(a.Answer)
	case a.Abstained:
		outcome = outcomeEmpty
		note = "**Not in the transcripts.**"
		s := strings.TrimSpace(a.Answer)
		if s != "" {
			note += " " + escapeMarkdown(s)
		}
		quotes, closest = a.Closest, true
		if len(quotes) > offset && !a.ClosestSaid {
			note += "\nThe nearest passages are below. They are not an answer."
		}
	case len(quotes) <= offset && offset > 0:
		note = "No more quotes for this question."
	case len(quotes) == 0:
		outcome = outcomeEmpty
		note = "I found nothing on that in the transcripts."
	case strings.TrimSpace(a.Answer) != "":
		note = escapeMarkdown(strings.TrimSpace(a.Answer))
	case a.Unquoted != "":
		note = escapeMarkdown(retrieval.UnquotedNote(a.Unquoted))
	}
	content := header
	if note != "" {
		content += "\n" + shorten(note, maxContent-textLen(header)-1)
	}
	var rest []retrieval.Quote
	if offset < len(quotes) {
		rest = quotes[offset:]
	}
	embeds, shown, used := b.fitQuotes(rest, offset+1, q.perPage(), maxEmbedTotal, closest)
	next := offset + used
	hasMore := !a.Abstained && used > 0 && (next < len(quotes) || len(a.Quotes) >= offset+q.perPage())
	d := &discordgo.InteractionResponseData{
		Content:         content,
		Embeds:          embeds,
		Components:      answerComponents(q, next, hasMore, ephemeral, shown, offset+1),
		AllowedMentions: noMentions(),
	}
	if d.Embeds == nil {
		d.Embeds = []*discordgo.MessageEmbed{}
	}
	if ephemeral {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	return d, outcome
}

// verify checks a claim and renders the verdict.
func (b *Bot) verify(ctx context.Context, claim string, ephemeral bool) (*discordgo.InteractionResponseData, string) {
	start := time.Now()
	r, err := b.ver.Verify(ctx, claim)
	b.metrics.answer.Observe(time.Since(start).Seconds())
	if err != nil {
		msg, outcome := b.failure(ctx, "verify", err)
		return messageData(msg, ephemeral), outcome
	}
	d := &discordgo.InteractionResponseData{
		Embeds:          []*discordgo.MessageEmbed{b.verdictEmbed(claim, r)},
		Components:      verdictComponents(r.PassageID, ephemeral),
		AllowedMentions: noMentions(),
	}
	if ephemeral {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	outcome := outcomeOK
	if r.Verdict == verify.NotFound {
		outcome = outcomeEmpty
	}
	return d, outcome
}

// verdictEmbed renders a verification: the verdict, the real words whole,
// who said them, and how the claim differs.
func (b *Bot) verdictEmbed(claim string, r verify.Result) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{}
	switch r.Verdict {
	case verify.Verbatim:
		e.Title, e.Color = "✅ Said, word for word", colorOK
	case verify.Close:
		e.Title, e.Color = "≈ Close, but not the exact words", colorClose
	default:
		e.Title, e.Color = "❌ Not found in the transcripts", colorMissing
	}
	e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Claim", Value: shortQuote(claim, maxFieldValue/2)})
	if r.Verdict == verify.NotFound {
		e.Description = "Nothing said in the transcripts comes close to that claim."
		return e
	}
	role := ""
	if p, ok := b.lib.Passage(r.PassageID); ok {
		role = p.Role
	}
	e.Author = &discordgo.MessageEmbedAuthor{Name: shorten(speakerName(r.Speaker, role), maxAuthorName)}
	e.URL = sourceLink(r.SourceURL, r.Matched)
	if m := blockquote(r.Matched); r.Matched != "" && textLen(m) <= maxDescription {
		e.Description = m
	} else if r.Matched != "" {
		e.Description = "The words said are too long to show whole here; use Show context or open the source."
	}
	if who := askedBy(r.AskedBy); who != "" {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "In answer to", Value: shorten(escapeMarkdown(who), maxFieldValue), Inline: true})
	}
	e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Similarity", Value: fmt.Sprintf("%.0f%%", r.Similarity*100), Inline: true})
	if r.Verdict == verify.Close {
		if d := renderDiff(r.Diff); d != "" && textLen(d) <= maxFieldValue {
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Differences (~~claimed~~ **said**)", Value: d})
		}
	}
	foot := []string{}
	if r.Transcript != "" {
		foot = append(foot, r.Transcript)
	}
	if r.Date != "" {
		foot = append(foot, r.Date)
	}
	if p := paragraphs(r.Paragraphs); p != "" {
		foot = append(foot, p)
	}
	if len(foot) > 0 {
		e.Footer = &discordgo.MessageEmbedFooter{Text: shorten(strings.Join(foot, " · "), maxFooter)}
	}
	return e
}

// renderDiff shows a word alignment: the claim's wrong words struck out,
// the words said in bold.
func renderDiff(edits []verify.Edit) string {
	var parts []string
	for _, ed := range edits {
		switch ed.Op {
		case verify.Same:
			parts = append(parts, escapeMarkdown(cmp.Or(ed.Said, ed.Claim)))
		case verify.Added:
			parts = append(parts, "~~"+escapeMarkdown(ed.Claim)+"~~")
		case verify.Missing:
			parts = append(parts, "**"+escapeMarkdown(ed.Said)+"**")
		case verify.Changed:
			parts = append(parts, "~~"+escapeMarkdown(ed.Claim)+"~~ **"+escapeMarkdown(ed.Said)+"**")
		}
	}
	return strings.Join(parts, " ")
}

// showContext renders a passage whole (or as many whole paragraphs as fit,
// the cut marked "…") with the passages before and after it.
func (b *Bot) showContext(id string, ephemeral bool) (*discordgo.InteractionResponse, string) {
	p, ok := b.lib.Passage(id)
	if id == "" || !ok {
		return message("I couldn't find that passage. It may have been re-ingested; ask again to get fresh buttons.", true), outcomeInvalid
	}
	var prev, next *retrieval.Passage
	var same []retrieval.Passage
	for _, o := range b.lib.Passages() {
		if o.TranscriptID == p.TranscriptID {
			same = append(same, o)
		}
	}
	slices.SortStableFunc(same, func(x, y retrieval.Passage) int {
		return cmp.Or(cmp.Compare(firstPara(x), firstPara(y)), cmp.Compare(x.Turn, y.Turn), cmp.Compare(x.Part, y.Part))
	})
	for i := range same {
		if same[i].ID == p.ID {
			if i > 0 {
				prev = &same[i-1]
			}
			if i+1 < len(same) {
				next = &same[i+1]
			}
			break
		}
	}
	main := b.passageEmbed(p, "This passage", maxDescription)
	main.Color = colorQuote
	left := maxEmbedTotal - embedSize(main) - 2*(maxAuthorName+maxFooter/8)
	embeds := []*discordgo.MessageEmbed{}
	if prev != nil && left/2 >= 200 {
		embeds = append(embeds, b.passageEmbed(*prev, "Before", min(maxDescription, left/2)))
	}
	embeds = append(embeds, main)
	if next != nil && left/2 >= 200 {
		embeds = append(embeds, b.passageEmbed(*next, "After", min(maxDescription, left/2)))
	}
	for embedsSize(embeds) > maxEmbedTotal && len(embeds) > 1 {
		// Drop the neighbours before ever cutting the passage further.
		if embeds[0] != main {
			embeds = embeds[1:]
		} else {
			embeds = embeds[:len(embeds)-1]
		}
	}
	d := &discordgo.InteractionResponseData{
		Content:         "",
		Embeds:          embeds,
		Components:      []discordgo.MessageComponent{},
		AllowedMentions: noMentions(),
	}
	if ephemeral {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: d}, outcomeOK
}

func firstPara(p retrieval.Passage) int {
	if len(p.Paragraphs) == 0 {
		return 0
	}
	return p.Paragraphs[0]
}

// passageEmbed renders a passage within max characters of description.
func (b *Bot) passageEmbed(p retrieval.Passage, label string, max int) *discordgo.MessageEmbed {
	foot := []string{label}
	if p.Date != "" {
		foot = append(foot, p.Date)
	}
	if ps := paragraphs(p.Paragraphs); ps != "" {
		foot = append(foot, ps)
	}
	e := &discordgo.MessageEmbed{
		Author:      &discordgo.MessageEmbedAuthor{Name: shorten(speakerName(p.Speaker, p.Role), maxAuthorName)},
		Description: fitText(p.Text, max),
		Color:       colorClosest,
		Footer:      &discordgo.MessageEmbedFooter{Text: strings.Join(foot, " · ")},
	}
	if label == "This passage" {
		e.Title = shorten(p.Title, maxTitle)
		e.URL = sourceLink(p.SourceURL, p.Text)
		if who := strings.TrimSpace(p.AskedBy); who != "" {
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "In answer to", Value: shorten(escapeMarkdown(who), maxFieldValue), Inline: true})
		}
	}
	return e
}

// fitText blockquotes text whole if it fits in max characters, else as many
// whole paragraphs as fit followed by "…", else as many whole words.
func fitText(text string, max int) string {
	if s := blockquote(text); textLen(s) <= max {
		return s
	}
	const more = "\n> …"
	paras := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n")
	var kept []string
	for _, p := range paras {
		s := blockquote(strings.Join(append(kept, p), "\n\n"))
		if textLen(s)+textLen(more) > max {
			break
		}
		kept = append(kept, p)
	}
	if len(kept) > 0 {
		return blockquote(strings.Join(kept, "\n\n")) + more
	}
	// One paragraph too long: whole words, escaping counted generously.
	for limit := max / 2; limit > 10; limit = limit * 3 / 4 {
		if s := blockquote(shorten(strings.Join(strings.Fields(text), " "), limit)); textLen(s) <= max {
			return s
		}
	}
	return "> …"
}

// matchTranscripts are the transcripts whose id or title contains filter
// (case-insensitively), all when filter is "".
func (b *Bot) matchTranscripts(filter string) []retrieval.Transcript {
	filter = strings.ToLower(strings.TrimSpace(filter))
	var out []retrieval.Transcript
	for _, t := range b.lib.Transcripts() {
		if filter == "" || strings.Contains(strings.ToLower(t.ID), filter) || strings.Contains(strings.ToLower(t.Title), filter) {
			out = append(out, t)
		}
	}
	return out
}

// sortedTranscripts are all transcripts, newest first, then by title.
func (b *Bot) sortedTranscripts() []retrieval.Transcript {
	ts := slices.Clone(b.lib.Transcripts())
	slices.SortStableFunc(ts, func(x, y retrieval.Transcript) int {
		return cmp.Or(cmp.Compare(y.Date, x.Date), cmp.Compare(x.Title, y.Title))
	})
	return ts
}

// speakers lists who speaks: per transcript when filtered, else overall by
// how many transcripts each speaks in.
func (b *Bot) speakers(filter string) *discordgo.InteractionResponse {
	ts := b.matchTranscripts(filter)
	if len(ts) == 0 {
		if strings.TrimSpace(filter) != "" {
			return message(fmt.Sprintf("No transcript matches “%s”. Try `/transcripts` to see them all.", escapeMarkdown(shorten(filter, maxFilter))), true)
		}
		return message("There are no transcripts yet.", true)
	}
	e := &discordgo.MessageEmbed{Title: "Speakers", Color: colorQuote}
	if strings.TrimSpace(filter) != "" && len(ts) <= maxFields {
		shown := 0
		for _, t := range ts {
			name := t.Title
			if t.Date != "" {
				name += " (" + t.Date + ")"
			}
			value := "No named speakers."
			if len(t.Speakers) > 0 {
				value = escapeMarkdown(strings.Join(t.Speakers, ", "))
			}
			f := &discordgo.MessageEmbedField{Name: shorten(name, maxFieldName), Value: shorten(value, maxFieldValue)}
			if embedSize(e)+textLen(f.Name)+textLen(f.Value) > maxEmbedTotal-100 {
				break
			}
			e.Fields = append(e.Fields, f)
			shown++
		}
		if shown < len(ts) {
			e.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("and %s more; narrow it down with transcript:", plural(len(ts)-shown, "transcript"))}
		}
	} else {
		cs := b.speakerChoices(filter)
		count := map[string]int{}
		for _, t := range ts {
			for _, s := range t.Speakers {
				count[strings.TrimSpace(s)]++
			}
		}
		var lines []string
		size := 0
		for _, c := range cs {
			line := fmt.Sprintf("• %s — %s", escapeMarkdown(c.name), plural(count[c.name], "transcript"))
			if size+textLen(line)+1 > maxDescription-10 {
				break
			}
			lines = append(lines, line)
			size += textLen(line) + 1
		}
		e.Description = strings.Join(lines, "\n")
		e.Footer = &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("%s in %s (showing %d)", plural(len(cs), "speaker"), plural(len(ts), "transcript"), len(lines))}
	}
	return embedReply(e)
}

// transcripts lists the stored transcripts, newest first, with links.
func (b *Bot) transcripts() *discordgo.InteractionResponse {
	ts := b.sortedTranscripts()
	if len(ts) == 0 {
		return message("There are no transcripts yet.", true)
	}
	var lines []string
	size := 0
	for _, t := range ts {
		title := escapeMarkdown(shorten(cmp.Or(t.Title, t.ID), 200))
		if link := sourceLink(t.SourceURL, ""); link != "" {
			title = "[" + title + "](" + maskedURL(link) + ")"
		}
		line := "• " + title
		if t.Date != "" {
			line += " — " + t.Date
		}
		line += fmt.Sprintf(" · %d passages", t.Passages)
		if size+textLen(line)+1 > maxDescription-10 {
			break
		}
		lines = append(lines, line)
		size += textLen(line) + 1
	}
	e := &discordgo.MessageEmbed{
		Title:       "Transcripts",
		Description: strings.Join(lines, "\n"),
		Color:       colorQuote,
		Footer:      &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Showing %d of %d transcripts, newest first", len(lines), len(ts))},
	}
	return embedReply(e)
}

// maskedURL makes an address safe inside a markdown link.
func maskedURL(u string) string {
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(u)
}

// embedReply is an ephemeral reply of one embed.
func embedReply(e *discordgo.MessageEmbed) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Embeds:          []*discordgo.MessageEmbed{e},
			Components:      []discordgo.MessageComponent{},
			AllowedMentions: noMentions(),
			Flags:           discordgo.MessageFlagsEphemeral,
		},
	}
}

// plural is "1 transcript", "2 transcripts".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
