package bot

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// serve starts the bot's HTTP handler on loopback.
func (f *fixture) serve(t testing.TB) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(f.bot.HTTPHandler())
	t.Cleanup(srv.Close)
	return srv
}

func TestServeInteractions(t *testing.T) {
	f := newFixture(t, nil)
	srv := f.serve(t)
	ask := slashJSON("ask", opt{"question", ukraine})
	other := newSigner(t)
	tests := []struct {
		name       string
		req        func() *http.Request
		wantStatus int
		wantType   int // response type, when 200
	}{
		{"ping", func() *http.Request {
			return f.signer.request(srv.URL, []byte(`{"id":"p1","application_id":"app1","type":1,"token":"t"}`), time.Now())
		}, 200, 1},
		{"ask", func() *http.Request { return f.signer.request(srv.URL, ask, time.Now()) }, 200, 4},
		{"autocomplete", func() *http.Request {
			return f.signer.request(srv.URL, autocompleteJSON("ask", "speaker", opt{"speaker", "bl"}), time.Now())
		}, 200, 8},
		{"button", func() *http.Request {
			return f.signer.request(srv.URL, componentJSON("ctx:"+f.lib.passages[1].ID, nil), time.Now())
		}, 200, 4},
		{"bad signature", func() *http.Request { return other.request(srv.URL, ask, time.Now()) }, 401, 0},
		{"tampered body", func() *http.Request {
			signed := f.signer.request(srv.URL, ask, time.Now())
			r, _ := http.NewRequest("POST", srv.URL+"/interactions", strings.NewReader(strings.Replace(string(ask), "Ukraine", "Russia", 1)))
			r.Header = signed.Header
			return r
		}, 401, 0},
		{"missing signature", func() *http.Request {
			r := f.signer.request(srv.URL, ask, time.Now())
			r.Header.Del("X-Signature-Ed25519")
			return r
		}, 401, 0},
		{"missing timestamp", func() *http.Request {
			r := f.signer.request(srv.URL, ask, time.Now())
			r.Header.Del("X-Signature-Timestamp")
			return r
		}, 401, 0},
		{"stale timestamp", func() *http.Request { return f.signer.request(srv.URL, ask, time.Now().Add(-6*time.Minute)) }, 401, 0},
		{"future timestamp", func() *http.Request { return f.signer.request(srv.URL, ask, time.Now().Add(6*time.Minute)) }, 401, 0},
		{"oversize", func() *http.Request {
			big := append([]byte(`{"type":1,"pad":"`), append([]byte(strings.Repeat("x", maxBody)), []byte(`"}`)...)...)
			return f.signer.request(srv.URL, big, time.Now())
		}, 413, 0},
		{"not json", func() *http.Request { return f.signer.request(srv.URL, []byte(`{"type":`), time.Now()) }, 400, 0},
		{"wrong method", func() *http.Request {
			r, _ := http.NewRequest("GET", srv.URL+"/interactions", nil)
			return r
		}, 405, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.DefaultClient.Do(tt.req())
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.wantStatus, body)
			}
			if tt.wantStatus != 200 {
				return
			}
			if got := callbackOf(t, body).Type; int(got) != tt.wantType {
				t.Errorf("type %d, want %d: %s", got, tt.wantType, body)
			}
			if tt.wantType == 4 {
				checkMessage(t, dataJSON(t, body))
			}
		})
	}
	if n := len(f.discord.requests("callback")) + len(f.discord.requests("edit")); n != 0 {
		t.Errorf("%d REST calls for answers that fit in the HTTP response", n)
	}
}

// TestServeDeferred: a slow answer is deferred in the HTTP response, then
// edited into the original response through the REST API.
func TestServeDeferred(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.DeferAfter = 50 * time.Millisecond })
	f.ask.delay = 300 * time.Millisecond
	srv := f.serve(t)
	resp, err := http.DefaultClient.Do(f.signer.request(srv.URL, slashJSON("ask", opt{"question", ukraine}, opt{"public", true}), time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	first := callbackOf(t, body)
	if first.Type != 5 || first.Data.Flags != 0 {
		t.Fatalf("first response type %d flags %d, want 5 (deferred), public: %s", first.Type, first.Data.Flags, body)
	}
	edits := f.discord.waitFor("edit", 1, 5*time.Second)
	checkMessage(t, edits[0].Body)
	if !strings.Contains(edits[0].Path, "/webhooks/app1/") {
		t.Errorf("edit at %s", edits[0].Path)
	}
	if d := dataOf(t, edits[0].Body); len(d.Embeds) == 0 || !strings.HasPrefix(d.Content, "**Question:**") {
		t.Errorf("edit %s", edits[0].Body)
	}
	if err := f.bot.Drain(context.Background()); err != nil {
		t.Error(err)
	}
	if got := len(f.discord.requests("edit")); got != 1 {
		t.Errorf("%d edits, want 1", got)
	}
}

// TestServeDeferredButton: a slow "More quotes" defers as an update (6)
// and edits the message the button is on.
func TestServeDeferredButton(t *testing.T) {
	f := newFixture(t, nil)
	answer := f.interact(t, slashJSON("ask", opt{"question", "What did Andrea Mitchell ask about hysterical rhetoric and Russia?"})).Data
	// The same library behind a slow answerer.
	cfg := f.bot.cfg
	cfg.DeferAfter = 50 * time.Millisecond
	slow, err := New(cfg, &fakeAsker{lib: f.lib, delay: 300 * time.Millisecond}, nil, f.lib)
	if err != nil {
		t.Fatal(err)
	}
	f.bot = slow
	srv := f.serve(t)
	resp, err := http.DefaultClient.Do(f.signer.request(srv.URL, componentJSON(idWithPrefix(answer, "more:"), answer), time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if got := callbackOf(t, body).Type; got != 6 {
		t.Fatalf("type %d, want 6: %s", got, body)
	}
	edits := f.discord.waitFor("edit", 1, 5*time.Second)
	checkMessage(t, edits[0].Body)
	if d := dataOf(t, edits[0].Body); len(d.Embeds) == 0 || !strings.HasPrefix(d.Embeds[0].Footer.Text, "#4") {
		t.Errorf("edit is not the second page: %s", edits[0].Body)
	}
	if err := slow.Drain(context.Background()); err != nil {
		t.Error(err)
	}
}

func TestServeProbes(t *testing.T) {
	f := newFixture(t, nil)
	srv := f.serve(t)
	// Something to count.
	http.DefaultClient.Do(f.signer.request(srv.URL, slashJSON("ask", opt{"question", ukraine}), time.Now()))
	http.DefaultClient.Do(other(t).request(srv.URL, []byte(`{}`), time.Now()))
	tests := []struct {
		path       string
		wantStatus int
		want       []string
	}{
		{"/healthz", 200, []string{"ok"}},
		{"/readyz", 200, []string{"ready"}},
		{"/metrics", 200, []string{
			`onrecord_interactions_total{command="ask",outcome="ok"} 1`,
			`onrecord_interaction_duration_seconds_bucket{command="ask"`,
			`onrecord_answer_duration_seconds_count 1`,
			`onrecord_errors_total{kind="request_signature"} 1`,
			`onrecord_store_passages 21`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, err := http.Get(srv.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(body), w) {
					t.Errorf("%s lacks %q:\n%s", tt.path, w, body)
				}
			}
		})
	}
	t.Run("not ready while draining", func(t *testing.T) {
		f.bot.Drain(context.Background())
		resp, err := http.Get(srv.URL + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 503 {
			t.Errorf("status %d, want 503", resp.StatusCode)
		}
	})
}

func other(t testing.TB) signer { return newSigner(t) }

// TestCommandsValid checks the command definitions against Discord's rules:
// lowercase names of at most 32 characters, descriptions of 1 to 100,
// required options first.
func TestCommandsValid(t *testing.T) {
	for _, c := range Commands() {
		raw, _ := json.Marshal(c)
		if len(c.Name) > 32 || strings.ToLower(c.Name) != c.Name || c.Description == "" || len([]rune(c.Description)) > 100 {
			t.Errorf("command %s", raw)
		}
		optional := false
		for _, o := range c.Options {
			if len(o.Name) > 32 || o.Description == "" || len([]rune(o.Description)) > 100 {
				t.Errorf("option %s of %s", o.Name, c.Name)
			}
			if o.Required && optional {
				t.Errorf("required option %s after an optional one in %s", o.Name, c.Name)
			}
			optional = optional || !o.Required
		}
	}
}

func TestRegister(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.ApplicationID = "app9" })
	if err := f.bot.Register(t.Context(), f.session); err != nil {
		t.Fatal(err)
	}
	got := f.discord.requests("commands")
	if len(got) != 1 || !strings.HasSuffix(got[0].Path, "/applications/app9/commands") {
		t.Errorf("registered at %v, want the global commands of app9", f.discord.routesSeen())
	}
	f.discord.fail("commands", fault{status: 401, body: `{"message":"401: Unauthorized","code":0}`})
	if err := f.bot.Register(t.Context(), f.session); err == nil {
		t.Error("Register succeeded despite a 401")
	}
}

// FuzzInteraction feeds the endpoint arbitrary signed bodies: it must
// answer 200 or 400, never panic, and every message it sends must allow no
// mentions.
func FuzzInteraction(f *testing.F) {
	fx := newFixture(f, func(c *Config) { c.Logger = nil })
	f.Add(slashJSON("ask", opt{"question", ukraine}))
	f.Add(slashJSON("ask", opt{"question", 42}))
	f.Add(slashJSON("verify"))
	f.Add(autocompleteJSON("ask", "speaker", opt{"speaker", "x"}))
	f.Add(componentJSON("more:a:3:0000000000000000", nil))
	f.Add(componentJSON("cite:x:", nil))
	f.Add(componentJSON("fbr::", nil, "misquote"))
	f.Add([]byte(`{"type":3,"data":{"custom_id":"ctx:"},"message":{"content":"**Question:** x","components":[{"type":1,"components":[{"type":2}]}]}}`))
	f.Add([]byte(`{"type":2,"data":null}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		if len(body) > 1<<16 {
			return
		}
		req := fx.signer.request("http://bot", body, time.Now())
		rec := httptest.NewRecorder()
		fx.bot.serveInteraction(rec, req)
		switch rec.Code {
		case 200:
			var resp struct {
				Type int             `json:"type"`
				Data json.RawMessage `json:"data"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				t.Fatalf("response %s: %v", rec.Body, err)
			}
			if resp.Type == 4 || resp.Type == 7 {
				checkMessage(t, resp.Data)
			}
		case 400:
		default:
			t.Fatalf("status %d for %q", rec.Code, body)
		}
	})
}
