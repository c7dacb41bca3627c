package testnet

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/sashabaranov/go-openai"
)

// The package's own tests run under the guard too. None runs in parallel:
// TestRun swaps http.DefaultTransport.
func TestMain(m *testing.M) { os.Exit(Main(m)) }

func TestIsLoopback(t *testing.T) {
	tests := []struct {
		host string
		want bool
	}{
		{"localhost", true},
		{"127.0.0.1", true},
		{"127.3.2.1", true},
		{"::1", true},
		{"", false},
		{"discord.com", false},
		{"localhost.example.com", false},
		{"10.0.0.1", false},
		{"::", false},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			if got := isLoopback(tt.host); got != tt.want {
				t.Errorf("isLoopback(%q) = %v, want %v", tt.host, got, tt.want)
			}
		})
	}
}

func TestDial(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	tests := []struct {
		addr    string
		wantErr string // "" for a connection
	}{
		{"127.0.0.1:" + port, ""},
		{"localhost:" + port, ""},
		{"discord.com:443", "refused to dial discord.com:443"},
		{"10.0.0.1:80", "refused to dial"},
		{"no-port", "dial no-port"},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			c, err := Dial(context.Background(), "tcp", tt.addr)
			if c != nil {
				c.Close()
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Dial(%s): %v", tt.addr, err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Dial(%s) = %v, want an error with %q", tt.addr, err, tt.wantErr)
			}
		})
	}
}

func TestGuard(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	tests := []struct {
		name, method, url string
		wantRefused       string // "" when it goes through
	}{
		{"loopback", "GET", srv.URL + "/x", ""},
		{"localhost", "POST", "http://localhost:" + port + "/x", ""},
		{"discord", "PATCH", "https://discord.com/api/v10/x?token=secret", "PATCH https://discord.com/api/v10/x?token=secret"},
		{"password redacted", "GET", "https://user:pw@example.com/", "GET https://user:xxxxx@example.com/"},
		{"private address", "GET", "http://10.0.0.1/", "GET http://10.0.0.1/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGuard()
			req, err := http.NewRequest(tt.method, tt.url, strings.NewReader("body"))
			if err != nil {
				t.Fatal(err)
			}
			resp, err := (&http.Client{Transport: g, Timeout: 5 * time.Second}).Do(req)
			if resp != nil {
				resp.Body.Close()
			}
			got := g.refusedRequests()
			if tt.wantRefused == "" {
				if err != nil || len(got) != 0 {
					t.Errorf("%s %s: error %v, refused %q; want it through", tt.method, tt.url, err, got)
				}
				return
			}
			if err == nil || len(got) != 1 || got[0] != tt.wantRefused {
				t.Errorf("%s %s: error %v, refused %q; want an error and refused [%q]", tt.method, tt.url, err, got, tt.wantRefused)
			}
		})
	}
}

// TestRealClientsRefused checks that what the clients the project uses
// send with their defaults — discordgo's endpoints, go-openai's base URL —
// is refused, and dials nothing.
func TestRealClientsRefused(t *testing.T) {
	tests := []struct {
		name       string
		call       func(*http.Client) error
		wantPrefix string
		wantSuffix string
	}{
		{
			name: "discordgo edit",
			call: func(c *http.Client) error {
				s, err := discordgo.New("")
				if err != nil {
					return nil // not refused: the test fails
				}
				s.Client = c
				_, err = s.InteractionResponseEdit(&discordgo.Interaction{AppID: "app1", Token: "tok1"}, &discordgo.WebhookEdit{})
				return err
			},
			wantPrefix: "PATCH " + discordgo.EndpointAPI,
			wantSuffix: "/webhooks/app1/tok1/messages/@original",
		},
		{
			name: "go-openai chat",
			call: func(c *http.Client) error {
				cfg := openai.DefaultConfig("key")
				cfg.HTTPClient = c
				_, err := openai.NewClientWithConfig(cfg).CreateChatCompletion(context.Background(), openai.ChatCompletionRequest{Model: "m"})
				return err
			},
			wantPrefix: "POST https://api.openai.com/v1",
			wantSuffix: "/chat/completions",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGuard() // not the installed one: its refusals would fail the run
			if err := tt.call(&http.Client{Transport: g, Timeout: 5 * time.Second}); err == nil {
				t.Fatal("the call succeeded, want it refused")
			}
			got := g.refusedRequests()
			if len(got) != 1 || !strings.HasPrefix(got[0], tt.wantPrefix) || !strings.HasSuffix(got[0], tt.wantSuffix) {
				t.Errorf("refused %q, want one %s…%s", got, tt.wantPrefix, tt.wantSuffix)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	t.Run("installed by Main", func(t *testing.T) {
		Check(t) // fatal if TestMain had not installed the guard
	})
	tests := []struct {
		name     string
		url      string
		wantFail bool
	}{
		{"loopback", "", false},
		{"another host", "https://discord.com/api", true},
	}
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGuard()
			var rec *recordingTB
			t.Run("inner", func(t *testing.T) {
				rec = &recordingTB{TB: t}
				g.check(rec) // its cleanup runs when inner ends
				u := tt.url
				if u == "" {
					u = srv.URL
				}
				if resp, err := (&http.Client{Transport: g}).Get(u); err == nil {
					resp.Body.Close()
				}
			})
			if got := rec.didFail(); got != tt.wantFail {
				t.Errorf("the test failed: %v, want %v", got, tt.wantFail)
			}
		})
	}
	t.Run("not installed", func(t *testing.T) {
		prev := http.DefaultTransport
		http.DefaultTransport = &http.Transport{}
		defer func() { http.DefaultTransport = prev }()
		rec := &recordingTB{TB: t}
		func() {
			defer func() { recover() }() // recordingTB's Fatalf stops Check
			Check(rec)
		}()
		if !rec.didFail() {
			t.Error("Check passed with http.DefaultTransport not the guard")
		}
	})
}

func TestRedirect(t *testing.T) {
	var mu sync.Mutex
	var got []string // host and path as the fake saw them
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Host+" "+r.URL.Path)
		mu.Unlock()
	}))
	defer fake.Close()
	fakeHost := strings.TrimPrefix(fake.URL, "http://")
	tests := []struct {
		name     string
		url      string
		wantSeen string // what the fake sees; "" for a refusal
	}{
		{"endpoint", discordgo.EndpointAPI + "gateway", fakeHost + " /api/v" + discordgo.APIVersion + "/gateway"},
		{"fake itself", fake.URL + "/ws", fakeHost + " /ws"},
		{"another host", "https://example.com/", ""},
		{"endpoint's scheme, another port", "https://discord.com:8443/api", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mu.Lock()
			got = nil
			mu.Unlock()
			rec := &recordingTB{TB: t}
			c := &http.Client{Transport: Redirect(rec, fake.URL, discordgo.EndpointAPI), Timeout: 5 * time.Second}
			resp, err := c.Get(tt.url)
			if resp != nil {
				resp.Body.Close()
			}
			mu.Lock()
			seen := got
			mu.Unlock()
			if tt.wantSeen == "" {
				if err == nil || !rec.didFail() || len(seen) != 0 {
					t.Errorf("GET %s: error %v, test failed %v, the fake saw %q; want an error, a failed test and nothing seen", tt.url, err, rec.didFail(), seen)
				}
				return
			}
			if err != nil || rec.didFail() || len(seen) != 1 || seen[0] != tt.wantSeen {
				t.Errorf("GET %s: error %v, test failed %v, the fake saw %q; want it to see [%q]", tt.url, err, rec.didFail(), seen, tt.wantSeen)
			}
		})
	}
}

func TestRun(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	tests := []struct {
		name       string
		url        string // asked for with http.DefaultClient; "" for nothing
		code       int    // what the tests return
		wantCode   int
		wantStderr string
	}{
		{"quiet", "", 0, 0, ""},
		{"loopback", srv.URL, 0, 0, ""},
		{"failed tests", "", 3, 3, ""},
		{"network", "https://discord.com/api/v10/gateway", 0, 1, "FAIL: tests tried to reach the network (refused):\n\tGET https://discord.com/api/v10/gateway\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := http.DefaultTransport
			var stderr bytes.Buffer
			code := run(func() int {
				if _, ok := http.DefaultTransport.(*guard); !ok {
					t.Errorf("while tests run, http.DefaultTransport is %T, want the guard", http.DefaultTransport)
				}
				if tt.url != "" {
					if resp, err := http.Get(tt.url); err == nil {
						resp.Body.Close()
					}
				}
				return tt.code
			}, &stderr)
			if code != tt.wantCode || stderr.String() != tt.wantStderr {
				t.Errorf("run = %d, stderr %q; want %d, %q", code, stderr.String(), tt.wantCode, tt.wantStderr)
			}
			if http.DefaultTransport != before {
				t.Errorf("after run, http.DefaultTransport is %T, want it put back", http.DefaultTransport)
			}
		})
	}
}

// recordingTB notes Errorf and Fatalf instead of failing, to test guards
// that fail tests; its Fatalf panics, as FailNow would stop the test.
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

func (r *recordingTB) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	panic("recordingTB.Fatalf")
}

func (r *recordingTB) didFail() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failed
}
