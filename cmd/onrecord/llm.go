package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/onrecord/onrecord/answer"
	"github.com/onrecord/onrecord/retrieval"
)

// languageModel returns the answerer configured by ONRECORD_LLM_BASE_URL
// and ONRECORD_LLM_MODEL (with OPENAI_API_KEY for servers that want one),
// or nil when none is configured: the reply is then extractive.
func (c *cli) languageModel() (*answer.Answerer, error) {
	base, model := c.getenv("ONRECORD_LLM_BASE_URL"), c.getenv("ONRECORD_LLM_MODEL")
	if base == "" && model == "" {
		return nil, nil
	}
	cfg := answer.Config{BaseURL: base, Model: model, APIKey: c.getenv("OPENAI_API_KEY")}
	if t := c.getenv("ONRECORD_LLM_TIMEOUT"); t != "" {
		d, err := time.ParseDuration(t)
		if err != nil || d <= 0 {
			return nil, fmt.Errorf("ONRECORD_LLM_TIMEOUT=%q: want a duration such as 20s", t)
		}
		cfg.Timeout = d
	}
	return answer.New(cfg)
}

// llmAsker answers with retrieval's quotes and, when a language model is
// configured, a short verified answer above them. Any failure of the model
// leaves the quotes, with a short note saying why.
type llmAsker struct {
	search *retrieval.Searcher
	store  *retrieval.Store
	model  *answer.Answerer // nil: extractive only
	// onError receives the model's failures, for the log.
	onError func(error)
}

func (a *llmAsker) Ask(ctx context.Context, q retrieval.Query) (retrieval.Answer, error) {
	ans, err := a.search.Ask(ctx, q)
	if err != nil {
		return ans, err
	}
	return a.enrich(ctx, ans), nil
}

// enrich adds the model's verified answer above the quotes; on any failure
// it keeps the quotes and says briefly why there is no answer.
func (a *llmAsker) enrich(ctx context.Context, ans retrieval.Answer) retrieval.Answer {
	if a.model == nil || ans.Abstained || len(ans.Quotes) == 0 {
		return ans
	}
	var passages []retrieval.Passage
	for _, qt := range ans.Quotes {
		if p, ok := a.store.Passage(qt.PassageID); ok {
			passages = append(passages, p)
		}
	}
	reply, err := a.model.Answer(ctx, ans.Question, passages)
	if err != nil {
		if a.onError != nil && !errors.Is(err, context.Canceled) {
			a.onError(err)
		}
		ans.Answer = answer.UserNote(err)
		return ans
	}
	return answer.Merge(ans, reply)
}

// withLanguageModel adds a verified answer to ask's quotes when a model is
// configured; problems are reported on stderr and never lose the quotes.
func (c *cli) withLanguageModel(ctx context.Context, s *retrieval.Store, a retrieval.Answer) retrieval.Answer {
	model, err := c.languageModel()
	if err != nil {
		fmt.Fprintln(c.stderr, "onrecord: language model not used:", err)
		return a
	}
	asker := &llmAsker{store: s, model: model, onError: func(err error) {
		fmt.Fprintf(c.stderr, "onrecord: language model (%s): %v\n", answer.KindOf(err), err)
	}}
	return asker.enrich(ctx, a)
}
