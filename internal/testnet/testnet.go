// Package testnet keeps tests off the network. It is imported only by
// _test.go files: a package's TestMain runs its tests through Main, which
// makes http.DefaultTransport refuse every host but loopback and fails the
// run if anything asked for one; Check names the test that did; Dial and
// Redirect are the loopback-only dialer and the fake-server redirect that
// tests build their own clients from.
//
// The guard's one piece of global state is http.DefaultTransport itself:
// it is what discordgo.New's client, go-openai's default client,
// http.DefaultClient and every client built without a transport use, so it
// is the only place a guard covers them all. This package keeps no state
// of its own; Check finds the guard by looking at http.DefaultTransport.
package testnet

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Main installs the loopback-only guard as http.DefaultTransport, runs the
// package's tests and returns their exit code, which is 1 if anything
// asked for a host other than loopback meanwhile; each refused request is
// named on stderr. TestMain calls it before any test runs (so setting the
// global races with nothing): func TestMain(m *testing.M) { os.Exit(testnet.Main(m)) }.
func Main(m *testing.M) int {
	return run(m.Run, os.Stderr)
}

// run is Main with the tests and stderr as arguments; it puts the former
// http.DefaultTransport back when tests returns.
func run(tests func() int, stderr io.Writer) int {
	g := newGuard()
	prev := http.DefaultTransport
	http.DefaultTransport = g
	defer func() { http.DefaultTransport = prev }()
	code := tests()
	if refused := g.refusedRequests(); len(refused) > 0 {
		fmt.Fprintf(stderr, "FAIL: tests tried to reach the network (refused):\n\t%s\n", strings.Join(refused, "\n\t"))
		code = 1
	}
	return code
}

// Check fails tb if, while it runs, anything asks http.DefaultTransport
// for a host other than loopback (Main fails the run too, but cannot say
// which test it was). It stops tb at once if Main did not install the
// guard, so calling it also checks that the package's TestMain does. A
// refusal is blamed on every test running at the time: use it in tests
// that do not run in parallel.
func Check(tb testing.TB) {
	tb.Helper()
	g, ok := http.DefaultTransport.(*guard)
	if !ok {
		tb.Fatalf("http.DefaultTransport is %T, want the loopback-only guard testnet.Main installs", http.DefaultTransport)
	}
	g.check(tb)
}

// Dial dials addr only if its host is loopback, before any name is
// resolved (a DNS query would be network too). It is a DialContext for an
// http.Transport or a websocket dialer that must stay on loopback.
func Dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", addr, err)
	}
	if !isLoopback(host) {
		return nil, fmt.Errorf("refused to dial %s: tests never leave loopback", addr)
	}
	return (&net.Dialer{Timeout: 5 * time.Second}).DialContext(ctx, network, addr)
}

// Redirect is a transport that sends every request for the host of one of
// endpoints (say discordgo.EndpointAPI), or for fake's own host, to fake —
// the URL of a local server playing that service — through
// http.DefaultTransport (the guard, under Main). A request for any other
// host fails tb and goes nowhere. A fake that cannot be parsed stops tb.
func Redirect(tb testing.TB, fake string, endpoints ...string) http.RoundTripper {
	tb.Helper()
	to, err := url.Parse(fake)
	if err != nil {
		tb.Fatalf("redirect to %q: %v", fake, err)
	}
	hosts := []string{to.Host}
	for _, e := range endpoints {
		u, err := url.Parse(e)
		if err != nil {
			tb.Fatalf("redirect from %q: %v", e, err)
		}
		hosts = append(hosts, u.Host)
	}
	return redirect{tb: tb, to: to, hosts: hosts}
}

// redirect is Redirect's transport.
type redirect struct {
	tb    testing.TB
	to    *url.URL
	hosts []string // the fake's own first
}

func (rd redirect) RoundTrip(r *http.Request) (*http.Response, error) {
	if !slices.Contains(rd.hosts, r.URL.Host) {
		rd.tb.Errorf("a request for %s %s: only %s (played by the fake at %s) may be called", r.Method, r.URL.Redacted(), strings.Join(rd.hosts[1:], ", "), rd.to.Host)
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, fmt.Errorf("refused %s %s: not a host the fake plays", r.Method, r.URL.Host)
	}
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host, r.Host = rd.to.Scheme, rd.to.Host, rd.to.Host
	return http.DefaultTransport.RoundTrip(r)
}

// guard is an http.RoundTripper that sends requests for loopback hosts on
// and refuses, and records, every other.
type guard struct {
	base http.RoundTripper

	mu      sync.Mutex
	refused []string
}

func newGuard() *guard {
	return &guard{base: &http.Transport{
		DialContext:           Dial, // and no Proxy
		MaxIdleConns:          400,
		MaxIdleConnsPerHost:   400,
		IdleConnTimeout:       90 * time.Second,
		ExpectContinueTimeout: time.Second,
	}}
}

func (g *guard) RoundTrip(r *http.Request) (*http.Response, error) {
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

func (g *guard) refusedRequests() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.refused)
}

// check fails tb, when it ends, if g refused anything meanwhile.
func (g *guard) check(tb testing.TB) {
	before := len(g.refusedRequests())
	tb.Cleanup(func() {
		if refused := g.refusedRequests()[before:]; len(refused) > 0 {
			tb.Errorf("tried to reach the network (refused): %q", refused)
		}
	})
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
