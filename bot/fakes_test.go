package bot

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/onrecord/onrecord/internal/testnet"
	"github.com/onrecord/onrecord/retrieval"
	"github.com/onrecord/onrecord/verify"
)

// ---- a library made from the sample transcript ----------------------------

// fakeLibrary is the sample transcript cut into one passage per turn, a
// stand-in for ingest and the store.
type fakeLibrary struct {
	transcripts []retrieval.Transcript
	passages    []retrieval.Passage
	byID        map[string]retrieval.Passage
}

func (l *fakeLibrary) Transcripts() []retrieval.Transcript { return l.transcripts }
func (l *fakeLibrary) Passages() []retrieval.Passage       { return l.passages }
func (l *fakeLibrary) Passage(id string) (retrieval.Passage, bool) {
	p, ok := l.byID[id]
	return p, ok
}

var labelRE = regexp.MustCompile(`^([A-Z][A-Z .]+):[\s\x{00A0}]+`)

// sampleLibrary parses testdata/sample.txt (labelled turns) naively.
func sampleLibrary(t testing.TB) *fakeLibrary {
	t.Helper()
	raw, err := os.ReadFile("testdata/sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(strings.ReplaceAll(string(raw), "\r\n", "\n"), "\n\n")
	const tid = "000_01099bf36f92e5c9"
	tr := retrieval.Transcript{
		ID: tid, Title: strings.TrimSpace(paras[0]), Date: "2022-01-21",
		SourceURL: "https://www.state.gov/secretary-antony-j-blinken-at-a-press-availability-15/",
		Format:    "labelled",
	}
	names := map[string]struct{ name, role string }{
		"SECRETARY BLINKEN": {"Secretary Antony J. Blinken", retrieval.RoleOfficial},
		"MR PRICE":          {"Ned Price", retrieval.RoleModerator},
		"QUESTION":          {"", retrieval.RoleReporter},
	}
	lib := &fakeLibrary{byID: map[string]retrieval.Passage{}}
	var cur *retrieval.Passage
	lastAsker, lastQuestion := "", ""
	turn := -1
	flush := func() {
		if cur != nil && strings.TrimSpace(cur.Text) != "" {
			lib.passages = append(lib.passages, *cur)
			lib.byID[cur.ID] = *cur
		}
		cur = nil
	}
	for n, p := range paras[1:] {
		p = strings.TrimSpace(p)
		if strings.HasPrefix(p, "Marco Emanuele") {
			break
		}
		if p == "" {
			continue
		}
		if m := labelRE.FindStringSubmatch(p); m != nil {
			flush()
			turn++
			who := names[m[1]]
			cur = &retrieval.Passage{
				ID: fmt.Sprintf("%s-%03d", tid, turn), TranscriptID: tid, Title: tr.Title, Date: tr.Date, SourceURL: tr.SourceURL,
				Speaker: who.name, SpeakerLabel: m[1], Role: who.role, Turn: turn, Exchange: -1,
			}
			p = strings.TrimPrefix(p, m[0])
			switch who.role {
			case retrieval.RoleReporter:
				cur.Kind = retrieval.KindQuestion
				lastQuestion = p
			case retrieval.RoleModerator:
				cur.Kind = retrieval.KindStatement
				if strings.HasSuffix(p, ".") && len(strings.Fields(p)) <= 3 {
					lastAsker = strings.TrimSuffix(p, ".")
				}
			default:
				cur.Kind = retrieval.KindStatement
				if lastQuestion != "" {
					cur.Kind, cur.Question, cur.AskedBy = retrieval.KindAnswer, lastQuestion, lastAsker
					lastQuestion, lastAsker = "", ""
				}
			}
			if who.name != "" && !contains(tr.Speakers, who.name) {
				tr.Speakers = append(tr.Speakers, who.name)
			}
		}
		if cur == nil {
			continue
		}
		if cur.Text != "" {
			cur.Text += "\n\n"
		}
		cur.Text += p
		cur.Paragraphs = append(cur.Paragraphs, n+1)
	}
	flush()
	tr.Passages = len(lib.passages)
	lib.transcripts = []retrieval.Transcript{tr}
	return lib
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ---- an answerer and a verifier ------------------------------------------

// fakeAsker answers from the library by counting shared words, quoting the
// best passages' first sentences verbatim. Its delay, error and override
// make it slow, failing or odd.
type fakeAsker struct {
	lib   *fakeLibrary
	delay time.Duration
	err   error
	// answer, when set, replaces the computed answer.
	answer func(q retrieval.Query) retrieval.Answer

	mu    sync.Mutex
	asked []retrieval.Query

	once  sync.Once
	words [][]string // each passage's words, lowercased
}

func (a *fakeAsker) Ask(ctx context.Context, q retrieval.Query) (retrieval.Answer, error) {
	a.mu.Lock()
	a.asked = append(a.asked, q)
	a.mu.Unlock()
	if a.delay > 0 {
		select {
		case <-time.After(a.delay):
		case <-ctx.Done():
			return retrieval.Answer{}, fmt.Errorf("ask: %w", ctx.Err())
		}
	}
	if a.err != nil {
		return retrieval.Answer{}, a.err
	}
	if a.answer != nil {
		return a.answer(q), nil
	}
	k := q.K
	if k == 0 {
		k = 3
	}
	words := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(q.Question)) {
		if len(w) > 3 {
			words[strings.Trim(w, "?.,!")] = true
		}
	}
	type scored struct {
		p retrieval.Passage
		s int
	}
	var ss []scored
	a.once.Do(func() {
		for _, p := range a.lib.passages {
			var ws []string
			for _, w := range strings.Fields(strings.ToLower(p.Text)) {
				ws = append(ws, strings.Trim(w, "?.,!’'"))
			}
			a.words = append(a.words, ws)
		}
	})
	for k, p := range a.lib.passages {
		if q.Speaker != "" && !strings.Contains(strings.ToLower(p.Speaker), strings.ToLower(q.Speaker)) {
			continue
		}
		s := 0
		for _, w := range a.words[k] {
			if words[w] {
				s++
			}
		}
		if s > 0 {
			ss = append(ss, scored{p, s})
		}
	}
	sort.SliceStable(ss, func(i, j int) bool { return ss[i].s > ss[j].s })
	ans := retrieval.Answer{Question: q.Question, Quotes: []retrieval.Quote{}}
	for i := 0; i < len(ss) && i < k; i++ {
		ans.Quotes = append(ans.Quotes, quoteOf(ss[i].p, firstSentences(ss[i].p.Text, 2)))
	}
	if len(ans.Quotes) == 0 {
		ans.Abstained = true
		ans.Answer = "The transcripts don't address that."
	}
	return ans, nil
}

// quoteOf quotes text of p with p's attribution.
func quoteOf(p retrieval.Passage, text string) retrieval.Quote {
	var asked *string
	if p.AskedBy != "" {
		s := p.AskedBy
		asked = &s
	}
	return retrieval.Quote{
		Text: text, Speaker: p.Speaker, AskedBy: asked, Question: p.Question, Transcript: p.Title,
		Date: p.Date, SourceURL: p.SourceURL, PassageID: p.ID, Paragraphs: p.Paragraphs, Score: 1,
	}
}

// firstSentences is the first n sentences of text's first paragraph, with
// "…" when more follows.
func firstSentences(text string, n int) string {
	para, _, _ := strings.Cut(text, "\n\n")
	ends := sentenceEnd.FindAllStringIndex(para, n)
	if len(ends) < n {
		return para
	}
	return para[:ends[n-1][0]+1] + " …"
}

var sentenceEnd = regexp.MustCompile(`[.?!][\s\x{00A0}]+`)

type fakeVerifier struct{ lib *fakeLibrary }

func (v fakeVerifier) Verify(_ context.Context, claim string) (verify.Result, error) {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	for _, p := range v.lib.passages {
		if strings.Contains(norm(p.Text), norm(claim)) {
			return verify.Result{Claim: claim, Verdict: verify.Verbatim, Speaker: p.Speaker, Matched: claim,
				Similarity: 1, PassageID: p.ID, Transcript: p.Title, Date: p.Date, SourceURL: p.SourceURL, Paragraphs: p.Paragraphs}, nil
		}
	}
	return verify.Result{Claim: claim, Verdict: verify.NotFound}, nil
}

// ---- Discord's REST API, played locally -----------------------------------

// recorded is one request the fake Discord received.
type recorded struct {
	Route  string
	Method string
	Path   string
	Body   []byte
}

// fault is a canned failure: a status with a body, or a hang.
type fault struct {
	status int
	body   string
	hang   bool
}

// fakeDiscord plays the parts of Discord's REST API the bot uses, and its
// gateway (a websocket) when asked.
type fakeDiscord struct {
	t      testing.TB
	srv    *httptest.Server
	stop   chan struct{}
	faults map[string][]fault

	mu   sync.Mutex
	reqs []recorded
	// arrived is signalled on every request.
	arrived chan struct{}

	gw *fakeGateway
}

var routes = []struct {
	name, method string
	re           *regexp.Regexp
}{
	{"callback", "POST", regexp.MustCompile(`^/api/v\d+/interactions/[^/]+/[^/]+/callback$`)},
	{"edit", "PATCH", regexp.MustCompile(`^/api/v\d+/webhooks/[^/]+/[^/]+/messages/@original$`)},
	{"gateway", "GET", regexp.MustCompile(`^/api/v\d+/gateway(/bot)?$`)},
	{"commands", "PUT", regexp.MustCompile(`^/api/v\d+/applications/[^/]+(/guilds/[^/]+)?/commands$`)},
	{"thread", "POST", regexp.MustCompile(`^/api/v\d+/channels/[^/]+/messages/[^/]+/threads$`)},
	{"send", "POST", regexp.MustCompile(`^/api/v\d+/channels/[^/]+/messages$`)},
}

func newFakeDiscord(t testing.TB) *fakeDiscord {
	t.Helper()
	f := &fakeDiscord{t: t, stop: make(chan struct{}), faults: map[string][]fault{}, arrived: make(chan struct{}, 1024)}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(func() {
		close(f.stop)
		f.srv.Close()
	})
	return f
}

// fail queues failures for a route's next requests.
func (f *fakeDiscord) fail(route string, fs ...fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults[route] = append(f.faults[route], fs...)
}

func (f *fakeDiscord) serve(w http.ResponseWriter, r *http.Request) {
	if f.gw != nil && strings.TrimSuffix(r.URL.Path, "/") == "/ws" {
		f.gw.serve(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	route := "unknown"
	for _, rt := range routes {
		if rt.method == r.Method && rt.re.MatchString(r.URL.EscapedPath()) || rt.method == r.Method && rt.re.MatchString(r.URL.Path) {
			route = rt.name
			break
		}
	}
	f.mu.Lock()
	f.reqs = append(f.reqs, recorded{Route: route, Method: r.Method, Path: r.URL.Path, Body: body})
	var ft *fault
	if q := f.faults[route]; len(q) > 0 {
		ft = &q[0]
		f.faults[route] = q[1:]
	}
	f.mu.Unlock()
	select {
	case f.arrived <- struct{}{}:
	default:
	}
	if ft != nil {
		if ft.hang {
			select {
			case <-r.Context().Done():
			case <-f.stop:
			}
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(ft.status)
		io.WriteString(w, ft.body)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	switch route {
	case "callback":
		w.WriteHeader(http.StatusNoContent)
	case "edit":
		io.WriteString(w, `{"id":"m-original","channel_id":"c1","content":""}`)
	case "gateway":
		fmt.Fprintf(w, `{"url":"ws://%s/ws","shards":1}`, f.srv.Listener.Addr())
	case "commands":
		w.Write(body)
	case "thread":
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"id":"thread1","type":11,"name":"q"}`)
	case "send":
		io.WriteString(w, `{"id":"m-reply","channel_id":"thread1","content":""}`)
	default:
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message":"Unknown route","code":0}`)
	}
}

// requests returns the requests received on a route so far.
func (f *fakeDiscord) requests(route string) []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []recorded
	for _, r := range f.reqs {
		if r.Route == route {
			out = append(out, r)
		}
	}
	return out
}

// waitFor waits until a route has received n requests.
func (f *fakeDiscord) waitFor(route string, n int, within time.Duration) []recorded {
	f.t.Helper()
	deadline := time.After(within)
	for {
		if got := f.requests(route); len(got) >= n {
			return got
		}
		select {
		case <-f.arrived:
		case <-deadline:
			f.t.Fatalf("waited %v for %d %s request(s); got %d (all: %v)", within, n, route, len(f.requests(route)), f.routesSeen())
			return nil
		case <-time.After(10 * time.Millisecond):
		}
	}
}

func (f *fakeDiscord) routesSeen() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, r := range f.reqs {
		out = append(out, r.Method+" "+r.Path)
	}
	return out
}

// session is a real discordgo.Session whose REST calls and gateway
// connection reach the fake, and nothing else.
func (f *fakeDiscord) session() *discordgo.Session {
	s, err := discordgo.New("Bot test-token")
	if err != nil {
		f.t.Fatal(err)
	}
	// Discord's host (or the fake's) reaches the fake; any other fails the
	// test and goes nowhere.
	s.Client = &http.Client{Transport: testnet.Redirect(f.t, f.srv.URL, discordgo.EndpointAPI), Timeout: 10 * time.Second}
	s.Dialer = loopbackDialer()
	s.LogLevel = -1 // discordgo's own logging off
	return s
}

// ---- interactions as Discord sends them -----------------------------------

// opt is a command option: name and value (string or bool).
type opt struct {
	name  string
	value any
}

func slashJSON(name string, opts ...opt) []byte {
	return commandJSON(2, name, opts...)
}

// autocompleteJSON is an autocomplete interaction with the option named
// focus being typed.
func autocompleteJSON(name, focus string, opts ...opt) []byte {
	return interactionJSON(4, map[string]any{"id": "cmd1", "name": name, "type": 1, "options": optionsJSON(opts, focus)}, nil)
}

func commandJSON(typ int, name string, opts ...opt) []byte {
	return interactionJSON(typ, map[string]any{"id": "cmd1", "name": name, "type": 1, "options": optionsJSON(opts, "")}, nil)
}

func optionsJSON(opts []opt, focus string) []map[string]any {
	out := []map[string]any{}
	for _, o := range opts {
		typ := 3
		if _, ok := o.value.(bool); ok {
			typ = 5
		}
		m := map[string]any{"name": o.name, "type": typ, "value": o.value}
		if o.name == focus {
			m["focused"] = true
		}
		out = append(out, m)
	}
	return out
}

var interactionSeq struct {
	sync.Mutex
	n int
}

// interactionJSON is an interaction of a type with data, in guild g1,
// channel c1, by user u1; message is the message a component sits on.
func interactionJSON(typ int, data map[string]any, message map[string]any) []byte {
	interactionSeq.Lock()
	interactionSeq.n++
	n := interactionSeq.n
	interactionSeq.Unlock()
	m := map[string]any{
		"id": "i" + strconv.Itoa(n), "application_id": "app1", "type": typ, "token": "tok" + strconv.Itoa(n),
		"version": 1, "guild_id": "g1", "channel_id": "c1",
		"member": map[string]any{"user": map[string]any{"id": "u1", "username": "alice"}},
		"data":   data,
	}
	if message != nil {
		m["message"] = message
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return b
}

// componentJSON is a click on custom id, on a message with the given
// response data (as the bot sent it).
func componentJSON(customID string, msg *discordgo.InteractionResponseData, values ...string) []byte {
	data := map[string]any{"custom_id": customID, "component_type": 2}
	if len(values) > 0 {
		data["component_type"] = 3
		data["values"] = values
	}
	var message map[string]any
	if msg != nil {
		raw, _ := json.Marshal(msg)
		json.Unmarshal(raw, &message)
		message["id"] = "m-answer"
		message["channel_id"] = "c1"
		message["type"] = 20
	}
	return interactionJSON(3, data, message)
}

// decode unmarshals an interaction as discordgo does for the gateway.
func decode(t testing.TB, raw []byte) *discordgo.Interaction {
	t.Helper()
	var i discordgo.Interaction
	if err := json.Unmarshal(raw, &i); err != nil {
		t.Fatalf("decode interaction: %v", err)
	}
	return &i
}

// ---- signing ---------------------------------------------------------------

// signer signs requests as Discord does.
type signer struct {
	pub  ed25519.PublicKey
	priv ed25519.PrivateKey
}

func newSigner(t testing.TB) signer {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	return signer{pub, priv}
}

// request is a signed POST /interactions at time at.
func (s signer) request(base string, body []byte, at time.Time) *http.Request {
	ts := strconv.FormatInt(at.Unix(), 10)
	sig := ed25519.Sign(s.priv, append([]byte(ts), body...))
	r, _ := http.NewRequest("POST", base+"/interactions", strings.NewReader(string(body)))
	r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	r.Header.Set("X-Signature-Timestamp", ts)
	r.Header.Set("Content-Type", "application/json")
	return r
}

// ---- a bot ready to test ---------------------------------------------------

// testLogger logs to the test.
func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

type fixture struct {
	lib     *fakeLibrary
	ask     *fakeAsker
	discord *fakeDiscord
	session *discordgo.Session
	bot     *Bot
	signer  signer
}

// newFixture is a bot over the sample transcript, its REST calls going to
// a fake Discord; change modifies the Config first.
func newFixture(t testing.TB, change func(*Config)) *fixture {
	t.Helper()
	testnet.Check(t)
	f := &fixture{lib: sampleLibrary(t), discord: newFakeDiscord(t), signer: newSigner(t)}
	f.ask = &fakeAsker{lib: f.lib}
	f.session = f.discord.session()
	cfg := Config{
		Logger:       testLogger(t),
		FeedbackPath: t.TempDir() + "/feedback.jsonl",
		RateLimit:    RateLimit{Burst: -1},
		RESTTimeout:  2 * time.Second,
		// Generous, so a loaded machine does not turn answers into
		// deferrals; tests of deferral set it low.
		DeferAfter: 10 * time.Second,
		PublicKey:  f.signer.pub,
		Session:    f.session,
	}
	if change != nil {
		change(&cfg)
	}
	b, err := New(cfg, f.ask, fakeVerifier{f.lib}, f.lib)
	if err != nil {
		t.Fatal(err)
	}
	f.bot = b
	return f
}

// interact delivers an interaction as the gateway does and returns the
// callback Discord received, decoded, having checked its message.
func (f *fixture) interact(t testing.TB, raw []byte) *discordgo.InteractionResponse {
	t.Helper()
	n := len(f.discord.requests("callback"))
	f.bot.onInteraction(context.Background(), f.session, decode(t, raw))
	got := f.discord.waitFor("callback", n+1, 5*time.Second)
	resp := callbackOf(t, got[n].Body)
	if resp.Type == discordgo.InteractionResponseChannelMessageWithSource || resp.Type == discordgo.InteractionResponseUpdateMessage {
		checkMessage(t, dataJSON(t, got[n].Body))
	}
	return resp
}

// callbackOf decodes a response as Discord would read it (components are
// interfaces, so through a Message).
func callbackOf(t testing.TB, body []byte) *discordgo.InteractionResponse {
	t.Helper()
	var raw struct {
		Type int             `json:"type"`
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		t.Fatalf("callback body %s: %v", body, err)
	}
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseType(raw.Type)}
	if len(raw.Data) > 0 && string(raw.Data) != "null" {
		resp.Data = dataOf(t, raw.Data)
	}
	return resp
}

// dataOf decodes a message's data (a callback's, an edit's, a post's).
func dataOf(t testing.TB, raw []byte) *discordgo.InteractionResponseData {
	t.Helper()
	var m discordgo.Message
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("message data %s: %v", raw, err)
	}
	var rest struct {
		Flags   int                                         `json:"flags"`
		Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
		AM      *discordgo.MessageAllowedMentions           `json:"allowed_mentions"`
	}
	if err := json.Unmarshal(raw, &rest); err != nil {
		t.Fatalf("message data %s: %v", raw, err)
	}
	return &discordgo.InteractionResponseData{
		Content: m.Content, Embeds: m.Embeds, Components: m.Components,
		Flags: discordgo.MessageFlags(rest.Flags), Choices: rest.Choices, AllowedMentions: rest.AM,
	}
}
