package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/onrecord/onrecord/internal/testnet"
)

func TestConfigErrorsNameTheVariable(t *testing.T) {
	pub, _, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	key := hex.EncodeToString(pub)
	missing := filepath.Join(t.TempDir(), "no-such-token")
	tests := []struct {
		name string
		args []string
		vars map[string]string
		want string // in the error
	}{
		{"log level", []string{"serve"}, map[string]string{"DISCORD_PUBLIC_KEY": key, "ONRECORD_LOG_LEVEL": "loud"}, "ONRECORD_LOG_LEVEL"},
		{"log level flag", []string{"serve", "--log-level", "loud"}, map[string]string{"DISCORD_PUBLIC_KEY": key}, "--log-level"},
		{"log format", []string{"bot"}, map[string]string{"DISCORD_TOKEN": secretToken, "ONRECORD_LOG_FORMAT": "xml"}, "ONRECORD_LOG_FORMAT"},
		{"bot without token", []string{"bot"}, nil, "DISCORD_TOKEN"},
		{"bot token file missing", []string{"bot"}, map[string]string{"DISCORD_TOKEN_FILE": missing}, "DISCORD_TOKEN_FILE"},
		{"serve without public key", []string{"serve"}, nil, "DISCORD_PUBLIC_KEY"},
		{"serve with a bad public key", []string{"serve"}, map[string]string{"DISCORD_PUBLIC_KEY": "not-hex"}, "DISCORD_PUBLIC_KEY"},
		{"serve with a short public key", []string{"serve"}, map[string]string{"DISCORD_PUBLIC_KEY": key[:40]}, "DISCORD_PUBLIC_KEY"},
		{"rate every", []string{"serve"}, map[string]string{"DISCORD_PUBLIC_KEY": key, "ONRECORD_RATE_EVERY": "often"}, "ONRECORD_RATE_EVERY"},
		{"rate every zero", []string{"bot"}, map[string]string{"DISCORD_TOKEN": secretToken, "ONRECORD_RATE_EVERY": "0s"}, "ONRECORD_RATE_EVERY"},
		{"message content intent", []string{"bot"}, map[string]string{"DISCORD_TOKEN": secretToken, "ONRECORD_MESSAGE_CONTENT": "maybe"}, "ONRECORD_MESSAGE_CONTENT"},
		{"rate burst", []string{"serve"}, map[string]string{"DISCORD_PUBLIC_KEY": key, "ONRECORD_RATE_BURST": "many"}, "ONRECORD_RATE_BURST"},
		{"LLM base URL without /v1", []string{"serve"}, map[string]string{"DISCORD_PUBLIC_KEY": key,
			"ONRECORD_LLM_BASE_URL": "http://localhost:11434", "ONRECORD_LLM_MODEL": "llama3.1"}, "ONRECORD_LLM_BASE_URL"},
		{"LLM base URL without model", []string{"bot"}, map[string]string{"DISCORD_TOKEN": secretToken,
			"ONRECORD_LLM_BASE_URL": "http://localhost:11434/v1"}, "ONRECORD_LLM_MODEL"},
		{"LLM model without base URL", []string{"serve"}, map[string]string{"DISCORD_PUBLIC_KEY": key,
			"ONRECORD_LLM_MODEL": "llama3.1"}, "ONRECORD_LLM_BASE_URL"},
		{"LLM timeout", []string{"serve"}, map[string]string{"DISCORD_PUBLIC_KEY": key,
			"ONRECORD_LLM_BASE_URL": "http://localhost:11434/v1", "ONRECORD_LLM_MODEL": "llama3.1", "ONRECORD_LLM_TIMEOUT": "soon"}, "ONRECORD_LLM_TIMEOUT"},
		{"embed model without base URL", []string{"ask", "Iran"}, map[string]string{"ONRECORD_EMBED_MODEL": "nomic-embed-text"}, "ONRECORD_EMBED_BASE_URL"},
		{"embed base URL without model", []string{"ingest", "testdata/" + kulebaFile}, map[string]string{
			"ONRECORD_EMBED_BASE_URL": "http://localhost:11434/v1"}, "ONRECORD_EMBED_MODEL"},
		{"embed dimension", []string{"verify", "Iran"}, map[string]string{"ONRECORD_EMBED_BASE_URL": "http://localhost:11434/v1",
			"ONRECORD_EMBED_MODEL": "nomic-embed-text", "ONRECORD_EMBED_DIM": "wide"}, "ONRECORD_EMBED_DIM"},
		{"serve address", []string{"serve", "--addr", "127.0.0.1:99999"}, map[string]string{"DISCORD_PUBLIC_KEY": key}, "ONRECORD_ADDR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vars := map[string]string{"ONRECORD_DATA": t.TempDir(), "OPENAI_API_KEY": secretKey}
			for k, v := range tt.vars {
				vars[k] = v
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			r := runCLI(t, ctx, vars, tt.args...)
			if r.err == nil {
				t.Fatalf("no error, want one naming %s\nstderr:\n%s", tt.want, r.stderr)
			}
			if !strings.Contains(r.err.Error(), tt.want) {
				t.Errorf("error %q does not name %s", r.err, tt.want)
			}
			checkNoSecrets(t, r.err.Error()+"\n"+r.stderr+r.stdout)
		})
	}
}

// TestAskReportsBadModelConfig: ask answers with quotes even when the
// language model is misconfigured, and says which variable is wrong.
func TestAskReportsBadModelConfig(t *testing.T) {
	vars := map[string]string{"ONRECORD_DATA": t.TempDir(), "OPENAI_API_KEY": secretKey,
		"ONRECORD_LLM_BASE_URL": "http://localhost:11434", "ONRECORD_LLM_MODEL": "llama3.1"}
	r := runCLI(t, context.Background(), vars, "ask", "What did Blinken say about Iran?")
	if r.err != nil {
		t.Fatalf("ask: %v", r.err)
	}
	if !strings.Contains(r.stderr, "ONRECORD_LLM_BASE_URL") {
		t.Errorf("stderr does not name ONRECORD_LLM_BASE_URL:\n%s", r.stderr)
	}
	if !strings.Contains(r.stdout, "Blinken") {
		t.Errorf("stdout has no quotes:\n%s", r.stdout)
	}
	checkNoSecrets(t, r.stderr+r.stdout)
}

// fakeDiscord answers every REST call with 401, as Discord does for a
// revoked token, and records the Authorization headers it was sent.
type fakeDiscord struct {
	*httptest.Server
	mu   sync.Mutex
	auth []string
}

func newFakeDiscord(t *testing.T) *fakeDiscord {
	t.Helper()
	f := &fakeDiscord{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.auth = append(f.auth, r.Header.Get("Authorization"))
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"message": "401: Unauthorized", "code": 0}`)
	}))
	t.Cleanup(f.Close)
	return f
}

// client is an http.Client whose every request goes to the fake.
func (f *fakeDiscord) client(t testing.TB) *http.Client { return redirectClient(t, f.URL) }

// redirectClient is an http.Client that sends every request for Discord's
// host (discordgo's endpoints) to base, a local server playing Discord,
// through the loopback-only transport. A request for any other host fails
// the test and goes nowhere.
func redirectClient(t testing.TB, base string) *http.Client {
	t.Helper()
	return &http.Client{Timeout: 10 * time.Second, Transport: testnet.Redirect(t, base, discordgo.EndpointAPI)}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestSecretsNeverLogged(t *testing.T) {
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte("Bot "+secretToken+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	pub, _, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	// serve registers the commands, is refused, then cannot listen on
	// port 99999: two error paths, no waiting.
	serve := []string{"serve", "--addr", "127.0.0.1:99999"}
	tests := []struct {
		name string
		args []string
		vars map[string]string
		want string // in the log or the error
	}{
		{"bot token", []string{"bot"}, map[string]string{"DISCORD_TOKEN": secretToken}, "401"},
		{"bot token file", []string{"bot"}, map[string]string{"DISCORD_TOKEN_FILE": tokenFile}, "401"},
		{"bot token and model", []string{"bot"}, map[string]string{"DISCORD_TOKEN": secretToken,
			"ONRECORD_LLM_BASE_URL": "http://127.0.0.1:9/v1", "ONRECORD_LLM_MODEL": "m"}, "401"},
		{"serve registering", serve, map[string]string{"DISCORD_TOKEN": secretToken, "DISCORD_APPLICATION_ID": "app1",
			"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub)}, "could not register"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			discord := newFakeDiscord(t)
			vars := map[string]string{"ONRECORD_DATA": t.TempDir(), "OPENAI_API_KEY": secretKey, "ONRECORD_LOG_LEVEL": "debug"}
			for k, v := range tt.vars {
				vars[k] = v
			}
			var stdout, stderr syncBuffer
			c := &cli{getenv: mapEnv(vars), stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr,
				discordClient: discord.client(t)}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			err := c.run(ctx, append(append([]string{"onrecord"}, tt.args...), "--log-format", "json"))
			if err == nil {
				t.Fatalf("%s returned nil, want an error", tt.args[0])
			}
			if !strings.Contains(err.Error()+stderr.String(), tt.want) {
				t.Errorf("neither the error %q nor the log says %q:\n%s", err, tt.want, stderr.String())
			}
			discord.mu.Lock()
			auth := discord.auth
			discord.mu.Unlock()
			if len(auth) == 0 || auth[0] != "Bot "+secretToken {
				t.Errorf("Discord was sent Authorization %q, want the token", auth)
			}
			checkNoSecrets(t, err.Error()+"\n"+stderr.String()+stdout.String())
		})
	}
}
