package bot

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Run is `onrecord bot`: it opens s (a new, unopened discordgo.Session made
// with the bot token, "Bot " prefix included), registers the slash commands
// with a bulk overwrite (to Config.GuildID, else globally), answers
// interactions and mentions until ctx is cancelled, then waits up to
// Config.ShutdownTimeout for in-flight handlers and closes s. It returns
// nil after a cancellation, or the error that kept it from starting. A Bot
// runs once.
//
// It sets s.Identify.Intents to Guilds, Guild Messages and Direct Messages
// (plus Message Content when Config.MessageContentIntent). Discord's rate
// limits (429 with retry_after) are left to discordgo
// (s.ShouldRetryOnRateLimit, s.MaxRestRetries); every REST call is bounded
// by Config.RESTTimeout.
func (b *Bot) Run(ctx context.Context, s *discordgo.Session) error {
	if s == nil {
		return errors.New("run bot: nil session")
	}
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	if b.cfg.MessageContentIntent {
		s.Identify.Intents |= discordgo.IntentsMessageContent
	}
	// Handlers finish their work after ctx is cancelled, within their own
	// timeouts; Drain bounds the wait.
	base := context.WithoutCancel(ctx)
	removeInteraction := s.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		if ic.Interaction != nil {
			b.onInteraction(base, s, ic.Interaction)
		}
	})
	defer removeInteraction()
	removeMessage := s.AddHandler(func(s *discordgo.Session, m *discordgo.MessageCreate) {
		if m.Message != nil {
			b.onMention(base, s, selfID(s), m.Message)
		}
	})
	defer removeMessage()

	if err := s.Open(); err != nil {
		return fmt.Errorf("run bot: open gateway: %w", err)
	}
	appID := b.cfg.ApplicationID
	if appID == "" {
		s.State.RLock()
		if s.State.Application != nil {
			appID = s.State.Application.ID
		} else if s.State.User != nil {
			appID = s.State.User.ID
		}
		s.State.RUnlock()
	}
	if err := b.register(ctx, s, appID); err != nil {
		s.Close()
		if ctx.Err() != nil {
			return nil // cancelled while starting, as by Ctrl-C: no failure
		}
		return fmt.Errorf("run bot: %w", err)
	}
	b.log.Info("connected", "application", appID, "guild", b.cfg.GuildID)

	<-ctx.Done()
	removeInteraction()
	removeMessage()
	if err := b.Drain(context.Background()); err != nil {
		b.log.Warn("shutting down with handlers still running", "err", err)
	}
	if err := s.Close(); err != nil {
		b.log.Warn("close gateway", "err", err)
	}
	return nil
}

// Register overwrites the application's slash commands with Commands(), in
// Config.GuildID or globally, as the application Config.ApplicationID. Run
// does it itself; serve mode's cmd calls it when it has a bot token
// (interactions reach the HTTP endpoint whoever registered the commands).
func (b *Bot) Register(ctx context.Context, s *discordgo.Session) error {
	if b.cfg.ApplicationID == "" {
		return errors.New("register commands: no application id")
	}
	return b.register(ctx, s, b.cfg.ApplicationID)
}

func (b *Bot) register(ctx context.Context, s *discordgo.Session, appID string) error {
	rctx, cancel := context.WithTimeout(ctx, b.cfg.RESTTimeout)
	defer cancel()
	if _, err := s.ApplicationCommandBulkOverwrite(appID, b.cfg.GuildID, Commands(), discordgo.WithContext(rctx)); err != nil {
		return fmt.Errorf("register commands: %w", err)
	}
	return nil
}

// onInteraction answers an interaction from the gateway: the first
// response within 3 s, then, if that was a deferral, the answer as an edit.
func (b *Bot) onInteraction(ctx context.Context, s rest, i *discordgo.Interaction) {
	if !b.track() {
		return
	}
	defer b.inflight.Done()
	ex := b.handle(ctx, s, i)
	rctx, cancel := context.WithTimeout(ctx, b.cfg.RESTTimeout)
	err := s.InteractionRespond(i, ex.first, discordgo.WithContext(rctx))
	cancel()
	if err != nil {
		// Never retried: a second response could post twice.
		b.log.Error("respond to interaction", "command", ex.command, "interaction", i.ID, "err", err)
		b.metrics.errors.WithLabelValues("discord_rest").Inc()
	}
	ex.sent(err == nil)
}

// mentionPattern matches a user mention, <@id> or <@!id>.
var mentionPattern = regexp.MustCompile(`<@!?(\d+)>`)

// onMention answers a message that mentions the bot (user id self) ("@onrecord what did
// she say about Iran?") in a thread started from it, or, where no thread
// can be started (a DM, a thread already), in a reply.
func (b *Bot) onMention(ctx context.Context, s rest, self string, m *discordgo.Message) {
	if m.Author == nil || m.Author.Bot {
		return
	}
	mentioned := false
	for _, u := range m.Mentions {
		if u != nil && u.ID == self && self != "" {
			mentioned = true
		}
	}
	if !mentioned || !b.allowed(m.GuildID, m.ChannelID) {
		return
	}
	if !b.track() {
		return
	}
	defer b.inflight.Done()
	start := time.Now()
	question := mentionPattern.ReplaceAllStringFunc(m.Content, func(tag string) string {
		if mentionPattern.FindStringSubmatch(tag)[1] == self {
			return " "
		}
		return tag
	})
	q := query{mode: modeAsk, question: question}
	if msg := q.invalid(); msg != "" {
		if strings.TrimSpace(question) == "" {
			msg = "Hi! Ask me about the transcripts, for example: @onrecord what did the Secretary say about NATO?"
		}
		b.reply(ctx, s, m, m.ChannelID, messageData(msg, false), true)
		b.metrics.observe("mention", outcomeInvalid, time.Since(start))
		return
	}
	if wait, ok := b.limiter.allow(m.Author.ID); !ok {
		b.reply(ctx, s, m, m.ChannelID, messageData(rateLimited(wait), false), true)
		b.metrics.observe("mention", outcomeRateLimited, time.Since(start))
		return
	}
	actx, cancel := context.WithTimeout(ctx, b.cfg.AnswerTimeout)
	d, outcome := b.answer(actx, q, 0, false)
	cancel()
	b.metrics.observe("mention", outcome, time.Since(start))

	target, asReply := m.ChannelID, true
	if m.GuildID != "" {
		rctx, cancel := context.WithTimeout(ctx, b.cfg.RESTTimeout)
		th, err := s.MessageThreadStartComplex(m.ChannelID, m.ID, &discordgo.ThreadStart{
			Name: threadName(q.question), AutoArchiveDuration: 1440,
		}, discordgo.WithContext(rctx))
		cancel()
		switch {
		case err == nil && th != nil:
			target, asReply = th.ID, false
		case retryable(err):
			// Discord failed or did not answer: the thread may exist, so
			// posting elsewhere could post twice.
			b.log.Error("start thread", "message", m.ID, "err", err)
			b.metrics.errors.WithLabelValues("discord_rest").Inc()
			return
		default:
			// Refused (a thread already, no permission): reply in place.
			b.log.Info("no thread; replying in channel", "message", m.ID, "err", err)
		}
	}
	b.reply(ctx, s, m, target, d, asReply)
}

// reply posts d to channel, as a reply to m when asReply, mentioning no
// one. It is never retried beyond discordgo's rate-limit handling.
func (b *Bot) reply(ctx context.Context, s rest, m *discordgo.Message, channel string, d *discordgo.InteractionResponseData, asReply bool) {
	send := &discordgo.MessageSend{
		Content:         d.Content,
		Embeds:          d.Embeds,
		Components:      d.Components,
		AllowedMentions: noMentions(),
	}
	if asReply {
		no := false
		send.Reference = &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID, FailIfNotExists: &no}
	}
	rctx, cancel := context.WithTimeout(ctx, b.cfg.RESTTimeout)
	defer cancel()
	if _, err := s.ChannelMessageSendComplex(channel, send, discordgo.WithContext(rctx)); err != nil {
		b.log.Error("send reply", "channel", channel, "message", m.ID, "err", err)
		b.metrics.errors.WithLabelValues("discord_rest").Inc()
	}
}

// selfID is the bot's user id, from the gateway's READY.
func selfID(s *discordgo.Session) string {
	s.State.RLock()
	defer s.State.RUnlock()
	if s.State.User == nil {
		return ""
	}
	return s.State.User.ID
}

// threadName names a thread after its question, within Discord's 100
// characters.
func threadName(q string) string {
	name := shorten(q, maxChoiceLen)
	if name == "…" || name == "" {
		return "Question"
	}
	return name
}
