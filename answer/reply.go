package answer

import (
	"strconv"
	"strings"
	"time"

	"github.com/onrecord/onrecord/retrieval"
)

// The kinds of Sentence.
const (
	// Quotation: the sentence quotes a passage, verbatim, and attributes
	// the words to that passage's speaker (or to no one).
	Quotation = "quote"
	// Paraphrase: the sentence says in plain words what its passages say,
	// with no quotation marks.
	Paraphrase = "paraphrase"
)

// Sentence is one verified sentence of an answer.
type Sentence struct {
	// Text is the sentence as the model wrote it.
	Text string `json:"text"`
	// Quote is its (first) quotation, verbatim in a cited passage; "" for
	// a paraphrase.
	Quote string `json:"quote"`
	// Speaker said Quote: the display name of the passage it is from ("" for
	// a paraphrase or an unnamed speaker).
	Speaker string `json:"speaker"`
	// PassageIDs are the ids (retrieval.Passage.ID) of the passages it cites.
	PassageIDs []string `json:"passage_ids"`
	// Kind is Quotation or Paraphrase.
	Kind string `json:"kind"`
}

// Reply is a verified answer and what it cost.
type Reply struct {
	// Sentences are the sentences that passed every check, in order.
	Sentences []Sentence `json:"sentences"`
	// Dropped counts the sentences the model wrote that failed a check.
	Dropped int `json:"dropped"`
	// Sources are the ids of the passages given to Answer, in order,
	// repeats left out: the model cited them as P1, P2, ..., and Text
	// numbers them [1], [2], ...
	Sources []string `json:"sources"`
	// PromptVersion is prompts.Version of the prompt the answer was written
	// from; Model is the model that wrote it, as the server names it.
	PromptVersion string `json:"prompt_version"`
	Model         string `json:"model"`
	// PromptTokens and CompletionTokens are the server's count of tokens.
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	// Latency is how long Answer took, retry included.
	Latency time.Duration `json:"latency"`
}

// Text renders the answer for people: quotations between “ ” with the
// speaker's name when the sentence does not give it, paraphrase plain,
// each sentence followed by its citations, [n] being the n-th passage given
// to Answer.
func (r Reply) Text() string {
	index := map[string]int{}
	for i, id := range r.Sources {
		if _, dup := index[id]; !dup {
			index[id] = i + 1
		}
	}
	return r.render(index, false)
}

// Merge puts the verified answer r above the extractive quotes: it returns
// extractive with Answer set to the answer, its citations [n] numbering
// extractive.Quotes. A sentence that cites none of the quotes is left out,
// since people could not check it. An abstention, or a reply with nothing
// to show, leaves extractive as it is: an answer never dresses up an
// abstention.
func Merge(extractive retrieval.Answer, r Reply) retrieval.Answer {
	if extractive.Abstained || len(extractive.Quotes) == 0 {
		return extractive
	}
	index := map[string]int{}
	for i, q := range extractive.Quotes {
		if _, dup := index[q.PassageID]; !dup {
			index[q.PassageID] = i + 1
		}
	}
	if text := r.render(index, true); text != "" {
		extractive.Answer = text
	}
	return extractive
}

// render writes the sentences, citing passages by their number in index.
// With cited set, sentences that cite no numbered passage are left out.
func (r Reply) render(index map[string]int, cited bool) string {
	var parts []string
	for _, s := range r.Sentences {
		var nums []int
		for _, id := range s.PassageIDs {
			if n, ok := index[id]; ok && !contains(nums, n) {
				nums = append(nums, n)
			}
		}
		if cited && len(nums) == 0 {
			continue
		}
		parts = append(parts, s.render(nums))
	}
	return strings.Join(parts, " ")
}

// render writes one sentence with its citations.
func (s Sentence) render(nums []int) string {
	body := strings.TrimSpace(s.Text)
	// Quotation marks made “ ”.
	spans := quoteSpans(body)
	if len(spans) > 0 {
		var b strings.Builder
		last := 0
		for _, sp := range spans {
			b.WriteString(body[last:sp.open])
			b.WriteString("“" + sp.inner + "”")
			last = sp.close
		}
		b.WriteString(body[last:])
		body = b.String()
	}
	end := ""
	if n := len(body); n > 0 && strings.ContainsRune(".!?", rune(body[n-1])) {
		body, end = body[:n-1], body[n-1:]
	}
	// “… allies.” [1]. reads better as “… allies” [1].
	for _, p := range []string{".”", ",”"} {
		if end == "" && strings.HasSuffix(body, p) {
			body, end = strings.TrimSuffix(body, p)+"”", "."
		}
	}
	if s.Kind == Quotation {
		if len(spans) == 0 {
			if i := strings.Index(body, s.Quote); i >= 0 {
				body = body[:i] + "“" + s.Quote + "”" + body[i+len(s.Quote):]
			} else {
				body = strings.TrimRight(body, ",;: ") + ": “" + s.Quote + "”"
			}
		}
		if s.Speaker != "" && !mentions(body, s.Speaker) {
			body += " (" + s.Speaker + ")"
		}
	}
	if len(nums) > 0 {
		var cites []string
		for _, n := range nums {
			cites = append(cites, strconv.Itoa(n))
		}
		body += " [" + strings.Join(cites, "][") + "]"
	}
	if end == "" {
		end = "."
		if strings.HasSuffix(body, "”") || strings.HasSuffix(body, "?") || strings.HasSuffix(body, "!") {
			end = ""
		}
		if len(nums) > 0 {
			end = "."
		}
	}
	return body + end
}

// mentions says whether text, outside its quotations, names speaker by a
// distinctive word of the name ("Blinken" for "Secretary Antony J. Blinken").
func mentions(text, speaker string) bool {
	name := nameKeys(speaker)
	for _, t := range tokens(text, quoteSpans(text)) {
		if !t.quote && distinctive(t.key()) && name[t.key()] {
			return true
		}
	}
	return false
}

func contains(list []int, v int) bool {
	for _, w := range list {
		if w == v {
			return true
		}
	}
	return false
}
