package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// TestDiscordFaults answers through the gateway path while the fake
// Discord misbehaves: the bot retries only what discordgo retries (429),
// never posts twice, and gives up cleanly.
func TestDiscordFaults(t *testing.T) {
	rateLimited := fault{status: 429, body: `{"message":"You are being rate limited.","retry_after":0.05,"global":false}`}
	serverError := fault{status: 500, body: `{"message":"500: Internal Server Error","code":0}`}
	tests := []struct {
		name          string
		faults        map[string][]fault
		slow          bool // the answer takes longer than DeferAfter
		wantCallbacks int
		wantEdits     int
		wantType      discordgo.InteractionResponseType
	}{
		{"429 then success", map[string][]fault{"callback": {rateLimited}}, false, 2, 0, 4},
		{"500", map[string][]fault{"callback": {serverError}}, false, 1, 0, 4},
		{"hang", map[string][]fault{"callback": {{hang: true}}}, false, 1, 0, 4},
		{"slow answer deferred then edited", nil, true, 1, 1, 5},
		{"slow answer, deferral fails", map[string][]fault{"callback": {serverError}}, true, 1, 0, 5},
		{"edit 429 then success", map[string][]fault{"edit": {rateLimited}}, true, 1, 2, 5},
		{"edit 500 retried once", map[string][]fault{"edit": {serverError, serverError}}, true, 1, 2, 5},
		{"edit hangs", map[string][]fault{"edit": {{hang: true}, {hang: true}}}, true, 1, 2, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, func(c *Config) {
				c.RESTTimeout = 3 * time.Second
				if strings.Contains(tt.name, "hang") {
					c.RESTTimeout = 300 * time.Millisecond
				}
				if tt.slow {
					c.DeferAfter = 50 * time.Millisecond
				}
			})
			if tt.slow {
				f.ask.delay = 300 * time.Millisecond
			}
			for route, fs := range tt.faults {
				f.discord.fail(route, fs...)
			}
			start := time.Now()
			f.bot.onInteraction(context.Background(), f.session, decode(t, slashJSON("ask", opt{"question", ukraine})))
			if err := f.bot.Drain(context.Background()); err != nil {
				t.Fatalf("drain: %v", err)
			}
			if el := time.Since(start); el > 5*time.Second {
				t.Errorf("took %v to give up", el)
			}
			cbs := f.discord.requests("callback")
			if len(cbs) != tt.wantCallbacks {
				t.Fatalf("%d callbacks, want %d", len(cbs), tt.wantCallbacks)
			}
			last := callbackOf(t, cbs[len(cbs)-1].Body)
			if last.Type != tt.wantType {
				t.Errorf("callback type %d, want %d", last.Type, tt.wantType)
			}
			if last.Type == 5 && last.Data.Flags != discordgo.MessageFlagsEphemeral {
				t.Errorf("deferral flags %d, want 64", last.Data.Flags)
			}
			edits := f.discord.requests("edit")
			if len(edits) != tt.wantEdits {
				t.Fatalf("%d edits, want %d", len(edits), tt.wantEdits)
			}
			for _, e := range edits {
				checkMessage(t, e.Body)
				if !strings.Contains(e.Path, "/webhooks/app1/") || !strings.HasSuffix(e.Path, "/messages/@original") {
					t.Errorf("edit at %s", e.Path)
				}
				if d := dataOf(t, e.Body); len(d.Embeds) == 0 {
					t.Errorf("edit carries no quotes: %s", e.Body)
				}
			}
		})
	}
}

// TestMentionFaults: a thread that cannot be started because Discord
// failed means no reply at all (it may exist); one refused means a reply in
// place; a failed post is not retried.
func TestMentionFaults(t *testing.T) {
	serverError := fault{status: 500, body: `{"message":"500: Internal Server Error","code":0}`}
	refused := fault{status: 400, body: `{"message":"Cannot execute action on this channel type","code":50024}`}
	tests := []struct {
		name              string
		faults            map[string][]fault
		wantThreads       int
		wantSends         int
		wantSendToChannel bool
	}{
		{"thread", nil, 1, 1, false},
		{"thread 500", map[string][]fault{"thread": {serverError}}, 1, 0, false},
		{"thread refused", map[string][]fault{"thread": {refused}}, 1, 1, true},
		{"send 500", map[string][]fault{"send": {serverError}}, 1, 1, false},
		{"send hangs", map[string][]fault{"send": {{hang: true}}}, 1, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, func(c *Config) {
				c.RESTTimeout = 3 * time.Second
				if strings.Contains(tt.name, "hang") {
					c.RESTTimeout = 300 * time.Millisecond
				}
			})
			for route, fs := range tt.faults {
				f.discord.fail(route, fs...)
			}
			f.bot.onMention(context.Background(), f.session, "1001", &discordgo.Message{
				ID: "m1", ChannelID: "c1", GuildID: "g1", Content: "<@!1001>   NATO open door?",
				Author: &discordgo.User{ID: "u1"}, Mentions: []*discordgo.User{{ID: "1001"}},
			})
			if got := len(f.discord.requests("thread")); got != tt.wantThreads {
				t.Errorf("%d thread starts, want %d", got, tt.wantThreads)
			}
			sends := f.discord.requests("send")
			if len(sends) != tt.wantSends {
				t.Fatalf("%d posts, want %d", len(sends), tt.wantSends)
			}
			for _, s := range sends {
				checkMessage(t, s.Body)
				toChannel := strings.Contains(s.Path, "/channels/c1/")
				if toChannel != tt.wantSendToChannel {
					t.Errorf("posted to %s", s.Path)
				}
				if toChannel && !strings.Contains(string(s.Body), `"message_reference":{"message_id":"m1"`) {
					t.Errorf("reply in place is not a reply: %s", s.Body)
				}
			}
		})
	}
}
