package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// gatewayDiscord plays Discord for `onrecord bot`: the REST API (gateway
// URL, command registration, interaction callbacks) and the gateway on /ws
// (HELLO, READY after IDENTIFY, heartbeat ACKs, the events the test sends).
type gatewayDiscord struct {
	*httptest.Server
	t          *testing.T
	identified chan string // the IDENTIFY's token
	intents    chan int    // the IDENTIFY's intents
	events     chan []byte
	callbacks  chan []byte // bodies of interaction callbacks
	registered chan string // paths commands were registered at
	closed     chan struct{}
	closeOnce  sync.Once
}

var callbackPath = regexp.MustCompile(`^/api/v\d+/interactions/[^/]+/[^/]+/callback$`)

func newGatewayDiscord(t *testing.T) *gatewayDiscord {
	t.Helper()
	g := &gatewayDiscord{t: t, identified: make(chan string, 1), intents: make(chan int, 1), events: make(chan []byte, 16),
		callbacks: make(chan []byte, 16), registered: make(chan string, 4), closed: make(chan struct{})}
	g.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		switch {
		case strings.TrimSuffix(r.URL.Path, "/") == "/ws":
			g.serveGateway(w, r)
		case r.Method == "GET" && strings.HasSuffix(r.URL.Path, "/gateway"):
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(map[string]string{"url": "ws" + strings.TrimPrefix(g.URL, "http") + "/ws"})
		case r.Method == "PUT" && strings.HasSuffix(r.URL.Path, "/commands"):
			g.registered <- r.URL.Path
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, "[]")
		case r.Method == "POST" && callbackPath.MatchString(r.URL.Path):
			g.callbacks <- body
			w.WriteHeader(http.StatusNoContent)
		default:
			t.Errorf("fake Discord: unexpected %s %s", r.Method, r.URL.Path)
			http.Error(w, `{"message":"404: Not Found","code":0}`, http.StatusNotFound)
		}
	}))
	t.Cleanup(g.Close)
	return g
}

func (g *gatewayDiscord) serveGateway(w http.ResponseWriter, r *http.Request) {
	conn, err := (&websocket.Upgrader{}).Upgrade(w, r, nil)
	if err != nil {
		g.t.Errorf("upgrade: %v", err)
		return
	}
	defer conn.Close()
	var wmu sync.Mutex
	write := func(raw string) error {
		wmu.Lock()
		defer wmu.Unlock()
		return conn.WriteMessage(websocket.TextMessage, []byte(raw))
	}
	if write(`{"op":10,"d":{"heartbeat_interval":45000}}`) != nil {
		return
	}
	for {
		var m struct {
			Op int `json:"op"`
			D  struct {
				Token   string `json:"token"`
				Intents int    `json:"intents"`
			} `json:"d"`
		}
		if conn.ReadJSON(&m) != nil {
			return
		}
		if m.Op == 2 {
			g.identified <- m.D.Token
			g.intents <- m.D.Intents
			break
		}
	}
	ready := `{"op":0,"t":"READY","s":1,"d":{"v":10,"session_id":"sess1","user":{"id":"1001","username":"onrecord","bot":true},"application":{"id":"app1","flags":0},"guilds":[],"private_channels":[]}}`
	if write(ready) != nil {
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			var m struct {
				Op int `json:"op"`
			}
			if conn.ReadJSON(&m) != nil {
				return
			}
			if m.Op == 1 {
				write(`{"op":11}`)
			}
		}
	}()
	for {
		select {
		case raw := <-g.events:
			if write(string(raw)) != nil {
				return
			}
		case <-done:
			// The bot closed the connection.
			g.closeOnce.Do(func() { close(g.closed) })
			return
		case <-r.Context().Done():
			return
		}
	}
}

// send dispatches an event to the bot.
func (g *gatewayDiscord) send(seq int, typ string, d any) {
	raw, err := json.Marshal(map[string]any{"op": 0, "t": typ, "s": seq, "d": d})
	if err != nil {
		g.t.Fatal(err)
	}
	g.events <- raw
}

// client sends every request to the fake, as Discord's REST API.
func (g *gatewayDiscord) client(t *testing.T) *http.Client { return redirectClient(t, g.URL) }

// TestBotFinishesInFlightInteraction runs `onrecord bot` against a fake
// Discord: it connects, registers the commands, and when its context is
// cancelled with an /ask in flight it answers it, closes the gateway and
// returns nil; its log carries no secret.
func TestBotFinishesInFlightInteraction(t *testing.T) {
	discord := newGatewayDiscord(t)
	model := newSlowModel(t)
	vars := map[string]string{
		"ONRECORD_DATA":         t.TempDir(),
		"DISCORD_TOKEN":         secretToken,
		"DISCORD_GUILD_ID":      "g1",
		"OPENAI_API_KEY":        secretKey,
		"ONRECORD_LLM_BASE_URL": model.URL + "/v1",
		"ONRECORD_LLM_MODEL":    "m",
	}
	var stdout, stderr syncBuffer
	c := &cli{getenv: mapEnv(vars), stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, discordClient: discord.client(t)}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- c.run(ctx, []string{"onrecord", "bot", "--addr", "127.0.0.1:0", "--log-format", "json", "--log-level", "debug"})
	}()
	wait := func(what string, ch <-chan struct{}) {
		t.Helper()
		select {
		case <-ch:
		case err := <-done:
			t.Fatalf("bot returned (%v) while waiting for %s:\n%s", err, what, stderr.String())
		case <-time.After(20 * time.Second):
			t.Fatalf("no %s within 20 s:\n%s", what, stderr.String())
		}
	}

	identified := make(chan struct{})
	go func() {
		if tok := <-discord.identified; tok != "Bot "+secretToken {
			t.Errorf("IDENTIFY with token %q, want the bot token", tok)
		}
		close(identified)
	}()
	wait("IDENTIFY", identified)
	registered := make(chan struct{})
	go func() {
		if p := <-discord.registered; !strings.Contains(p, "/applications/app1/guilds/g1/commands") {
			t.Errorf("commands registered at %s, want guild g1 of app1 (from READY)", p)
		}
		close(registered)
	}()
	wait("command registration", registered)

	// /healthz and /metrics on --addr.
	addr := listeningAddr(stderr.String())
	if addr == "" {
		t.Fatalf("no listening address in the log:\n%s", stderr.String())
	}
	for _, path := range []string{"/healthz", "/metrics"} {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || path == "/metrics" && !strings.Contains(string(body), "onrecord_store_passages") {
			t.Errorf("GET %s = %d:\n%s", path, resp.StatusCode, body)
		}
	}

	discord.send(2, "INTERACTION_CREATE", map[string]any{
		"id": "i1", "application_id": "app1", "type": 2, "token": "tok1", "version": 1, "guild_id": "g1", "channel_id": "c1",
		"member": map[string]any{"user": map[string]any{"id": "u1", "username": "alice"}},
		"data": map[string]any{"id": "cmd1", "name": "ask", "type": 1,
			"options": []map[string]any{{"name": "question", "type": 3, "value": "What did Blinken say about Iran?"}}},
	})
	arrived := make(chan struct{})
	go func() { <-model.arrived; close(arrived) }()
	wait("the interaction at the language model", arrived)

	// Shut down with the interaction in flight.
	cancel()
	select {
	case err := <-done:
		t.Fatalf("bot returned (%v) with an interaction in flight", err)
	case <-time.After(200 * time.Millisecond):
	}
	model.free()

	select {
	case body := <-discord.callbacks:
		var cb struct {
			Type int `json:"type"`
			Data struct {
				Embeds []json.RawMessage `json:"embeds"`
			} `json:"data"`
		}
		if err := json.Unmarshal(body, &cb); err != nil {
			t.Fatalf("callback %s: %v", body, err)
		}
		if cb.Type != 4 || len(cb.Data.Embeds) == 0 || !strings.Contains(string(body), "Blinken") {
			t.Errorf("callback type %d with %d embeds, want 4 with quotes by Blinken:\n%s", cb.Type, len(cb.Data.Embeds), body)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("the in-flight interaction was never answered:\n%s", stderr.String())
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("bot returned %v after cancel, want nil", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("bot still running 20 s after cancel")
	}
	select {
	case <-discord.closed:
	case <-time.After(5 * time.Second):
		t.Error("the gateway connection was not closed")
	}
	checkNoSecrets(t, stderr.String()+stdout.String())
}

// TestBotMessageContentIntent: `onrecord bot` asks the gateway for the
// privileged Message Content intent only when ONRECORD_MESSAGE_CONTENT is
// true, and always for Guilds, Guild Messages and Direct Messages.
func TestBotMessageContentIntent(t *testing.T) {
	const (
		guilds         = 1 << 0
		guildMessages  = 1 << 9
		directMessages = 1 << 12
		messageContent = 1 << 15
	)
	tests := []struct {
		name  string
		value string // "" leaves the variable unset
		want  bool
	}{
		{"unset", "", false},
		{"true", "true", true},
		{"1", "1", true},
		{"false", "false", false},
		{"spaces around", " TRUE ", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			discord := newGatewayDiscord(t)
			vars := map[string]string{"ONRECORD_DATA": t.TempDir(), "DISCORD_TOKEN": secretToken, "DISCORD_GUILD_ID": "g1"}
			if tt.value != "" {
				vars["ONRECORD_MESSAGE_CONTENT"] = tt.value
			}
			var stdout, stderr syncBuffer
			c := &cli{getenv: mapEnv(vars), stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, discordClient: discord.client(t)}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			done := make(chan error, 1)
			go func() { done <- c.run(ctx, []string{"onrecord", "bot", "--log-format", "json"}) }()
			select {
			case got := <-discord.intents:
				if want := guilds | guildMessages | directMessages; got&want != want {
					t.Errorf("intents %b lack Guilds, Guild Messages or Direct Messages (%b)", got, want)
				}
				if on := got&messageContent != 0; on != tt.want {
					t.Errorf("Message Content intent = %v, want %v (intents %b)", on, tt.want, got)
				}
			case err := <-done:
				t.Fatalf("bot returned (%v) before IDENTIFY:\n%s", err, stderr.String())
			case <-time.After(20 * time.Second):
				t.Fatalf("no IDENTIFY within 20 s:\n%s", stderr.String())
			}
			select { // stop once connected: after registering the commands
			case <-discord.registered:
			case <-time.After(20 * time.Second):
				t.Fatalf("no command registration within 20 s:\n%s", stderr.String())
			}
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("bot returned %v after cancel, want nil", err)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("bot still running 20 s after cancel")
			}
		})
	}
}
