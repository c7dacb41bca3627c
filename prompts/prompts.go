// Package prompts holds the language-model prompt templates of onrecord as
// files embedded in the binary, and renders them for a question and its
// numbered transcript passages.
package prompts

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"strings"
	"text/template"
)

// Version identifies the wording of the templates. It is recorded with every
// answer written from them; change it whenever a template changes.
const Version = "answer-2026-11-30.1"

// MaxSentences is how many sentences the prompt asks the model for, at most.
const MaxSentences = 4

//go:embed *.tmpl
var files embed.FS

// Numbered is one transcript passage as the prompt shows it to the model.
type Numbered struct {
	// ID is what the model cites the passage by: "P1", "P2", ...
	ID string
	// Speaker is the display name of who said Text; "" when unnamed.
	Speaker string
	// AskedBy is the reporter whose question Text answers, or "".
	AskedBy string
	// Transcript and Date say where Text comes from; either may be "".
	Transcript string
	Date       string
	// Text is the passage's words, verbatim.
	Text string
}

// Templates are the parsed answer templates. Build them once with New and
// share them: Render is safe for concurrent use.
type Templates struct {
	system *template.Template
	user   *template.Template
}

// New parses the embedded templates.
func New() (*Templates, error) {
	funcs := template.FuncMap{"data": neutralise}
	system, err := template.New("answer.system.tmpl").Option("missingkey=error").Funcs(funcs).ParseFS(files, "answer.system.tmpl")
	if err != nil {
		return nil, fmt.Errorf("parse system prompt: %w", err)
	}
	user, err := template.New("answer.user.tmpl").Option("missingkey=error").Funcs(funcs).ParseFS(files, "answer.user.tmpl")
	if err != nil {
		return nil, fmt.Errorf("parse user prompt: %w", err)
	}
	return &Templates{system: system, user: user}, nil
}

// Render writes the system and user messages that ask the model to answer
// question from passages, in JSON, quoting only their exact words.
func (t *Templates) Render(question string, passages []Numbered) (system, user string, err error) {
	if strings.TrimSpace(question) == "" {
		return "", "", errors.New("render prompt: empty question")
	}
	if len(passages) == 0 {
		return "", "", errors.New("render prompt: no passages")
	}
	seen := make(map[string]bool, len(passages))
	for i, p := range passages {
		if p.ID == "" || strings.ContainsAny(p.ID, "<>\"\n") {
			return "", "", fmt.Errorf("render prompt: passage %d has an invalid id %q", i, p.ID)
		}
		if seen[p.ID] {
			return "", "", fmt.Errorf("render prompt: passage id %q used twice", p.ID)
		}
		seen[p.ID] = true
	}
	var sys, usr bytes.Buffer
	if err := t.system.Execute(&sys, struct{ MaxSentences int }{MaxSentences}); err != nil {
		return "", "", fmt.Errorf("render system prompt: %w", err)
	}
	data := struct {
		Question string
		Passages []Numbered
	}{question, passages}
	if err := t.user.Execute(&usr, data); err != nil {
		return "", "", fmt.Errorf("render user prompt: %w", err)
	}
	return sys.String(), usr.String(), nil
}

// neutralise keeps data from opening or closing a passage in the prompt:
// "</passage>" in a transcript becomes "‹/passage>". Nothing else changes,
// so quotations of the text stay verbatim.
func neutralise(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '<' && opensTag(s[i+1:]) {
			b.WriteString("‹")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// opensTag says whether s, the text after a "<", names a passage tag:
// optional spaces, an optional "/", then "passage" in any case.
func opensTag(s string) bool {
	s = strings.TrimLeft(s, " \t\r\n")
	s = strings.TrimPrefix(s, "/")
	s = strings.TrimLeft(s, " \t\r\n")
	return len(s) >= len("passage") && strings.EqualFold(s[:len("passage")], "passage")
}
