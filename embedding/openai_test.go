package embedding

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/onrecord/onrecord/retrieval"
)

var _ retrieval.Embedder = (*OpenAI)(nil)

// fakeServer plays POST /v1/embeddings. Each request gets the next reply
// from replies (the last one repeats); a reply of status 200 answers with
// dim-long vectors, one per input, whose first value is the input's length.
type fakeServer struct {
	t       *testing.T
	mu      sync.Mutex
	replies []reply
	calls   [][]string // inputs of each request
	auth    []string   // Authorization header of each request
}

type reply struct {
	status     int
	dim        int
	retryAfter string
	hang       bool
	count      int // answer with this many vectors instead of one per input
	noIndex    bool
}

func (f *fakeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/embeddings" {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	var req struct {
		Input []string `json:"input"`
		Model string   `json:"model"`
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields() // as strict servers do
	if err := dec.Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.calls = append(f.calls, req.Input)
	f.auth = append(f.auth, r.Header.Get("Authorization"))
	rep := f.replies[min(len(f.calls), len(f.replies))-1]
	f.mu.Unlock()
	if rep.hang {
		<-r.Context().Done()
		return
	}
	if rep.retryAfter != "" {
		w.Header().Set("Retry-After", rep.retryAfter)
	}
	if rep.status != http.StatusOK {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rep.status)
		json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": "fake failure", "type": "server_error"}})
		return
	}
	n := len(req.Input)
	if rep.count != 0 {
		n = max(rep.count, 0)
	}
	type item struct {
		Object    string    `json:"object"`
		Embedding []float32 `json:"embedding"`
		Index     int       `json:"index"`
	}
	data := make([]item, n)
	// Answer in reverse order: the client must use "index".
	for k := range n {
		i := n - 1 - k
		v := make([]float32, rep.dim)
		if i < len(req.Input) {
			v[0] = float32(len(req.Input[i]))
		}
		v[1] = 1
		data[k] = item{"embedding", v, i}
		if rep.noIndex {
			v[0] = float32(len(req.Input[k]))
			data[k] = item{"embedding", v, 0}
		}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": data, "model": req.Model})
}

// requests returns the inputs and Authorization headers seen so far.
func (f *fakeServer) requests() (calls [][]string, auth []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([][]string(nil), f.calls...), append([]string(nil), f.auth...)
}

// count is the number of requests so far.
func (f *fakeServer) count() int {
	calls, _ := f.requests()
	return len(calls)
}

func newFake(t *testing.T, replies ...reply) (*fakeServer, string) {
	t.Helper()
	f := &fakeServer{t: t, replies: replies}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv.URL + "/v1"
}

func newTestOpenAI(t *testing.T, cfg OpenAIConfig) *OpenAI {
	t.Helper()
	if cfg.Model == "" {
		cfg.Model = "nomic-embed-text"
	}
	if cfg.Backoff == 0 {
		cfg.Backoff = time.Millisecond
	}
	e, err := NewOpenAI(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func texts(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = strings.Repeat("x", i+1)
	}
	return out
}

func TestOpenAIBatches(t *testing.T) {
	f, base := newFake(t, reply{status: 200, dim: 8})
	e := newTestOpenAI(t, OpenAIConfig{BaseURL: base, BatchSize: 4})
	in := texts(10)
	in[5] = "  " // blank: not sent, zero vector
	got, err := e.Embed(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int
	calls, _ := f.requests()
	for _, c := range calls {
		sizes = append(sizes, len(c))
	}
	if want := []int{4, 4, 1}; !equalInts(sizes, want) {
		t.Errorf("inputs per request = %v, want %v", sizes, want)
	}
	if e.Dim() != 8 {
		t.Errorf("Dim() = %d, want 8", e.Dim())
	}
	for i, v := range got {
		if len(v) != 8 {
			t.Fatalf("vector %d has length %d, want 8", i, len(v))
		}
		if i == 5 {
			if v[0] != 0 || v[1] != 0 {
				t.Errorf("blank text's vector = %v, want zero", v)
			}
			continue
		}
		// The fake's vector is (len, 1, 0…): normalised, v[0]/v[1] = len.
		if ratio := v[0] / v[1]; math.Abs(float64(ratio)-float64(len(in[i]))) > 1e-3 {
			t.Errorf("vector %d is for a text of length %v, want %d (order lost)", i, ratio, len(in[i]))
		}
		if n := dot(v, v); math.Abs(n-1) > 1e-5 {
			t.Errorf("vector %d has squared norm %v, want 1", i, n)
		}
	}
	if e.Name() != "openai:nomic-embed-text" {
		t.Errorf("Name() = %q", e.Name())
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestOpenAIRetries(t *testing.T) {
	tests := []struct {
		name      string
		replies   []reply
		retries   int
		wantCalls int
		wantErr   string
	}{
		{"429 then success", []reply{{status: 429}, {status: 200, dim: 4}}, 3, 2, ""},
		{"502 twice then success", []reply{{status: 502}, {status: 502}, {status: 200, dim: 4}}, 3, 3, ""},
		{"500 every time", []reply{{status: 500}}, 2, 3, "gave up after 3 attempts"},
		{"no retries", []reply{{status: 503}}, -1, 1, "503"},
		{"400 is not retried", []reply{{status: 400}}, 3, 1, "400"},
		{"401 is not retried", []reply{{status: 401}}, 3, 1, "401"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, base := newFake(t, tt.replies...)
			e := newTestOpenAI(t, OpenAIConfig{BaseURL: base, MaxRetries: tt.retries})
			_, err := e.Embed(context.Background(), []string{"a", "b"})
			if got := f.count(); got != tt.wantCalls {
				t.Errorf("requests = %d, want %d", got, tt.wantCalls)
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Embed: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Embed: err = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestOpenAIRetryAfter(t *testing.T) {
	f, base := newFake(t, reply{status: 429, retryAfter: "1"}, reply{status: 200, dim: 4})
	// Backoff alone would retry after 1 ms; Retry-After says 1 s.
	e := newTestOpenAI(t, OpenAIConfig{BaseURL: base})
	start := time.Now()
	if _, err := e.Embed(context.Background(), []string{"a"}); err != nil {
		t.Fatal(err)
	}
	if got := time.Since(start); got < time.Second {
		t.Errorf("retried after %v, want at least the 1 s of Retry-After", got)
	}
	if f.count() != 2 {
		t.Errorf("requests = %d, want 2", f.count())
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", -1},
		{"3", 3 * time.Second},
		{"0.5", 500 * time.Millisecond},
		{"soon", -1},
		{"-2", -1},
		{now.Add(7 * time.Second).Format(http.TimeFormat), 7 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
	}
	for _, tt := range tests {
		if got := parseRetryAfter(tt.in, now); got != tt.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestOpenAITimeout(t *testing.T) {
	f, base := newFake(t, reply{hang: true})
	e := newTestOpenAI(t, OpenAIConfig{BaseURL: base, Timeout: 100 * time.Millisecond})
	start := time.Now()
	_, err := e.Embed(context.Background(), []string{"a"})
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "timeout") {
		t.Errorf("Embed: err = %v, want a timeout", err)
	}
	if got := time.Since(start); got > 5*time.Second {
		t.Errorf("Embed took %v with a 100 ms timeout", got)
	}
	if f.count() != 1 {
		t.Errorf("requests = %d, want 1 (timeouts are not retried)", f.count())
	}
}

func TestOpenAICancelled(t *testing.T) {
	_, base := newFake(t, reply{status: 500})
	e := newTestOpenAI(t, OpenAIConfig{BaseURL: base, Backoff: time.Hour})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := e.Embed(ctx, []string{"a"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Embed: err = %v, want the context's error while waiting to retry", err)
	}
}

func TestOpenAIBadResponses(t *testing.T) {
	tests := []struct {
		name    string
		cfgDim  int
		replies []reply
		wantErr []string
	}{
		{"wrong dimension", 768, []reply{{status: 200, dim: 384}}, []string{`"nomic-embed-text"`, "384", "768"}},
		{"dimension changes", 0, []reply{{status: 200, dim: 8}, {status: 200, dim: 16}}, []string{`"nomic-embed-text"`, "16", "8"}},
		{"empty response", 0, []reply{{status: 200, dim: 4, count: -1}}, []string{"empty response"}},
		{"too few", 0, []reply{{status: 200, dim: 4, count: 1}}, []string{"1 embeddings for 2 texts"}},
		{"too many", 0, []reply{{status: 200, dim: 4, count: 3}}, []string{"3 embeddings for 2 texts"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, base := newFake(t, tt.replies...)
			e := newTestOpenAI(t, OpenAIConfig{BaseURL: base, Dim: tt.cfgDim, BatchSize: 2})
			_, err := e.Embed(context.Background(), []string{"a", "b", "c", "d"})
			if err == nil {
				t.Fatal("Embed succeeded, want an error")
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Embed: err = %q, want it to mention %s", err, w)
				}
			}
		})
	}
}

func TestOpenAIUnnumbered(t *testing.T) {
	_, base := newFake(t, reply{status: 200, dim: 4, noIndex: true})
	e := newTestOpenAI(t, OpenAIConfig{BaseURL: base})
	in := []string{"a", "bbb"}
	got, err := e.Embed(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range got {
		if ratio := v[0] / v[1]; math.Abs(float64(ratio)-float64(len(in[i]))) > 1e-3 {
			t.Errorf("vector %d is for a text of length %v, want %d", i, ratio, len(in[i]))
		}
	}
}

func TestOpenAIAPIKey(t *testing.T) {
	tests := []struct{ key, want string }{
		{"sk-test-123", "Bearer sk-test-123"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			f, base := newFake(t, reply{status: 200, dim: 4})
			e := newTestOpenAI(t, OpenAIConfig{BaseURL: base, APIKey: tt.key})
			if _, err := e.Embed(context.Background(), []string{"a"}); err != nil {
				t.Fatal(err)
			}
			_, auth := f.requests()
			if got := auth[0]; got != tt.want {
				t.Errorf("Authorization = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestOpenAIBlankOnly(t *testing.T) {
	f, base := newFake(t, reply{status: 200, dim: 4})
	e := newTestOpenAI(t, OpenAIConfig{BaseURL: base})
	if got, err := e.Embed(context.Background(), nil); err != nil || len(got) != 0 {
		t.Errorf("Embed(nil) = %v, %v; want empty, nil", got, err)
	}
	if _, err := e.Embed(context.Background(), []string{""}); err == nil {
		t.Error("Embed(blank) before the dimension is known succeeded, want an error")
	}
	if _, err := e.Embed(context.Background(), []string{"a"}); err != nil {
		t.Fatal(err)
	}
	got, err := e.Embed(context.Background(), []string{"", " "})
	if err != nil || len(got) != 2 || len(got[0]) != 4 || dot(got[1], got[1]) != 0 {
		t.Errorf("Embed(blanks) = %v, %v; want two zero vectors of length 4", got, err)
	}
	if f.count() != 1 {
		t.Errorf("requests = %d, want 1: blank texts are never sent", f.count())
	}
}

func TestNewOpenAIValidates(t *testing.T) {
	tests := []struct {
		name    string
		cfg     OpenAIConfig
		wantErr string
	}{
		{"no base URL", OpenAIConfig{Model: "m"}, "ONRECORD_EMBED_BASE_URL"},
		{"not a URL", OpenAIConfig{BaseURL: "localhost:11434", Model: "m"}, "ONRECORD_EMBED_BASE_URL"},
		{"no /v1", OpenAIConfig{BaseURL: "http://localhost:11434", Model: "m"}, "must end in /v1"},
		{"no model", OpenAIConfig{BaseURL: "http://localhost:11434/v1"}, "ONRECORD_EMBED_MODEL"},
		{"negative dim", OpenAIConfig{BaseURL: "http://localhost:11434/v1", Model: "m", Dim: -1}, "negative"},
		{"ok", OpenAIConfig{BaseURL: "http://localhost:11434/v1/", Model: "m"}, ""},
		{"ok https", OpenAIConfig{BaseURL: "https://api.openai.com/v1", Model: "text-embedding-3-small", APIKey: "k", Dim: 1536}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := NewOpenAI(tt.cfg)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("NewOpenAI: %v", err)
				}
				if got, want := e.Dim(), tt.cfg.Dim; got != want {
					t.Errorf("Dim() = %d, want %d", got, want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("NewOpenAI: err = %v, want one mentioning %q", err, tt.wantErr)
			}
		})
	}
}

func TestOpenAILearnDim(t *testing.T) {
	tests := []struct {
		name      string
		cfgDim    int
		replies   []reply
		want      int
		wantCalls int
		wantErr   bool
	}{
		{"asks the server", 0, []reply{{status: 200, dim: 768}}, 768, 1, false},
		{"configured", 384, []reply{{status: 200, dim: 384}}, 384, 0, false},
		{"server down", 0, []reply{{status: 400}}, 0, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, base := newFake(t, tt.replies...)
			e := newTestOpenAI(t, OpenAIConfig{BaseURL: base, Dim: tt.cfgDim})
			got, err := e.LearnDim(context.Background())
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("LearnDim() = %d, %v; want %d, error %v", got, err, tt.want, tt.wantErr)
			}
			if n := f.count(); n != tt.wantCalls {
				t.Errorf("requests = %d, want %d", n, tt.wantCalls)
			}
			if got2, _ := e.LearnDim(context.Background()); !tt.wantErr && (got2 != got || f.count() != tt.wantCalls) {
				t.Errorf("second LearnDim() = %d after %d requests; want %d without asking again", got2, f.count(), got)
			}
		})
	}
}
