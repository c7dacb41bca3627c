package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sync"
)

// feedbackRecord is one line of the feedback file.
type feedbackRecord struct {
	Time       string   `json:"time"`
	User       string   `json:"user"`
	Guild      string   `json:"guild,omitempty"`
	Channel    string   `json:"channel,omitempty"`
	Message    string   `json:"message,omitempty"`
	Vote       string   `json:"vote"`             // "up" or "down"
	Reason     string   `json:"reason,omitempty"` // after 👎: misquote, wrong_speaker, out_of_context, not_helpful
	QueryHash  string   `json:"query_hash"`
	Question   string   `json:"question,omitempty"`
	Speaker    string   `json:"speaker,omitempty"`
	Transcript string   `json:"transcript,omitempty"`
	Passages   []string `json:"passages,omitempty"`
}

// feedbackLog appends records to a JSON Lines file, one write per line so
// concurrent writers (and replicas sharing the file) never interleave.
type feedbackLog struct {
	path string
	mu   sync.Mutex
}

// append writes one record; with no path it does nothing.
func (f *feedbackLog) append(rec feedbackRecord) error {
	if f.path == "" {
		return nil
	}
	line, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("encode feedback: %w", err)
	}
	line = append(line, '\n')
	f.mu.Lock()
	defer f.mu.Unlock()
	file, err := os.OpenFile(f.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("open feedback file: %w", err)
	}
	if _, err := file.Write(line); err != nil {
		file.Close()
		return fmt.Errorf("append feedback: %w", err)
	}
	if err := file.Close(); err != nil {
		return fmt.Errorf("close feedback file: %w", err)
	}
	return nil
}

// record saves feedback, logging (not showing) a failure.
func (b *Bot) record(_ context.Context, rec feedbackRecord) {
	b.log.Info("feedback", "vote", rec.Vote, "reason", rec.Reason, "query_hash", rec.QueryHash, "user", rec.User)
	if err := b.feedback.append(rec); err != nil {
		b.log.Error("feedback not saved", "err", err)
		b.metrics.errors.WithLabelValues("feedback").Inc()
	}
}
