package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"sort"
	"sync/atomic"
	"time"

	"github.com/onrecord/onrecord/answer"
	"github.com/onrecord/onrecord/retrieval"
	"github.com/onrecord/onrecord/verify"
)

// library is what the bot answers from: a store with its searcher and
// verifier, replaced whole when the data folder changes (an ingest while
// the bot runs), so a request always sees one consistent snapshot.
type library struct {
	cur atomic.Pointer[snapshot]
}

type snapshot struct {
	store    *retrieval.Store
	asker    *llmAsker
	verifier *verify.Verifier
	release  func()
	stamp    string // the data folder's contents when opened
}

func (l *library) Ask(ctx context.Context, q retrieval.Query) (retrieval.Answer, error) {
	return l.cur.Load().asker.Ask(ctx, q)
}

func (l *library) Verify(ctx context.Context, claim string) (verify.Result, error) {
	return l.cur.Load().verifier.Verify(ctx, claim), ctx.Err()
}

func (l *library) Transcripts() []retrieval.Transcript { return l.cur.Load().store.Transcripts() }
func (l *library) Passages() []retrieval.Passage       { return l.cur.Load().store.Passages() }
func (l *library) Passage(id string) (retrieval.Passage, bool) {
	return l.cur.Load().store.Passage(id)
}
func (l *library) Len() int { return l.cur.Load().store.Len() }

// open builds a snapshot of the data folder (or of the built-in sample when
// the folder holds no transcripts).
func (c *cli) openSnapshot(ctx context.Context, dir string, model *answer.Answerer, logger *slog.Logger) (*snapshot, error) {
	stamp := folderStamp(dir)
	store, release, err := c.openForReading(ctx, dir)
	if err != nil {
		return nil, err
	}
	return &snapshot{
		store: store,
		asker: &llmAsker{search: retrieval.NewSearcher(store), store: store, model: model, onError: func(err error) {
			logger.Warn("language model failed; answered with quotes", "component", "answer", "err", err)
		}},
		verifier: verify.New(store.Passages()),
		release:  release,
		stamp:    stamp,
	}, nil
}

// watch reopens the data folder when its contents change, checking every
// interval, until ctx ends; the old snapshot is released a while after the
// swap, when requests that started on it are long done.
func (c *cli) watch(ctx context.Context, l *library, dir string, every time.Duration, model *answer.Answerer, logger *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		old := l.cur.Load()
		if folderStamp(dir) == old.stamp {
			continue
		}
		next, err := c.openSnapshot(ctx, dir, model, logger)
		if err != nil {
			logger.Warn("data folder changed but could not be reopened; still answering from the old one", "component", "bot", "err", err)
			continue
		}
		l.cur.Store(next)
		logger.Info("data folder changed: reopened", "component", "bot", "transcripts", len(next.store.Transcripts()), "passages", next.store.Len())
		time.AfterFunc(2*time.Minute, old.release)
	}
}

// folderStamp identifies the data folder's contents by its files' names,
// sizes and times: snapshots are written whole and renamed into place, so
// any ingest changes it.
func folderStamp(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	var lines []string
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || e.IsDir() || e.Name() == "feedback.jsonl" || e.Name() == "lock" {
			continue
		}
		lines = append(lines, fmt.Sprintf("%s %d %d", e.Name(), info.Size(), info.ModTime().UnixNano()))
	}
	sort.Strings(lines)
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}
