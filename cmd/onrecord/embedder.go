package main

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/onrecord/onrecord/embedding"
	"github.com/onrecord/onrecord/retrieval"
)

// openAIEmbedder builds the OpenAI-compatible embedder from the
// environment and learns its dimension, which the store needs.
func (c *cli) openAIEmbedder(ctx context.Context, base string) (retrieval.Embedder, error) {
	model := c.getenv("ONRECORD_EMBED_MODEL")
	if model == "" {
		return nil, fmt.Errorf("ONRECORD_EMBED_BASE_URL is set but ONRECORD_EMBED_MODEL is not: name the embedding model (e.g. nomic-embed-text, text-embedding-3-small)")
	}
	cfg := embedding.OpenAIConfig{BaseURL: base, Model: model, APIKey: c.getenv("OPENAI_API_KEY")}
	if d := c.getenv("ONRECORD_EMBED_DIM"); d != "" {
		n, err := strconv.Atoi(d)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("ONRECORD_EMBED_DIM=%q: want the vector length, e.g. 768", d)
		}
		cfg.Dim = n
	}
	e, err := embedding.NewOpenAI(cfg)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if _, err := e.LearnDim(ctx); err != nil {
		return nil, fmt.Errorf("ask %s for the embedding dimension: %w", base, err)
	}
	return e, nil
}
