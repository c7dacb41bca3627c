package embedding

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// OpenAIConfig configures an embedder for an OpenAI-compatible server
// (OpenAI, Ollama, vLLM, llama.cpp, LocalAI). cmd fills it from
// ONRECORD_EMBED_BASE_URL, ONRECORD_EMBED_MODEL and the API key.
type OpenAIConfig struct {
	// BaseURL is the API root, ending in /v1: "https://api.openai.com/v1",
	// "http://localhost:11434/v1" (Ollama).
	BaseURL string
	// Model is the embedding model, e.g. "text-embedding-3-small" or
	// "nomic-embed-text".
	Model string
	// APIKey is sent as a Bearer token; empty sends none (local servers).
	APIKey string
	// BatchSize is the most texts per request; 0 means 64.
	BatchSize int
	// Timeout bounds each request (each attempt); 0 means 30 s.
	Timeout time.Duration
	// MaxRetries is how often a request that got 429 or 5xx is retried; 0
	// means 3, negative means never.
	MaxRetries int
	// Backoff is the wait before the first retry, doubled for each further
	// one (with ±20% jitter, at most a minute) unless the server sends
	// Retry-After; 0 means 1 s.
	Backoff time.Duration
	// Dim is the expected vector length; 0 learns it from the first
	// response. It is checked, not sent to the server.
	Dim int
	// HTTPClient makes the requests; nil means a new http.Client.
	HTTPClient *http.Client
}

const (
	defaultBatchSize  = 64
	defaultTimeout    = 30 * time.Second
	defaultMaxRetries = 3
	defaultBackoff    = time.Second
	maxBackoff        = time.Minute
)

// OpenAI embeds texts through an OpenAI-compatible /v1/embeddings endpoint,
// in batches, retrying rate limits (429) and server errors (5xx) with
// exponential backoff. Its vectors are scaled to unit length. It is safe
// for concurrent use.
type OpenAI struct {
	cfg    OpenAIConfig
	client *openai.Client
	dim    atomic.Int64
}

// NewOpenAI checks cfg, fills in its defaults and returns the embedder. It
// makes no request.
func NewOpenAI(cfg OpenAIConfig) (*OpenAI, error) {
	base := strings.TrimRight(strings.TrimSpace(cfg.BaseURL), "/")
	if base == "" {
		return nil, errors.New("embedding server: no base URL (set ONRECORD_EMBED_BASE_URL, e.g. http://localhost:11434/v1)")
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("embedding server: base URL %q is not an http(s) URL (ONRECORD_EMBED_BASE_URL)", cfg.BaseURL)
	}
	if !strings.HasSuffix(u.Path, "/v1") {
		return nil, fmt.Errorf("embedding server: base URL %q must end in /v1, e.g. %s://%s/v1 (ONRECORD_EMBED_BASE_URL)", cfg.BaseURL, u.Scheme, u.Host)
	}
	cfg.Model = strings.TrimSpace(cfg.Model)
	if cfg.Model == "" {
		return nil, errors.New("embedding server: no model (set ONRECORD_EMBED_MODEL, e.g. nomic-embed-text or text-embedding-3-small)")
	}
	if cfg.Dim < 0 || cfg.BatchSize < 0 || cfg.Timeout < 0 || cfg.Backoff < 0 {
		return nil, fmt.Errorf("embedding server: negative dimension %d, batch size %d, timeout %v or backoff %v", cfg.Dim, cfg.BatchSize, cfg.Timeout, cfg.Backoff)
	}
	cfg.BaseURL = base
	if cfg.BatchSize == 0 {
		cfg.BatchSize = defaultBatchSize
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = defaultTimeout
	}
	switch {
	case cfg.MaxRetries == 0:
		cfg.MaxRetries = defaultMaxRetries
	case cfg.MaxRetries < 0:
		cfg.MaxRetries = 0
	}
	if cfg.Backoff == 0 {
		cfg.Backoff = defaultBackoff
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = base
	oc.HTTPClient = retryAfterDoer{hc}
	e := &OpenAI{cfg: cfg, client: openai.NewClientWithConfig(oc)}
	e.dim.Store(int64(cfg.Dim))
	return e, nil
}

// Name is "openai:" followed by the model.
func (e *OpenAI) Name() string { return "openai:" + e.cfg.Model }

// Dim is the vector length: the configured one, else the one the first
// response had, else 0 before any successful Embed (see LearnDim).
func (e *OpenAI) Dim() int { return int(e.dim.Load()) }

// LearnDim returns the vector length, asking the server (one request
// embedding a single word) when neither the configuration nor an earlier
// response told it. Call it before opening a store, which needs Dim.
func (e *OpenAI) LearnDim(ctx context.Context) (int, error) {
	if d := e.Dim(); d > 0 {
		return d, nil
	}
	if _, err := e.Embed(ctx, []string{"dimension"}); err != nil {
		return 0, fmt.Errorf("learn the dimension: %w", err)
	}
	return e.Dim(), nil
}

// Embed returns one unit-length vector per text, in order. Blank texts are
// not sent (servers refuse them) and get the zero vector, as does a zero
// vector from the server. It fails if a batch still fails after the
// retries, times out, or comes back with the wrong count or dimension.
func (e *OpenAI) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	var idx []int // positions of the non-blank texts
	for i, t := range texts {
		if strings.TrimSpace(t) != "" {
			idx = append(idx, i)
		}
	}
	for lo := 0; lo < len(idx); lo += e.cfg.BatchSize {
		batch := idx[lo:min(lo+e.cfg.BatchSize, len(idx))]
		in := make([]string, len(batch))
		for j, i := range batch {
			in[j] = texts[i]
		}
		vs, err := e.embedBatch(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("embed texts %d to %d of %d with %s at %s: %w", batch[0]+1, batch[len(batch)-1]+1, len(texts), e.Name(), e.cfg.BaseURL, err)
		}
		for j, i := range batch {
			out[i] = vs[j]
		}
	}
	if len(idx) < len(texts) {
		dim := e.Dim()
		if dim == 0 {
			return nil, fmt.Errorf("embed with %s: only blank texts and the dimension is not known yet", e.Name())
		}
		for i := range out {
			if out[i] == nil {
				out[i] = make([]float32, dim)
			}
		}
	}
	return out, nil
}

// embedBatch sends one batch, retrying 429 and 5xx.
func (e *OpenAI) embedBatch(ctx context.Context, in []string) ([][]float32, error) {
	for attempt := 0; ; attempt++ {
		resp, retryAfter, err := e.request(ctx, in)
		if err == nil {
			return e.check(resp, len(in))
		}
		status := statusCode(err)
		retryable := status == http.StatusTooManyRequests || status >= 500
		if !retryable || attempt >= e.cfg.MaxRetries {
			if retryable {
				return nil, fmt.Errorf("gave up after %d attempts: %w", attempt+1, err)
			}
			return nil, err
		}
		wait := retryAfter
		if wait < 0 {
			wait = e.cfg.Backoff << attempt
			wait = time.Duration(float64(wait) * (0.8 + 0.4*rand.Float64()))
		}
		wait = min(wait, maxBackoff)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("waiting to retry after %w: %w", err, ctx.Err())
		case <-t.C:
		}
	}
}

// request makes one attempt under the per-request timeout. retryAfter is
// the server's Retry-After, or negative when it sent none.
func (e *OpenAI) request(ctx context.Context, in []string) (openai.EmbeddingResponse, time.Duration, error) {
	if err := ctx.Err(); err != nil {
		return openai.EmbeddingResponse{}, -1, err
	}
	rctx, cancel := context.WithTimeout(ctx, e.cfg.Timeout)
	defer cancel()
	ra := &retryAfter{d: -1}
	rctx = context.WithValue(rctx, retryAfterKey{}, ra)
	// No encoding_format: float is every server's default, and some
	// compatible servers reject fields they don't know.
	resp, err := e.client.CreateEmbeddings(rctx, openai.EmbeddingRequestStrings{
		Input: in,
		Model: openai.EmbeddingModel(e.cfg.Model),
	})
	if err != nil && ctx.Err() == nil && errors.Is(rctx.Err(), context.DeadlineExceeded) {
		err = fmt.Errorf("no answer within %v (per-request timeout): %w", e.cfg.Timeout, err)
	}
	return resp, ra.d, err
}

// check validates a response and returns its vectors, in input order,
// scaled to unit length.
func (e *OpenAI) check(resp openai.EmbeddingResponse, n int) ([][]float32, error) {
	if len(resp.Data) == 0 {
		return nil, fmt.Errorf("empty response: no embeddings for %d texts", n)
	}
	if len(resp.Data) != n {
		return nil, fmt.Errorf("got %d embeddings for %d texts", len(resp.Data), n)
	}
	out := make([][]float32, n)
	allZero := true
	for _, d := range resp.Data {
		allZero = allZero && d.Index == 0
	}
	for pos, d := range resp.Data {
		i := d.Index
		if allZero {
			i = pos // the server did not number them
		}
		if i < 0 || i >= n || out[i] != nil {
			return nil, fmt.Errorf("embedding index %d out of range or repeated for %d texts", d.Index, n)
		}
		v := d.Embedding
		got := len(v)
		if got == 0 {
			return nil, fmt.Errorf("embedding %d is empty", i)
		}
		want := e.Dim()
		if want == 0 && e.dim.CompareAndSwap(0, int64(got)) {
			want = got
		} else {
			want = e.Dim()
		}
		if got != want {
			return nil, fmt.Errorf("model %q returned %d dimensions, want %d (set by the configuration or an earlier response); a store built with one model cannot be searched with another", e.cfg.Model, got, want)
		}
		var norm float64
		for _, x := range v {
			norm += float64(x) * float64(x)
		}
		if math.IsNaN(norm) || math.IsInf(norm, 0) {
			return nil, fmt.Errorf("embedding %d has a NaN or infinite value", i)
		}
		u := make([]float32, got)
		if norm > 0 {
			inv := 1 / math.Sqrt(norm)
			for k, x := range v {
				u[k] = float32(float64(x) * inv)
			}
		}
		out[i] = u
	}
	return out, nil
}

// statusCode is the HTTP status of a go-openai error, or 0.
func statusCode(err error) int {
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) {
		return apiErr.HTTPStatusCode
	}
	var reqErr *openai.RequestError
	if errors.As(err, &reqErr) {
		return reqErr.HTTPStatusCode
	}
	return 0
}

// retryAfter receives the Retry-After of a response; go-openai's errors do
// not carry headers, so retryAfterDoer records it in the request context.
type retryAfter struct{ d time.Duration }

type retryAfterKey struct{}

// retryAfterDoer is the go-openai HTTP client: it records Retry-After.
type retryAfterDoer struct{ c *http.Client }

func (d retryAfterDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.c.Do(req)
	if err != nil {
		return resp, err
	}
	if ra, ok := req.Context().Value(retryAfterKey{}).(*retryAfter); ok {
		ra.d = parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	}
	return resp, nil
}

// parseRetryAfter reads delay-seconds or an HTTP date; negative when absent
// or unreadable.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return -1
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil && s >= 0 && s < 1e6 {
		return time.Duration(s * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return -1
}
