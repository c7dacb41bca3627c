package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/onrecord/onrecord/bot"
)

// discordFlags are the flags bot and serve share.
type discordFlags struct {
	data      *string
	addr      *string
	logFormat *string
	logLevel  *string
}

func addDiscordFlags(fs *flag.FlagSet, defaultAddr, addrUsage string) discordFlags {
	return discordFlags{
		data:      dataFlag(fs),
		addr:      fs.String("addr", defaultAddr, addrUsage),
		logFormat: fs.String("log-format", "", "log format: text or json (default text on a terminal, json otherwise; $ONRECORD_LOG_FORMAT)"),
		logLevel:  fs.String("log-level", "", "log level: debug, info, warn or error (default info; $ONRECORD_LOG_LEVEL)"),
	}
}

func runBot(ctx context.Context, c *cli, args []string) error {
	fs := newFlags(c, "bot", `bot [--data DIR] [--addr HOST:PORT]

Connects to Discord's gateway as the bot (DISCORD_TOKEN or DISCORD_TOKEN_FILE),
registers the slash commands (to DISCORD_GUILD_ID if set, else globally) and
answers /ask, /quote, /verify, /context, /speakers, /transcripts, buttons and
mentions. With --addr it also serves /healthz, /readyz and /metrics there.
ONRECORD_MESSAGE_CONTENT=true asks for the privileged Message Content intent
(default false; turn it on in the developer portal first, or Discord closes
the connection with 4014). See README.md for setting up the Discord application.`)
	f := addDiscordFlags(fs, "", "serve /healthz, /readyz and /metrics on this address (default off; $ONRECORD_ADDR)")
	if done, err := parseFlags(fs, args); done {
		return err
	}
	logger, err := c.logger(*f.logFormat, *f.logLevel)
	if err != nil {
		return err
	}
	token, err := c.discordToken()
	if err != nil {
		return err
	}
	if token == "" {
		return errors.New("DISCORD_TOKEN (or DISCORD_TOKEN_FILE) is not set: the bot needs its token from the Discord developer portal (Bot → Reset Token)")
	}
	messageContent, err := c.messageContentIntent()
	if err != nil {
		return err
	}
	b, release, err := c.newBot(ctx, *f.data, logger, nil, messageContent)
	if err != nil {
		return err
	}
	defer release()
	session, err := c.discordSession(token)
	if err != nil {
		return err
	}
	addr := firstNonEmpty(*f.addr, c.getenv("ONRECORD_ADDR"))
	if addr != "" {
		stop, err := serveHTTP(ctx, addr, b.HTTPHandler(), logger)
		if err != nil {
			return err
		}
		defer stop()
	}
	logger.Info("connecting to Discord", "component", "bot", "guild", c.getenv("DISCORD_GUILD_ID"), "message_content_intent", messageContent)
	if err := b.Run(ctx, session); err != nil {
		return fmt.Errorf("bot: %w", err)
	}
	logger.Info("stopped", "component", "bot")
	return nil
}

func runServe(ctx context.Context, c *cli, args []string) error {
	fs := newFlags(c, "serve", `serve [--data DIR] [--addr HOST:PORT]

Serves Discord's HTTP interactions endpoint: POST /interactions (set the
application's Interactions Endpoint URL to https://your-host/interactions),
verified with DISCORD_PUBLIC_KEY; plus /healthz, /readyz and /metrics.
With DISCORD_TOKEN and DISCORD_APPLICATION_ID set it also registers the slash
commands at start. Stateless: several replicas can serve one data folder.`)
	f := addDiscordFlags(fs, "", "address to listen on (default :8080; $ONRECORD_ADDR)")
	if done, err := parseFlags(fs, args); done {
		return err
	}
	logger, err := c.logger(*f.logFormat, *f.logLevel)
	if err != nil {
		return err
	}
	keyHex := strings.TrimSpace(c.getenv("DISCORD_PUBLIC_KEY"))
	if keyHex == "" {
		return errors.New("DISCORD_PUBLIC_KEY is not set: copy the Public Key from the Discord developer portal (General Information)")
	}
	key, err := hex.DecodeString(keyHex)
	if err != nil || len(key) != ed25519.PublicKeySize {
		return fmt.Errorf("DISCORD_PUBLIC_KEY is not a %d-byte hex Ed25519 key", ed25519.PublicKeySize)
	}
	token, err := c.discordToken()
	if err != nil {
		return err
	}
	b, release, err := c.newBot(ctx, *f.data, logger, ed25519.PublicKey(key), false)
	if err != nil {
		return err
	}
	defer release()
	switch {
	case token != "" && c.getenv("DISCORD_APPLICATION_ID") == "":
		logger.Warn("DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is not: the slash commands are not registered", "component", "serve")
	case token != "":
		s, err := c.discordSession(token)
		if err != nil {
			return err
		}
		if err := b.Register(ctx, s); err != nil {
			// The endpoint still works with commands registered before.
			logger.Warn("could not register the slash commands", "component", "serve", "err", err)
		}
	}
	addr := firstNonEmpty(*f.addr, c.getenv("ONRECORD_ADDR"), ":8080")
	stop, err := serveHTTP(ctx, addr, b.HTTPHandler(), logger)
	if err != nil {
		return err
	}
	<-ctx.Done()
	stop()
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := b.Drain(shutdown); err != nil {
		logger.Warn("replies still in flight at shutdown", "component", "serve", "err", err)
	}
	logger.Info("stopped", "component", "serve")
	return nil
}

// serveHTTP listens on addr and serves h until the returned func is
// called, which shuts the server down gracefully (bounded).
func serveHTTP(ctx context.Context, addr string, h http.Handler, logger *slog.Logger) (func(), error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s (set --addr or ONRECORD_ADDR): %w", addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
	logger.Info("listening", "component", "http", "addr", ln.Addr().String())
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Error("http server failed", "component", "http", "err", err)
		}
	}()
	return func() {
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdown); err != nil {
			logger.Warn("http shutdown", "component", "http", "err", err)
		}
	}, nil
}

// discordToken reads DISCORD_TOKEN, or the file DISCORD_TOKEN_FILE names
// (for Docker and systemd secrets).
func (c *cli) discordToken() (string, error) {
	if t := strings.TrimSpace(c.getenv("DISCORD_TOKEN")); t != "" {
		return strings.TrimPrefix(t, "Bot "), nil
	}
	if path := c.getenv("DISCORD_TOKEN_FILE"); path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", fmt.Errorf("DISCORD_TOKEN_FILE: %w", err)
		}
		return strings.TrimPrefix(strings.TrimSpace(string(b)), "Bot "), nil
	}
	return "", nil
}

// messageContentIntent reads ONRECORD_MESSAGE_CONTENT: whether the bot
// asks the gateway for the privileged Message Content intent (default no).
func (c *cli) messageContentIntent() (bool, error) {
	v := strings.TrimSpace(c.getenv("ONRECORD_MESSAGE_CONTENT"))
	if v == "" {
		return false, nil
	}
	on, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("ONRECORD_MESSAGE_CONTENT=%q: want true or false", v)
	}
	return on, nil
}

// discordSession is a discordgo session authenticated with the bot token,
// or unauthenticated when token is "" (serve's edits of deferred replies
// need none). Every session cmd makes is made here, so discordClient
// carries all their REST calls.
func (c *cli) discordSession(token string) (*discordgo.Session, error) {
	if token != "" {
		token = "Bot " + token
	}
	s, err := discordgo.New(token)
	if err != nil {
		return nil, fmt.Errorf("discord session: %w", err)
	}
	if c.discordClient != nil {
		s.Client = c.discordClient
	}
	return s, nil
}

// newBot opens the store and builds the bot over it; messageContent asks
// the gateway for the Message Content intent (bot only).
func (c *cli) newBot(ctx context.Context, data string, logger *slog.Logger, key ed25519.PublicKey, messageContent bool) (*bot.Bot, func(), error) {
	dir, err := c.dataDir(data)
	if err != nil {
		return nil, nil, err
	}
	cfg := bot.Config{
		Logger:               logger.With("component", "bot"),
		ApplicationID:        c.getenv("DISCORD_APPLICATION_ID"),
		GuildID:              c.getenv("DISCORD_GUILD_ID"),
		FeedbackPath:         filepath.Join(dir, "feedback.jsonl"),
		AllowedGuilds:        splitList(c.getenv("ONRECORD_ALLOWED_GUILDS")),
		AllowedChannels:      splitList(c.getenv("ONRECORD_ALLOWED_CHANNELS")),
		PublicKey:            key,
		MessageContentIntent: messageContent,
	}
	if v := c.getenv("ONRECORD_RATE_BURST"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return nil, nil, fmt.Errorf("ONRECORD_RATE_BURST=%q: want a whole number (negative turns the limit off)", v)
		}
		cfg.RateLimit.Burst = n
	}
	if v := c.getenv("ONRECORD_RATE_EVERY"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return nil, nil, fmt.Errorf("ONRECORD_RATE_EVERY=%q: want a duration such as 6s", v)
		}
		cfg.RateLimit.Every = d
	}
	model, err := c.languageModel()
	if err != nil {
		return nil, nil, err
	}
	if model != nil {
		cfg.AnswerTimeout = 25 * time.Second
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("data folder %s: %w", dir, err)
	}
	snap, err := c.openSnapshot(ctx, dir, model, logger)
	if err != nil {
		return nil, nil, err
	}
	lib := &library{}
	lib.cur.Store(snap)
	cfg.StorePassages = func() float64 { return float64(lib.Len()) }
	// serve edits deferred replies through this session; with the bot's
	// default it would bypass discordClient.
	if cfg.Session, err = c.discordSession(""); err != nil {
		snap.release()
		return nil, nil, err
	}
	b, err := bot.New(cfg, lib, lib, lib)
	if err != nil {
		snap.release()
		return nil, nil, err
	}
	// Pick up transcripts ingested while the bot runs.
	watchCtx, stopWatch := context.WithCancel(ctx)
	go c.watch(watchCtx, lib, dir, 30*time.Second, model, logger)
	logger.Info("ready", "component", "bot", "transcripts", len(snap.store.Transcripts()), "passages", snap.store.Len(), "language_model", model != nil)
	return b, func() { stopWatch(); lib.cur.Load().release() }, nil
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		out = append(out, f)
	}
	return out
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
