package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// fakeGateway plays Discord's gateway on the fake's /ws: HELLO, then READY
// after IDENTIFY, heartbeat ACKs, and whatever events the test sends.
type fakeGateway struct {
	t          testing.TB
	identified chan json.RawMessage
	events     chan []byte

	mu  sync.Mutex
	seq int
}

func (f *fakeDiscord) startGateway(t testing.TB) *fakeGateway {
	g := &fakeGateway{t: t, identified: make(chan json.RawMessage, 1), events: make(chan []byte, 16)}
	f.gw = g
	return g
}

// send queues a dispatch event (op 0) of type typ with data d.
func (g *fakeGateway) send(typ string, d any) {
	g.mu.Lock()
	g.seq++
	seq := g.seq
	g.mu.Unlock()
	raw, err := json.Marshal(map[string]any{"op": 0, "t": typ, "s": seq, "d": d})
	if err != nil {
		g.t.Fatal(err)
	}
	g.events <- raw
}

func (g *fakeGateway) serve(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{}
	conn, err := up.Upgrade(w, r, nil)
	if err != nil {
		g.t.Errorf("upgrade: %v", err)
		return
	}
	defer conn.Close()
	var wmu sync.Mutex
	write := func(raw []byte) error {
		wmu.Lock()
		defer wmu.Unlock()
		return conn.WriteMessage(websocket.TextMessage, raw)
	}
	if err := write([]byte(`{"op":10,"d":{"heartbeat_interval":45000}}`)); err != nil {
		return
	}
	for {
		var m struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if err := conn.ReadJSON(&m); err != nil {
			return
		}
		if m.Op == 2 {
			g.identified <- m.D
			break
		}
	}
	g.mu.Lock()
	g.seq++
	g.mu.Unlock()
	ready := `{"op":0,"t":"READY","s":1,"d":{"v":10,"session_id":"sess1","user":{"id":"1001","username":"onrecord","bot":true},"application":{"id":"app1","flags":0},"guilds":[],"private_channels":[]}}`
	if err := write([]byte(ready)); err != nil {
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			var m struct {
				Op int `json:"op"`
			}
			if err := conn.ReadJSON(&m); err != nil {
				return
			}
			if m.Op == 1 {
				write([]byte(`{"op":11}`))
			}
		}
	}()
	for {
		select {
		case raw := <-g.events:
			if err := write(raw); err != nil {
				return
			}
		case <-done:
			return
		case <-r.Context().Done():
			return
		}
	}
}

// TestRunEndToEnd runs the bot against a fake gateway and REST API: it
// registers the commands, answers /ask from an INTERACTION_CREATE, answers
// a mention in a thread, and stops when its context is cancelled.
func TestRunEndToEnd(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.GuildID = "g1" })
	g := f.discord.startGateway(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ran := make(chan error, 1)
	go func() { ran <- f.bot.Run(ctx, f.session) }()

	select {
	case raw := <-g.identified:
		var id struct {
			Token   string `json:"token"`
			Intents int    `json:"intents"`
		}
		json.Unmarshal(raw, &id)
		if id.Token != "Bot test-token" || id.Intents&(1<<9) == 0 || id.Intents&1 == 0 {
			t.Errorf("identify %s: want the token and the Guilds and Guild Messages intents", raw)
		}
	case err := <-ran:
		t.Fatalf("Run returned early: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("no IDENTIFY")
	}

	cmds := f.discord.waitFor("commands", 1, 5*time.Second)
	if !strings.Contains(cmds[0].Path, "/applications/app1/guilds/g1/commands") {
		t.Errorf("commands registered at %s, want the guild g1 of app1", cmds[0].Path)
	}
	var registered []struct {
		Name string `json:"name"`
	}
	json.Unmarshal(cmds[0].Body, &registered)
	var names []string
	for _, c := range registered {
		names = append(names, c.Name)
	}
	if got, want := strings.Join(names, ","), "ask,quote,verify,context,speakers,transcripts"; got != want {
		t.Errorf("registered %s, want %s", got, want)
	}

	var inter map[string]any
	json.Unmarshal(slashJSON("ask", opt{"question", ukraine}), &inter)
	g.send("INTERACTION_CREATE", inter)
	cb := f.discord.waitFor("callback", 1, 5*time.Second)
	resp := callbackOf(t, cb[0].Body)
	checkMessage(t, dataJSON(t, cb[0].Body))
	if resp.Type != 4 || len(resp.Data.Embeds) == 0 || resp.Data.Flags != 64 {
		t.Errorf("answer type %d, flags %d, %d embeds; want 4, 64, some", resp.Type, resp.Data.Flags, len(resp.Data.Embeds))
	}

	g.send("MESSAGE_CREATE", map[string]any{
		"id": "m1", "channel_id": "c1", "guild_id": "g1", "type": 0,
		"content":  "<@1001> what did he say about @everyone and NATO's open door?",
		"author":   map[string]any{"id": "u2", "username": "bob"},
		"mentions": []any{map[string]any{"id": "1001", "username": "onrecord", "bot": true}},
	})
	th := f.discord.waitFor("thread", 1, 5*time.Second)
	if !strings.Contains(string(th[0].Body), `"name":"what did he say about @everyone and NATO's open door?"`) {
		t.Errorf("thread %s", th[0].Body)
	}
	sent := f.discord.waitFor("send", 1, 5*time.Second)
	if !strings.Contains(sent[0].Path, "/channels/thread1/messages") {
		t.Errorf("reply posted to %s, want the thread", sent[0].Path)
	}
	checkMessage(t, sent[0].Body)
	if d := dataOf(t, sent[0].Body); len(d.Embeds) == 0 || !strings.Contains(d.Content, `\@everyone`) {
		t.Errorf("mention reply: content %q, %d embeds", d.Content, len(d.Embeds))
	}

	// A message that does not mention the bot, and one from a bot, are ignored.
	g.send("MESSAGE_CREATE", map[string]any{"id": "m2", "channel_id": "c1", "guild_id": "g1", "content": "NATO?", "author": map[string]any{"id": "u2"}})
	g.send("MESSAGE_CREATE", map[string]any{"id": "m3", "channel_id": "c1", "guild_id": "g1", "content": "<@1001> NATO?",
		"author": map[string]any{"id": "u3", "bot": true}, "mentions": []any{map[string]any{"id": "1001"}}})

	cancel()
	select {
	case err := <-ran:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if n := len(f.discord.requests("send")); n != 1 {
		t.Errorf("%d messages posted, want 1", n)
	}
}

// TestRunShutdown: cancelling Run's context lets an in-flight answer
// finish (its edit reaches Discord before Run returns), but only for
// ShutdownTimeout.
func TestRunShutdown(t *testing.T) {
	tests := []struct {
		name      string
		delay     time.Duration
		wantEdits int
		within    time.Duration
	}{
		{"waits for the answer", 700 * time.Millisecond, 1, 4 * time.Second},
		{"bounded", 4 * time.Second, 0, 3 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, func(c *Config) {
				c.DeferAfter = 50 * time.Millisecond
				c.ShutdownTimeout = 1500 * time.Millisecond
				c.AnswerTimeout = 2 * time.Minute
			})
			f.ask.delay = tt.delay
			g := f.discord.startGateway(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			ran := make(chan error, 1)
			go func() { ran <- f.bot.Run(ctx, f.session) }()
			f.discord.waitFor("commands", 1, 5*time.Second)
			var inter map[string]any
			json.Unmarshal(slashJSON("ask", opt{"question", ukraine}), &inter)
			g.send("INTERACTION_CREATE", inter)
			if cb := callbackOf(t, f.discord.waitFor("callback", 1, 5*time.Second)[0].Body); cb.Type != 5 {
				t.Fatalf("first response type %d, want 5 (deferred)", cb.Type)
			}
			cancel()
			start := time.Now()
			select {
			case err := <-ran:
				if err != nil {
					t.Errorf("Run: %v", err)
				}
			case <-time.After(tt.within + 5*time.Second):
				t.Fatal("Run did not return")
			}
			if el := time.Since(start); el > tt.within {
				t.Errorf("Run took %v to return, want at most %v", el, tt.within)
			}
			if got := len(f.discord.requests("edit")); got != tt.wantEdits {
				t.Errorf("%d edits when Run returned, want %d", got, tt.wantEdits)
			}
			f.bot.inflight.Wait() // the abandoned answer, before the test's logger goes
		})
	}
}

// TestRunCancelledWhileRegistering: a cancellation while the commands are
// being registered (Ctrl-C at start) stops Run with nil, not an error.
func TestRunCancelledWhileRegistering(t *testing.T) {
	f := newFixture(t, nil)
	f.discord.startGateway(t)
	f.discord.fail("commands", fault{hang: true})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ran := make(chan error, 1)
	go func() { ran <- f.bot.Run(ctx, f.session) }()
	f.discord.waitFor("commands", 1, 5*time.Second)
	cancel()
	select {
	case err := <-ran:
		if err != nil {
			t.Errorf("Run = %v, want nil after a cancellation", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return")
	}
}

// TestRunIntents: Run identifies with Guilds, Guild Messages and Direct
// Messages, and with the privileged Message Content intent only when
// Config.MessageContentIntent is set.
func TestRunIntents(t *testing.T) {
	const base = int(discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages)
	for _, on := range []bool{false, true} {
		t.Run(fmt.Sprintf("MessageContentIntent=%v", on), func(t *testing.T) {
			f := newFixture(t, func(c *Config) { c.MessageContentIntent = on })
			g := f.discord.startGateway(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			ran := make(chan error, 1)
			go func() { ran <- f.bot.Run(ctx, f.session) }()
			var id struct {
				Intents int `json:"intents"`
			}
			select {
			case raw := <-g.identified:
				if err := json.Unmarshal(raw, &id); err != nil {
					t.Fatalf("identify %s: %v", raw, err)
				}
			case err := <-ran:
				t.Fatalf("Run returned %v before IDENTIFY", err)
			case <-time.After(10 * time.Second):
				t.Fatal("no IDENTIFY")
			}
			want := base
			if on {
				want |= int(discordgo.IntentsMessageContent)
			}
			if id.Intents != want {
				t.Errorf("intents = %b, want %b", id.Intents, want)
			}
			f.discord.waitFor("commands", 1, 5*time.Second)
			cancel()
			select {
			case err := <-ran:
				if err != nil {
					t.Errorf("Run: %v", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Run did not return")
			}
		})
	}
}
