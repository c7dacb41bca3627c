package bot

import (
	"context"
	"crypto/ed25519"
	"errors"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/onrecord/onrecord/retrieval"
	"github.com/onrecord/onrecord/verify"
)

// Asker answers a question with ranked verbatim quotes (the extractive
// answerer, or a language model's verified answer).
type Asker interface {
	Ask(ctx context.Context, q retrieval.Query) (retrieval.Answer, error)
}

// Verifier checks whether a claimed quote was said.
type Verifier interface {
	Verify(ctx context.Context, claim string) (verify.Result, error)
}

// Library lists what is stored, for /transcripts, /speakers, /context,
// autocomplete and citations.
type Library interface {
	Transcripts() []retrieval.Transcript
	Passages() []retrieval.Passage
	Passage(id string) (retrieval.Passage, bool)
}

// RateLimit is a per-user token bucket: a user may make Burst requests at
// once, and gets one more every Every.
type RateLimit struct {
	Burst int
	Every time.Duration
}

// Config holds everything the bot needs; cmd fills it from flags and the
// environment. Zero values take the defaults documented on each field.
type Config struct {
	// Logger receives details of errors users only see kindly; nil
	// discards them.
	Logger *slog.Logger
	// ApplicationID is the Discord application's id, used to register
	// commands; "" takes it from the gateway's READY.
	ApplicationID string
	// GuildID registers the commands to one guild (instantly) instead of
	// globally; "" registers them globally.
	GuildID string
	// FeedbackPath is the JSON Lines file 👍/👎 feedback is appended to;
	// "" only logs it.
	FeedbackPath string
	// RateLimit limits each user's requests; the zero value means 5 at once
	// and one more every 6 s. A negative Burst disables the limit.
	RateLimit RateLimit
	// AllowedGuilds and AllowedChannels, when not empty, are the only
	// guilds and channels the bot answers in (a thread counts as its own
	// channel).
	AllowedGuilds, AllowedChannels []string
	// AnswerTimeout bounds one Ask or Verify; default 20 s.
	AnswerTimeout time.Duration
	// DeferAfter is how long an answer may take before the bot defers its
	// reply (Discord wants a first response within 3 s); default 2.5 s.
	DeferAfter time.Duration
	// RESTTimeout bounds each call to Discord's REST API; default 10 s.
	RESTTimeout time.Duration
	// ShutdownTimeout bounds how long Run and Drain wait for in-flight
	// handlers; default 10 s.
	ShutdownTimeout time.Duration
	// PublicKey is the application's Ed25519 public key, which signs the
	// requests HTTPHandler receives (serve mode).
	PublicKey ed25519.PublicKey
	// Session makes the REST calls of serve mode (editing a deferred
	// reply); nil uses discordgo.New("") with discordgo's defaults, which
	// needs no token for interaction webhooks.
	Session *discordgo.Session
	// StorePassages reports the number of stored passages for the
	// onrecord_store_passages gauge; nil counts Library.Passages().
	StorePassages func() float64
	// MessageContentIntent asks the gateway for the privileged Message
	// Content intent. Discord sends the content of messages that mention
	// the bot without it; enable it (in the developer portal too) to be
	// safe against changes to that rule.
	MessageContentIntent bool
}

// Bot answers Discord interactions and mentions. Build it with New; it is
// safe for concurrent use.
type Bot struct {
	cfg      Config
	log      *slog.Logger
	ask      Asker
	ver      Verifier
	lib      Library
	limiter  *limiter
	metrics  *metrics
	feedback *feedbackLog
	rest     *discordgo.Session

	mu       sync.Mutex
	closing  bool
	inflight sync.WaitGroup
}

// New returns a Bot over the given answerer, verifier and library. ask and
// lib are required; ver may be nil, in which case /verify says it is
// unavailable.
func New(cfg Config, ask Asker, ver Verifier, lib Library) (*Bot, error) {
	if ask == nil {
		return nil, errors.New("new bot: nil Asker")
	}
	if lib == nil {
		return nil, errors.New("new bot: nil Library")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.RateLimit.Burst == 0 {
		cfg.RateLimit = RateLimit{Burst: 5, Every: 6 * time.Second}
	}
	if cfg.RateLimit.Every <= 0 {
		cfg.RateLimit.Every = 6 * time.Second
	}
	if cfg.AnswerTimeout <= 0 {
		cfg.AnswerTimeout = 20 * time.Second
	}
	if cfg.DeferAfter <= 0 {
		cfg.DeferAfter = 2500 * time.Millisecond
	}
	if cfg.RESTTimeout <= 0 {
		cfg.RESTTimeout = 10 * time.Second
	}
	if cfg.ShutdownTimeout <= 0 {
		cfg.ShutdownTimeout = 10 * time.Second
	}
	b := &Bot{
		cfg:      cfg,
		log:      cfg.Logger.With("component", "bot"),
		ask:      ask,
		ver:      ver,
		lib:      lib,
		limiter:  newLimiter(cfg.RateLimit, time.Now),
		feedback: &feedbackLog{path: cfg.FeedbackPath},
		rest:     cfg.Session,
	}
	if b.rest == nil {
		s, err := discordgo.New("")
		if err != nil {
			return nil, err
		}
		b.rest = s
	}
	passages := cfg.StorePassages
	if passages == nil {
		passages = func() float64 { return float64(len(lib.Passages())) }
	}
	b.metrics = newMetrics(passages)
	return b, nil
}

// track registers a handler as in flight; it reports false once the bot is
// shutting down, and the caller must then not start.
func (b *Bot) track() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closing {
		return false
	}
	b.inflight.Add(1)
	return true
}

// Drain stops new work and waits, up to ctx's deadline and at most
// ShutdownTimeout, for in-flight handlers (such as deferred replies being
// edited) to finish. cmd calls it after http.Server.Shutdown in serve mode;
// Run calls it itself.
func (b *Bot) Drain(ctx context.Context) error {
	b.mu.Lock()
	b.closing = true
	b.mu.Unlock()
	done := make(chan struct{})
	go func() {
		b.inflight.Wait()
		close(done)
	}()
	ctx, cancel := context.WithTimeout(ctx, b.cfg.ShutdownTimeout)
	defer cancel()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return errors.New("drain: handlers still running")
	}
}

func (b *Bot) draining() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.closing
}
