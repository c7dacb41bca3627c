package main

import (
	"context"
	"errors"

	"github.com/onrecord/onrecord/retrieval"
)

func runBot(ctx context.Context, c *cli, args []string) error {
	return errors.New("the Discord bot is not wired in yet")
}

func runServe(ctx context.Context, c *cli, args []string) error {
	return errors.New("the interactions endpoint is not wired in yet")
}

func (c *cli) openAIEmbedder(base string) (retrieval.Embedder, error) {
	return nil, errors.New("OpenAI-compatible embeddings are not wired in yet")
}

func (c *cli) withLanguageModel(ctx context.Context, s *retrieval.Store, a retrieval.Answer) retrieval.Answer {
	return a
}
