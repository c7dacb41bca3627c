package bot

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Tests never touch the network: Discord is played by local httptest
// servers. TestMain makes that a property of the package, not a habit of
// each test: before any test runs, http.DefaultTransport — the transport of
// discordgo.New's own client (Config.Session nil), of http.DefaultClient and
// of every client built without one — becomes a loopbackOnly, which refuses
// any host but loopback. The run fails, naming each refused request, if
// anything asked for one.
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
func checkNoNetwork(t testing.TB) {
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

// discordHost is the host of discordgo's endpoints, the only one the fake
// Discord stands in for.
func discordHost(t testing.TB) string {
	t.Helper()
	u, err := url.Parse(discordgo.EndpointAPI)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

// loopbackDialer is a websocket dialer (for the gateway) that dials
// loopback only.
func loopbackDialer() *websocket.Dialer {
	return &websocket.Dialer{NetDialContext: dialLoopback, HandshakeTimeout: 10 * time.Second}
}

// TestNetworkIsRefused checks the guards themselves: the package's
// transport is a loopbackOnly, which refuses the request a Session with
// discordgo's defaults makes for a deferred reply (to discord.com) and
// dials nothing; the fake's sessions send Discord's host to the fake and
// fail the test for any other.
func TestNetworkIsRefused(t *testing.T) {
	if _, ok := http.DefaultTransport.(*loopbackOnly); !ok {
		t.Fatalf("http.DefaultTransport is %T, want the loopbackOnly guard TestMain installs", http.DefaultTransport)
	}

	t.Run("default endpoints", func(t *testing.T) {
		// What Config.Session == nil would do: discordgo's endpoints.
		s, err := discordgo.New("")
		if err != nil {
			t.Fatal(err)
		}
		guard := newLoopbackOnly() // not the installed one: its refusals fail the run
		s.Client = &http.Client{Transport: guard, Timeout: 5 * time.Second}
		i := &discordgo.Interaction{AppID: "app1", Token: "tok1"}
		if _, err := s.InteractionResponseEdit(i, &discordgo.WebhookEdit{}); err == nil {
			t.Fatal("an edit with discordgo's default endpoints succeeded, want it refused")
		}
		got := guard.refusedRequests()
		want := "PATCH https://" + discordHost(t) + "/api/v"
		if len(got) != 1 || !strings.HasPrefix(got[0], want) || !strings.HasSuffix(got[0], "/webhooks/app1/tok1/messages/@original") {
			t.Errorf("refused %q, want one %s…/webhooks/app1/tok1/messages/@original", got, want)
		}
		if _, err := dialLoopback(context.Background(), "tcp", discordHost(t)+":443"); err == nil {
			t.Errorf("dialLoopback(%s) succeeded", discordHost(t))
		}
	})

	t.Run("fake's session", func(t *testing.T) {
		d := newFakeDiscord(t)
		s := d.session()
		if s.Client.Transport == nil || s.Dialer == nil || s.Dialer == websocket.DefaultDialer {
			t.Fatalf("the fake's session has transport %T and dialer %p, want the redirecting ones", s.Client.Transport, s.Dialer)
		}
		i := &discordgo.Interaction{AppID: "app1", Token: "tok1"}
		if _, err := s.InteractionResponseEdit(i, &discordgo.WebhookEdit{}); err != nil {
			t.Fatalf("edit through the fake: %v", err)
		}
		if got := d.requests("edit"); len(got) != 1 {
			t.Errorf("the fake got %d edits, want 1 (all: %v)", len(got), d.routesSeen())
		}
		// Another host is a mistake the redirect reports on the test.
		rec := &recordingTB{TB: t}
		rw := d.transport(rec)
		req, _ := http.NewRequest("GET", "https://example.com/", nil)
		if _, err := rw.RoundTrip(req); err == nil {
			t.Error("a request for example.com went through the fake's transport")
		}
		if !rec.failed {
			t.Error("a request for example.com did not fail the test")
		}
	})
}

// recordingTB notes Errorf instead of failing, to test a guard that fails
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
