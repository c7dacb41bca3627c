package ingest

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/onrecord/onrecord/retrieval"
)

// honorifics are label words that are courtesy titles, left out of a
// display name that has the person's full name ("MS. PSAKI" → "Jen Psaki").
var honorifics = map[string]bool{"MR": true, "MS": true, "MRS": true, "MISS": true, "MX": true}

// titleWords are the capitalised words of offices, which precede a name in a
// transcript's header but are not part of it.
var titleWords = map[string]bool{
	"Secretary": true, "State": true, "Minister": true, "Foreign": true, "Prime": true,
	"President": true, "Vice": true, "Ambassador": true, "Press": true, "Deputy": true,
	"Under": true, "Assistant": true, "Special": true, "Envoy": true, "Spokesperson": true,
	"Department": true, "Director": true, "Administrator": true, "General": true,
	"Senator": true, "Representative": true, "Governor": true, "Chairman": true, "Chair": true,
	"Chairwoman": true, "Dr.": true, "Mr.": true, "Ms.": true, "Mrs.": true, "Ukrainian": true,
	"Russian": true, "American": true, "Adviser": true, "Advisor": true, "National": true,
	"Security": true, "Coordinator": true, "Counselor": true, "Senior": true, "Official": true,
	"By": true, "And": true, "With": true, "Remarks": true, "Briefing": true, "At": true, "The": true,
	"Of": true, "On": true, "Joint": true, "Availability": true, "Conference": true, "Statement": true,
	"Sec.": true, "Amb.": true, "Gen.": true, "Admiral": true, "Attorney": true, "Surgeon": true,
	"Acting": true, "First": true, "Lady": true, "Second": true, "Gentleman": true,
}

// roleWords end labels that name a role, not a person ("SENIOR
// ADMINISTRATION OFFICIAL", "WHITE HOUSE AIDE"): there is no surname to find
// in the header, where "by a Senior Administration Official" would make the
// role's own words a given name.
var roleWords = map[string]bool{
	"OFFICIAL": true, "OFFICIALS": true, "AIDE": true, "STAFF": true, "STAFFER": true,
	"MODERATOR": true, "OPERATOR": true, "PARTICIPANT": true, "SPEAKER": true,
	"SPOKESPERSON": true, "SPOKESMAN": true, "SPOKESWOMAN": true, "INTERPRETER": true,
	"TRANSLATOR": true, "ANNOUNCER": true, "NARRATOR": true, "HOST": true, "PANELIST": true,
	"REPORTER": true, "AUDIENCE": true, "MEMBER": true, "PHOTOJOURNALIST": true, "PHOTOGRAPHER": true, "ONE": true, "TWO": true, "THREE": true,
}

// headerWords are the capitalised words of a title that follow a name
// and are not part of it: "Remarks by President Biden In Briefing on…",
// "…President Biden After Operational Briefing…".
var headerWords = map[string]bool{
	"In": true, "After": true, "Before": true, "During": true, "To": true, "For": true,
	"From": true, "About": true, "Following": true, "Ahead": true, "Upon": true, "Into": true,
	"Over": true, "Regarding": true, "Previewing": true, "Announcing": true, "Honoring": true,
	"Celebrating": true, "Marking": true, "Delivering": true, "Signing": true, "Meeting": true,
}

var theOfficeRE = regexp.MustCompile(`^THE ((?:VICE )?PRESIDENT|FIRST LADY|SECOND GENTLEMAN|PRIME MINISTER|SECRETARY|CHANCELLOR|CHAIRMAN|CHAIR)$`)

// nameOfficials gives every labelled speaker who is not a reporter a display
// name: the label with the fullest form of the name that the transcript's
// own header gives ("SECRETARY BLINKEN" with "Antony J. Blinken, Secretary
// of State" → "Secretary Antony J. Blinken"), else the label in title case.
// Names are never taken from the body of the text, where others are named
// ("Hunter Biden" must never become the President's name).
func nameOfficials(doc *Document) {
	header := strings.Join(append([]string{doc.Title}, doc.header...), "\n")
	names := map[string]string{}
	offices := map[string]string{}
	var surnames []string
	for _, t := range doc.Turns {
		if f := strings.Fields(t.Label); len(f) > 1 && t.Role != retrieval.RoleReporter {
			surnames = append(surnames, strings.Trim(f[len(f)-1], "."))
		}
	}
	for i := range doc.Turns {
		t := &doc.Turns[i]
		if t.Role == retrieval.RoleReporter || t.Label == "" {
			continue
		}
		n, ok := names[t.Label]
		if !ok {
			n = displayName(t.Label, header)
			names[t.Label] = n
			offices[t.Label] = office(t.Label, doc.Title, surnames)
		}
		t.Speaker = n
		t.Office = offices[t.Label]
	}
}

// office finds the words the title puts before a speaker's name: in "Press
// Briefing by Press Secretary Jen Psaki and Secretary of Housing and Urban
// Development Marcia Fudge", FUDGE's office is "Secretary of Housing and
// Urban Development". It stops at "by", "with", a comma or another
// speaker's surname, and drops the given names.
func office(label, title string, surnames []string) string {
	f := strings.Fields(label)
	if len(f) < 2 || strings.ToUpper(label) != label {
		return ""
	}
	surname := strings.Trim(f[len(f)-1], ".")
	if roleWords[surname] {
		return ""
	}
	locs := findWord(title, surname)
	if len(locs) == 0 {
		return ""
	}
	loc := locs[0]
	words := strings.Fields(title[:loc[0]])
	others := map[string]bool{}
	for _, s := range surnames {
		if !strings.EqualFold(s, surname) {
			others[strings.ToLower(s)] = true
		}
	}
	start := len(words)
	for start > 0 {
		w := words[start-1]
		lw := strings.ToLower(strings.Trim(w, ",;:"))
		if lw == "by" || lw == "with" || lw == "from" || others[lw] || strings.HasSuffix(w, ",") || strings.HasSuffix(w, ":") {
			break
		}
		start--
	}
	words = words[start:]
	// Drop the given names (and initials) just before the surname.
	for len(words) > 0 && isInitial(words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	if n := len(words); n > 0 && isNameWord(words[n-1]) && !titleWords[words[n-1]] {
		words = words[:n-1]
	}
	if len(words) > 0 && strings.EqualFold(words[0], "and") {
		words = words[1:]
	}
	// "Coordinator Dr. Ashish Jha": the courtesy title is not the office.
	for len(words) > 0 && honorifics[strings.ToUpper(strings.Trim(words[len(words)-1], "."))] || len(words) > 0 && strings.EqualFold(words[len(words)-1], "Dr.") {
		words = words[:len(words)-1]
	}
	if len(words) > 12 {
		return ""
	}
	return strings.Join(words, " ")
}

// displayName returns the display name for one label.
func displayName(label, header string) string {
	if strings.ToUpper(label) != label {
		return label // a name as people write it ("Jane Doe", "Mr. Shays")
	}
	if m := theOfficeRE.FindStringSubmatch(label); m != nil {
		office := titleCase(m[1])
		re := regexp.MustCompile(regexp.QuoteMeta(office) + `\s+((?:` + nameWord + `\s+){0,2}` + nameWord + `)`)
		for _, mm := range re.FindAllStringSubmatchIndex(header, -1) {
			// "President" inside "Vice President" is someone else.
			if office == "President" && mm[0] >= 5 && strings.HasSuffix(header[:mm[0]], "Vice ") {
				continue
			}
			name := trimTitles(header[mm[2]:mm[3]])
			if name != "" {
				return office + " " + name
			}
		}
		return "The " + office
	}
	words := strings.Fields(label)
	surname := strings.Trim(words[len(words)-1], ".")
	if len(words) == 1 || !hasLetters(surname, 2) || roleWords[strings.ToUpper(surname)] {
		return titleCase(label)
	}
	office := words[:len(words)-1]
	prefix := titleCase(strings.Join(office, " "))
	if len(office) == 1 && honorifics[strings.Trim(office[0], ".")] {
		prefix = ""
	}
	if full := findFullName(surname, header); full != "" {
		if prefix == "" {
			return full
		}
		return prefix + " " + full
	}
	return titleCase(label)
}

// findFullName finds "Antony J. Blinken" for surname "BLINKEN" in the header:
// the capitalised words just before the surname that are not office titles.
func findFullName(surname, header string) string {
	for _, loc := range findWord(header, surname) {
		before := strings.Fields(header[:loc[0]])
		var given []string
		// The given name just before the surname, with the given name
		// before a middle initial ("Antony J."); further back lie office
		// words no list can hold ("Strategic Communications").
		for j := len(before) - 1; j >= 0 && len(given) < 2; j-- {
			w := before[j]
			if titleWords[w] || !isNameWord(w) {
				break
			}
			given = append([]string{w}, given...)
			if !isInitial(w) {
				break
			}
		}
		if len(given) > 0 && isInitial(given[0]) {
			given = nil
		}
		if len(given) > 0 {
			// The header's own spelling of the surname ("McCarthy"),
			// unless it shouts it.
			sur := header[loc[0]:loc[1]]
			if strings.ToUpper(sur) == sur {
				sur = titleCase(sur)
			}
			return strings.Join(given, " ") + " " + sur
		}
	}
	return ""
}

// findWord returns where word stands in text as a whole word, ignoring
// ASCII case, as [start, end) pairs.
func findWord(text, word string) [][2]int {
	var out [][2]int
	if word == "" {
		return nil
	}
	isWordByte := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
	}
	for i := 0; i+len(word) <= len(text); i++ {
		if !strings.EqualFold(text[i:i+len(word)], word) {
			continue
		}
		if (i > 0 && isWordByte(text[i-1])) || (i+len(word) < len(text) && isWordByte(text[i+len(word)])) {
			continue
		}
		out = append(out, [2]int{i, i + len(word)})
	}
	return out
}

func isInitial(w string) bool {
	r := []rune(w)
	return len(r) == 2 && r[1] == '.' && unicode.IsUpper(r[0])
}

func isNameWord(w string) bool {
	r := []rune(w)
	if len(r) == 0 || !unicode.IsUpper(r[0]) {
		return false
	}
	if len(r) == 2 && r[1] == '.' {
		return true // an initial
	}
	for _, c := range r[1:] {
		if !unicode.IsLetter(c) && c != '-' && c != '\'' && c != '’' {
			return false
		}
	}
	return strings.ToUpper(w) != w
}

func trimTitles(name string) string {
	var out []string
	for _, w := range strings.Fields(name) {
		if titleWords[w] || headerWords[w] {
			break
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// titleCase turns "FOREIGN MINISTER KULEBA" into "Foreign Minister Kuleba",
// keeping "MCCARTHY" readable as "Mccarthy" rather than guessing.
func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		parts := strings.Split(w, "-")
		for j, p := range parts {
			r := []rune(p)
			if len(r) > 0 {
				r[0] = unicode.ToUpper(r[0])
			}
			parts[j] = string(r)
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}
