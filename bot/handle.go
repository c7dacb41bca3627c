package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/onrecord/onrecord/verify"
)

// What users see when something goes wrong: short and kind. Details go to
// the log.
const (
	msgTrouble     = "Sorry, something went wrong on my side. Please try again in a moment."
	msgTimeout     = "Sorry, that took too long. Please try again, or narrow it down with `speaker:` or `transcript:`."
	msgNotAllowed  = "Sorry, I'm not enabled in this channel."
	msgRateLimited = "You're asking faster than I can keep up. Please wait %s and try again."
	msgUnknown     = "Sorry, I don't know that command. Try `/ask`."
	msgNoVerifier  = "Sorry, checking quotes isn't available right now."
	// msgClaimTooShort: see verify.TooShort.
	msgClaimTooShort = "That's too short to check: give the words of the quote, at least two of them not common words like \"the\" or \"we\"."
	msgExpired       = "Sorry, I couldn't read that message any more. Please ask again with `/ask`."
	msgDraining      = "I'm restarting. Please try again in a few seconds."
)

// Outcomes counted by onrecord_interactions_total.
const (
	outcomeOK          = "ok"
	outcomeEmpty       = "empty" // answered, with nothing found
	outcomeInvalid     = "invalid"
	outcomeError       = "error"
	outcomeTimeout     = "timeout"
	outcomeRateLimited = "rate_limited"
	outcomeDenied      = "denied"
)

// rest is the few Discord REST calls the handlers make; a
// *discordgo.Session has them.
type rest interface {
	InteractionRespond(i *discordgo.Interaction, resp *discordgo.InteractionResponse, options ...discordgo.RequestOption) error
	InteractionResponseEdit(i *discordgo.Interaction, edit *discordgo.WebhookEdit, options ...discordgo.RequestOption) (*discordgo.Message, error)
	MessageThreadStartComplex(channelID, messageID string, data *discordgo.ThreadStart, options ...discordgo.RequestOption) (*discordgo.Channel, error)
	ChannelMessageSendComplex(channelID string, data *discordgo.MessageSend, options ...discordgo.RequestOption) (*discordgo.Message, error)
}

// task is the work for one interaction. run computes the full response;
// deferred, when set, is sent first if run is slow, and run's data then
// replaces it.
type task struct {
	command  string
	run      func(ctx context.Context) (*discordgo.InteractionResponse, string)
	deferred *discordgo.InteractionResponse
}

// exchange is the bot's side of one interaction: the first response, and
// sent, which the transport calls once it has sent it (reporting whether
// that worked). When the first response was a deferral, the answer then
// replaces it through the REST API.
type exchange struct {
	command string
	first   *discordgo.InteractionResponse
	sent    func(ok bool)
}

// handle turns an interaction into an exchange. It answers within
// DeferAfter: a slow answer is deferred, and once the transport reports the
// deferral sent, the answer is edited into the original response with s. It
// never panics on bad input.
func (b *Bot) handle(ctx context.Context, s rest, i *discordgo.Interaction) exchange {
	start := time.Now()
	nop := func(bool) {}
	t := b.route(i)
	if t.deferred == nil {
		resp, outcome := b.safeRun(ctx, t)
		b.metrics.observe(t.command, outcome, time.Since(start))
		return exchange{command: t.command, first: resp, sent: nop}
	}
	if !b.track() {
		b.metrics.observe(t.command, outcomeError, time.Since(start))
		return exchange{command: t.command, first: message(msgDraining, true), sent: nop}
	}
	// The work outlives the request that asked for it, bounded by its own
	// timeout.
	base := context.WithoutCancel(ctx)
	wctx, cancel := context.WithTimeout(base, b.cfg.AnswerTimeout)
	var mu sync.Mutex
	deferred := false
	done := make(chan *discordgo.InteractionResponse, 1)
	sent := make(chan bool, 1)
	go func() {
		defer b.inflight.Done()
		resp, outcome := b.safeRun(wctx, t)
		cancel()
		b.metrics.observe(t.command, outcome, time.Since(start))
		mu.Lock()
		if !deferred {
			done <- resp
			mu.Unlock()
			return
		}
		mu.Unlock()
		select {
		case ok := <-sent:
			if !ok {
				return
			}
		case <-time.After(b.cfg.RESTTimeout):
			b.log.Warn("deferral never sent; dropping answer", "command", t.command, "interaction", i.ID)
			return
		}
		b.editOriginal(base, s, i, resp.Data)
	}()
	timer := time.NewTimer(b.cfg.DeferAfter)
	defer timer.Stop()
	select {
	case resp := <-done:
		return exchange{command: t.command, first: resp, sent: nop}
	case <-timer.C:
	}
	mu.Lock()
	defer mu.Unlock()
	select {
	case resp := <-done:
		return exchange{command: t.command, first: resp, sent: nop}
	default:
	}
	deferred = true
	return exchange{command: t.command, first: t.deferred, sent: func(ok bool) { sent <- ok }}
}

// editOriginal replaces a deferred response with the answer. An edit is
// idempotent, so a failure of Discord's (5xx or no reply) is tried once
// more; a refusal (4xx) is not.
func (b *Bot) editOriginal(ctx context.Context, s rest, i *discordgo.Interaction, d *discordgo.InteractionResponseData) {
	edit := toEdit(d)
	for attempt := 1; ; attempt++ {
		rctx, cancel := context.WithTimeout(ctx, b.cfg.RESTTimeout)
		_, err := s.InteractionResponseEdit(i, edit, discordgo.WithContext(rctx))
		cancel()
		if err == nil {
			return
		}
		b.metrics.errors.WithLabelValues("discord_rest").Inc()
		if attempt == 2 || !retryable(err) {
			b.log.Error("edit deferred reply", "interaction", i.ID, "attempt", attempt, "err", err)
			return
		}
		b.log.Warn("edit deferred reply; retrying", "interaction", i.ID, "err", err)
	}
}

// retryable reports whether a failed REST call may be tried again: Discord
// failed (5xx) or did not answer; not when it refused the request (4xx).
func retryable(err error) bool {
	var rest *discordgo.RESTError
	if errors.As(err, &rest) && rest.Response != nil {
		return rest.Response.StatusCode >= 500
	}
	var rl *discordgo.RateLimitError
	return !errors.As(err, &rl)
}

// safeRun runs a task, turning a panic in a dependency into a kind reply.
func (b *Bot) safeRun(ctx context.Context, t task) (resp *discordgo.InteractionResponse, outcome string) {
	defer func() {
		if r := recover(); r != nil {
			b.log.Error("handler panicked", "command", t.command, "panic", fmt.Sprint(r))
			b.metrics.errors.WithLabelValues("panic").Inc()
			resp, outcome = message(msgTrouble, true), outcomeError
		}
	}()
	resp, outcome = t.run(ctx)
	if resp != nil && resp.Type == discordgo.InteractionResponseUpdateMessage && resp.Data != nil {
		// An update keeps the message's visibility; it may not set it.
		resp.Data.Flags &^= discordgo.MessageFlagsEphemeral
	}
	return resp, outcome
}

// route picks the task for an interaction.
func (b *Bot) route(i *discordgo.Interaction) task {
	switch i.Type {
	case discordgo.InteractionPing:
		return quick("ping", &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
	case discordgo.InteractionApplicationCommandAutocomplete:
		return task{command: "autocomplete", run: func(context.Context) (*discordgo.InteractionResponse, string) {
			return b.autocomplete(i), outcomeOK
		}}
	case discordgo.InteractionApplicationCommand:
		data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok {
			return quickKind("unknown", msgUnknown, outcomeInvalid)
		}
		name := data.Name
		if !slices.Contains(commandNames, name) {
			return quickKind("unknown", msgUnknown, outcomeInvalid)
		}
		if !b.allowed(i.GuildID, i.ChannelID) {
			return quickKind(name, msgNotAllowed, outcomeDenied)
		}
		return b.commandTask(i, name, data)
	case discordgo.InteractionMessageComponent:
		data, ok := i.Data.(discordgo.MessageComponentInteractionData)
		if !ok {
			return quickKind("unknown", msgUnknown, outcomeInvalid)
		}
		kind, _, _ := strings.Cut(data.CustomID, ":")
		name := "button:" + kind
		if !slices.Contains(componentKinds, kind) {
			return quickKind("button:unknown", msgExpired, outcomeInvalid)
		}
		if !b.allowed(i.GuildID, i.ChannelID) {
			return quickKind(name, msgNotAllowed, outcomeDenied)
		}
		return b.componentTask(i, name, data)
	}
	return quickKind("unknown", msgUnknown, outcomeInvalid)
}

// commandTask is the task for a slash command.
func (b *Bot) commandTask(i *discordgo.Interaction, name string, data discordgo.ApplicationCommandInteractionData) task {
	opts := options(data.Options)
	switch name {
	case "ask", "quote":
		mode := modeAsk
		if name == "quote" {
			mode = modeQuote
		}
		q := query{mode: mode, question: opts.str("question"), speaker: opts.str("speaker"), transcript: opts.str("transcript")}
		if mode == modeQuote {
			q.question = opts.str("query")
		}
		ephemeral := !opts.boolean("public")
		if msg := q.invalid(); msg != "" {
			return quickKind(name, msg, outcomeInvalid)
		}
		if wait, ok := b.limiter.allow(userID(i)); !ok {
			return quickKind(name, rateLimited(wait), outcomeRateLimited)
		}
		return task{command: name, deferred: deferMessage(ephemeral), run: func(ctx context.Context) (*discordgo.InteractionResponse, string) {
			data, outcome := b.answer(ctx, q, 0, ephemeral)
			return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: data}, outcome
		}}
	case "verify":
		claim := strings.TrimSpace(opts.str("claim"))
		if msg := invalidText(claim, "claim", "`/verify claim: we stand firmly with Ukraine`"); msg != "" {
			return quickKind(name, msg, outcomeInvalid)
		}
		if verify.TooShort(claim) {
			// "the" is said by everyone: a verdict on it would name
			// whoever said it first.
			return quickKind(name, msgClaimTooShort, outcomeInvalid)
		}
		if b.ver == nil {
			return quickKind(name, msgNoVerifier, outcomeError)
		}
		if wait, ok := b.limiter.allow(userID(i)); !ok {
			return quickKind(name, rateLimited(wait), outcomeRateLimited)
		}
		ephemeral := !opts.boolean("public")
		return task{command: name, deferred: deferMessage(ephemeral), run: func(ctx context.Context) (*discordgo.InteractionResponse, string) {
			data, outcome := b.verify(ctx, claim, ephemeral)
			return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: data}, outcome
		}}
	case "context":
		return task{command: name, run: func(context.Context) (*discordgo.InteractionResponse, string) {
			return b.showContext(strings.TrimSpace(opts.str("passage")), true)
		}}
	case "speakers":
		return task{command: name, run: func(context.Context) (*discordgo.InteractionResponse, string) {
			return b.speakers(opts.str("transcript")), outcomeOK
		}}
	case "transcripts":
		return task{command: name, run: func(context.Context) (*discordgo.InteractionResponse, string) {
			return b.transcripts(), outcomeOK
		}}
	}
	return quickKind("unknown", msgUnknown, outcomeInvalid)
}

// allowed applies the optional guild and channel allowlists.
func (b *Bot) allowed(guildID, channelID string) bool {
	if len(b.cfg.AllowedGuilds) > 0 && !slices.Contains(b.cfg.AllowedGuilds, guildID) {
		return false
	}
	if len(b.cfg.AllowedChannels) > 0 && !slices.Contains(b.cfg.AllowedChannels, channelID) {
		return false
	}
	return true
}

// userID is who made an interaction, in a guild or a DM.
func userID(i *discordgo.Interaction) string {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User.ID
	}
	if i.User != nil {
		return i.User.ID
	}
	return ""
}

// quick is a task with a ready response.
func quick(command string, r *discordgo.InteractionResponse) task {
	return task{command: command, run: func(context.Context) (*discordgo.InteractionResponse, string) { return r, outcomeOK }}
}

// quickKind is a task that answers with a kind ephemeral message.
func quickKind(command, msg, outcome string) task {
	return task{command: command, run: func(context.Context) (*discordgo.InteractionResponse, string) {
		return message(msg, true), outcome
	}}
}

// message is a plain text reply, escaped by the caller if need be.
func message(content string, ephemeral bool) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: messageData(content, ephemeral),
	}
}

// messageData is a plain text message's data.
func messageData(content string, ephemeral bool) *discordgo.InteractionResponseData {
	d := &discordgo.InteractionResponseData{
		Content:         shorten(content, maxContent),
		Embeds:          []*discordgo.MessageEmbed{},
		Components:      []discordgo.MessageComponent{},
		AllowedMentions: noMentions(),
	}
	if ephemeral {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	return d
}

// deferMessage is the "thinking…" response sent when an answer is slow.
func deferMessage(ephemeral bool) *discordgo.InteractionResponse {
	d := &discordgo.InteractionResponseData{AllowedMentions: noMentions()}
	if ephemeral {
		d.Flags = discordgo.MessageFlagsEphemeral
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource, Data: d}
}

// rateLimited is the kind reply to a user over their rate limit.
func rateLimited(wait time.Duration) string {
	secs := int(wait.Round(time.Second) / time.Second)
	if secs < 1 {
		secs = 1
	}
	unit := "seconds"
	if secs == 1 {
		unit = "second"
	}
	return fmt.Sprintf(msgRateLimited, fmt.Sprintf("%d %s", secs, unit))
}

// failure maps an error from a dependency to what the user sees and the
// outcome counted, and logs the details.
func (b *Bot) failure(ctx context.Context, what string, err error) (string, string) {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		b.log.Warn(what+" timed out", "err", err)
		b.metrics.errors.WithLabelValues(what + "_timeout").Inc()
		return msgTimeout, outcomeTimeout
	}
	b.log.Error(what+" failed", "err", err)
	b.metrics.errors.WithLabelValues(what).Inc()
	return msgTrouble, outcomeError
}

// toEdit turns response data into the edit of a deferred response.
func toEdit(d *discordgo.InteractionResponseData) *discordgo.WebhookEdit {
	if d == nil {
		d = messageData(msgTrouble, true)
	}
	content := d.Content
	embeds := d.Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	components := d.Components
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	return &discordgo.WebhookEdit{
		Content:         &content,
		Embeds:          &embeds,
		Components:      &components,
		AllowedMentions: noMentions(),
	}
}
