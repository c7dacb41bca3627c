package ingest

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/onrecord/onrecord/retrieval"
)

// finish turns parsed turns into attributed ones: it cuts trailing web-page
// and footer text, assigns each turn a role and a display name, and ties
// every answer to its question and the reporter who asked.
func finish(doc *Document) {
	for i := range doc.Turns {
		t := &doc.Turns[i]
		t.Label = cleanText(t.Label)
		if doc.Format == "labelled" || doc.Format == "markdown" {
			continue // parseLabelled cleaned them already
		}
		paras := t.Paragraphs[:0]
		for _, p := range t.Paragraphs {
			if p = cleanText(p); p != "" {
				paras = append(paras, p)
			}
		}
		t.Paragraphs = paras
	}
	dropTrailer(doc)
	turns := doc.Turns[:0]
	for _, t := range doc.Turns {
		if len(t.Paragraphs) > 0 {
			turns = append(turns, t)
		}
	}
	doc.Turns = turns
	assignRoles(doc)
	nameOfficials(doc)
	attribute(doc)
	tidyQuestions(doc)
}

// tidyQuestions makes the questions that answers carry read cleanly where
// the reporter was interrupted (see tidyQuestion). Answers of one exchange
// share their question, so each is tidied once.
func tidyQuestions(doc *Document) {
	in, out := "", ""
	for i := range doc.Turns {
		t := &doc.Turns[i]
		if t.Question == "" {
			continue
		}
		if t.Question != in {
			in, out = t.Question, tidyQuestion(t.Question)
		}
		t.Question = out
	}
}

// maxStaleWords is the most words an interrupted fragment of a question may
// have to be dropped when the reporter does not take it up again: an
// address or a false start ("Jen —", "Mr. Minister —", "Do you —"), not
// words that say what the question is about ("The student loan forgiv- —
// the new rules that —").
const maxStaleWords = 4

// noteRE matches a paragraph that is only a transcriber's note:
// "(Off-mike.)", "(Interruption by member of the media.)", "[inaudible]".
var noteRE = regexp.MustCompile(`^(\([^()]*\)|\[[^\[\]]*\])\.?$`)

// tidyQuestion makes a question carried by an answer (the question turns
// of its exchange, paragraphs joined by blank lines) read cleanly where the
// reporter was interrupted, using only the transcript's own words:
//   - a fragment cut off with a dash and taken up again in the next
//     paragraph ("And can I ask just two —", "— COVID questions?") is
//     joined to it, the cut marked with "…" as in a quote;
//   - a fragment cut off and then restarted ("And your —", "And your – the
//     question about Iran") loses the words restarted, and a short one
//     that is not taken up at all (an address, a false start: "Jen —") is
//     dropped;
//   - a paragraph that is only a transcriber's note ("(Off-mike.)") is
//     dropped.
//
// The question's last paragraph is always kept, whatever it is.
func tidyQuestion(q string) string {
	paras := strings.Split(q, "\n\n")
	kept := paras[:0:0]
	for i, p := range paras {
		if i < len(paras)-1 && noteRE.MatchString(strings.TrimSpace(p)) {
			continue
		}
		kept = append(kept, p)
	}
	var out []string
	for _, p := range kept {
		for {
			n := len(out)
			if n == 0 || !endsCut(out[n-1]) {
				out = append(out, p)
				break
			}
			if startsCut(p) {
				switch rest, head := strings.TrimLeftFunc(p, isLeadIn), trimCut(out[n-1]); {
				case rest == "":
				case head == "":
					out[n-1] = rest
				default:
					out[n-1] = head + " … " + rest
				}
				break
			}
			prev := out[n-1]
			if at := restartAt(prev, p); at >= 0 {
				if rest := strings.TrimSpace(prev[:at]); rest != "" {
					out[n-1] = rest
					out = append(out, p)
					break
				}
				out = out[:n-1] // and p goes after what came before
				continue
			}
			if len(firstWords(prev, maxStaleWords+1)) <= maxStaleWords {
				out = out[:n-1]
				continue
			}
			out = append(out, p)
			break
		}
	}
	return strings.Join(out, "\n\n")
}

// endsCut reports whether a paragraph breaks off with a dash ("And your —").
func endsCut(p string) bool {
	p = strings.TrimSpace(p)
	return strings.HasSuffix(p, "—") || strings.HasSuffix(p, "–") || strings.HasSuffix(p, "-")
}

// startsCut reports whether a paragraph takes up a sentence broken off: it
// opens with a dash, an ellipsis or a lower-case letter ("— COVID
// questions?", "— due to social distancing").
func startsCut(p string) bool {
	for _, r := range strings.TrimSpace(p) {
		return r == '—' || r == '–' || r == '-' || r == '…' || unicode.IsLower(r)
	}
	return false
}

// trimCut removes the dashes a paragraph breaks off with. It trims all
// white space, as endsCut does, so that a fragment of only a dash and line
// breaks ("\n—") leaves nothing to join with "…".
func trimCut(p string) string {
	return strings.TrimRightFunc(p, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("—–-", r) })
}

// isLeadIn reports whether r is part of what a paragraph taking up a cut
// sentence opens with: a dash, an ellipsis, dots or white space (all of it,
// as startsCut sees past it).
func isLeadIn(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("—–-….", r)
}

// restartAt returns where, in an interrupted paragraph, the sentence begins
// that the next paragraph restarts (both open with the same two words:
// "The President spoke —", "The President spoke about minimum wage"), or
// -1.
func restartAt(prev, next string) int {
	spans := retrieval.Sentences(prev)
	if len(spans) == 0 {
		return -1
	}
	at := spans[len(spans)-1].Start
	a, b := firstWords(prev[at:], 2), firstWords(next, 2)
	if len(a) < 2 || len(b) < 2 || a[0] != b[0] || a[1] != b[1] {
		return -1
	}
	return at
}

// firstWords returns up to n of the first words of s, lower-case, without
// the punctuation and dashes around them.
func firstWords(s string, n int) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		if len(out) == n {
			break
		}
		if w := strings.Trim(strings.ToLower(f), "—–-…,.;:!?\"'“”‘’()"); w != "" {
			out = append(out, w)
		}
	}
	return out
}

var (
	// footerRE matches what closes a transcript but was not said: "END",
	// "# # #", a clock time, "(The briefing was concluded at 3:38 p.m.)".
	footerRE = regexp.MustCompile(`(?i)^(end|# ?# ?#|###|-30-|\(?\s*(the )?(briefing|call|press conference|gaggle|meeting|hearing|session|event|press availability|availability|interview|remarks)\b[^()]{0,40}\b(concluded|ended|adjourned)\b[^()]{0,40}\)?\.?|\(?end\)?\.?)$`)
	// webRE matches the first paragraph of a web page's trailing furniture.
	webRE = regexp.MustCompile(`(?i)^(latest articles|related articles|related posts|read more|share this( article| page)?:?|tags:.*|filed under:?.*|about the author|leave a (comment|reply)|you may also like|more from .{1,40}|subscribe.*newsletter.*|print this page|back to top|sign up.*|©.*|copyright .*)$`)
)

// dropTrailer removes, from the end of the last turns, what a web page or a
// release appends to a transcript: footers, "Latest articles", and an
// author's bio before them. It is reported in Dropped, never attributed.
func dropTrailer(doc *Document) {
	if len(doc.Turns) == 0 {
		return
	}
	last := &doc.Turns[len(doc.Turns)-1]
	paras := last.Paragraphs
	cut := len(paras)
	for i, p := range paras {
		if webRE.MatchString(p) && i > 0 {
			cut = i
			break
		}
	}
	// Walk back over what goes with the furniture: footers, an author's
	// name on a line of its own, a bio in another language.
	for cut > 1 {
		p := paras[cut-1]
		if footerRE.MatchString(p) || isTimeLine(p) || (cut < len(paras) && (looksLikeName(p) || !looksEnglish(p) || looksLikeBio(p))) {
			cut--
			continue
		}
		break
	}
	// A bio without a marker: trailing paragraphs in another language
	// after the last words of the event.
	for cut > 1 && !looksEnglish(paras[cut-1]) && len(strings.Fields(paras[cut-1])) >= 12 {
		cut--
		for cut > 1 && looksLikeName(paras[cut-1]) {
			cut--
		}
	}
	if cut < len(paras) {
		doc.Dropped = append(doc.Dropped, paras[cut:]...)
		last.Paragraphs = paras[:cut]
	}
}

// bioRE matches what an author's bio says of its subject.
var bioRE = regexp.MustCompile(`(?i)\b(is|was) (passionate|an? (journalist|writer|editor|reporter|correspondent|author|contributor|columnist|analyst))\b|\b(writes|has written) for\b|\bis (the )?(editor|author)\b|\bfollow (him|her|them) on\b`)

// looksLikeBio reports whether a paragraph is an author's bio: it opens with
// the author's name twice (a name line joined to "Name is …") or speaks of
// its subject as bios do.
func looksLikeBio(p string) bool {
	w := strings.Fields(p)
	for n := 2; n <= 3 && 2*n <= len(w); n++ {
		if strings.Join(w[:n], " ") == strings.Join(w[n:2*n], " ") && looksLikeName(strings.Join(w[:n], " ")) {
			return true
		}
	}
	return bioRE.MatchString(p)
}

// englishWords are frequent enough that any English paragraph of a dozen
// words holds some of them.
var englishWords = map[string]bool{
	"the": true, "and": true, "to": true, "of": true, "a": true, "in": true, "that": true,
	"is": true, "we": true, "it": true, "i": true, "you": true, "for": true, "on": true,
	"with": true, "this": true, "be": true, "are": true, "have": true, "not": true,
	"was": true, "he": true, "they": true, "what": true, "our": true, "as": true,
}

// looksEnglish reports whether a paragraph reads as English: short ones
// always do; longer ones need a share of common English words.
func looksEnglish(p string) bool {
	words := strings.Fields(strings.ToLower(p))
	if len(words) < 12 {
		return true
	}
	en, other := 0, 0
	for _, w := range words {
		w = strings.Trim(w, ".,;:!?\"'“”’()")
		if englishWords[w] {
			en++
		}
		if foreignWords[w] {
			other++
		}
	}
	return en > other && en*100 >= len(words)*8
}

// foreignWords are the commonest function words of the languages a web
// page's furniture around an English transcript tends to be in.
var foreignWords = map[string]bool{
	"di": true, "della": true, "il": true, "la": true, "le": true, "e": true, "è": true,
	"per": true, "che": true, "del": true, "des": true, "les": true, "et": true, "est": true,
	"el": true, "los": true, "y": true, "der": true, "die": true, "und": true, "das": true,
	"ist": true, "une": true, "un": true, "una": true, "dei": true, "nel": true, "con": true,
	"du": true, "pour": true, "que": true, "las": true, "por": true, "ha": true, "sono": true,
}

// looksLikeName reports whether a paragraph is only a person's name ("Marco
// Emanuele"): two to four capitalised words, no sentence punctuation.
func looksLikeName(p string) bool {
	words := strings.Fields(p)
	if len(words) < 2 || len(words) > 4 || strings.ContainsAny(p, ".?!:;,") {
		return false
	}
	for _, w := range words {
		if !isCapitalised(w) {
			return false
		}
	}
	return true
}

func isCapitalised(w string) bool {
	for _, r := range w {
		return r >= 'A' && r <= 'Z' || r > 0x7f && strings.ToUpper(string(r)) == string(r) && strings.ToLower(string(r)) != string(r)
	}
	return false
}

// Labels by role. Anyone else who speaks with a label is an official (the
// person taking questions); moderators are also recognised by behaviour:
// a short turn that only calls on the next reporter.
var (
	reporterLabels = map[string]bool{
		"Q": true, "QUESTION": true, "REPORTER": true, "REPORTERS": true, "PRESS": true,
		"AUDIENCE MEMBER": true, "PARTICIPANT": true, "JOURNALIST": true, "QUESTIONER": true,
		"Question": true, "Reporter": true, "Audience Member": true,
	}
	moderatorLabels = map[string]bool{
		"MODERATOR": true, "OPERATOR": true, "THE OPERATOR": true, "Moderator": true, "Operator": true,
	}
)

func assignRoles(doc *Document) {
	for i := range doc.Turns {
		t := &doc.Turns[i]
		l := strings.TrimSuffix(strings.TrimSpace(t.Label), ".")
		switch {
		case l == "":
			t.Role = retrieval.RoleUnknown
		case reporterLabels[l] || strings.HasPrefix(l, "QUESTION") || strings.HasPrefix(l, "REPORTER"):
			t.Role = retrieval.RoleReporter
		case moderatorLabels[l] || strings.HasPrefix(l, "MODERATOR"):
			t.Role = retrieval.RoleModerator
		case doc.Format == "webvtt" || doc.Format == "srt" || doc.Format == "export":
			// Captions and meeting exports name people but not their part.
			t.Role = retrieval.RoleUnknown
		default:
			t.Role = retrieval.RoleOfficial
		}
	}
	// An official's short turn before a question that only calls on a
	// reporter is the moderator at work ("MR PRICE:  Andrea Mitchell.",
	// "Go ahead, Zeke."); a speaker all of whose turns are short and who
	// calls on reporters is the moderator throughout.
	calls := map[string]int{}
	long := map[string]bool{}
	for i := range doc.Turns {
		t := &doc.Turns[i]
		if t.Role != retrieval.RoleOfficial {
			continue
		}
		if wordCount(t.Paragraphs) > 25 {
			long[t.Label] = true
			continue
		}
		if i+1 < len(doc.Turns) && doc.Turns[i+1].Role == retrieval.RoleReporter && isCallTurn(t.Paragraphs) && saysLittleBeforeCall(t.Paragraphs) {
			t.Role = retrieval.RoleModerator
			calls[t.Label]++
		}
	}
	for i := range doc.Turns {
		t := &doc.Turns[i]
		if t.Role == retrieval.RoleOfficial && calls[t.Label] >= 2 && !long[t.Label] {
			t.Role = retrieval.RoleModerator
		}
	}
}

// maxWordsBeforeCall is the most words a turn that calls on a reporter may
// say besides the call and thanks or acknowledgments, and still only
// moderate: "Thank you. Andrea Mitchell." does; "He did not. He made that
// decision himself. Go ahead." answers the question before it.
const maxWordsBeforeCall = 4

// floorTalkRE finds what a moderator says of giving the floor: "Last
// question.", "We have to wrap up.", "I'll come back to you."
var floorTalkRE = regexp.MustCompile(`(?i)\b(last (question|one)|final questions?|one more|a couple (more|final)|in the back|come back|(go|move) around|wrap(ping)?( it)? up|we have to (go|move)|keep going|haven't gotten|haven’t gotten|get to everyone|foreign pooler)\b`)

// saysLittleBeforeCall reports whether a turn says at most
// maxWordsBeforeCall words besides the calls that end it and thanks or
// acknowledgments.
func saysLittleBeforeCall(paras []string) bool {
	s := splitSentences(strings.Join(paras, " "))
	for len(s) > 0 && isCallTurn(s[len(s)-1:]) {
		s = s[:len(s)-1]
	}
	n := 0
	for _, x := range s {
		x = strings.TrimSpace(x)
		if !backchannelRE.MatchString(x) && !officialClosingRE.MatchString(x) && !floorTalkRE.MatchString(x) {
			n += words(x)
		}
	}
	return n <= maxWordsBeforeCall
}

func wordCount(paras []string) int {
	n := 0
	for _, p := range paras {
		n += words(p)
	}
	return n
}

// words counts the space-separated words of cleaned text without
// allocating.
func words(p string) int {
	if p == "" {
		return 0
	}
	return strings.Count(p, " ") + 1
}
