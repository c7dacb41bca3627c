package ingest

import (
	"regexp"
	"strings"
	"unicode"
)

// A reporter is named only where the transcript names them: in the call
// that gives them the floor ("MR PRICE:  Andrea Mitchell.", "Go ahead,
// Zeke.", "Zeke, the Associated Press.", "OPERATOR:  Matt Lee, your line is
// open.", "We'll take a final question from Laurent Burkhalter.") or in the
// answer's first words ("Thanks, Ben."). Anything less certain leaves the
// reporter unnamed: a wrong name is worse than none.

// nameWord is one word of a person's name: capitalised, or an initial.
const nameWord = `(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?|[A-Z]\.[A-Z]\.|[A-Z]\.|Mc[A-Z][a-z]+|O’[A-Z][a-z]+|O'[A-Z][a-z]+|De[A-Z][a-z]+|[A-Z][a-z]*[A-Z][a-z]+)`
const namePat = `(` + nameWord + `(?:\s+` + nameWord + `){0,2})`

// honorPat is a name with perhaps a title before it, as a moderator calls a
// reporter whose given name they do not use ("Mr. Sugimoto, with Sankei
// Newspaper.").
const honorPat = `((?:(?:Mr|Ms|Mrs|Dr)\.\s+)?` + nameWord + `(?:\s+` + nameWord + `){0,2})`

// questionWord is how a call may name the question it gives ("Aamer, you
// have the first question.", "Michel, final question in the back.").
const questionWord = `(?:the\s+)?(?:first|next|last|final|one more)\s+question`

// outletPat is a news outlet's name: capitalised words, "of" and "the"
// aside ("Sankei Newspaper", "Voice of America", "USA Today").
const outletPat = `[A-Z][\w.&'’-]*(?:\s+(?:of\s+|the\s+)?[A-Z0-9][\w.&'’-]*){0,5}`

// invitation is how a moderator asks a reporter named just before for the
// first question, at the end of an opening statement ("Seung Min, you want
// to kick us off?", "Aamer, what’s your question — your first question?",
// "Zeke, what you got?").
const invitation = `(?:(?:(?:why don't you|why don’t you|do you want to|would you like to|you want to|you just want to|want to|can you|please|let's|let’s)\s+)?(?:kick|start) (?:us|it|things) off(?:,?\s+(?:please|though))?` +
	`|(?:why don't you|why don’t you|do you want to|you want to) get us started` +
	`|(?:why don't we|why don’t we|let's|let’s) (?:do|go to|take) you(?:\s+(?:as|for) the (?:last|final|next) (?:one|question))?` +
	`|what you got|what have you got|what’ve you got|what've you got|what do you have(?: for (?:me|us))?` +
	`|(?:what's|what’s|what is) your (?:first )?question(?:\s*[—–-]+\s*your (?:first )?question)?)`

// forQuestion is what an official thanks a reporter for: " so much for
// that question", " for your questions".
const forQuestion = `(?:\s+(?:very much|so much|a lot))?\s+for\s+(?:the|that|your|this|those|these)\s+(?:(?:very\s+)?(?:good|great|important|excellent)\s+)?questions?`

// placeWord is where in the room a call points ("in the back").
const placeWord = `(?:in the (?:back|front|middle|aisle|corner)|right here|over here|over there)`

var (
	callPatterns = []*regexp.Regexp{
		regexp.MustCompile(`^(?:(?:Oh|Yes|Yeah|Okay|OK|Sure|All right|Alright|Please|And|Then|Now|So|With that|And with that),?\s+)?` + honorPat + `(?:,?\s+(?:go ahead|please|you're up|you’re up|your line is open|over to you|` + questionWord + `(?:\s+` + placeWord + `)?|` + placeWord + `))?[.!?]*$`),
		regexp.MustCompile(`^(?:(?:Yes|Yeah|Okay|OK|Sure|All right|Alright|And),?\s+)?(?:[Gg]o ahead|[Pp]lease go ahead|[Yy]es),?\s+` + honorPat + `[.!?]*$`),
		regexp.MustCompile(`^` + honorPat + `(?:,\s+(?:the\s+|with\s+|from\s+|of\s+)?[A-Z][\w.&'’ -]{1,50}|\s+(?:with|from|of)\s+(?:the\s+)?` + outletPat + `)(?:,\s+(?:please\s+)?go ahead)?[.!?]*$`),
		regexp.MustCompile(`(?:[Hh]ow about|[Ww]hat about|[Ll]et's go to|[Ll]et’s go to|[Ww]e'll go to|[Ww]e’ll go to|[Ww]e will go to|[Gg]oing to go to|[Nn]ext,?(?: we'll go to| we’ll go to| is| up is)?|[Qq]uestion from|[Qq]uestions? (?:is |will be )?from|[Tt]urn to|[Cc]all on|[Gg]o to|[Gg]oes to|[Oo]ver to|[Ii]nvite|[Bb]egin with|[Ss]tart with)\s+` + honorPat + `(?:\s+(?:with|from|of|at)\s+[A-Z][\w.&'’ -]{1,50})?(?:,\s*[^.?!]{0,60})?[.!?]*$`),
		regexp.MustCompile(`^(?:(?:Once again|Again|And|But|Okay|OK|okay|All right|Alright|Next|So|And so|Now|With that|with that|And with that),?\s+){0,3}` + honorPat + `,?\s+(?:your line is open|your line is unmuted|you're next|you’re next|you have the floor|you're up|you’re up|you have ` + questionWord + `|` + invitation + `|why don't you go ahead|why don’t you go ahead)[.!?]*$`),
		regexp.MustCompile(`(?:[Ll]ine of|[Gg]o to|[Tt]urn to|[Hh]ear from|[Ff]rom)\s+` + honorPat + `(?:\s+(?:with|from|of|at)\s+[A-Z][\w.&'’ -]{1,50})?,?(?:\s+please)?[.!?]*$`),
		// "First, we're going to Kaitlan Collins at CNN.": going to a
		// place reads the same, so only with the reporter's outlet.
		regexp.MustCompile(`[Gg]oing to\s+` + honorPat + `\s+(?:with|from|of|at)\s+(?:the\s+)?[A-Z][\w.&'’ -]{1,50}[.!?]*$`),
		// "Hi, Joey.": the reporter about to ask, greeted.
		regexp.MustCompile(`^(?:(?:Sure|Okay|OK|Yes|Yeah|Oh),?\s+)?(?:Hi|Hey|Hello)(?: there)?,?\s+` + honorPat + `[.!]*$`),
		// "Kick us off, Peter.", "With that, you want to kick us off,
		// Zeke?": the invitation first, the name last.
		regexp.MustCompile(`^(?:(?:And|So|With that|And with that),?\s+)?(?:(?:[Yy]ou want to|[Dd]o you want to|[Ww]hy don't you|[Ww]hy don’t you)\s+)?(?:[Kk]ick|[Ss]tart) (?:us|it|things) off,\s+` + honorPat + `[.!?]*$`),
	}
	// "Oh, Seung Min — Ms. Kim.": a first name corrected to a surname.
	nameThenSurnameRE = regexp.MustCompile(`^(?:(?:Oh|Okay|OK|And|So|Yes|Yeah|Sorry),?\s+)?` + namePat + `\s*[—–-]+\s*(?:Mr|Ms|Mrs|Miss|Dr)\.?\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)[.!?]*$`)
	salutationRE      = regexp.MustCompile(`^(?:(?:Well|Oh|Yeah|Yes|And),?\s+)?(?:[Tt]hanks|[Tt]hank you)(?:\s+(?:very much|so much|a lot))?,\s+` + namePat + `[.!,]`)
	bareCallRE        = regexp.MustCompile(`(?i)^(?:(?:yes|yeah|okay|ok|sure|and|please|all right),?\s+)*(?:go ahead|yes|yeah|sure|please|next question|in the back|in the front|right here|over here|in the middle|sir|ma'am|ma’am|there you are|there you go|you may go ahead|you can go ahead|please go ahead|you should be able to unmute(?: yourself)?(?: now)?|you can unmute(?: yourself)?(?: now)?)(?:,?\s+(?:please|sir|ma'am|ma’am|go ahead|in the back|in the middle|right here))*[.!]?$`)
	// "Anita, thank you so much for that question.", "Yeah, thank you
	// for that question, Tamara.": the asker thanked for the question.
	thanksForQuestionRE = regexp.MustCompile(`^(?:(?:Well|Oh|Yeah|Yes|No|So|Sure|Okay|OK|And|Hi|Hey|Hello),?\s+)*(?:` + namePat + `,\s+[Tt]hank(?:s| you)` + forQuestion + `\b|[Tt]hank(?:s| you)` + forQuestion + `,\s+` + namePat + `[.!,])`)
	apologyRE           = regexp.MustCompile(`^(?:I’m sorry|I'm sorry|Sorry|Hold on|Just a second|One second),\s+` + namePat + `[.!,]`)
)

// notNames are capitalised words that start calls and greetings but are
// not names, and outlets (the outlet is not the reporter).
var notNames = map[string]bool{
	"Thank": true, "Thanks": true, "Yes": true, "Yeah": true, "Okay": true, "Ok": true, "OK": true,
	"Sure": true, "Go": true, "Next": true, "Please": true, "Sorry": true, "Hi": true, "Hello": true,
	"All": true, "Right": true, "Great": true, "Well": true, "So": true, "And": true, "But": true,
	"Let": true, "We": true, "I": true, "You": true, "The": true, "Mr": true, "Mr.": true, "Ms": true,
	"Ms.": true, "Mrs.": true, "Dr.": true, "Secretary": true, "President": true, "Minister": true,
	"Ambassador": true, "Sir": true, "Ma'am": true, "Ma’am": true, "Everyone": true, "Everybody": true,
	"Folks": true, "Guys": true, "Again": true, "Last": true, "Final": true, "Question": true,
	"Questions": true, "One": true, "Two": true, "Back": true, "Here": true, "There": true,
	"Good": true, "Morning": true, "Afternoon": true, "Evening": true, "Yep": true, "No": true,
	"Nope": true, "Now": true, "Then": true, "Oh": true, "Hey": true, "Absolutely": true,
	"Exactly": true, "Correct": true, "True": true, "Fine": true, "Certainly": true, "Indeed": true,
	"Look": true, "Listen": true, "Wait": true, "Hold": true, "Anyone": true, "Somebody": true,
	"Someone": true, "Who": true, "What": true, "Why": true, "How": true, "When": true, "Where": true,
	"It": true, "That": true, "This": true, "They": true, "He": true, "She": true, "Of": true,
	"Reuters": true, "Bloomberg": true, "Politico": true, "Axios": true, "Newsmax": true,
	"Fox": true, "Punchbowl": true, "Semafor": true, "Yahoo": true, "Univision": true,
	"Telemundo": true, "Voice": true, "Court": true, "Congress": true, "Chairman": true,
	"Senator": true, "Governor": true, "General": true, "Admiral": true, "Mister": true,
	"Ukraine": true, "Russia": true, "China": true, "America": true, "Iran": true, "Israel": true,
	"Afghanistan": true, "Europe": true, "Washington": true, "Monday": true, "Tuesday": true,
	"Wednesday": true, "Thursday": true, "Friday": true, "Saturday": true, "Sunday": true,
	"Excellent": true, "Perfect": true, "Wonderful": true, "Mm-hmm": true, "Uh-huh": true, "Hmm": true,
	"Cool": true, "Awesome": true, "Terrific": true, "Thankyou": true, "Understood": true, "Gotcha": true,
	"Today": true, "Tomorrow": true, "Yesterday": true, "Absent": true, "Very": true, "Much": true,
	"Moderator": true, "Operator": true, "Jazeera": true, "News": true, "Times": true, "Post": true,
	"Journal": true, "Network": true, "Radio": true, "Television": true, "Daily": true,
	"Newspaper": true, "Broadcasting": true, "Press": true, "Agency": true, "Herald": true,
	"Tribune": true, "Guardian": true, "Telegraph": true, "Nikkei": true, "Kyodo": true,
	"Asahi": true, "Yomiuri": true, "Sankei": true, "Xinhua": true, "Tass": true, "Sputnik": true,
	"Globo": true, "Welle": true, "Agence": true, "Newsweek": true, "Mediaite": true,
	"BuzzFeed": true, "HuffPost": true, "Breitbart": true, "Examiner": true, "TheGrio": true,
	"Yonhap": true, "Anadolu": true, "Interfax": true, "Ukrinform": true, "Euronews": true,
	"Sky": true, "Gazette": true, "Wire": true, "Insider": true, "Beast": true, "U.S.": true,
	"U.K.": true, "U.N.": true, "E.U.": true, "D.C.": true, "A.M.": true, "P.M.": true,
	"On": true, "In": true, "At": true, "For": true, "To": true, "As": true, "From": true,
	"With": true, "By": true, "About": true, "Regarding": true, "Just": true, "Also": true,
	"Happy": true, "Merry": true, "Dear": true, "University": true, "College": true,
	"School": true, "Institute": true, "Department": true, "Ministry": true, "Council": true,
	"Committee": true, "Commission": true, "Embassy": true, "Administration": true,
	"Government": true, "Office": true, "Bureau": true, "Center": true, "Foundation": true,
	"Association": true, "Union": true, "Party": true, "Republicans": true, "Democrats": true,
	"Presidents": true, "Americans": true, "Police": true, "Army": true, "Navy": true,
	"Senate": true, "Parliament": true, "States": true, "Envoy": true, "Special": true,
	"Way": true, "Middle": true, "Front": true, "Aisle": true, "Corner": true, "Chief": true,
	"Capitol": true,
}

// nameTitles are the titles a moderator may call a reporter by.
var nameTitles = map[string]bool{"Mr.": true, "Ms.": true, "Mrs.": true, "Dr.": true}

// cleanName checks a candidate name and returns it, or "" if any of its
// words is not a name's.
func cleanName(s string) string {
	s = strings.TrimSpace(strings.TrimRight(s, ",!? "))
	if i := strings.LastIndexByte(s, ' '); !initialsRE.MatchString(s[i+1:]) {
		s = strings.TrimSpace(strings.TrimRight(s, ".,!? ")) // "M.J." keeps its dot
	}
	words := strings.Fields(s)
	titled := len(words) > 1 && nameTitles[words[0]]
	if titled {
		// "Mr. Sugimoto": a title and the name it goes with.
		words = words[1:]
	}
	if len(words) == 0 || len(words) > 3 {
		return ""
	}
	for _, w := range words {
		if notNames[w] || notNames[strings.TrimSuffix(w, ".")] {
			return ""
		}
		if len(w) > 1 && strings.ToUpper(w) == w && !strings.HasSuffix(w, ".") {
			return "" // an acronym: an outlet (NBC, AP), not a person
		}
		if !unicode.IsUpper([]rune(w)[0]) || strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'s") {
			return "" // "It’s" is no one's name
		}
	}
	if strings.HasSuffix(words[len(words)-1], ".") && len(words[len(words)-1]) == 2 {
		return "" // ends in an initial: cut off
	}
	if titled && len(words) > 1 {
		// "Mr. James Rosen" is James Rosen: the title is kept only
		// where it is all there is besides the surname.
		return strings.Join(words, " ")
	}
	return s
}

// callee returns the reporter a turn gives the floor to, from its last
// sentence, or "".
func callee(text string) string {
	// Only the last sentences can hold the call: read the tail.
	if len(text) > 400 {
		cut := len(text) - 400
		for cut < len(text) && text[cut] != ' ' {
			cut++
		}
		text = text[cut:]
	}
	sentences := splitSentences(text)
	// The call is usually the last sentence ("Michael Crowley."), but an
	// operator may add "Please, go ahead." after it.
	for i := len(sentences) - 1; i >= 0 && i >= len(sentences)-3; i-- {
		s := sentences[i]
		// A call is short; an operator's may run longer ("Our next
		// question in queue will come from the line of Mr. James Rosen
		// of Sinclair Broadcast Group."), read only for its trigger.
		long := words(s) > 14
		if words(s) > 24 {
			return ""
		}
		if !mayNameSomeone(s) {
			if !bareCallRE.MatchString(s) {
				return ""
			}
			continue
		}
		if m := nameThenSurnameRE.FindStringSubmatch(s); m != nil && !long {
			first, surname := cleanName(m[1]), m[2]
			if first != "" && !notNames[surname] {
				if strings.HasSuffix(first, " "+surname) {
					return first
				}
				return first + " " + surname
			}
		}
		var l, tail string // lower case and the last words, for the unanchored patterns
		for k, re := range callPatterns {
			unanchored := k == 3 || k == 5 || k == 6
			if long && (!unanchored || !hasCallTrigger(strings.ToLower(s), longCallPhrases)) {
				continue // a long sentence calls only in so many words
			}
			in := s
			if unanchored {
				if l == "" {
					l, tail = strings.ToLower(s), lastBytes(s, 200)
				}
				if !hasCallTrigger(l, callTriggers[k]) {
					continue // unanchored: only worth running after its trigger
				}
				// The name ends the sentence: its last words hold
				// the trigger, the name and the outlet.
				in = tail
			}
			if m := re.FindStringSubmatch(in); m != nil {
				if n := cleanName(m[1]); n != "" {
					return n
				}
			}
		}
		if n := restartedCall(s); n != "" && !long {
			return n
		}
		if !bareCallRE.MatchString(s) {
			return ""
		}
	}
	return ""
}

// restartedCall returns the reporter called in a sentence broken off and
// begun again after a dash ("We'll do a final – Michel, final question in
// the back."): the words after the last dash, read as a call of their own
// with the anchored patterns.
func restartedCall(s string) string {
	at := max(strings.LastIndex(s, " – "), strings.LastIndex(s, " — "))
	if at < 0 {
		return ""
	}
	rest := strings.TrimSpace(s[at+len(" – "):])
	if !strings.Contains(rest, ",") || strings.HasSuffix(rest, "?") || !mayNameSomeone(rest) {
		// A name alone after a dash is the sentence's own ("And how
		// that will affect North — North Korea?"): a call says more.
		return ""
	}
	for _, k := range []int{0, 1, 4} {
		if m := callPatterns[k].FindStringSubmatch(rest); m != nil {
			return cleanName(m[1])
		}
	}
	return ""
}

// mayNameSomeone is a cheap test that spares most sentences the call
// patterns: a name is a capitalised word, first or later in the sentence,
// that is not a common word ("Thank you." names no one).
func mayNameSomeone(s string) bool {
	for i := 0; s != ""; i++ {
		var w string
		if j := strings.IndexByte(s, ' '); j >= 0 {
			w, s = s[:j], s[j+1:]
		} else {
			w, s = s, ""
		}
		w = strings.Trim(w, ".,!?;:—–-\"“”'’()")
		if w == "" || w[0] < 'A' || w[0] > 'Z' {
			continue
		}
		if i == 0 && notNames[w] {
			continue
		}
		if !notNames[w] {
			return true
		}
	}
	return false
}

// callTriggers are the words before a name in the unanchored call
// patterns ("How about Yamiche?", "the line of Christina Ruffini"), by the
// index of the pattern they precede.
var callTriggers = map[int][]string{
	3: {"about", "go to", "goes to", "going to", "invite", "begin with", "start with", "question", "turn to", "call on", "over to", "next"},
	5: {"line of", "go to", "turn to", "hear from", "from"},
	6: {"going to"},
}

// longCallPhrases are what a long sentence must say to be a call ("Our
// next question in queue will come from the line of …", "why don't I go to
// Eugene, and then I'll go to …"), not a place it ends on ("when we go to
// New Delhi").
var longCallPhrases = []string{"question", "line of", "caller", "i'll go to", "i’ll go to", "i will go to",
	"let me go to", "let's go to", "let’s go to", "don't i go to", "don’t i go to", "we'll go to",
	"we’ll go to", "going to go to", "turn it over to", "hand it over to", "start with", "begin with"}

// hasCallTrigger reports whether lower-case text holds one of triggers.
func hasCallTrigger(l string, triggers []string) bool {
	for _, t := range triggers {
		if strings.Contains(l, t) {
			return true
		}
	}
	return false
}

// lastBytes returns about the last n bytes of s, from a word's start.
func lastBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := len(s) - n
	for cut < len(s) && s[cut-1] != ' ' {
		cut++
	}
	return s[cut:]
}

// isCallTurn reports whether a short turn is only calling on a reporter,
// with perhaps an apology or a word about time.
func isCallTurn(paras []string) bool {
	text := strings.Join(paras, " ")
	if callee(text) != "" {
		return true
	}
	s := splitSentences(text)
	return len(s) > 0 && bareCallRE.MatchString(s[len(s)-1])
}

// salutation returns the name an answer opens by thanking ("Thanks, Ben."),
// or for their question ("Anita, thank you so much for that question.",
// "Thank you for the question, April.").
func salutation(answer string) string {
	if m := salutationRE.FindStringSubmatch(answer); m != nil {
		return cleanName(m[1])
	}
	if !strings.Contains(lastBytes(answer[:min(len(answer), 120)], 120), "question") {
		return "" // spare the expression most answers
	}
	if m := thanksForQuestionRE.FindStringSubmatch(answer); m != nil {
		return cleanName(m[1] + m[2])
	}
	return ""
}

// apologised returns the name a turn opens by apologising to ("I'm sorry,
// Andrea."): the reporter who just interjected.
func apologised(text string) string {
	if m := apologyRE.FindStringSubmatch(text); m != nil {
		return cleanName(m[1])
	}
	return ""
}

// initialsRE matches a word of initials ("M.J."), which does not end a
// sentence.
var initialsRE = regexp.MustCompile(`^(?:[A-Z]\.){2,3}$`)

// splitSentences splits text at sentence ends for the short turns names
// are read from.
func splitSentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if (c == '.' || c == '?' || c == '!') && i+2 < len(text) && (text[i+1] == ')' || text[i+1] == ']') && text[i+2] == ' ' {
			i++ // "(As interpreted.)" is a sentence of its own
		}
		if (c == '.' || c == '?' || c == '!') && (i+1 == len(text) || text[i+1] == ' ') {
			// "Mr." and initials do not end a sentence.
			w := strings.TrimSpace(text[start : i+1])
			lw := w[strings.LastIndexByte(w, ' ')+1:]
			if lw == "Mr." || lw == "Ms." || lw == "Mrs." || lw == "Dr." || (len(lw) == 2 && unicode.IsUpper(rune(lw[0]))) || initialsRE.MatchString(lw) {
				continue
			}
			if s := strings.TrimSpace(text[start : i+1]); s != "" {
				out = append(out, s)
			}
			start = i + 1
		}
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// fullName returns the fullest form of name said in the transcript so far:
// "Michael" after "Michael Crowley" was called is Michael Crowley. Only an
// unambiguous match counts.
func fullName(name string, known []string) string {
	if name == "" || strings.Contains(name, " ") {
		return name
	}
	match := ""
	for _, k := range known {
		if strings.HasPrefix(k, name+" ") {
			if match != "" && match != k {
				return name // two people share the first name
			}
			match = k
		}
	}
	if match != "" {
		return match
	}
	return name
}
