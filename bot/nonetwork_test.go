package bot

import (
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/onrecord/onrecord/internal/testnet"
)

// Tests never touch the network: Discord is played by local httptest
// servers. TestMain makes that a property of the package, not a habit of
// each test: before any test runs, http.DefaultTransport — the transport of
// discordgo.New's own client (Config.Session nil), of http.DefaultClient and
// of every client built without one — becomes testnet's loopback-only
// guard, and the run fails, naming each refused request, if anything asked
// for another host.
func TestMain(m *testing.M) { os.Exit(testnet.Main(m)) }

// loopbackDialer is a websocket dialer (for the gateway) that dials
// loopback only.
func loopbackDialer() *websocket.Dialer {
	return &websocket.Dialer{NetDialContext: testnet.Dial, HandshakeTimeout: 10 * time.Second}
}

// TestNetworkIsRefused checks that the guards are in place here (testnet's
// own tests check that they refuse): TestMain installed the loopback-only
// transport, and the fake's sessions send Discord's REST calls to the fake
// and dial the gateway on loopback only.
func TestNetworkIsRefused(t *testing.T) {
	testnet.Check(t) // fatal unless TestMain installed the guard
	d := newFakeDiscord(t)
	s := d.session()
	if s.Client.Transport == nil || s.Client.Transport == http.DefaultTransport || s.Dialer == nil || s.Dialer == websocket.DefaultDialer {
		t.Fatalf("the fake's session has transport %T and dialer %p, want the redirecting ones", s.Client.Transport, s.Dialer)
	}
	i := &discordgo.Interaction{AppID: "app1", Token: "tok1"}
	if _, err := s.InteractionResponseEdit(i, &discordgo.WebhookEdit{}); err != nil {
		t.Fatalf("edit through the fake: %v", err)
	}
	if got := d.requests("edit"); len(got) != 1 {
		t.Errorf("the fake got %d edits, want 1 (all: %v)", len(got), d.routesSeen())
	}
}
