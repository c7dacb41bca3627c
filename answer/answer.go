// Package answer writes a short answer in plain words to a question from
// transcript passages, with an OpenAI-compatible language model (OpenAI,
// Ollama, vLLM, llama.cpp, LocalAI), and checks it against the passages
// before anyone sees it: every quotation must be verbatim in the passage it
// cites and attributed to that passage's speaker, and every other sentence
// must be supported by its passages. What fails is dropped, never shown as
// paraphrase; when nothing survives, Answer fails with ErrNothingVerified
// and the caller shows the extractive quotes alone.
//
// The package does not log: Reply carries token use and latency for the
// caller to log.
package answer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/onrecord/onrecord/prompts"
	"github.com/onrecord/onrecord/retrieval"
)

// Defaults of Config.
const (
	// DefaultTimeout bounds a whole Answer, retry included, well inside the
	// time a deferred Discord reply may take.
	DefaultTimeout = 20 * time.Second
	// DefaultRetryBackoff is the wait before the one retry after a 429 or 5xx.
	DefaultRetryBackoff = time.Second
)

// Config says which OpenAI-compatible server and model to use. The command
// line fills it from the environment (ONRECORD_LLM_BASE_URL,
// ONRECORD_LLM_MODEL, OPENAI_API_KEY).
type Config struct {
	// BaseURL is the server's API root, ending in /v1:
	// "https://api.openai.com/v1", "http://localhost:11434/v1" (Ollama).
	BaseURL string
	// Model is the model's name on that server.
	Model string
	// APIKey is sent as a bearer token; local servers may need none.
	APIKey string
	// Timeout bounds one Answer, retry included; 0 means DefaultTimeout.
	Timeout time.Duration
	// RetryBackoff is the wait before retrying a 429 or 5xx; 0 means
	// DefaultRetryBackoff.
	RetryBackoff time.Duration
}

// Answerer writes verified answers. It is safe for concurrent use.
type Answerer struct {
	client  *openai.Client
	prompts *prompts.Templates
	model   string
	timeout time.Duration
	backoff time.Duration
}

// New checks cfg and returns an Answerer for it. It does not contact the
// server. Errors are of kind ErrConfig and name the environment variable to
// fix.
func New(cfg Config) (*Answerer, error) {
	base := strings.TrimRight(strings.TrimSpace(cfg.BaseURL), "/")
	if problem := checkBaseURL(base); problem != "" {
		return nil, fail(ErrConfig, nil, "invalid ONRECORD_LLM_BASE_URL: %s; want an http or https URL ending in /v1, such as http://localhost:11434/v1", problem)
	}
	model := strings.TrimSpace(cfg.Model)
	if model == "" {
		return nil, fail(ErrConfig, nil, "ONRECORD_LLM_MODEL is empty: name the model to use, such as gpt-4o-mini or llama3.1")
	}
	if cfg.Timeout < 0 || cfg.RetryBackoff < 0 {
		return nil, fail(ErrConfig, nil, "negative timeout %v or retry backoff %v", cfg.Timeout, cfg.RetryBackoff)
	}
	tmpl, err := prompts.New()
	if err != nil {
		return nil, fail(ErrConfig, err, "load prompts")
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = base
	a := &Answerer{
		client:  openai.NewClientWithConfig(oc),
		prompts: tmpl,
		model:   model,
		timeout: cfg.Timeout,
		backoff: cfg.RetryBackoff,
	}
	if a.timeout == 0 {
		a.timeout = DefaultTimeout
	}
	if a.backoff == 0 {
		a.backoff = DefaultRetryBackoff
	}
	return a, nil
}

// checkBaseURL says what is wrong with a base URL, or "" when nothing is.
// It never repeats the URL or any part of it: a base URL may carry
// credentials, an API key in its query or the name of an internal host,
// and the message may be shown to people.
func checkBaseURL(base string) string {
	if base == "" {
		return "it is empty"
	}
	u, err := url.Parse(base)
	switch {
	case err != nil:
		return "it is not a URL" // err quotes the URL
	case u.Scheme != "http" && u.Scheme != "https":
		return "its scheme is not http or https"
	case u.Host == "":
		return "it names no host"
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return "it has a query or fragment, which the client cannot append paths to (an API key goes in OPENAI_API_KEY)"
	case strings.Contains(u.Path, "/v1/"):
		return "its path goes on after /v1 (the client adds /chat/completions itself)"
	case !strings.HasSuffix(u.Path, "/v1"):
		return "its path does not end in /v1"
	}
	return ""
}

// Answer asks the model to answer question from passages, numbered P1, P2,
// ... in the order given, repeats of an id left out (pass the passages of
// the extractive quotes, in their order: Merge then numbers the citations
// by the quotes shown),
// and returns only the sentences that pass the checks against the passages.
// Every error is of a Kind (see UserNote); ErrNothingVerified means the
// model answered but nothing it wrote could be verified.
func (a *Answerer) Answer(ctx context.Context, question string, passages []retrieval.Passage) (Reply, error) {
	start := time.Now()
	passages = distinct(passages)
	if len(passages) == 0 {
		return Reply{}, fail(ErrConfig, nil, "answer %q: no passages", question)
	}
	numbered := make([]prompts.Numbered, len(passages))
	ids := make([]string, len(passages))
	for i, p := range passages {
		numbered[i] = prompts.Numbered{
			ID:         promptID(i),
			Speaker:    p.Speaker,
			AskedBy:    p.AskedBy,
			Transcript: p.Title,
			Date:       p.Date,
			Text:       p.Text,
		}
		ids[i] = p.ID
	}
	system, user, err := a.prompts.Render(question, numbered)
	if err != nil {
		return Reply{}, fail(ErrConfig, err, "answer %q", question)
	}

	ctx, cancel := context.WithTimeout(ctx, a.timeout)
	defer cancel()
	resp, err := a.complete(ctx, system, user)
	if err != nil {
		return Reply{}, err
	}
	reply := Reply{
		PromptVersion:    prompts.Version,
		Model:            resp.Model,
		PromptTokens:     resp.Usage.PromptTokens,
		CompletionTokens: resp.Usage.CompletionTokens,
		Sources:          ids,
	}
	if reply.Model == "" {
		reply.Model = a.model
	}
	if len(resp.Choices) == 0 || strings.TrimSpace(resp.Choices[0].Message.Content) == "" {
		reply.Latency = time.Since(start)
		return reply, fail(ErrEmpty, nil, "answer %q with %s", question, a.model)
	}
	drafts, err := parse(resp.Choices[0].Message.Content)
	if err != nil {
		reply.Latency = time.Since(start)
		return reply, fail(ErrMalformed, err, "answer %q with %s", question, a.model)
	}
	if len(drafts) == 0 {
		reply.Latency = time.Since(start)
		return reply, fail(ErrEmpty, nil, "answer %q with %s", question, a.model)
	}
	reply.Sentences, reply.Dropped = check(drafts, passages)
	reply.Latency = time.Since(start)
	if len(reply.Sentences) == 0 {
		return reply, fail(ErrNothingVerified, nil, "answer %q with %s: %d sentences dropped", question, a.model, reply.Dropped)
	}
	return reply, nil
}

// distinct returns passages without repeats of an id (two quotes from one
// passage), in order.
func distinct(passages []retrieval.Passage) []retrieval.Passage {
	seen := make(map[string]bool, len(passages))
	out := make([]retrieval.Passage, 0, len(passages))
	for _, p := range passages {
		if !seen[p.ID] {
			seen[p.ID] = true
			out = append(out, p)
		}
	}
	return out
}

// promptID is how the prompt numbers the i-th passage (from 0): "P1", ...
func promptID(i int) string { return fmt.Sprintf("P%d", i+1) }

// complete sends the chat request, retrying once after a 429 or 5xx, and
// once without response_format if the server rejects that field.
func (a *Answerer) complete(ctx context.Context, system, user string) (openai.ChatCompletionResponse, error) {
	req := openai.ChatCompletionRequest{
		Model: a.model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: system},
			{Role: openai.ChatMessageRoleUser, Content: user},
		},
		ResponseFormat: &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONObject},
	}
	retried := false
	for {
		resp, err := a.client.CreateChatCompletion(ctx, req)
		if err == nil {
			return resp, nil
		}
		status := statusOf(err)
		switch {
		case req.ResponseFormat != nil && (status == 400 || status == 422) && mentionsResponseFormat(err):
			// Not every server knows response_format: ask again without it;
			// the prompt asks for JSON anyway.
			req.ResponseFormat = nil
			continue
		case (status == 429 || status >= 500) && !retried && ctx.Err() == nil && a.fits(ctx):
			retried = true
			t := time.NewTimer(a.backoff)
			select {
			case <-ctx.Done():
				t.Stop()
			case <-t.C:
				continue
			}
		}
		return openai.ChatCompletionResponse{}, classify(ctx, err, a.model)
	}
}

// fits says whether the backoff leaves time before ctx's deadline for
// another try; when not, the failure is reported as it is, not as a
// timeout.
func (a *Answerer) fits(ctx context.Context) bool {
	deadline, ok := ctx.Deadline()
	return !ok || time.Until(deadline) > a.backoff
}

// statusOf returns the HTTP status of a go-openai error, or 0.
func statusOf(err error) int {
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

// mentionsResponseFormat says whether a rejection is about response_format.
func mentionsResponseFormat(err error) bool {
	msg := strings.ToLower(err.Error())
	var reqErr *openai.RequestError
	if errors.As(err, &reqErr) {
		msg += " " + strings.ToLower(string(reqErr.Body))
	}
	return strings.Contains(msg, "response_format") || strings.Contains(msg, "json_object") || strings.Contains(msg, "response format")
}

// classify gives a failed request its Kind.
func classify(ctx context.Context, err error, model string) error {
	const msg = "chat completion with %s"
	if cerr := ctx.Err(); cerr != nil {
		if errors.Is(cerr, context.Canceled) {
			return fail(ErrCanceled, err, msg, model)
		}
		return fail(ErrTimeout, err, msg, model)
	}
	var netErr net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &netErr) && netErr.Timeout()) {
		return fail(ErrTimeout, err, msg, model)
	}
	switch status := statusOf(err); {
	case status == 404:
		return fail(ErrModelNotFound, err, msg, model)
	case status == 429:
		return fail(ErrRateLimited, err, msg, model)
	case status >= 500:
		return fail(ErrServer, err, msg, model)
	case status >= 400:
		return fail(ErrRejected, err, msg, model)
	case status > 0:
		return fail(ErrMalformed, err, msg, model)
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return fail(ErrUnreachable, err, msg, model)
	}
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &syntaxErr) || errors.As(err, &typeErr) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		// A success status whose body is not a chat completion.
		return fail(ErrMalformed, err, msg, model)
	}
	// go-openai refused to send it: a model that does no chat, a parameter
	// the model does not take.
	return fail(ErrRejected, err, msg, model)
}
