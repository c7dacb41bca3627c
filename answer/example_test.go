package answer_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/onrecord/onrecord/answer"
	"github.com/onrecord/onrecord/retrieval"
)

// The caller asks retrieval first, then the model, and falls back to the
// extractive quotes with a note when the model fails.
func Example() {
	// A stand-in for Ollama, vLLM or OpenAI.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"model":"llama3.1","choices":[{"message":{"role":"assistant","content":`+
			`"{\"sentences\":[{\"text\":\"Blinken said the discussion was \\\"frank and substantive.\\\"\",\"passages\":[\"P1\"],\"quote\":\"frank and substantive\"},`+
			`{\"text\":\"Blinken said \\\"we will invade.\\\"\",\"passages\":[\"P1\"],\"quote\":\"we will invade\"}]}"}}],`+
			`"usage":{"prompt_tokens":300,"completion_tokens":60}}`)
	}))
	defer srv.Close()

	a, err := answer.New(answer.Config{BaseURL: srv.URL + "/v1", Model: "llama3.1"})
	if err != nil {
		fmt.Println(err)
		return
	}
	p := retrieval.Passage{ID: "p1", Speaker: "Secretary Antony J. Blinken", SpeakerLabel: "SECRETARY BLINKEN",
		Text: "The discussion today with Minister Lavrov was frank and substantive."}
	extractive := retrieval.Answer{Question: "How were the talks?", Quotes: []retrieval.Quote{
		{Text: p.Text, Speaker: p.Speaker, PassageID: p.ID},
	}}

	r, err := a.Answer(context.Background(), extractive.Question, []retrieval.Passage{p})
	switch {
	case errors.Is(err, answer.ErrNothingVerified):
		// The model answered, but nothing it wrote could be verified.
		extractive.Answer = answer.UserNote(err)
	case err != nil:
		extractive.Answer = answer.UserNote(err) // and log err, with its kind
	default:
		extractive = answer.Merge(extractive, r)
	}
	fmt.Println(extractive.Answer)
	fmt.Println("dropped:", r.Dropped, "model:", r.Model, "tokens:", r.PromptTokens, r.CompletionTokens)
	// Output:
	// Blinken said the discussion was “frank and substantive” [1].
	// dropped: 1 model: llama3.1 tokens: 300 60
}
