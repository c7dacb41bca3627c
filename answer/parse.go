package answer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// draft is one sentence as the model wrote it, before any check.
type draft struct {
	Text     string
	Passages []string // as written: "P1", "1", "[P1]"...
	Quotes   []string // the "quote" field; usually one, often empty
}

// maxCandidates bounds how many places of a reply parse tries JSON at.
const maxCandidates = 64

// maxReplyBytes bounds the reply parse reads, thinking aside: an answer of a
// few sentences is far shorter.
const maxReplyBytes = 64 << 10

// parse finds the answer's JSON in a model's reply, tolerantly: the reply
// may wrap it in a Markdown fence, put prose or a <think> block around it,
// use "sentence" for "text", give passage ids as numbers or one string, or
// be a bare array of sentences. It fails when no such JSON is there.
func parse(content string) ([]draft, error) {
	content = stripThinking(content)
	if len(content) > maxReplyBytes {
		return nil, fmt.Errorf("reply of %d bytes is too long", len(content))
	}
	tried := 0
	var firstErr error
	for i := 0; i < len(content) && tried < maxCandidates; i++ {
		if content[i] != '{' && content[i] != '[' {
			continue
		}
		tried++
		dec := json.NewDecoder(strings.NewReader(content[i:]))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		drafts, ok, err := fromJSON(raw)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		if ok {
			return drafts, nil
		}
	}
	if tried == 0 {
		return nil, errors.New("reply holds no JSON")
	}
	if firstErr != nil {
		return nil, fmt.Errorf("reply holds no answer object: %w", firstErr)
	}
	return nil, errors.New("reply holds no answer object")
}

// stripThinking drops the <think>…</think> block that reasoning models
// served by Ollama or vLLM put before their answer.
func stripThinking(s string) string {
	for {
		open := indexFold(s, "<think>")
		if open < 0 {
			return s
		}
		end := indexFold(s[open:], "</think>")
		if end < 0 {
			return s[:open]
		}
		s = s[:open] + s[open+end+len("</think>"):]
	}
}

// indexFold is strings.Index for an ASCII sub, ignoring case, with byte
// offsets into s whatever s holds.
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// fromJSON reads an answer from one JSON value: {"sentences": [...]},
// {"answer": {"sentences": [...]}} or a bare array of sentences. ok is
// false when the value is JSON but not an answer.
func fromJSON(raw json.RawMessage) (drafts []draft, ok bool, err error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '[' {
		var list []json.RawMessage
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, false, err
		}
		if len(list) == 0 {
			return nil, false, nil // an empty array is not recognisably an answer
		}
		return sentencesFrom(list)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, false, err
	}
	for _, key := range []string{"sentences", "answer", "response", "result"} {
		v, found := lookup(obj, key)
		if !found {
			continue
		}
		v = bytes.TrimSpace(v)
		switch {
		case len(v) > 0 && v[0] == '[':
			var list []json.RawMessage
			if err := json.Unmarshal(v, &list); err != nil {
				return nil, false, err
			}
			return sentencesFrom(list)
		case len(v) > 0 && v[0] == '{' && key != "sentences":
			return fromJSON(v)
		case string(v) == "null" && key == "sentences":
			return nil, true, nil
		}
	}
	return nil, false, nil
}

// sentencesFrom reads each element of list as a sentence.
func sentencesFrom(list []json.RawMessage) ([]draft, bool, error) {
	out := make([]draft, 0, len(list))
	for i, item := range list {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(item, &obj); err != nil {
			return nil, false, fmt.Errorf("sentence %d: %w", i, err)
		}
		var d draft
		var err error
		if v, found := lookup(obj, "text", "sentence", "content"); found {
			if d.Text, err = flexString(v); err != nil {
				return nil, false, fmt.Errorf("sentence %d text: %w", i, err)
			}
		}
		if v, found := lookup(obj, "passages", "passage", "citations", "sources", "ids", "cites"); found {
			if d.Passages, err = flexStrings(v); err != nil {
				return nil, false, fmt.Errorf("sentence %d passages: %w", i, err)
			}
		}
		if v, found := lookup(obj, "quote", "quotes", "quotation"); found {
			quotes, err := flexStrings(v)
			if err != nil {
				return nil, false, fmt.Errorf("sentence %d quote: %w", i, err)
			}
			for _, q := range quotes {
				if !noQuote(q) {
					d.Quotes = append(d.Quotes, q)
				}
			}
		}
		out = append(out, d)
	}
	return out, true, nil
}

// noQuote says whether a "quote" field says there is none, as small models
// write it when they copy the prompt's "exact words quoted, or empty".
func noQuote(q string) bool {
	switch strings.ToLower(strings.Trim(strings.TrimSpace(q), `."'“”()[]<>`)) {
	case "", "empty", "none", "n/a", "na", "null", "nil", "-", "—", "no quote", "no quotation", "or empty", "exact words quoted, or empty":
		return true
	}
	return false
}

// lookup returns the value of the first of keys in obj, case-insensitively.
func lookup(obj map[string]json.RawMessage, keys ...string) (json.RawMessage, bool) {
	for _, key := range keys {
		if v, ok := obj[key]; ok {
			return v, true
		}
		for k, v := range obj {
			if strings.EqualFold(k, key) {
				return v, true
			}
		}
	}
	return nil, false
}

// flexString reads a string, a number or null.
func flexString(v json.RawMessage) (string, error) {
	var s string
	if err := json.Unmarshal(v, &s); err == nil {
		return s, nil
	}
	var n json.Number
	if err := json.Unmarshal(v, &n); err == nil {
		return n.String(), nil
	}
	if string(bytes.TrimSpace(v)) == "null" {
		return "", nil
	}
	return "", fmt.Errorf("want a string, got %.40s", v)
}

// flexStrings reads a string, a number, null, or an array of those. The
// empty strings are left out.
func flexStrings(v json.RawMessage) ([]string, error) {
	v = bytes.TrimSpace(v)
	if len(v) > 0 && v[0] == '[' {
		var list []json.RawMessage
		if err := json.Unmarshal(v, &list); err != nil {
			return nil, err
		}
		var out []string
		for _, item := range list {
			s, err := flexString(item)
			if err != nil {
				return nil, err
			}
			if strings.TrimSpace(s) != "" {
				out = append(out, s)
			}
		}
		return out, nil
	}
	s, err := flexString(v)
	if err != nil || strings.TrimSpace(s) == "" {
		return nil, err
	}
	return []string{s}, nil
}

// passageIndex reads a citation as written by a model ("P2", "p2", "[P2]",
// "2", "Passage 2") and returns the passage's index from 0, or false.
func passageIndex(id string, n int) (int, bool) {
	s := strings.TrimSpace(id)
	s = strings.Trim(s, "[]()<>#\"' ")
	lower := strings.ToLower(s)
	for _, prefix := range []string{"passage", "p"} {
		if strings.HasPrefix(lower, prefix) {
			s = strings.TrimSpace(s[len(prefix):])
			break
		}
	}
	i, err := strconv.Atoi(s)
	if err != nil || i < 1 || i > n {
		return 0, false
	}
	return i - 1, true
}

// splitCitations splits citation strings that hold several ("P1, P2",
// "P1 and P3", "P1 P2") into one citation each; "Passage 2" stays whole.
func splitCitations(ids []string) []string {
	var out []string
	for _, id := range ids {
		for _, part := range strings.FieldsFunc(id, func(r rune) bool { return strings.ContainsRune(",;/&+[]()", r) }) {
			words := strings.Fields(part)
			for i := 0; i < len(words); i++ {
				w := words[i]
				if strings.EqualFold(w, "and") {
					continue
				}
				if strings.EqualFold(w, "passage") && i+1 < len(words) {
					w += " " + words[i+1]
					i++
				}
				out = append(out, w)
			}
		}
	}
	return out
}
