package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/onrecord/onrecord/internal/testnet"
)

// Secrets the tests put in the environment; no log line may carry them.
const (
	secretToken = "secret-token-xyz"
	secretKey   = "sk-secret-abc"
)

// serveDiscord plays the part of Discord's REST API that `onrecord serve`
// calls: the edit of a deferred reply into the original response. Any
// other request fails the test.
type serveDiscord struct {
	*httptest.Server
	arrived chan struct{}

	mu  sync.Mutex
	got []editRequest
}

// editRequest is one edit the fake received.
type editRequest struct {
	path string
	body []byte
}

var editPath = regexp.MustCompile(`^/api/v\d+/webhooks/[^/]+/[^/]+/messages/@original$`)

func newServeDiscord(t testing.TB) *serveDiscord {
	t.Helper()
	d := &serveDiscord{arrived: make(chan struct{}, 1)}
	d.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Method != "PATCH" || !editPath.MatchString(r.URL.Path) {
			t.Errorf("fake Discord: unexpected %s %s", r.Method, r.URL.Path)
			http.Error(w, `{"message":"404: Not Found","code":0}`, http.StatusNotFound)
			return
		}
		d.mu.Lock()
		d.got = append(d.got, editRequest{r.URL.Path, body})
		d.mu.Unlock()
		select {
		case d.arrived <- struct{}{}:
		default:
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"m-original","channel_id":"c1","content":""}`)
	}))
	t.Cleanup(d.Close)
	return d
}

// client is an http.Client whose requests for Discord go to the fake.
func (d *serveDiscord) client(t testing.TB) *http.Client { return redirectClient(t, d.URL) }

// edits returns the edits received so far.
func (d *serveDiscord) edits() []editRequest {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]editRequest(nil), d.got...)
}

// waitEdit waits for the edit of the response to the interaction with
// token.
func (d *serveDiscord) waitEdit(t testing.TB, token string, within time.Duration) editRequest {
	t.Helper()
	deadline := time.After(within)
	for {
		for _, e := range d.edits() {
			if strings.Contains(e.path, "/"+token+"/") {
				return e
			}
		}
		select {
		case <-d.arrived:
		case <-time.After(10 * time.Millisecond):
		case <-deadline:
			t.Fatalf("no edit of %s's response within %v (edits: %d)", token, within, len(d.edits()))
		}
	}
}

// server is `onrecord serve` running in the background, its calls to
// Discord going to a fake.
type server struct {
	base    string // http://127.0.0.1:PORT
	priv    ed25519.PrivateKey
	discord *serveDiscord
	stderr  *syncBuffer
	cancel  context.CancelFunc
	done    chan error // run's result
}

// startServe runs `onrecord serve` on a free loopback port with a fresh
// Ed25519 key and the environment vars, and waits until it listens. Its
// Discord calls go to a serveDiscord, and nothing may leave loopback while
// it runs.
func startServe(t *testing.T, vars map[string]string) *server {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"ONRECORD_DATA": t.TempDir(), "DISCORD_PUBLIC_KEY": hex.EncodeToString(pub)}
	for k, v := range vars {
		env[k] = v
	}
	testnet.Check(t)
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{priv: priv, discord: newServeDiscord(t), stderr: &syncBuffer{}, cancel: cancel, done: make(chan error, 1)}
	c := &cli{getenv: mapEnv(env), stdin: strings.NewReader(""), stdout: io.Discard, stderr: s.stderr, discordClient: s.discord.client(t)}
	go func() {
		s.done <- c.run(ctx, []string{"onrecord", "serve", "--addr", "127.0.0.1:0", "--log-format", "json"})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop within 30 s of cancel")
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if addr := listeningAddr(s.stderr.String()); addr != "" {
			s.base = "http://" + addr
			return s
		}
		select {
		case err := <-s.done:
			t.Fatalf("serve ended before listening: %v\n%s", err, s.stderr)
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatalf("serve did not listen within 30 s:\n%s", s.stderr)
	return nil
}

// listeningAddr finds the address in the JSON log line "listening".
func listeningAddr(log string) string {
	for _, line := range strings.Split(log, "\n") {
		var rec struct {
			Msg  string `json:"msg"`
			Addr string `json:"addr"`
		}
		if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "listening" {
			return rec.Addr
		}
	}
	return ""
}

// stop cancels serve's context and returns run's result, failing the test
// if it takes longer than within.
func (s *server) stop(t *testing.T, within time.Duration) error {
	t.Helper()
	s.cancel()
	select {
	case err := <-s.done:
		s.done <- err // for Cleanup
		return err
	case <-time.After(within):
		t.Fatalf("serve still running %v after cancel", within)
		return nil
	}
}

// get fetches path and returns its status and body.
func (s *server) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(s.base + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return resp.StatusCode, string(b)
}

// interactionResponse is the part of Discord's interaction response the
// tests read.
type interactionResponse struct {
	Type int `json:"type"`
	Data struct {
		Content string `json:"content"`
		Embeds  []struct {
			Title       string `json:"title"`
			Description string `json:"description"`
			Author      struct {
				Name string `json:"name"`
			} `json:"author"`
			Fields []struct {
				Name  string `json:"name"`
				Value string `json:"value"`
			} `json:"fields"`
		} `json:"embeds"`
	} `json:"data"`
}

var interactionSeq struct {
	sync.Mutex
	n int
}

// ask posts a signed /ask slash command, as Discord does, and returns the
// response's status and decoded body.
func (s *server) ask(t *testing.T, question string) (int, interactionResponse, string) {
	t.Helper()
	_, status, r, raw := s.post(t, question)
	return status, r, raw
}

// answer asks question and returns the answer as Discord shows it: the
// response itself, or, when the response was a deferral (type 5), the
// edit that followed it (at the fake Discord), as a type 4 reply.
func (s *server) answer(t *testing.T, question string) (int, interactionResponse, string) {
	t.Helper()
	token, status, r, raw := s.post(t, question)
	if status != http.StatusOK || r.Type != 5 {
		return status, r, raw
	}
	t.Logf("deferred (the machine is busy): reading the edit")
	return s.edited(t, token)
}

// edited waits for the edit of token's deferred response and returns it
// as a type 4 reply.
func (s *server) edited(t *testing.T, token string) (int, interactionResponse, string) {
	t.Helper()
	e := s.discord.waitEdit(t, token, 30*time.Second)
	r := interactionResponse{Type: 4}
	if err := json.Unmarshal(e.body, &r.Data); err != nil {
		t.Errorf("decode edit: %v\n%s", err, e.body)
	}
	return http.StatusOK, r, string(e.body)
}

// post posts a signed /ask slash command, as Discord does, and returns the
// interaction's token and the response's status and decoded body.
func (s *server) post(t *testing.T, question string) (string, int, interactionResponse, string) {
	t.Helper()
	interactionSeq.Lock()
	interactionSeq.n++
	n := interactionSeq.n
	interactionSeq.Unlock()
	token := "tok" + strconv.Itoa(n)
	body, err := json.Marshal(map[string]any{
		"id": "i" + strconv.Itoa(n), "application_id": "app1", "type": 2, "token": token,
		"version": 1, "guild_id": "g1", "channel_id": "c1",
		"member": map[string]any{"user": map[string]any{"id": "u" + strconv.Itoa(n), "username": "alice"}},
		"data": map[string]any{"id": "cmd1", "name": "ask", "type": 1,
			"options": []map[string]any{{"name": "question", "type": 3, "value": question}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	sig := ed25519.Sign(s.priv, append([]byte(ts), body...))
	req, err := http.NewRequest("POST", s.base+"/interactions", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	req.Header.Set("X-Signature-Timestamp", ts)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Errorf("POST /interactions: %v", err)
		return token, 0, interactionResponse{}, ""
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Errorf("POST /interactions: read: %v", err)
	}
	var r interactionResponse
	if resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(raw, &r); err != nil {
			t.Errorf("decode interaction response: %v\n%s", err, raw)
		}
	}
	return token, resp.StatusCode, r, string(raw)
}

// checkQuoted fails unless r is an immediate reply (type 4) carrying a
// quote by Secretary Blinken.
func checkQuoted(t *testing.T, status int, r interactionResponse, raw string) {
	t.Helper()
	if status != http.StatusOK || r.Type != 4 {
		t.Fatalf("status %d, type %d, want 200 and 4 (a reply)\n%s", status, r.Type, raw)
	}
	if len(r.Data.Embeds) == 0 {
		t.Fatalf("the reply has no embeds, want quotes\n%s", raw)
	}
	if !strings.Contains(raw, "Blinken") {
		t.Errorf("the reply names no speaker Blinken:\n%s", raw)
	}
}

func TestServe(t *testing.T) {
	s := startServe(t, map[string]string{"ONRECORD_LOG_LEVEL": "debug"})

	t.Run("health", func(t *testing.T) {
		tests := []struct {
			path string
			want string
		}{
			{"/healthz", "ok"},
			{"/readyz", "ready"},
		}
		for _, tt := range tests {
			status, body := s.get(t, tt.path)
			if status != http.StatusOK || strings.TrimSpace(body) != tt.want {
				t.Errorf("GET %s = %d %q, want 200 %q", tt.path, status, body, tt.want)
			}
		}
	})

	t.Run("ask", func(t *testing.T) {
		status, r, raw := s.answer(t, "What did Blinken say about Iran?")
		checkQuoted(t, status, r, raw)
	})

	t.Run("unsigned", func(t *testing.T) {
		resp, err := http.Post(s.base+"/interactions", "application/json", strings.NewReader(`{"type":1}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("unsigned POST = %d, want 401", resp.StatusCode)
		}
	})

	t.Run("metrics", func(t *testing.T) {
		status, body := s.get(t, "/metrics")
		if status != http.StatusOK {
			t.Fatalf("GET /metrics = %d", status)
		}
		for _, want := range []string{
			`onrecord_interactions_total{command="ask"`,
			"onrecord_interaction_duration_seconds_bucket",
			"onrecord_answer_duration_seconds",
			"onrecord_errors_total",
			"onrecord_store_passages ",
		} {
			if !strings.Contains(body, want) {
				t.Errorf("/metrics lacks %q:\n%s", want, body)
			}
		}
		for _, line := range strings.Split(body, "\n") {
			name, _, _ := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(line, "# HELP "), "# TYPE "), " ")
			if name != "" && !strings.HasPrefix(name, "onrecord_") && !strings.HasPrefix(name, "go_") && !strings.HasPrefix(name, "process_") && !strings.HasPrefix(name, "promhttp_") {
				t.Errorf("metric %q is not prefixed onrecord_", name)
			}
		}
	})

	t.Run("shutdown", func(t *testing.T) {
		if err := s.stop(t, 20*time.Second); err != nil {
			t.Errorf("serve returned %v after cancel, want nil", err)
		}
		if _, err := http.Get(s.base + "/healthz"); err == nil {
			t.Errorf("GET /healthz after shutdown succeeded, want the port closed")
		}
		if !strings.Contains(s.stderr.String(), `"msg":"stopped"`) {
			t.Errorf("log lacks \"stopped\":\n%s", s.stderr)
		}
	})
}

// slowModel is an OpenAI-compatible server whose chat completions wait
// until released, then fail (so the reply is quotes only). It records the
// API keys it was sent.
type slowModel struct {
	*httptest.Server
	arrived chan struct{}
	release chan struct{}
	once    sync.Once
	mu      sync.Mutex
	auth    []string
}

func newSlowModel(t *testing.T) *slowModel {
	t.Helper()
	m := &slowModel{arrived: make(chan struct{}, 16), release: make(chan struct{})}
	m.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m.mu.Lock()
		m.auth = append(m.auth, r.Header.Get("Authorization"))
		m.mu.Unlock()
		m.arrived <- struct{}{}
		select {
		case <-m.release:
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"error":{"message":"model \"m\" not found","type":"invalid_request_error"}}`)
	}))
	t.Cleanup(func() {
		m.free()
		m.Close()
	})
	return m
}

func (m *slowModel) free() { m.once.Do(func() { close(m.release) }) }

// reply is a response to a posted interaction.
type reply struct {
	token  string
	status int
	r      interactionResponse
	raw    string
}

// askHeld posts question in the background and returns once it has reached
// model, which holds it; the response arrives on the channel.
func (s *server) askHeld(t *testing.T, model *slowModel, question string) <-chan reply {
	t.Helper()
	replied := make(chan reply, 1)
	go func() {
		token, status, r, raw := s.post(t, question)
		replied <- reply{token, status, r, raw}
	}()
	select {
	case <-model.arrived:
	case <-time.After(20 * time.Second):
		t.Fatalf("the interaction never reached the language model:\n%s", s.stderr)
	}
	return replied
}

func TestServeFinishesInFlightInteraction(t *testing.T) {
	model := newSlowModel(t)
	s := startServe(t, map[string]string{
		"ONRECORD_LLM_BASE_URL": model.URL + "/v1",
		"ONRECORD_LLM_MODEL":    "m",
		"OPENAI_API_KEY":        secretKey,
		"DISCORD_TOKEN":         secretToken, // no application id: not registered, no network
		"ONRECORD_LOG_LEVEL":    "debug",
	})

	replied := s.askHeld(t, model, "What did Blinken say about Iran?")

	// Shut down with the interaction in flight: run must wait for it.
	s.cancel()
	select {
	case err := <-s.done:
		t.Fatalf("serve returned (%v) with an interaction in flight", err)
	case <-time.After(200 * time.Millisecond):
	}
	model.free()

	select {
	case got := <-replied:
		if got.status == http.StatusOK && got.r.Type == 5 {
			// A busy machine deferred it: the answer is the edit.
			got.status, got.r, got.raw = s.edited(t, got.token)
		}
		checkQuoted(t, got.status, got.r, got.raw)
	case <-time.After(20 * time.Second):
		t.Fatal("the in-flight interaction got no reply")
	}
	if err := s.stop(t, 20*time.Second); err != nil {
		t.Errorf("serve returned %v, want nil", err)
	}

	model.mu.Lock()
	auth := model.auth
	model.mu.Unlock()
	if len(auth) == 0 || auth[0] != "Bearer "+secretKey {
		t.Errorf("the model was sent Authorization %q, want the configured key", auth)
	}
	log := s.stderr.String()
	for _, want := range []string{"language model failed", "DISCORD_APPLICATION_ID is not"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q (the error paths this test means to cover):\n%s", want, log)
		}
	}
	checkNoSecrets(t, log)
}

// TestServeDeferredReplyReachesFakeDiscord forces serve's deferral: the
// language model holds the answer past DeferAfter (2.5 s by default), so
// the HTTP response is a deferral (type 5), and once the model lets go the
// answer is edited into the original response through Discord's REST API —
// which must be the fake Discord, with nothing leaving loopback.
func TestServeDeferredReplyReachesFakeDiscord(t *testing.T) {
	model := newSlowModel(t)
	s := startServe(t, map[string]string{
		"ONRECORD_LLM_BASE_URL": model.URL + "/v1",
		"ONRECORD_LLM_MODEL":    "m",
		"OPENAI_API_KEY":        secretKey,
	})
	replied := s.askHeld(t, model, "What did Blinken say about Iran?")
	// The model holds the answer until the deferral is in.
	var got reply
	select {
	case got = <-replied:
	case <-time.After(20 * time.Second):
		t.Fatalf("no response within 20 s; the model still holds the answer:\n%s", s.stderr)
	}
	if got.status != http.StatusOK || got.r.Type != 5 {
		t.Fatalf("status %d, type %d, want 200 and 5 (deferred)\n%s", got.status, got.r.Type, got.raw)
	}
	if n := len(s.discord.edits()); n != 0 {
		t.Errorf("%d edits before the answer was ready", n)
	}
	model.free()

	status, r, raw := s.edited(t, got.token)
	checkQuoted(t, status, r, raw)
	e := s.discord.waitEdit(t, got.token, time.Second)
	if want := "/webhooks/app1/" + got.token + "/messages/@original"; !strings.HasSuffix(e.path, want) {
		t.Errorf("edit at %s, want …%s", e.path, want)
	}
	if err := s.stop(t, 20*time.Second); err != nil {
		t.Errorf("serve returned %v, want nil", err)
	}
	if n := len(s.discord.edits()); n != 1 {
		t.Errorf("%d edits, want 1", n)
	}
}

// checkNoSecrets fails if text carries a secret of the environment.
func checkNoSecrets(t *testing.T, text string) {
	t.Helper()
	for _, secret := range []string{secretToken, secretKey} {
		if strings.Contains(text, secret) {
			t.Errorf("output carries the secret %q:\n%s", secret, text)
		}
	}
}
