package retrieval

import "context"

// Embedder turns texts into unit-length vectors. The built-in one (GloVe,
// no network) and the OpenAI-compatible one live in package embedding; the
// store records Name and Dim and refuses to mix embedders.
type Embedder interface {
	// Name identifies the embedder and its model, e.g. "glove-6b-100d-sif".
	Name() string
	// Dim is the length of every vector Embed returns.
	Dim() int
	// Embed returns one unit-length vector per text, in order.
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}
