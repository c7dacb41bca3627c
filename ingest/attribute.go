package ingest

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/onrecord/onrecord/retrieval"
)

// selfIntroRE matches a reporter introducing themselves in a question's
// first sentences: "Laurent Burkhalter, Swiss Television RTS."
var selfIntroRE = regexp.MustCompile(`^(?:(?:I'm|I’m|I am|This is|My name is|It's|It’s|It is)\s+)?` + namePat + `(?:,\s+|\s+(?:with|from|of)\s+)(?:with\s+|from\s+|of\s+)?(?:the\s+)?[A-Z][\w.&'’, -]{1,60}\.$`)

// attribute groups turns into exchanges (a reporter's question, its
// follow-ups and interjections, and the answer), names the reporter where the
// transcript does, and gives every answer its question and asker.
func attribute(doc *Document) {
	var known []string
	midCaps := capitalisedMidSentence(doc)
	remember := func(n string) string {
		n = fullName(n, known)
		if !strings.Contains(n, " ") && !midCaps[n] {
			// A one-word "name" that is never capitalised mid-sentence
			// is a word ("Excellent.", "Mm-hmm."), not a person.
			return ""
		}
		if strings.Contains(n, " ") {
			for _, k := range known {
				if k == n {
					return n
				}
			}
			known = append(known, n)
		}
		return n
	}

	exchange := -1
	call := ""          // the reporter most recently given the floor
	conflicted := false // calls since the last question disagree
	answered := true    // the current exchange has had its answer
	lastQ := -1         // index of the latest question turn
	var questions []int // question turns of the current exchange
	reporterOf := map[int]string{}

	for i := range doc.Turns {
		t := &doc.Turns[i]
		// A turn's first words may thank or apologise to a reporter, its
		// last ones call the next: no need to join the whole turn.
		first, last := t.Paragraphs[0], t.Paragraphs[len(t.Paragraphs)-1]
		switch t.Role {
		case retrieval.RoleReporter:
			name := ""
			// A reporter taking up the question they were cut off in,
			// or going on after an interruption ("— and we were able to").
			resumes := lastQ >= 0 && ((interrupted(doc.Turns[lastQ]) && sameStart(doc.Turns[lastQ], *t)) || continues(*t))
			switch {
			case resumes:
				name = reporterOf[lastQ]
			case call != "":
				name = call
			case lastQ >= 0 && i > 0 && answered && doc.Turns[i-1].Role == retrieval.RoleOfficial &&
				(endsWithQuestionTo(doc.Turns[i-1]) || acknowledges(doc.Turns[i-1])):
				// The official asked the reporter something back ("the
				// first part of the question?") or only acknowledged them
				// ("Yes, I can hear you."): the same reporter goes on.
				name = reporterOf[lastQ]
			}
			if intro := selfIntro(t.Paragraphs); intro != "" {
				name = remember(intro)
			}
			if answered && !resumes {
				exchange++
				questions = nil
			}
			answered = false
			call, conflicted = "", false
			reporterOf[i] = name
			questions = append(questions, i)
			lastQ = i
			t.Exchange = exchange
		default:
			if n := apologised(first); n != "" && lastQ >= 0 && lastQ == i-1 {
				// "I'm sorry, Andrea." right after a question: Andrea
				// interjected.
				reporterOf[lastQ] = remember(n)
			}
			if t.Role == retrieval.RoleModerator || (t.Role == retrieval.RoleOfficial && i+1 < len(doc.Turns) && doc.Turns[i+1].Role == retrieval.RoleReporter) {
				if n := callee(last); n != "" {
					n = remember(n)
					if call != "" && n != "" && !samePerson(call, n) && !samePerson(n, call) {
						// Two calls for one floor name different people
						// ("Vivian Salama", then "Vivian Patami"): name
						// no one rather than guess.
						call, conflicted = "", true
					} else if !conflicted {
						call = n
					}
				}
			}
			t.Exchange = exchange
			if t.Role == retrieval.RoleModerator || len(questions) == 0 {
				continue
			}
			if !answered {
				// The first words of the answer may thank the asker.
				if n := salutation(first); n != "" {
					q := questions[len(questions)-1]
					switch cur := reporterOf[q]; {
					case cur == "":
						reporterOf[q] = remember(n)
					case !samePerson(cur, n):
						reporterOf[q] = "" // the call and the thanks disagree: name no one
					}
				}
			}
			answered = true
			t.AskedBy = "" // filled below, once every name is settled
			t.Question = ""
		}
	}

	// Settle names (a first name said early may be completed later) and
	// give every answer its question and asker.
	for i := range doc.Turns {
		t := &doc.Turns[i]
		if t.Role == retrieval.RoleReporter {
			t.Speaker = fullName(reporterOf[i], known)
		}
	}
	// An answer answers the question turns of its exchange not yet
	// answered (a second official answering in turn answers the same); at
	// most the last few, so a run of interjections cannot make every answer
	// carry them all.
	const maxQuestionTurns = 4
	var pending []int
	current, asker, exchange := "", "", -1
	for i := range doc.Turns {
		t := &doc.Turns[i]
		if t.Exchange != exchange {
			pending, current, asker, exchange = nil, "", "", t.Exchange
		}
		switch {
		case t.Role == retrieval.RoleReporter:
			pending = append(pending, i)
			continue
		case t.Role == retrieval.RoleModerator || t.Exchange < 0:
			continue
		}
		if len(pending) > 0 {
			if len(pending) > maxQuestionTurns {
				pending = pending[len(pending)-maxQuestionTurns:]
			}
			var parts []string
			for _, q := range pending {
				parts = append(parts, strings.Join(doc.Turns[q].Paragraphs, "\n\n"))
			}
			current = strings.Join(parts, "\n\n")
			asker = doc.Turns[pending[len(pending)-1]].Speaker
			pending = nil
		}
		t.Question, t.AskedBy = current, asker
	}
}

// capitalisedMidSentence returns the words the transcript capitalises in
// the middle of a sentence, after a lower-case word or a comma: names,
// mostly ("Thanks, Matt.").
func capitalisedMidSentence(doc *Document) map[string]bool {
	out := map[string]bool{}
	for _, t := range doc.Turns {
		for _, p := range t.Paragraphs {
			for i := 1; i+1 < len(p); i++ {
				if p[i] != ' ' || p[i+1] < 'A' || p[i+1] > 'Z' {
					continue
				}
				prev := p[i-1]
				if !(prev >= 'a' && prev <= 'z' || prev == ',' || prev == ';') {
					continue
				}
				j := i + 2
				for j < len(p) && (p[j] >= 'a' && p[j] <= 'z' || p[j] == '-' || p[j] >= 'A' && p[j] <= 'Z' && p[j-1] == '-') {
					j++
				}
				if j > i+2 {
					out[p[i+1:j]] = true
				}
			}
		}
	}
	return out
}

// interrupted reports whether a turn was cut off ("And your —").
func interrupted(t Turn) bool {
	if len(t.Paragraphs) == 0 {
		return false
	}
	last := strings.TrimSpace(t.Paragraphs[len(t.Paragraphs)-1])
	return strings.HasSuffix(last, "—") || strings.HasSuffix(last, "–") || strings.HasSuffix(last, "-") || strings.HasSuffix(last, "--")
}

// continues reports whether a turn goes on from an interrupted sentence:
// it opens with a dash or in lower case.
func continues(t Turn) bool {
	if len(t.Paragraphs) == 0 {
		return false
	}
	p := t.Paragraphs[0]
	for _, r := range p {
		return r == '—' || r == '–' || r == '-' || r == '…' || unicode.IsLower(r)
	}
	return false
}

// sameStart reports whether b begins with a's first two words: a reporter
// taking up the question they were cut off in.
func sameStart(a, b Turn) bool {
	fa := strings.Fields(strings.ToLower(opening(a)))
	fb := strings.Fields(strings.ToLower(opening(b)))
	if len(fa) < 2 || len(fb) < 2 {
		return false
	}
	trim := func(s string) string { return strings.Trim(s, "—–-,.") }
	return trim(fa[0]) == trim(fb[0]) && trim(fa[1]) == trim(fb[1])
}

// opening returns a turn's first words, across paragraphs if need be.
func opening(t Turn) string {
	var b strings.Builder
	for _, p := range t.Paragraphs {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(head(p))
		if b.Len() >= 60 {
			break
		}
	}
	return b.String()
}

// acknowledges reports whether an official's turn only acknowledges the
// reporter ("Yes, I can hear you.", "Sure, go ahead.").
func acknowledges(t Turn) bool {
	if wordCount(t.Paragraphs) > 8 {
		return false
	}
	text := strings.Join(t.Paragraphs, " ")
	return strings.Contains(strings.ToLower(text), "hear you") || isCallTurn(t.Paragraphs) && callee(text) == ""
}

// endsWithQuestionTo reports whether a turn ends by asking the reporter a
// question.
func endsWithQuestionTo(t Turn) bool {
	if len(t.Paragraphs) == 0 {
		return false
	}
	last := t.Paragraphs[len(t.Paragraphs)-1]
	return strings.HasSuffix(strings.TrimSpace(last), "?")
}

// selfIntro returns the name a reporter gives for themselves in the first
// sentences of a question.
func selfIntro(paras []string) string {
	if len(paras) == 0 {
		return ""
	}
	first := paras[0]
	if len(first) > 400 {
		first = first[:400] // the first sentences are all that count
	}
	s := splitSentences(first)
	for i := 0; i < len(s) && i < 3; i++ {
		if !strings.Contains(s[i], ",") && !strings.Contains(s[i], " from ") && !strings.Contains(s[i], " with ") {
			continue
		}
		if !mayNameSomeone(s[i]) {
			continue
		}
		if m := selfIntroRE.FindStringSubmatch(s[i]); m != nil {
			if n := cleanName(m[1]); strings.Contains(n, " ") {
				return n
			}
		}
	}
	return ""
}

// samePerson reports whether two forms of a name can be the same person:
// equal, or one the first name of the other.
func samePerson(a, b string) bool {
	return a == b || strings.HasPrefix(a, b+" ") || strings.HasPrefix(b, a+" ")
}
