package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/onrecord/onrecord/retrieval"
)

// maxPassageWords is where a long answer is split, at a paragraph boundary:
// small enough that a passage is about one thing, large enough to keep an
// argument together. A single longer paragraph stays whole.
const maxPassageWords = 160

// Passages cuts a parsed transcript into the passages that are indexed and
// quoted, and describes the transcript. Ids are derived from the text, so
// the same file always yields the same ids, wherever it is.
func Passages(doc *Document) (retrieval.Transcript, []retrieval.Passage) {
	hash := textHash(doc)
	tr := retrieval.Transcript{
		ID:        hash[:12],
		Title:     doc.Title,
		Date:      doc.Date,
		SourceURL: doc.SourceURL,
		Format:    doc.Format,
		TextHash:  hash,
	}
	if tr.Title == "" {
		tr.Title = "Untitled transcript " + tr.ID
	}
	seen := map[string]bool{}
	var out []retrieval.Passage
	para := 0
	for ti, t := range doc.Turns {
		if t.Speaker != "" && !seen[t.Speaker] {
			seen[t.Speaker] = true
			tr.Speakers = append(tr.Speakers, t.Speaker)
		}
		first := para + 1
		para += len(t.Paragraphs)
		kind := retrieval.KindStatement
		switch {
		case t.Role == retrieval.RoleReporter:
			kind = retrieval.KindQuestion
		case t.Question != "":
			kind = retrieval.KindAnswer
		}
		for part, g := range groupParagraphs(t.Paragraphs) {
			p := retrieval.Passage{
				TranscriptID: tr.ID,
				Title:        tr.Title,
				Date:         tr.Date,
				SourceURL:    tr.SourceURL,
				Speaker:      t.Speaker,
				SpeakerLabel: t.Label,
				SpeakerTitle: t.Office,
				Role:         t.Role,
				Kind:         kind,
				Turn:         ti,
				Exchange:     t.Exchange,
				Part:         part,
				Text:         strings.Join(t.Paragraphs[g[0]:g[1]], "\n\n"),
			}
			if kind == retrieval.KindAnswer {
				p.AskedBy = t.AskedBy
				p.Question = t.Question
			}
			for k := g[0]; k < g[1]; k++ {
				p.Paragraphs = append(p.Paragraphs, first+k)
			}
			p.ID = fmt.Sprintf("%s-%03d-%d", tr.ID, ti, part)
			out = append(out, p)
		}
	}
	tr.Passages = len(out)
	return tr, out
}

// groupParagraphs splits a turn's paragraphs into runs of at most
// maxPassageWords words, returned as [start, end) index pairs.
func groupParagraphs(paras []string) [][2]int {
	var out [][2]int
	start, count := 0, 0
	for i, p := range paras {
		n := words(p)
		if i > start && count+n > maxPassageWords {
			out = append(out, [2]int{start, i})
			start, count = i, 0
		}
		count += n
	}
	if start < len(paras) {
		out = append(out, [2]int{start, len(paras)})
	}
	return out
}

// textHash identifies a transcript by its words, speakers included, so the
// same transcript published at two addresses (or re-saved with other line
// endings or spacing) is recognised as one.
func textHash(doc *Document) string {
	h := sha256.New()
	for _, t := range doc.Turns {
		h.Write([]byte(strings.ToLower(t.Label)))
		h.Write([]byte{0})
		for _, p := range t.Paragraphs {
			h.Write([]byte(p))
			h.Write([]byte{1})
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
