package answer

import (
	"errors"
	"fmt"
)

// Kind classifies why an answer could not be written, so that the caller can
// fall back to extractive quotes with a short note for people (UserNote).
// Kinds are errors: test for one with errors.Is(err, answer.ErrTimeout).
type Kind string

// Error returns the kind's description.
func (k Kind) Error() string { return string(k) }

// The kinds of failure. Every error Answer returns is one of them.
const (
	// ErrConfig: the configuration is invalid (New) or a call's input is
	// unusable (no passages, an empty question).
	ErrConfig Kind = "language model not configured correctly"
	// ErrUnreachable: the server could not be reached (refused, DNS, reset).
	ErrUnreachable Kind = "language model unreachable"
	// ErrTimeout: no reply within Config.Timeout.
	ErrTimeout Kind = "language model timed out"
	// ErrCanceled: the caller's context was cancelled.
	ErrCanceled Kind = "answer cancelled"
	// ErrRateLimited: the server said 429, and again after one retry.
	ErrRateLimited Kind = "language model rate limited"
	// ErrServer: the server failed (5xx), and again after one retry.
	ErrServer Kind = "language model server error"
	// ErrModelNotFound: the server does not have the model (404).
	ErrModelNotFound Kind = "language model not found"
	// ErrRejected: the server refused the request (400, 401, 403, ...).
	ErrRejected Kind = "language model rejected the request"
	// ErrMalformed: the reply holds no JSON of the form asked for (prose,
	// broken JSON).
	ErrMalformed Kind = "language model reply is not the JSON asked for"
	// ErrEmpty: the reply is empty or has no sentences.
	ErrEmpty Kind = "language model gave no answer"
	// ErrNothingVerified: the model answered, but no sentence survived the
	// checks against the transcript.
	ErrNothingVerified Kind = "no sentence of the answer could be verified"
)

// failure is an error of a Kind with its cause.
type failure struct {
	kind Kind
	msg  string
	err  error
}

func (f *failure) Error() string {
	if f.err == nil {
		return f.msg
	}
	return f.msg + ": " + f.err.Error()
}

// Unwrap exposes both the kind and the cause to errors.Is and errors.As.
func (f *failure) Unwrap() []error {
	if f.err == nil {
		return []error{f.kind}
	}
	return []error{f.kind, f.err}
}

// fail returns an error of kind k that reads "msg: err" (or "msg: k" when
// err is nil).
func fail(k Kind, err error, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if err == nil {
		return &failure{kind: k, msg: msg, err: k}
	}
	return &failure{kind: k, msg: msg, err: err}
}

// KindOf returns the Kind of err, or "" when err is nil or of no kind.
func KindOf(err error) Kind {
	var f *failure
	if errors.As(err, &f) {
		return f.kind
	}
	var k Kind
	if errors.As(err, &k) {
		return k
	}
	return ""
}

// UserNote returns a short sentence for people that explains why the reply
// holds only quotes, or "" when err is nil. It never shows err's text.
func UserNote(err error) string {
	if err == nil {
		return ""
	}
	switch KindOf(err) {
	case ErrUnreachable, ErrServer:
		return "I couldn't reach the language model, so here are the quotes."
	case ErrTimeout:
		return "The language model took too long, so here are the quotes."
	case ErrRateLimited:
		return "The language model is busy right now, so here are the quotes."
	case ErrModelNotFound:
		return "The configured language model isn't available, so here are the quotes."
	case ErrConfig, ErrRejected:
		return "The language model isn't set up correctly, so here are the quotes."
	case ErrMalformed, ErrEmpty:
		return "The language model's answer wasn't usable, so here are the quotes."
	case ErrNothingVerified:
		return "I couldn't check the language model's answer against the transcripts, so here are the quotes."
	case ErrCanceled:
		return "The answer was cancelled, so here are the quotes."
	default:
		return "Something went wrong with the language model, so here are the quotes."
	}
}
