package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/onrecord/onrecord/retrieval"
)

// Buttons and menus carry everything they need in their custom ids (at most
// 100 characters), so any replica can answer them:
//
//	more:<mode>:<offset>:<hash>  More quotes (the query is re-read from the message)
//	pub:<hash>                   Post publicly (the message is copied)
//	fb:up:<hash>, fb:down:<hash> 👍 / 👎
//	fbr:<message id>:<hash>      the reason menu after 👎
//	ctx:<passage id>             Show context
//	cite:<n>:<passage id>        Copy citation of the message's nth embed
var componentKinds = []string{"more", "pub", "fb", "fbr", "ctx", "cite"}

// Reasons offered after 👎, by value.
var feedbackReasons = []struct{ value, label string }{
	{"misquote", "Misquote"},
	{"wrong_speaker", "Wrong speaker"},
	{"out_of_context", "Out of context"},
	{"not_helpful", "Not helpful"},
}

// answerComponents are the buttons under an answer.
func answerComponents(q query, next int, hasMore, ephemeral bool, shown []retrieval.Quote, first int) []discordgo.MessageComponent {
	h := q.hash()
	var row []discordgo.MessageComponent
	if hasMore {
		row = append(row, discordgo.Button{Label: "More quotes", Style: discordgo.PrimaryButton, CustomID: fmt.Sprintf("more:%s:%d:%s", q.mode, next, h)})
	}
	if ephemeral {
		row = append(row, discordgo.Button{Label: "Post publicly", Style: discordgo.SecondaryButton, CustomID: "pub:" + h})
	}
	row = append(row,
		discordgo.Button{Label: "Helpful", Style: discordgo.SecondaryButton, Emoji: &discordgo.ComponentEmoji{Name: "👍"}, CustomID: "fb:up:" + h},
		discordgo.Button{Label: "Not helpful", Style: discordgo.SecondaryButton, Emoji: &discordgo.ComponentEmoji{Name: "👎"}, CustomID: "fb:down:" + h},
	)
	rows := []discordgo.MessageComponent{discordgo.ActionsRow{Components: row}}
	var ctxRow, citeRow []discordgo.MessageComponent
	seen := map[string]bool{}
	for i, q := range shown {
		if i == maxButtonsRow {
			break
		}
		if id := "ctx:" + q.PassageID; q.PassageID != "" && len(id) <= maxCustomID && !seen[id] {
			seen[id] = true
			ctxRow = append(ctxRow, discordgo.Button{Label: fmt.Sprintf("Context #%d", first+i), Style: discordgo.SecondaryButton, CustomID: id})
		}
		if id := fmt.Sprintf("cite:%d:%s", i, q.PassageID); q.PassageID != "" && len(id) <= maxCustomID {
			citeRow = append(citeRow, discordgo.Button{Label: fmt.Sprintf("Cite #%d", first+i), Style: discordgo.SecondaryButton, CustomID: id})
		}
	}
	if len(ctxRow) > 0 {
		rows = append(rows, discordgo.ActionsRow{Components: ctxRow})
	}
	if len(citeRow) > 0 {
		rows = append(rows, discordgo.ActionsRow{Components: citeRow})
	}
	return rows
}

// verdictComponents are the buttons under a verification.
func verdictComponents(passageID string, ephemeral bool) []discordgo.MessageComponent {
	var row []discordgo.MessageComponent
	if id := "ctx:" + passageID; passageID != "" && len(id) <= maxCustomID {
		row = append(row, discordgo.Button{Label: "Show context", Style: discordgo.SecondaryButton, CustomID: id})
	}
	if ephemeral {
		row = append(row, discordgo.Button{Label: "Post publicly", Style: discordgo.SecondaryButton, CustomID: "pub:v"})
	}
	if len(row) == 0 {
		return []discordgo.MessageComponent{}
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: row}}
}

// componentTask is the task for a button or menu.
func (b *Bot) componentTask(i *discordgo.Interaction, name string, data discordgo.MessageComponentInteractionData) task {
	parts := strings.Split(data.CustomID, ":")
	switch parts[0] {
	case "more":
		if len(parts) != 4 || i.Message == nil {
			return quickKind(name, msgExpired, outcomeInvalid)
		}
		offset, err := strconv.Atoi(parts[2])
		q, ok := parseHeader(i.Message.Content)
		if err != nil || offset < 0 || offset > 1000 || !ok || q.mode != parts[1] || q.hash() != parts[3] {
			return quickKind(name, msgExpired, outcomeInvalid)
		}
		if wait, ok := b.limiter.allow(userID(i)); !ok {
			return quickKind(name, rateLimited(wait), outcomeRateLimited)
		}
		ephemeral := i.Message.Flags&discordgo.MessageFlagsEphemeral != 0
		deferred := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
		return task{command: name, deferred: deferred, run: func(ctx context.Context) (*discordgo.InteractionResponse, string) {
			d, outcome := b.answer(ctx, q, offset, ephemeral)
			if outcome == outcomeError || outcome == outcomeTimeout {
				// Keep the quotes on screen; say what happened under them.
				d = withNote(i.Message, d.Content)
			}
			return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: d}, outcome
		}}
	case "pub":
		return task{command: name, run: func(context.Context) (*discordgo.InteractionResponse, string) {
			return b.postPublicly(i)
		}}
	case "ctx":
		id := strings.TrimPrefix(data.CustomID, "ctx:")
		return task{command: name, run: func(context.Context) (*discordgo.InteractionResponse, string) {
			return b.showContext(id, true)
		}}
	case "cite":
		return task{command: name, run: func(context.Context) (*discordgo.InteractionResponse, string) {
			return b.cite(i, parts)
		}}
	case "fb", "fbr":
		return task{command: name, run: func(ctx context.Context) (*discordgo.InteractionResponse, string) {
			return b.onFeedback(ctx, i, parts, data.Values)
		}}
	}
	return quickKind(name, msgExpired, outcomeInvalid)
}

// withNote copies a message as an update with a line added to its content.
func withNote(m *discordgo.Message, note string) *discordgo.InteractionResponseData {
	content := m.Content
	if note != "" {
		content = strings.TrimRight(content, "\n") + "\n" + note
	}
	if textLen(content) > maxContent {
		content = m.Content
	}
	d := &discordgo.InteractionResponseData{
		Content:         content,
		Embeds:          m.Embeds,
		Components:      m.Components,
		AllowedMentions: noMentions(),
	}
	if d.Embeds == nil {
		d.Embeds = []*discordgo.MessageEmbed{}
	}
	if d.Components == nil {
		d.Components = []discordgo.MessageComponent{}
	}
	return d
}

// postPublicly reposts an ephemeral reply for everyone, without its "Post
// publicly" button.
func (b *Bot) postPublicly(i *discordgo.Interaction) (*discordgo.InteractionResponse, string) {
	if i.Message == nil {
		return message(msgExpired, true), outcomeInvalid
	}
	var rows []discordgo.MessageComponent
	for _, c := range i.Message.Components {
		row, ok := c.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		var keep []discordgo.MessageComponent
		for _, rc := range row.Components {
			if btn, ok := rc.(*discordgo.Button); ok && strings.HasPrefix(btn.CustomID, "pub:") {
				continue
			}
			keep = append(keep, rc)
		}
		if len(keep) > 0 {
			rows = append(rows, discordgo.ActionsRow{Components: keep})
		}
	}
	if rows == nil {
		rows = []discordgo.MessageComponent{}
	}
	embeds := i.Message.Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	for _, e := range embeds {
		// Discord returns these; they may not be sent back.
		e.Type, e.Provider, e.Video = "", nil, nil
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content:         i.Message.Content,
			Embeds:          embeds,
			Components:      rows,
			AllowedMentions: noMentions(),
		},
	}, outcomeOK
}

// cite replies with a citation of a quote the user can copy: the quote as
// shown, the speaker, the event, its date and who asked, from the data the
// library has (nothing is invented).
func (b *Bot) cite(i *discordgo.Interaction, parts []string) (*discordgo.InteractionResponse, string) {
	if len(parts) < 3 {
		return message(msgExpired, true), outcomeInvalid
	}
	n, err := strconv.Atoi(parts[1])
	id := strings.Join(parts[2:], ":")
	p, ok := b.lib.Passage(id)
	if err != nil || !ok {
		return message("I couldn't find that passage any more. Please ask again.", true), outcomeInvalid
	}
	text := ""
	if i.Message != nil && n >= 0 && n < len(i.Message.Embeds) {
		text = strings.TrimSpace(unblockquote(i.Message.Embeds[n].Description))
	}
	if text == "" || !quotedFrom(text, p.Text) {
		text = p.Text
	}
	c := citation(text, p)
	block := "```\n" + c + "\n```"
	switch {
	case !strings.Contains(c, "```") && textLen(block) <= maxContent:
		return message(block, true), outcomeOK
	case !strings.Contains(c, "```") && textLen(block) <= maxDescription:
		return embedReply(&discordgo.MessageEmbed{Title: "Citation", Description: block}), outcomeOK
	case textLen(escapeMarkdown(c)) <= maxDescription:
		return embedReply(&discordgo.MessageEmbed{Title: "Citation", Description: escapeMarkdown(c)}), outcomeOK
	}
	// Too long to show whole: cite the passage without its words.
	if c := citation("", p); !strings.Contains(c, "```") {
		return message("```\n"+c+"\n```", true), outcomeOK
	}
	return message(escapeMarkdown(citation("", p)), true), outcomeOK
}

// quotedFrom reports whether every "…"-separated piece of quote appears in
// the passage text (white space normalised), so a citation only ever
// carries words that were said.
func quotedFrom(quote, text string) bool {
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	t := norm(text)
	for _, piece := range strings.Split(quote, "…") {
		if piece = norm(piece); piece != "" && !strings.Contains(t, piece) {
			return false
		}
	}
	return true
}

// citation formats “quote” — Speaker, in answer to Reporter, Event, Date.
// URL, leaving out what is not known.
func citation(text string, p retrieval.Passage) string {
	var sb strings.Builder
	if text != "" {
		sb.WriteString("“" + strings.Join(strings.Fields(text), " ") + "”")
	}
	var parts []string
	if s := strings.TrimSpace(p.Speaker); s != "" {
		parts = append(parts, s)
	} else if p.Role == retrieval.RoleReporter {
		parts = append(parts, "a reporter")
	}
	if who := strings.TrimSpace(p.AskedBy); who != "" && p.Kind == retrieval.KindAnswer {
		parts = append(parts, "in answer to "+who)
	}
	if t := strings.TrimSpace(p.Title); t != "" {
		parts = append(parts, t)
	}
	if p.Date != "" {
		parts = append(parts, p.Date)
	}
	if len(parts) > 0 {
		if sb.Len() > 0 {
			sb.WriteString(" — ")
		}
		sb.WriteString(strings.Join(parts, ", ") + ".")
	}
	if link := sourceLink(p.SourceURL, text); link != "" {
		sb.WriteString(" " + link)
	}
	return sb.String()
}

// onFeedback records 👍 and 👎 and, after 👎, asks why.
func (b *Bot) onFeedback(ctx context.Context, i *discordgo.Interaction, parts, values []string) (*discordgo.InteractionResponse, string) {
	rec := feedbackRecord{
		Time:      time.Now().UTC().Format(time.RFC3339),
		User:      userID(i),
		Guild:     i.GuildID,
		Channel:   i.ChannelID,
		QueryHash: parts[len(parts)-1],
	}
	if i.Message != nil {
		rec.Message = i.Message.ID
		if q, ok := parseHeader(i.Message.Content); ok {
			rec.Question, rec.Speaker, rec.Transcript = q.question, q.speaker, q.transcript
		}
		rec.Passages = passageIDs(i.Message.Components)
	}
	switch {
	case parts[0] == "fb" && len(parts) == 3 && parts[1] == "up":
		rec.Vote = "up"
		b.record(ctx, rec)
		return message("Thanks for the feedback!", true), outcomeOK
	case parts[0] == "fb" && len(parts) == 3 && parts[1] == "down":
		rec.Vote = "down"
		b.record(ctx, rec)
		opts := make([]discordgo.SelectMenuOption, len(feedbackReasons))
		for k, r := range feedbackReasons {
			opts[k] = discordgo.SelectMenuOption{Label: r.label, Value: r.value}
		}
		one := 1
		id := fmt.Sprintf("fbr:%s:%s", rec.Message, rec.QueryHash)
		if len(id) > maxCustomID {
			id = "fbr::" + rec.QueryHash
		}
		d := messageData("Sorry about that. What was wrong?", true)
		d.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.SelectMenu{MenuType: discordgo.StringSelectMenu, CustomID: id, Placeholder: "Pick a reason", MinValues: &one, MaxValues: 1, Options: opts},
		}}}
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: d}, outcomeOK
	case parts[0] == "fbr" && len(parts) == 3 && len(values) == 1:
		label := ""
		for _, r := range feedbackReasons {
			if r.value == values[0] {
				label = r.label
			}
		}
		if label == "" {
			return message(msgExpired, true), outcomeInvalid
		}
		rec.Vote, rec.Reason, rec.Message = "down", values[0], parts[1]
		rec.Question, rec.Speaker, rec.Transcript, rec.Passages = "", "", "", nil
		b.record(ctx, rec)
		d := messageData("Thanks, noted: "+strings.ToLower(label)+".", true)
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: d}, outcomeOK
	}
	return message(msgExpired, true), outcomeInvalid
}

// passageIDs are the passages a reply's context buttons point at, in order.
func passageIDs(rows []discordgo.MessageComponent) []string {
	var ids []string
	for _, c := range rows {
		row, ok := c.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, rc := range row.Components {
			if btn, ok := rc.(*discordgo.Button); ok && strings.HasPrefix(btn.CustomID, "ctx:") {
				ids = append(ids, strings.TrimPrefix(btn.CustomID, "ctx:"))
			}
		}
	}
	return ids
}
