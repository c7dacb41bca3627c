package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Tests never touch the network: Discord and the language model are played
// by local httptest servers. TestMain makes that a property of the package:
// before any test runs, http.DefaultTransport — the transport of
// discordgo.New's own client, of go-openai's, of http.DefaultClient and of
// every client built without one — becomes a loopbackOnly, which refuses
// any host but loopback. The run fails, naming each refused request, if
// anything asked for one. (The bot package has the same guard.)
func TestMain(m *testing.M) {
	guard := newLoopbackOnly()
	http.DefaultTransport = guard // before m.Run: no test runs yet, so no race
	code := m.Run()
	if refused := guard.refusedRequests(); len(refused) > 0 {
		fmt.Fprintf(os.Stderr, "FAIL: tests tried to reach the network (refused):\n\t%s\n", strings.Join(refused, "\n\t"))
		code = 1
	}
	os.Exit(code)
}

// loopbackOnly is an http.RoundTripper that sends requests for loopback
// hosts on and refuses, and records, every other.
type loopbackOnly struct {
	base http.RoundTripper

	mu      sync.Mutex
	refused []string
}

func newLoopbackOnly() *loopbackOnly {
	return &loopbackOnly{base: &http.Transport{
		DialContext:           dialLoopback, // and no Proxy
		MaxIdleConns:          400,
		MaxIdleConnsPerHost:   400,
		IdleConnTimeout:       90 * time.Second,
		ExpectContinueTimeout: time.Second,
	}}
}

func (g *loopbackOnly) RoundTrip(r *http.Request) (*http.Response, error) {
	if !isLoopback(r.URL.Hostname()) {
		g.mu.Lock()
		g.refused = append(g.refused, r.Method+" "+r.URL.Redacted())
		g.mu.Unlock()
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, fmt.Errorf("refused %s %s: tests never leave loopback", r.Method, r.URL.Host)
	}
	return g.base.RoundTrip(r)
}

func (g *loopbackOnly) refusedRequests() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]string(nil), g.refused...)
}

// dialLoopback dials addr only if its host is loopback, before any name is
// resolved (a DNS query would be network too).
func dialLoopback(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", addr, err)
	}
	if !isLoopback(host) {
		return nil, fmt.Errorf("refused to dial %s: tests never leave loopback", addr)
	}
	return (&net.Dialer{Timeout: 5 * time.Second}).DialContext(ctx, network, addr)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// checkNoNetwork fails t if, while it runs, anything asks the package's
// transport for a host other than loopback (TestMain fails the run too,
// but cannot say which test it was; no test here runs in parallel).
func checkNoNetwork(t *testing.T) {
	t.Helper()
	guard, ok := http.DefaultTransport.(*loopbackOnly)
	if !ok {
		t.Fatalf("http.DefaultTransport is %T, want TestMain's loopbackOnly", http.DefaultTransport)
	}
	before := len(guard.refusedRequests())
	t.Cleanup(func() {
		if refused := guard.refusedRequests()[before:]; len(refused) > 0 {
			t.Errorf("tried to reach the network (refused): %q", refused)
		}
	})
}

// noDiscordClient is the Discord client of commands that must not call
// Discord at all: any request fails the test.
func noDiscordClient(t testing.TB) *http.Client {
	return &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		t.Errorf("unexpected Discord request %s %s", r.Method, r.URL.Redacted())
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, fmt.Errorf("refused %s %s: this command must not call Discord", r.Method, r.URL.Host)
	})}
}

// TestNetworkIsRefused checks the guards themselves: the package's
// transport is a loopbackOnly, which refuses the edit of a deferred reply
// that a Session with discordgo's defaults would send to discord.com, and
// dials nothing; redirectClient sends Discord's host to the fake and fails
// the test for any other.
func TestNetworkIsRefused(t *testing.T) {
	if _, ok := http.DefaultTransport.(*loopbackOnly); !ok {
		t.Fatalf("http.DefaultTransport is %T, want the loopbackOnly guard TestMain installs", http.DefaultTransport)
	}
	edit := func(c *http.Client) error {
		s, err := discordgo.New("")
		if err != nil {
			t.Fatal(err)
		}
		s.Client = c
		_, err = s.InteractionResponseEdit(&discordgo.Interaction{AppID: "app1", Token: "tok1"}, &discordgo.WebhookEdit{})
		return err
	}

	t.Run("default endpoints", func(t *testing.T) {
		guard := newLoopbackOnly() // not the installed one: its refusals fail the run
		if err := edit(&http.Client{Transport: guard, Timeout: 5 * time.Second}); err == nil {
			t.Fatal("an edit with discordgo's default endpoints succeeded, want it refused")
		}
		got := guard.refusedRequests()
		if len(got) != 1 || !strings.HasPrefix(got[0], "PATCH "+discordgo.EndpointAPI) || !strings.HasSuffix(got[0], "/webhooks/app1/tok1/messages/@original") {
			t.Errorf("refused %q, want one PATCH %s…/webhooks/app1/tok1/messages/@original", got, discordgo.EndpointAPI)
		}
		if _, err := dialLoopback(context.Background(), "tcp", "discord.com:443"); err == nil {
			t.Error("dialLoopback(discord.com:443) succeeded")
		}
	})

	t.Run("redirected", func(t *testing.T) {
		discord := newServeDiscord(t)
		if err := edit(discord.client(t)); err != nil {
			t.Fatalf("edit through the fake: %v", err)
		}
		if got := discord.edits(); len(got) != 1 || got[0].path != "/api/v"+discordgo.APIVersion+"/webhooks/app1/tok1/messages/@original" {
			t.Errorf("the fake got edits %v, want one of tok1's original response", got)
		}
		rec := &recordingTB{TB: t}
		req, _ := http.NewRequest("GET", "https://example.com/", nil)
		if _, err := redirectClient(rec, discord.URL).Do(req); err == nil {
			t.Error("a request for example.com went through the redirecting client")
		}
		if !rec.didFail() {
			t.Error("a request for example.com did not fail the test")
		}
	})
}

// recordingTB notes Errorf instead of failing, to test guards that fail
// tests.
type recordingTB struct {
	testing.TB
	mu     sync.Mutex
	failed bool
}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failed = true
	r.TB.Logf("(expected) "+format, args...)
}

func (r *recordingTB) didFail() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failed
}
