package main

import (
	"fmt"
	"net/http"
	"os"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/onrecord/onrecord/internal/testnet"
)

// Tests never touch the network: Discord and the language model are played
// by local httptest servers. TestMain makes that a property of the package:
// before any test runs, http.DefaultTransport — the transport of
// discordgo.New's own client, of go-openai's, of http.DefaultClient and of
// every client built without one — becomes testnet's loopback-only guard,
// and the run fails, naming each refused request, if anything asked for
// another host. (The bot package has the same guard.)
func TestMain(m *testing.M) { os.Exit(testnet.Main(m)) }

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

// TestNetworkIsRefused checks that the guards are in place here (testnet's
// own tests check that they refuse): TestMain installed the loopback-only
// transport, and redirectClient sends a discordgo.Session's edit of a
// deferred reply, meant for discord.com, to the fake.
func TestNetworkIsRefused(t *testing.T) {
	testnet.Check(t) // fatal unless TestMain installed the guard
	discord := newServeDiscord(t)
	s, err := discordgo.New("")
	if err != nil {
		t.Fatal(err)
	}
	s.Client = discord.client(t)
	if _, err := s.InteractionResponseEdit(&discordgo.Interaction{AppID: "app1", Token: "tok1"}, &discordgo.WebhookEdit{}); err != nil {
		t.Fatalf("edit through the fake: %v", err)
	}
	if got := discord.edits(); len(got) != 1 || got[0].path != "/api/v"+discordgo.APIVersion+"/webhooks/app1/tok1/messages/@original" {
		t.Errorf("the fake got edits %v, want one of tok1's original response", got)
	}
}
