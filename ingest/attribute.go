package ingest

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/onrecord/onrecord/retrieval"
)

// selfIntroRE matches a reporter introducing themselves in a question's
// first sentences: "Laurent Burkhalter, Swiss Television RTS."
var selfIntroRE = regexp.MustCompile(`^(?:(I'm|I’m|I am|This is|My name is|It's|It’s|It is)\s+)?` + namePat + `(,\s+|\s+(?:with|from|of)\s+)(?:with\s+|from\s+|of\s+)?(?:the\s+)?[A-Z][\w.&'’, -]{1,60}\.$`)

// attribute groups turns into exchanges (a reporter's question, its
// follow-ups and interjections, and the answer), names the reporter where the
// transcript does, and gives every answer its question and asker.
func attribute(doc *Document) {
	var known []string
	midCaps := capitalisedMidSentence(doc)
	var text string // the transcript's words, joined when first needed
	remember := func(n string) string {
		n = fullName(n, known)
		if !strings.Contains(n, " ") && !midCaps[n] {
			// A one-word "name" that is never capitalised mid-sentence
			// may be a word ("Excellent.", "Mm-hmm."), not a person:
			// it is a name only if the transcript never writes it in
			// lower case and it does not read as a word.
			if !mayBeGivenName(n) {
				return ""
			}
			if text == "" {
				text = joinedText(doc)
			}
			if saysInLowerCase(text, strings.ToLower(n)) {
				return ""
			}
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

	officialFirst := map[string]bool{} // officials' first names ("Keisha" of Keisha Lance Bottoms)
	for _, t := range doc.Turns {
		if t.Role != retrieval.RoleReporter && strings.Contains(t.Speaker, " ") {
			officialFirst[firstName(t.Speaker)] = true
		}
	}

	exchange := -1
	call := ""          // the reporter most recently given the floor
	conflicted := false // calls since the last question disagree
	floorGiven := false // a call, named or not, since the last question
	announcer := ""     // who said they had several questions, since the last call
	answered := true    // the current exchange has had its answer
	lastQ := -1         // index of the latest question turn
	var questions []int // question turns of the current exchange
	reporterOf := map[int]string{}
	var vocatives []addressed // answers opening with a name: "Well, Peter, …"

	// pauses are the reporter turns that open no exchange: acknowledgments
	// mid-answer, greetings before the first question.
	pauses := map[int]bool{}
	// waits are the officials' turns that only ask back or listen before
	// the reporter goes on ("and you're talking about the student loan?"):
	// the question is not answered yet.
	waits := map[int]bool{}

	for i := range doc.Turns {
		t := &doc.Turns[i]
		// A turn's first words may thank or apologise to a reporter, its
		// last ones call the next: no need to join the whole turn.
		first, last := t.Paragraphs[0], t.Paragraphs[len(t.Paragraphs)-1]
		if t.Role == retrieval.RoleReporter && call == "" && !floorGiven &&
			(pausesAnswer(doc.Turns, i) || lastQ < 0 && greetsOnly(doc.Turns, i)) {
			// "Okay." between two turns of one official, the floor
			// given to no one: the answer goes on, in its exchange.
			// "Good afternoon." or "Thank you." before any question,
			// the floor given to no one: what the official says next
			// is a statement, not an answer.
			pauses[i] = true
			t.Exchange = exchange
			continue
		}
		switch t.Role {
		case retrieval.RoleReporter:
			name := ""
			// A reporter taking up the question they were cut off in,
			// or going on after an interruption ("— and we were able to").
			// Two turns that both open "Thank you, Karine." are two
			// reporters, not one taking up their question.
			resumes := lastQ >= 0 && ((interrupted(doc.Turns[lastQ]) && sameStart(doc.Turns[lastQ], *t) && !opensAsNew(*t)) || continues(*t))
			switch {
			case resumes:
				name = reporterOf[lastQ]
			case call != "":
				name = call
			case lastQ >= 0 && reporterOf[lastQ] != "" && i > 0 && (answered || waits[i-1]) && doc.Turns[i-1].Role == retrieval.RoleOfficial &&
				(endsWithQuestionTo(doc.Turns[i-1]) && !asksAnother(doc.Turns[i-1], reporterOf[lastQ], midCaps) || acknowledges(doc.Turns[i-1])):
				// The official asked the reporter something back ("the
				// first part of the question?") or only acknowledged them
				// ("Yes, I can hear you."): the same reporter goes on.
				name = reporterOf[lastQ]
			case lastQ == i-2 && reporterOf[lastQ] != "" && backchannel(doc.Turns[i-1]) && !closing(doc.Turns[lastQ]):
				// Only "Yeah." or "Mm-hmm." between two question turns:
				// the reporter was heard out and goes on.
				name = reporterOf[lastQ]
			case lastQ >= 0 && lastQ < i-1 && reporterOf[lastQ] != "" && !floorGiven && followsUp(*t):
				// "A quick follow, if I may.", "Final follow, sir.": with
				// the floor given to no one since, the reporter who asked
				// last asks again, once answered ("A follow?" right after
				// a question is someone else's).
				name = reporterOf[lastQ]
			case lastQ >= 0 && reporterOf[lastQ] != "" && !floorGiven && answeredOnly(doc.Turns, lastQ+1, i, pauses) && !closing(doc.Turns[lastQ]) && goesOn(*t):
				// "And do you have a timeline?" straight after the
				// answer, no one given the floor since: the reporter
				// answered goes on.
				name = reporterOf[lastQ]
			case announcer != "" && lastQ < i-1 && asksNext(*t):
				// "And then, second, …" from the reporter who said they
				// had "a couple things", the floor given to no one since.
				name = announcer
			}
			if name != "" && wordCount(t.Paragraphs) <= 6 && strings.Contains(strings.ToLower(first), "go ahead") && samePerson(callee(first), name) {
				// "Jeff, go ahead.": a reporter yielding the floor to the
				// one called is not the one called ("Yes, Dennis House."
				// is the one called, saying so).
				name = ""
			}
			if intro := selfIntro(t.Paragraphs); intro != "" {
				name = remember(intro)
				if resumes && reporterOf[lastQ] == "" {
					// The words cut off before were theirs too.
					reporterOf[lastQ] = name
				}
			}
			if answered && !resumes {
				exchange++
				questions = nil
			}
			answered = false
			call, conflicted, floorGiven = "", false, false
			switch {
			case announcesSeveral(*t):
				announcer = name
			case name != announcer && (name != "" || opensAsNew(*t)):
				// Someone else has asked since ("Thank you, Karine.
				// John, thank you." opens a new reporter's turn).
				announcer = ""
			}
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
			if t.Role == retrieval.RoleOfficial && wordCount(t.Paragraphs) > 25 {
				// Whoever was called before, an official has spoken at
				// length since ("I will now turn it over to Mr. Jake
				// Sullivan."): the call is spent. A short aside ("Should
				// we go to another question, Kevin?") does not spend it.
				call, conflicted = "", false
			}
			if t.Role == retrieval.RoleModerator || (t.Role == retrieval.RoleOfficial && i+1 < len(doc.Turns) && doc.Turns[i+1].Role == retrieval.RoleReporter) {
				if endsWithBareCall(last) {
					// "Yes.", "In the back.": to whom, unsaid.
					floorGiven, announcer = true, ""
				}
				n := callee(last)
				if n != "" && i > 0 && doc.Turns[i-1].Role == retrieval.RoleReporter && saidBack(*t, doc.Turns[i-1], n, reporterOf[i-1]) {
					n = ""
				}
				if n != "" {
					floorGiven, announcer = true, ""
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
			if resumed := i > 0 && pauses[i-1]; !answered || resumed {
				// The first words of the answer, or of its going on
				// after an acknowledgment, may thank the asker.
				q := questions[len(questions)-1]
				if n := salutation(first); n != "" && officialFirst[firstName(n)] {
					// "And thank you so much, Keisha.": the official
					// who briefed before, thanked as they leave.
				} else if n != "" {
					switch cur := reporterOf[q]; {
					case cur == "":
						reporterOf[q] = remember(n)
					case !samePerson(cur, n) && !resumed:
						reporterOf[q] = "" // the call and the thanks disagree: name no one
					}
				} else if n := vocative(first); n != "" {
					vocatives = append(vocatives, addressed{q, n})
				}
			}
			if !answered && lastQ >= 0 && i+1 < len(doc.Turns) && doc.Turns[i+1].Role == retrieval.RoleReporter && waitsFor(*t, reporterOf[lastQ], midCaps) {
				waits[i] = true
			} else {
				answered = true
			}
			t.AskedBy = "" // filled below, once every name is settled
			t.Question = ""
		}
	}

	nameAddressed(doc, reporterOf, vocatives, known)

	// Settle names (a first name said early may be completed later) and
	// give every answer its question and asker.
	officials := map[string]bool{} // officials' names, whole and first
	for _, t := range doc.Turns {
		if t.Role != retrieval.RoleReporter && strings.Contains(t.Speaker, " ") {
			officials[t.Speaker] = true
			officials[firstName(t.Speaker)] = true
		}
	}
	for i := range doc.Turns {
		t := &doc.Turns[i]
		if t.Role != retrieval.RoleReporter {
			continue
		}
		t.Speaker = fullName(reporterOf[i], known)
		if officials[t.Speaker] && (strings.Contains(t.Speaker, " ") || speaksOf(*t, t.Speaker)) {
			// "Jake Sullivan" asking where Jake Sullivan briefs, or
			// "Jake" asking "And I wanted to follow up with Jake": the
			// official's name taken for the reporter's.
			t.Speaker = ""
		}
	}
	// An answer answers the question turns of its exchange not yet
	// answered (a second official answering in turn answers the same); at
	// most the last few, so a run of interjections cannot make every answer
	// carry them all.
	const maxQuestionTurns = 4
	var pending, asked []int // asked: the question turns current is made of
	current, asker, exchange := "", "", -1
	for i := range doc.Turns {
		t := &doc.Turns[i]
		if t.Exchange != exchange {
			pending, asked, current, asker, exchange = nil, nil, "", "", t.Exchange
		}
		switch {
		case pauses[i]:
			continue
		case t.Role == retrieval.RoleReporter:
			if len(pending) == 0 && len(asked) > 0 && takesUpCut(doc.Turns, asked[len(asked)-1], i, pauses) {
				// "— taken proactively?" after "If you're —": the
				// reporter finishes the question the official broke
				// into, and the answer answers it whole.
				pending = append(pending, asked...)
			}
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
			current, asker = "", ""
			for _, q := range pending {
				if asksNothing(doc.Turns[q]) {
					continue
				}
				parts = append(parts, strings.Join(doc.Turns[q].Paragraphs, "\n\n"))
				asker = doc.Turns[q].Speaker
			}
			current = strings.Join(parts, "\n\n")
			if !waits[i] {
				// Asked back, the reporter says more of the same
				// question; the answer that follows answers it whole.
				asked, pending = pending, nil
			}
		}
		t.Question, t.AskedBy = current, asker
	}
}

// asksNothing reports whether a reporter's turn only thanks or greets
// ("Thank you.", "Thanks, Karine."): what the official says next ("Thanks,
// everybody. See you tomorrow.") answers no question of it. An unheard
// "(Inaudible.)" may have been a question, and stays one.
func asksNothing(t Turn) bool {
	return greets(t) && !strings.Contains(strings.Join(t.Paragraphs, " "), "(")
}

// maxWaitWords is the most words an official's turn may have that only
// asks back or listens before answering.
const maxWaitWords = 25

// waitsFor reports whether an official's turn only asks the reporter back
// ("and you're talking about the student loan?", "I'm sorry, repeat that
// one more time?") or listens ("Yeah. Yeah.", "Yes, I can hear you."),
// and does not turn to someone else.
func waitsFor(t Turn, reporter string, midCaps map[string]bool) bool {
	if t.Role != retrieval.RoleOfficial || wordCount(t.Paragraphs) > maxWaitWords {
		return false
	}
	return endsWithQuestionTo(t) && !asksAnother(t, reporter, midCaps) || acknowledges(t) || backchannel(t)
}

// maxInterjectionWords is the most words an official may say while a
// reporter is cut off and goes on with the same question ("If you’re —",
// "Hold on.").
const maxInterjectionWords = 8

// takesUpCut reports whether question turn f takes up question turn q where
// it broke off ("… regarding all of these sensitive sites —", "— taken
// proactively?"), with only an official's brief interjection between.
func takesUpCut(turns []Turn, q, f int, pauses map[int]bool) bool {
	if q >= f-1 || !interrupted(turns[q]) || !startsCut(turns[f].Paragraphs[0]) {
		return false
	}
	for i := q + 1; i < f; i++ {
		if !pauses[i] && (turns[i].Role != retrieval.RoleOfficial || wordCount(turns[i].Paragraphs) > maxInterjectionWords) {
			return false
		}
	}
	return true
}

// addressed is an answer's opening address to the reporter who asked
// question turn q.
type addressed struct {
	q    int
	name string
}

// vocativeRE matches an answer opening by addressing someone: "Well,
// Peter, I would say…", "Jacqui, it’s a good question.", "Hi, Trevor."
var vocativeRE = regexp.MustCompile(`^(?:(?:Well|Look|So|Oh|Yeah|Yes|No|Okay|OK|Sure|And|But|Listen|Again|Now|Great|Good question|It’s a good question|It's a good question|That’s a good question|That's a good question),?\s+)*(?:(?:Hi|Hey|Hello),?\s+` + namePat + `[,.!]|` + namePat + `,)\s`)

// vocative returns the name an answer's first sentence opens by
// addressing, unless it hands the question to someone ("Jake, do you want
// to take that?").
func vocative(answer string) string {
	if c := strings.IndexAny(answer, ",."); c < 0 || c > 80 {
		return "" // an address comes in the first words, set off by a comma
	}
	m := vocativeRE.FindStringSubmatch(answer)
	if m == nil {
		return ""
	}
	s := splitSentences(answer)
	if len(s) == 0 || len(s[0]) < len(m[0])-1 {
		return "" // the name is not in the first sentence
	}
	l := strings.ToLower(s[0])
	if strings.HasSuffix(l, "?") || strings.Contains(l, "want to") || strings.Contains(l, "take that") || strings.Contains(l, "over to") || strings.Contains(l, "turn to") {
		return ""
	}
	if m[1] != "" {
		return cleanName(m[1])
	}
	return cleanName(m[2])
}

// nameAddressed names the reporters of questions no other evidence names,
// from the answer's opening address ("Well, Peter, …"), where the name is
// one the transcript gives reporters elsewhere (in a call, a thanks, a
// self-introduction) and no official's: an address to a colleague ("John,
// …") or a topic put first ("Iran, we have been clear") is not the asker.
func nameAddressed(doc *Document, reporterOf map[int]string, vocatives []addressed, known []string) {
	if len(vocatives) == 0 {
		return
	}
	heard := map[string]bool{}
	for _, n := range reporterOf {
		if f := firstName(n); f != "" {
			heard[f] = true
		}
	}
	officials := map[string]bool{}
	for _, t := range doc.Turns {
		if t.Role == retrieval.RoleReporter {
			continue
		}
		for _, w := range strings.Fields(t.Speaker + " " + t.Label) {
			officials[strings.ToLower(strings.Trim(w, ".,:"))] = true
		}
	}
	for _, v := range vocatives {
		f := firstName(v.name)
		if reporterOf[v.q] != "" || !heard[f] || officials[strings.ToLower(f)] || closing(doc.Turns[v.q]) {
			continue
		}
		reporterOf[v.q] = fullName(v.name, known)
	}
}

// speaksOf reports whether a reporter's turn names first, as no one names
// themselves but to introduce themselves ("It’s Zeke.", "I'm Trinity
// Webster-Bass.").
func speaksOf(t Turn, first string) bool {
	if first == "" {
		return false
	}
	text := strings.Join(t.Paragraphs, " ")
	if !containsWord(text, first) || selfIntro(t.Paragraphs) != "" {
		return false
	}
	for _, intro := range []string{"I'm ", "I’m ", "I am ", "It's ", "It’s ", "This is ", "my name is ", "My name is "} {
		if strings.Contains(text, intro+first) {
			return false
		}
	}
	return true
}

// firstName returns the first word of a name, titles aside.
func firstName(n string) string {
	f := strings.Fields(n)
	if len(f) > 1 && nameTitles[f[0]] {
		f = f[1:]
	}
	if len(f) == 0 {
		return ""
	}
	return f[0]
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

// joinedText returns the transcript's paragraphs joined by spaces.
func joinedText(doc *Document) string {
	var b strings.Builder
	for _, t := range doc.Turns {
		for _, p := range t.Paragraphs {
			b.WriteString(p)
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// saysInLowerCase reports whether text holds w, a lower-case word, as a
// word of its own ("over", "wow"): a word, not a name, since names are
// never written in lower case.
func saysInLowerCase(text, w string) bool {
	return containsWord(text, w)
}

// isWordByte reports whether b continues a word (a letter, a digit, a
// hyphen or an apostrophe).
func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b == '\'' || b >= 0x80
}

// notGivenNames are words said alone that a call's pattern could take for
// a given name: interjections, greetings, number words.
var notGivenNames = map[string]bool{
	"Bye": true, "Goodbye": true, "Yup": true, "Huh": true, "Yay": true, "Geez": true, "Jeez": true,
	"Gosh": true, "Goodness": true, "Godspeed": true, "Bollocks": true, "Bonjour": true, "Enjoy": true,
	"Apologies": true, "Noted": true, "Remarkable": true, "Shocker": true, "Anyway": true,
	"Anyways": true, "Otherwise": true, "Uh-oh": true, "Mm-hm": true, "Mm": true, "Wow": true,
	"Whoa": true, "Oops": true, "Ah": true, "Aha": true, "Ooh": true, "Boy": true, "Man": true,
	"Cheers": true, "Congratulations": true, "Welcome": true, "Amen": true, "Bingo": true,
	"Ouch": true, "Ugh": true, "Shh": true, "Bravo": true, "Hooray": true, "Voila": true, "Ciao": true,
	"Hola": true, "Merci": true, "Gracias": true, "Shalom": true, "Alrighty": true, "Nah": true,
	"Uh": true, "Um": true, "Er": true, "Duh": true, "Phew": true, "Yikes": true, "Pardon": true,
	"Stop": true, "Order": true, "Quiet": true, "Enough": true, "Agreed": true, "Granted": true,
	"Fair": true, "Interesting": true, "Fascinating": true, "Amazing": true, "Incredible": true,
	"Unbelievable": true, "Outstanding": true, "Brilliant": true, "Lovely": true, "Nice": true,
	"Beautiful": true, "Likewise": true, "Same": true, "Ditto": true, "Touché": true, "Truly": true,
	"Precisely": true, "Definitely": true, "Maybe": true, "Perhaps": true, "Both": true,
	"Neither": true, "Either": true, "Nothing": true, "Something": true, "Anything": true,
	"Everything": true, "Zero": true, "None": true, "Never": true, "Always": true, "Later": true,
	"Soon": true, "Tonight": true, "Done": true, "Also": true, "However": true, "Meanwhile": true,
	"Besides": true, "Sorry": true, "Shocked": true, "Relieved": true, "Limber": true, "Timely": true,
	"Period": true, "Aw": true, "Aww": true, "Awww": true, "Sherpa": true,
	"One": true, "Two": true, "Three": true, "Four": true, "Five": true, "Six": true, "Seven": true,
	"Eight": true, "Nine": true, "Ten": true, "Eleven": true, "Twelve": true, "Twenty": true,
	"Thirty": true, "Forty": true, "Fifty": true, "Sixty": true, "Seventy": true, "Eighty": true,
	"Ninety": true, "Hundred": true, "Thousand": true, "Million": true, "Billion": true,
	"Trillion": true, "Half": true, "Dozen": true, "Speaker": true, "Leader": true, "Mayor": true,
	"Justice": true, "Commissioner": true, "Congressman": true, "Congresswoman": true,
	"Representative": true, "Chair": true, "Doctor": true, "Professor": true, "Captain": true,
}

// mayBeGivenName reports whether one word said alone may be a given name
// ("Daphne.", "Trevor of Reuters"): it is not a word of the kinds said
// alone (interjections, numbers, adverbs in -ly, participles in -ing and
// -ed), nor capitalised inside as product names are ("VaccineFinder").
func mayBeGivenName(w string) bool {
	if notNames[w] || notGivenNames[w] {
		return false
	}
	if strings.ContainsAny(w, "0123456789") {
		return false
	}
	n := len(w)
	switch {
	case n >= 6 && strings.HasSuffix(w, "ly") && !strings.HasSuffix(w, "elly") && !strings.HasSuffix(w, "rly"),
		n >= 6 && strings.HasSuffix(w, "ing"),
		n >= 6 && strings.HasSuffix(w, "ed"):
		return false
	}
	if i := strings.IndexByte(w, '-'); i > 0 && notGivenNames[w[:i]] {
		return false // "Forty-four", "Mm-hm", not "Shintomi-san"
	}
	for i, r := range w {
		if i > 0 && unicode.IsUpper(r) && !(strings.HasPrefix(w, "Mc") && i == 2 || strings.HasPrefix(w, "Mac") && i == 3 || strings.HasPrefix(w, "De") && i == 2 || strings.HasPrefix(w, "La") && i == 2 || strings.HasPrefix(w, "Le") && i == 2 || strings.HasPrefix(w, "O’") || strings.HasPrefix(w, "O'")) {
			return false
		}
	}
	return true
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

// backchannelRE matches what an official says only to show they are
// listening, or to greet, while a reporter asks: "Yeah.", "Mm-hmm.",
// "Okay. Excellent.", "Yes. Good to see you." Calls ("Go ahead.", "Sir.")
// and thanks are not among them: they may give the floor to someone else.
var backchannelRE = regexp.MustCompile(`(?i)^(?:(?:yeah|yes|yep|yup|mm-hmm|mm-hm|mhm|uh-huh|okay|ok|right|sure|excellent|great|got it|i see|understood|hi|hello|hey|all right|of course|absolutely|correct|that's right|that’s right|(?:it's |it’s )?(?:nice|good|great) to see you(?: too| again)?|i hear you|i can hear you)[.,!]?\s*)+$`)

// backchannel reports whether a turn only shows the official is listening
// ("Yeah. Yeah.", "Mm-hmm.").
func backchannel(t Turn) bool {
	return t.Role != retrieval.RoleReporter && wordCount(t.Paragraphs) <= 8 && backchannelRE.MatchString(strings.Join(t.Paragraphs, " "))
}

// greetWords are the greetings both an acknowledgment (ackRE) and a
// greeting before the first question (greetingRE) may be.
const greetWords = `good (?:morning|afternoon|evening)|afternoon|morning|hello|hi|hey`

// ackRE matches a reporter's turn that asks nothing: an acknowledgment
// ("Okay.", "Got it.", "Mm-hmm."), a greeting ("Good afternoon.") or
// laughter. Thanks are not among them: they close the reporter's turn, and
// what the official says next ("Thanks, everybody.", "Go ahead.") is seldom
// more of the answer.
var ackRE = regexp.MustCompile(`(?i)^(?:(?:okay|ok|right|sure|got it|yeah|yes|yep|mm-hmm|mm-hm|mhm|uh-huh|correct|exactly|understood|i understand|i see|i know|all right|alright|great|fair enough|of course|that's right|that’s right|that's correct|that’s correct|` + greetWords + `|\((?:laughter|laughs)\.?\))(?:,\s*[A-Z][\w.’'-]*)?[.!]?\s*)+$`)

// maxAckWords is the most words an acknowledgment may have.
const maxAckWords = 4

// unheardRE matches a reporter's turn the transcriber could not make out:
// "(Inaudible.)", "(Crosstalk.)", "(Inaudible.) (Laughs.)".
var unheardRE = regexp.MustCompile(`(?i)^(?:\((?:inaudible|crosstalk|off-mic|off mic|off-mike|off mike|laughter|laughs)[^)]{0,20}\)[.]?\s*)+$`)

// maxButInWords is the most words of a reporter's cut-off interjection
// that asks nothing yet: "But —", "Karine —", "And then —".
const maxButInWords = 3

// butsIn reports whether a reporter's turn is only a cut-off interjection
// ("But —"): the official goes on with the same answer ("— and we do that
// on a daily basis", "Let me finish my answer.").
func butsIn(t Turn) bool {
	return interrupted(t) && wordCount(t.Paragraphs) <= maxButInWords
}

// maxCutInWords is the most words an official may have said when a
// reporter cuts in, for what follows to go on with the same answer: "I'm
// really glad you asked that question." — "(Inaudible.) (Laughs.)" — "No,
// I mean, I really am. One in five members of the U.S. military are women."
const maxCutInWords = 12

// cutInOn reports whether an official's turn was cut into before it said
// much, or mid-sentence ("We're certainly —"), neither giving the floor nor
// asking: an unheard interjection there is not a new question, and the
// answer that follows answers the one before (wh-press-briefings 2023-07-17,
// 2023-03-29).
func cutInOn(t Turn) bool {
	if interrupted(t) {
		return true
	}
	return wordCount(t.Paragraphs) <= maxCutInWords && !endsWithQuestionTo(t) && !isCallTurn(t.Paragraphs)
}

// pausesAnswer reports whether turn i, a reporter's, only acknowledges
// (see ackRE) between two turns of the same official, the second going on
// with the answer the first began: "Just let me get through this." —
// "Okay." — "And then altitude is different."
func pausesAnswer(turns []Turn, i int) bool {
	if i == 0 || i+1 >= len(turns) {
		return false
	}
	before, t, after := turns[i-1], turns[i], turns[i+1]
	if before.Role != retrieval.RoleOfficial || after.Role != retrieval.RoleOfficial || before.Speaker != after.Speaker || before.Label != after.Label {
		return false
	}
	if wordCount(t.Paragraphs) > maxAckWords {
		return false
	}
	text := strings.Join(t.Paragraphs, " ")
	// An acknowledgment, an unheard cut-in on an answer barely begun, or
	// a cut-off "But —": none asks anything.
	interjects := ackRE.MatchString(text) || unheardRE.MatchString(text) && cutInOn(before) || butsIn(t)
	if strings.Contains(text, "?") || !interjects {
		return false
	}
	// What follows goes on with the answer, not closes it ("Thank you,
	// everyone.", "My pleasure."), only listens ("Mm-hmm.") or gives the
	// floor ("Okay. Last question.").
	return !(wordCount(after.Paragraphs) <= 12 && (isCallTurn(after.Paragraphs) || backchannel(after) || officialClosingRE.MatchString(after.Paragraphs[0])))
}

// greetingRE matches a sentence of a reporter's that only greets,
// acknowledges or is a transcriber's note: "Good afternoon.", "Hi,
// everyone.", "Happy Friday.", "Yes.", "(Inaudible.)", "On time."
var greetingRE = regexp.MustCompile(`(?i)^(?:(?:` + greetWords + `|evening|welcome(?: back)?|congratulations|(?:it's |it’s )?(?:good|nice|great) to see you(?: too| again)?|happy (?:monday|tuesday|wednesday|thursday|friday|new year|holidays|birthday|belated)|on time|okay|ok|yes|yeah|sure|\((?:inaudible|laughter|laughs|crosstalk)\.?\))(?:,\s*(?:everyone|everybody|all|sir|ma'am|ma’am|[A-Z][\w.’'-]*))?[.!]?\s*)+$`)

// greetsOnly reports whether turn i, a reporter's, and any reporter's
// turns straight after it only greet, thank, acknowledge or are a
// transcriber's note (see greetingRE, closingRE), each in at most
// maxAckWords words with no "?", before an official's turn that names no
// one in its first words (a "Hi, Trevor." or "Thanks, Ben." there names
// an asker, and attribution treats the turn as a question). Whether the
// floor was given is the caller's to check: thanks from a reporter just
// called open their question.
func greetsOnly(turns []Turn, i int) bool {
	for ; i < len(turns) && turns[i].Role == retrieval.RoleReporter; i++ {
		if !greets(turns[i]) {
			return false
		}
	}
	if i == len(turns) || turns[i].Role != retrieval.RoleOfficial {
		return false
	}
	p := turns[i].Paragraphs[0]
	return salutation(p) == "" && vocative(p) == ""
}

// greets reports whether a reporter's turn only greets or thanks (see
// greetsOnly).
func greets(t Turn) bool {
	if wordCount(t.Paragraphs) > maxAckWords {
		return false
	}
	text := strings.Join(t.Paragraphs, " ")
	if strings.Contains(text, "?") {
		return false
	}
	s := splitSentences(text)
	for _, x := range s {
		if !greetingRE.MatchString(x) && !closingRE.MatchString(x) {
			return false
		}
	}
	return len(s) > 0
}

// officialClosingRE matches how an official's turn opens that closes an
// exchange or the event rather than answers: thanks or a farewell.
var officialClosingRE = regexp.MustCompile(`(?i)^(?:(?:okay|ok|all right|great|yeah|yes|oh)[,.?!]?\s+)*(?:thank you|thanks|my pleasure|you bet|bye|see you|have a good)`)

// closingRE matches a reporter's turn that only thanks ("Thank you,
// Ned."): the end of their turn, or the start of someone else's.
var closingRE = regexp.MustCompile(`(?i)^(?:(?:okay|ok|all right|great),?\s+)?(?:thank you|thanks)(?:\s+(?:very much|so much|a lot))?(?:,\s*[^.!?]{1,30})?[.!]?$`)

// closing reports whether a question turn only thanks.
func closing(t Turn) bool {
	return closingRE.MatchString(strings.Join(t.Paragraphs, " "))
}

// followUpRE matches the opening of a question that goes on from the same
// reporter's last one: "A quick follow, if I may.", "Final follow, sir.",
// "And then, second, …", "And one more question."
var followUpRE = regexp.MustCompile(`(?i)^` + leadIn + `(?:(?:a|one|my|the|and a)\s+)?(?:(?:quick|quickly|final|last|brief|small|very quick|very brief|little)\s+)?(?:follow(?:-?up)?\b|followup\b|(?:last|final) question\b|one more\b)`)

// leadIn is the words a question may open with before saying what it is.
const leadIn = `(?:(?:and|so|okay|ok|yeah|but|just|sir|ma'am|ma’am|mr\. president|madam secretary|then),?\s+)*`

// nextQuestionRE matches the opening of a reporter's second or later
// question: "And then, second, …", "My other question is …", "And then
// lastly, …".
var nextQuestionRE = regexp.MustCompile(`(?i)^` + leadIn + `(?:(?:second|secondly|third|thirdly|lastly|finally)\b|(?:my|the|and my)\s+(?:second|third|other|next)\s+(?:question|one|thing)\b|on (?:my|the) (?:second|other) (?:question|one)\b|(?:the )?last one\b|one last\b)`)

// severalRE matches a reporter saying they have several questions: "a
// couple things", "two questions".
var severalRE = regexp.MustCompile(`\b(?:[Tt]wo|[Tt]hree|[Aa] couple(?: of)?|[Cc]ouple of|[Aa] few|[Ss]everal)\s+(?:quick\s+|more\s+|different\s+|separate\s+|brief\s+|short\s+)?(?:questions|things|topics|issues|subjects)\b`)

// newReporterRE matches how a reporter given the floor opens: thanks or
// a greeting ("Thank you, Karine.", "Hi, Jen.").
var newReporterRE = regexp.MustCompile(`(?i)^(?:(?:yeah|yes|okay|ok|so|and|sure|great),?\s+)*(?:thank you|thanks|hi|hello|hey|good (?:morning|afternoon|evening))\b`)

// opensAsNew reports whether a question turn opens as a reporter just
// given the floor does.
func opensAsNew(t Turn) bool {
	return newReporterRE.MatchString(t.Paragraphs[0])
}

// announcesSeveral reports whether a question turn says, in its first
// words, that the reporter has several questions.
func announcesSeveral(t Turn) bool {
	first := t.Paragraphs[0]
	if len(first) > 200 {
		first = first[:200]
	}
	if !strings.Contains(first, "questions") && !strings.Contains(first, "things") && !strings.Contains(first, "topics") && !strings.Contains(first, "issues") && !strings.Contains(first, "subjects") {
		return false // spare the expression most turns
	}
	return severalRE.MatchString(first)
}

// asksNext reports whether a question turn opens as a reporter's second
// or later question.
func asksNext(t Turn) bool {
	return nextQuestionRE.MatchString(t.Paragraphs[0])
}

// followsUp reports whether a question turn opens as the same reporter's
// next question, not as someone following up on a colleague's ("Following
// up on Kristen's question").
func followsUp(t Turn) bool {
	first := t.Paragraphs[0]
	if s := splitSentences(first); len(s) > 0 {
		first = s[0]
	}
	if !followUpRE.MatchString(first) {
		return false
	}
	l := strings.ToLower(first)
	for _, other := range []string{"’s", "'s", " his ", " her ", " their ", "colleague", " on that", " on this"} {
		if strings.Contains(l, other) {
			return false
		}
	}
	return true
}

// saidBack reports whether the name a turn ends with, right after a
// reporter's question q asked by asker, is said back to the reporter, not a
// call: asked about ("the letter from McCarthy?"), asked alone or after
// another question ("North Korea?", "Which one? North Carolina?"), or
// echoed from the question in a short turn that says nothing of a call
// ("Oh, London."). A reporter's own name is a greeting ("Hi, Rachel."), and
// after mere thanks a name is a call.
func saidBack(t, q Turn, name, asker string) bool {
	if closing(q) || asker != "" && samePerson(asker, name) {
		return false
	}
	last := t.Paragraphs[len(t.Paragraphs)-1]
	s := splitSentences(lastBytes(last, 160))
	if len(s) == 0 {
		return false
	}
	ls := s[len(s)-1]
	l := strings.ToLower(ls)
	if strings.HasSuffix(ls, "?") && !strings.Contains(l, "how about") && !strings.Contains(l, "what about") {
		for _, p := range []string{" from ", " about ", " to ", " of ", " on ", " in "} {
			if strings.Contains(ls, p+name) && !strings.Contains(ls, "go to "+name) && !strings.Contains(ls, "turn to "+name) {
				return true // not "I'm going to go to Phil?"
			}
		}
		if strings.TrimRight(ls, "?") == name && wordCount(t.Paragraphs) <= 20 {
			// Asked alone, or among other questions ("Which one?
			// North Carolina?"); after a statement ("I don't have any
			// comment on this. Anita?") it is a call.
			all := splitSentences(strings.Join(t.Paragraphs, " "))
			if len(all) == 1 || len(all) > 1 && strings.HasSuffix(all[len(all)-2], "?") {
				return true
			}
		}
	}
	if wordCount(t.Paragraphs) > 20 {
		return false
	}
	for _, c := range []string{"go ahead", "you", "question", "please", "next"} {
		if strings.Contains(l, c) {
			return false
		}
	}
	return containsWord(strings.Join(q.Paragraphs, " "), name)
}

// containsWord reports whether text holds w as a word of its own ("Chris"
// is not in "Christmas").
func containsWord(text, w string) bool {
	for at := 0; ; {
		i := strings.Index(text[at:], w)
		if i < 0 {
			return false
		}
		i += at
		end := i + len(w)
		if (i == 0 || !isWordByte(text[i-1])) && (end == len(text) || !isWordByte(text[end])) {
			return true
		}
		at = i + 1
	}
}

// endsWithBareCall reports whether a turn's last words give the floor to
// someone unnamed ("Yes.", "In the back.", "Go ahead.").
func endsWithBareCall(last string) bool {
	s := splitSentences(lastBytes(last, 80)) // a bare call is short
	return len(s) > 0 && bareCallRE.MatchString(s[len(s)-1])
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

// addressRE matches a name set off by a comma in a question: "Chris, you
// want to take — kick us off?", "Is that right, Peter?"
var addressRE = regexp.MustCompile(`(?:^|,\s+)` + namePat + `(?:,|\?$)`)

// asksAnother reports whether a turn's last sentence, a question, is put to
// someone named other than reporter ("April, why don't we do you as the
// last one?"): a call the call patterns do not know, not the official
// asking the reporter something back. A word first in the sentence is a
// name only if the transcript capitalises it mid-sentence too (midCaps):
// "Inflation, you said?" asks about a topic.
func asksAnother(t Turn, reporter string, midCaps map[string]bool) bool {
	s := splitSentences(lastBytes(t.Paragraphs[len(t.Paragraphs)-1], 160))
	if len(s) == 0 {
		return false
	}
	for _, m := range addressRE.FindAllStringSubmatch(s[len(s)-1], -1) {
		n := cleanName(m[1])
		if f := firstName(n); n != "" && mayBeGivenName(f) && (midCaps[f] || strings.Contains(n, " ")) && !samePerson(firstName(reporter), f) {
			return true
		}
	}
	return false
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
		if !strings.Contains(s[i], ",") && !strings.Contains(s[i], " from ") && !strings.Contains(s[i], " with ") && !strings.Contains(s[i], " of ") {
			continue
		}
		if !mayNameSomeone(s[i]) {
			continue
		}
		if m := selfIntroRE.FindStringSubmatch(s[i]); m != nil {
			// A name and an outlet alone ("Laurent Burkhalter, Swiss
			// Television RTS.") need the whole name; after "My name
			// is" one word is a name ("My name is Sugimoto of Sankei
			// Newspaper.").
			if m[1] == "" && strings.TrimSpace(m[3]) == "of" {
				continue // "Happy Fourth of July." names no one
			}
			if n := cleanName(m[2]); strings.Contains(n, " ") || n != "" && m[1] != "" && !strings.HasPrefix(m[1], "It") {
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

// answeredOnly reports whether turns[from:to], those between a question
// and the next, are all officials' (the answer) but for a reporter's
// acknowledgments in pauses, with no moderator's among them.
func answeredOnly(turns []Turn, from, to int, pauses map[int]bool) bool {
	if from >= to {
		return false
	}
	for i := from; i < to; i++ {
		if turns[i].Role != retrieval.RoleOfficial && !pauses[i] {
			return false
		}
	}
	return true
}

// goesOnOpeners are how a question opens that goes on from the answer to
// the one before: "And do you have a timeline?", "But is he going to
// watch?", "So there’s no official change?", "Just to follow up: …".
var goesOnOpeners = []string{"And", "But", "So", "Just to follow up", "To follow up", "Follow-up", "Follow up",
	"A follow-up", "A follow up", "On that", "Can I follow up", "Could I follow up"}

// goesOn reports whether a question turn opens as going on from the
// answer it follows.
func goesOn(t Turn) bool {
	p := t.Paragraphs[0]
	for _, o := range goesOnOpeners {
		if !strings.HasPrefix(p, o) {
			continue
		}
		if len(p) == len(o) {
			return true
		}
		if c := p[len(o)]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			// "And," or "So —", not "Andrea" or "Sonia"
			return true
		}
	}
	return false
}
