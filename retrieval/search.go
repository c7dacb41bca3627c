package retrieval

import (
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// MaxQuestionRunes bounds a question: longer ones are refused with a clear
// error rather than searched (a pasted article is not a question).
const MaxQuestionRunes = 1000

// Errors Ask returns for questions it will not search.
var (
	ErrEmptyQuestion   = errors.New("the question is empty")
	ErrQuestionTooLong = fmt.Errorf("the question is longer than %d characters", MaxQuestionRunes)
)

// defaultK is how many quotes an answer holds unless asked otherwise.
const defaultK = 3

// candidates is how deep each of the two rankings is read before fusion.
const candidates = 150

// Searcher answers questions from a Store: lexical and dense rankings fused,
// weighed with what the question says of speakers and dates, excerpted
// verbatim, or an abstention when nothing addresses the question.
type Searcher struct {
	store    *Store
	passages []Passage
	lex      *lexicon
	// speakerTerms maps a name word ("blinken", "mitchell") to the display
	// names that contain it, so a question naming a speaker can prefer them.
	speakerTerms map[string]bool
	// officialNames are the words of officials' names, given names too:
	// "Karine" names a speaker, not what a question is about.
	officialNames map[string]bool
	// personNames are the words of speakers' names, not their offices:
	// "kirby", "john", not "nsc".
	personNames map[string]bool
	years       []string // per passage: its transcript's year
	// profiles describe each speaker of each transcript by their name and
	// the office the transcript gives them, so "the Labor Secretary" finds
	// Secretary Walsh among a thousand briefings.
	profiles     []speakerProfile
	profileOf    []int            // per passage: its profile, -1 if none
	passagesOf   [][]int          // per profile: its passages
	profileIndex map[string][]int // term → profiles
	// transcriptRange is, per passage, the [first, end) passages of its
	// transcript.
	transcriptRange [][2]int
	// titleTerms are the index terms of each transcript's title, by its
	// first passage.
	titleTerms map[int]map[string]bool
	// termID numbers the lexicon's terms; sentTerms caches each passage's
	// sentences as term ids, filled as passages are reranked.
	termID    map[string]int32
	sentTerms []atomic.Pointer[[][]int32]
	// byMonth lists the passages of each month's transcripts ("2023-05").
	byMonth map[string][]int
}

// speakerProfile is how a question can point at one speaker of one
// transcript: by name ("Fudge", "Marcia Fudge"), or by office ("the HUD
// secretary", "the Energy Secretary"), acronyms of the office included.
type speakerProfile struct {
	surname string
	given   []string
	office  []string            // the office's distinctive words
	covers  map[string][]string // an acronym → the office words it stands for
	// press is a press secretary's office in full ("principal deputy press
	// secretary"), whose words are all generic.
	press string
}

// genericOffice are office words that say nothing about which office: "the
// Secretary" alone could be any of them.
var genericOffice = wordSet(`secretary director administrator coordinator advisor adviser senior deputy
	press chief assistant special national principal acting white house president the of and for to
	member members dr mr ms mrs office council`)

// NewSearcher indexes the store's passages for search. The store must not
// change while the Searcher is used; build a new one after ingesting.
func NewSearcher(s *Store) *Searcher {
	ps, lex := s.searchIndex()
	sr := &Searcher{store: s, passages: ps, lex: lex, speakerTerms: map[string]bool{},
		profileIndex: map[string][]int{}}
	sr.years = make([]string, len(ps))
	sr.profileOf = make([]int, len(ps))
	sr.transcriptRange = make([][2]int, len(ps))
	sr.titleTerms = map[int]map[string]bool{}
	sr.officialNames = map[string]bool{}
	sr.personNames = map[string]bool{}
	sr.byMonth = map[string][]int{}
	sr.sentTerms = make([]atomic.Pointer[[][]int32], len(ps))
	sr.termID = make(map[string]int32, len(sr.lex.postings))
	for t := range sr.lex.postings {
		sr.termID[t] = int32(len(sr.termID))
	}
	for lo := 0; lo < len(ps); {
		hi := lo + 1
		for hi < len(ps) && ps[hi].TranscriptID == ps[lo].TranscriptID {
			hi++
		}
		for i := lo; i < hi; i++ {
			sr.transcriptRange[i] = [2]int{lo, hi}
		}
		sr.titleTerms[lo] = wordSet(strings.Join(tokens(ps[lo].Title), " "))
		lo = hi
	}
	byKey := map[string]int{}
	for i := range ps {
		p := &ps[i]
		if len(p.Date) >= 4 {
			sr.years[i] = p.Date[:4]
		}
		if len(p.Date) >= 7 {
			sr.byMonth[p.Date[:7]] = append(sr.byMonth[p.Date[:7]], i)
		}
		sr.profileOf[i] = -1
		if p.Speaker == "" && p.SpeakerTitle == "" {
			continue
		}
		key := p.TranscriptID + "\x00" + p.Speaker
		id, ok := byKey[key]
		if !ok {
			id = len(sr.profiles)
			byKey[key] = id
			prof := newProfile(p)
			sr.profiles = append(sr.profiles, prof)
			for _, w := range strings.Fields(p.Speaker) {
				// An acronym in a name is an office ("NSC Coordinator
				// John Kirby"), and so is all of "Nsc Spokesperson".
				if w != strings.ToUpper(w) && !anonymousRE.MatchString(p.Speaker) {
					for _, t := range nameTokens(w) {
						sr.personNames[t] = true
					}
				}
			}
			if p.Role == RoleOfficial {
				for _, t := range nameTokens(p.Speaker) {
					sr.officialNames[t] = true
				}
			}
			sr.passagesOf = append(sr.passagesOf, nil)
			terms := map[string]bool{}
			// "Governor of Ohio" names an office, not a person called Ohio.
			if prof.surname != "" && !strings.Contains(p.Speaker, " of ") && !strings.Contains(p.Speaker, " from ") {
				terms[prof.surname] = true
				// A surname that is also a common word ("Price") stays a
				// word the question may be about.
				if len(sr.lex.postings[prof.surname])*100 < len(ps) || len(ps) < 2000 {
					sr.speakerTerms[prof.surname] = true
				}
			}
			for _, t := range prof.given {
				terms[t] = true
			}
			for _, t := range prof.office {
				terms[t] = true
			}
			for t := range prof.covers {
				terms[t] = true
			}
			for t := range terms {
				sr.profileIndex[t] = append(sr.profileIndex[t], id)
			}
		}
		sr.profileOf[i] = id
		sr.passagesOf[id] = append(sr.passagesOf[id], i)
	}
	return sr
}

// newProfile describes a passage's speaker.
func newProfile(p *Passage) speakerProfile {
	var prof speakerProfile
	names := nameTokens(p.Speaker)
	if len(names) == 0 {
		names = nameTokens(labelWords(p.SpeakerLabel))
	}
	if len(names) > 0 {
		prof.surname = names[len(names)-1]
		prof.given = names[:len(names)-1]
	}
	office := p.SpeakerTitle
	if len(names) == 0 && office == "" {
		// "Senior State Department Official" is known by what they are:
		// "per the senior official", "did officials estimate".
		office = p.Speaker
	}
	for _, t := range tokens(office) {
		if !genericOffice[t] {
			prof.office = append(prof.office, t)
		}
	}
	prof.covers = acronyms(office)
	prof.press = pressOfficeRE.FindString(strings.ToLower(p.SpeakerTitle))
	return prof
}

// pressOfficeRE finds a press secretary's office: "the press secretary",
// "the principal deputy press secretary".
var pressOfficeRE = regexp.MustCompile(`\b(?:(?:principal|senior|assistant) )?(?:deputy )?press secretary\b`)

// acronyms finds what an office may be called by its initials: "Secretary
// of Housing and Urban Development" gives "hud", "National Economic Council
// Director" gives "nec", each with the words it stands for.
func acronyms(office string) map[string][]string {
	out := map[string][]string{}
	var run []string
	flush := func() {
		// Offices' own generic words at the ends are not part of the
		// acronym ("Secretary of …", "… Director").
		for len(run) > 0 && genericOffice[strings.ToLower(run[0])] && strings.ToLower(run[0]) != "national" {
			run = run[1:]
		}
		for len(run) > 0 && genericOffice[strings.ToLower(run[len(run)-1])] {
			run = run[:len(run)-1]
		}
		if len(run) >= 2 {
			var b strings.Builder
			var words []string
			for _, w := range run {
				b.WriteByte(w[0] | 0x20)
				words = append(words, tokens(w)...)
			}
			out[b.String()] = words
		}
		run = nil
	}
	for _, w := range strings.Fields(office) {
		w = strings.Trim(w, ",.;:()")
		switch {
		case w == "":
		case w[0] >= 'A' && w[0] <= 'Z':
			run = append(run, w)
		case w == "of" || w == "and" || w == "for" || w == "the" || w == "on":
			// joins the words of one name
		default:
			flush()
		}
	}
	flush()
	return out
}

// profileScores rates the speaker profiles the question points at: 1 for a
// surname it names, ½ for a given name alone, and for an office the share
// (by rarity) of its distinctive words the question has, an acronym
// standing for its words.
func (s *Searcher) profileScores(qa *query) map[int]float64 {
	has := map[string]bool{}
	for _, t := range sourceTerms(qa.text, qa.terms) {
		has[t] = true
	}
	owners := ownersOnly(sourceText(qa.text))
	out := map[int]float64{}
	seen := map[int]bool{}
	for t := range has {
		for _, id := range s.profileIndex[t] {
			if seen[id] {
				continue
			}
			seen[id] = true
			if sc := s.profileScore(&s.profiles[id], has, owners); sc > 0 {
				out[id] = sc
			}
		}
	}
	return out
}

func (s *Searcher) profileScore(p *speakerProfile, has, owners map[string]bool) float64 {
	score := 0.0
	if p.surname != "" && has[p.surname] {
		score = 1
		if owners[p.surname] {
			score = 0.5 // "Biden's climate summit" is not Biden's words
		}
	} else {
		for _, g := range p.given {
			if has[g] {
				score = 0.5
			}
		}
	}
	if len(p.office) > 0 {
		covered := map[string]bool{}
		for a, words := range p.covers {
			if has[a] {
				for _, w := range words {
					covered[w] = true
				}
			}
		}
		var got, all float64
		for _, w := range p.office {
			idf := s.lex.idf(w)
			all += idf
			if has[w] || covered[w] {
				got += idf
			}
		}
		if all > 0 {
			score = math.Max(score, got/all)
		}
	}
	return score
}

// sourceRE finds where a question names its source: "according to the
// Energy Secretary", "per his senior adviser", "… in Kirby's defense".
var sourceRE = regexp.MustCompile(`(?i)\b(?:according to|per|as told by|in the words of)\s+((?:[^?.;]|` + honorificDot + `)+)`)

// speakerVerbRE finds the speaker a question asks about as the subject of
// a verb of saying: "did Ukraine's foreign minister say", "How did Dmytro
// Kuleba characterize", "did the press secretary say when asked if Biden…".
var speakerVerbRE = regexp.MustCompile(`(?i)\b(?:did|does|do|has|had|have|would|will)\s+(` + sourceWords + `)\s+(say|tell|describe|characteri[sz]e|call|answer|respond|reply|explain|claim|estimate|cite|announce|expect|predict|argue|insist|warn|promise|pledge|admit|acknowledge|suggest|recommend|mention|note|point out|compare|rank|defend|justify|credit|blame|reveal|confirm|deny|put|see|want|hope|think|believe|attribute|praise|criticize|criticise|thank|congratulate|urge|ask|offer|recall|remember)\b`)

// sourceTerms returns the terms that may name the speaker asked about: all
// of them, unless the question names its source ("according to …", "did
// the Energy Secretary say"), when only the source's; others named are
// what it is about ("What company was Biden visiting, according to the
// gaggle?").
func sourceTerms(question string, terms []string) []string {
	if src, ok := source(question); ok {
		return tokens(src)
	}
	return terms
}

// sourceText is the part of the question that names its source, or all of
// it.
func sourceText(question string) string {
	if src, ok := source(question); ok {
		return src
	}
	return question
}

// source returns the words of the question that name whose words it asks
// for, if it names them: "according to …", "per …", or the subject of a
// verb of saying ("did the press secretary say").
func source(question string) (string, bool) {
	if m := sourceRE.FindStringSubmatch(question); m != nil {
		return m[1], true
	}
	if m := speakerVerbRE.FindStringSubmatch(question); m != nil {
		return m[1], true
	}
	return "", false
}

// titleTokens are words of labels that are offices, not names.
var titleTokens = wordSet(`secretary president vice minister foreign prime ambassador press deputy under
	assistant special envoy spokesperson department director administrator general senator representative
	governor chairman chair chairwoman mr ms mrs dr the acting senior administration official moderator
	operator national security adviser advisor coordinator counselor first lady surgeon attorney
	state defense treasury homeland energy labor commerce interior agriculture transportation education
	of and white house officials staff spokesman spokeswoman participant participants unidentified speaker
	speakers audience member members questioner aide`)

// nameTokens returns the words of a speaker's name that identify them.
func nameTokens(name string) []string {
	var out []string
	for _, t := range tokens(name) {
		if !titleTokens[t] && len(t) > 2 {
			out = append(out, t)
		}
	}
	return out
}

// genericTerms are words of questions about transcripts that say what kind
// of answer is wanted, not what it is about.
var genericTerms = wordSet(`reporter reporters ask asked question questions mention mentioned comment
	commented describe described according per respond responded answer answered official officials
	anyone someone somebody today briefing`)

// askedForRE finds questions about what a reporter asked ("What did the
// Swiss reporter ask…", "Who asked about…") rather than about what was
// answered "when asked about" something.
var askedForRE = regexp.MustCompile(`(?i)\b` + pressWords + `\b|\b(what|which|how|did|does|do)\b[^?]*\bask\b|\bwho (asked|raised|pressed)\b|\bwhat (question|questions)\b`)

// askedClauseRE finds the clause of a question that says what the answer
// it wants was asked: "What did Biden say when pressed on whether a
// filibuster should be broken with 60 votes or a simple majority?", "…when
// a BuzzFeed reporter suggested that reaching underserved communities
// first would slow the rollout?"
var askedClauseRE = regexp.MustCompile(`(?i)\b(?:when|after|as)\s+(?:(?:[\w.’'-]+\s+){0,4}?(?:asked|pressed|questioned|challenged)|(?:a|the)\s+(?:[\w.’'-]+\s+){0,3}?(?:reporter|journalist|correspondent)s?\s+(?:suggested|said|noted|argued|pointed out|raised|put it))\b([^?]*)`)

// reporterRE finds words for the press in a question's source.
var reporterRE = regexp.MustCompile(`(?i)\b` + pressWords + `\b`)

const pressWords = `(reporters?|journalists?|correspondents?|questioners?|press corps)`

// asksWhatWasAsked reports whether the question is about what a reporter
// asked or said: its source is a reporter ("How did a reporter describe…")
// or its verb is "ask"; "How did the coordinator respond when a BuzzFeed
// reporter suggested…" asks for the coordinator's answer.
func asksWhatWasAsked(question string) bool {
	if m := speakerVerbRE.FindStringSubmatch(question); m != nil && sourceRE.FindStringIndex(question) == nil {
		return strings.EqualFold(m[2], "ask") || reporterRE.MatchString(m[1])
	}
	return askedForRE.MatchString(question)
}

// yearRE finds years named in a question.
var yearRE = regexp.MustCompile(`\b(19|20)\d\d\b`)

// query is a question analysed once for ranking and excerpting.
type query struct {
	text     string
	terms    []string        // all index terms
	content  []string        // terms that say what the answer is about
	speakers map[string]bool // terms that name a speaker
	// want weighs the content terms (by id) by rarity; wantAll is their
	// sum, the terms the lexicon lacks included.
	want     map[int32]float64
	wantAll  float64
	years    map[string]bool
	months   map[string]bool // "2023-05"
	days     map[string]bool // "2021-06-10"
	vec      []float32
	askedFor bool // the question asks what a reporter asked
	profiles map[int]float64
	// namesSpeaker: the question names a speaker outright (a profile
	// scores 1), whose words it asks for.
	namesSpeaker bool
	// yesNo: the question asks yes or no ("Did the White House say…").
	yesNo bool
	// route are the words of the place the question says the speaker was
	// travelling to ("on the way to Atlanta" → "atlanta").
	route []string
	// whoDoes is the term of the act a "Who…" question asks the doer of
	// ("Who is paying for…" → "pay"), -1 if none.
	whoDoes int32
	// sourceNamed: the question says whose words it wants ("according
	// to…", "did Psaki say"), not only whom it is about.
	sourceNamed bool
	wants       answerType
	unit        []string // what a "How many…" question counts
	// timeAsked: the number the question asks for is a time (an age, a
	// span, a count of days), so a time answers it.
	timeAsked bool
	lower     string // the question in lower case
	// names are the index terms of the question's capitalised words after
	// its first: the names of people, places and things it is about.
	names []string
	// subjects are its names that are not speakers': what it is about.
	subjects []string
	// asked weighs (by rarity) the content terms of the clause that says
	// what the answer was asked ("… when asked about Boris Johnson's
	// resignation"); askedAll is their sum, zero when there is none.
	asked    map[int32]float64
	askedAll float64
	// press is the press secretary's office the question names as its
	// source, if any.
	press string
	// claim maps the index terms of the words of the claim a question
	// checks ("Did Psaki say the moon landing was faked?") to the words'
	// numbers, claimWeights weighs the words by rarity, claimAll is their
	// sum, zero when the question checks none, and claimFigures are the
	// numbers of the words that are figures, which must all be said;
	// claimSource names whom the question says made it.
	claim        map[int32]int
	claimWeights []float64
	claimAll     float64
	claimFigures []int
	claimSource  string
}

// NothingToLookFor is the reply, abstaining, to a question that names
// nothing to look for ("Where?"): a question to mend, not an absence from
// the transcripts.
const NothingToLookFor = "That question names nothing to look for. Say who or what it is about, as in “What did Blinken say about NATO?”"

// namesNothing reports whether a question holds no word to look for: no
// content, no speaker, no name, no year, no office.
func namesNothing(qa *query) bool {
	return len(qa.content) == 0 && len(qa.profiles) == 0 && len(qa.names) == 0 && len(qa.years) == 0 && qa.press == ""
}

// namedBoost is what the passages of a speaker the question names gain:
// all of boostNamed when the question says whose words it wants, a share
// when the name may be whom it is about ("How long did Jake Sullivan and
// Wang Yi meet?").
func (qa *query) namedBoost() float64 {
	if qa.sourceNamed {
		return boostNamed
	}
	return namedSubject * boostNamed
}

// Ask answers q: the best quotes, verbatim and attributed, best first; or an
// abstention with the closest passages when nothing addresses the question.
func (s *Searcher) Ask(ctx context.Context, q Query) (Answer, error) {
	question := strings.TrimSpace(q.Question)
	ans := Answer{Question: question, Quotes: []Quote{}}
	if question == "" {
		return ans, ErrEmptyQuestion
	}
	if utf8.RuneCountInString(question) > MaxQuestionRunes {
		return ans, ErrQuestionTooLong
	}
	k := q.K
	if k <= 0 {
		k = defaultK
	}
	qa, err := s.analyse(ctx, question)
	if err != nil {
		return ans, err
	}
	keep := s.filter(q)
	if namesNothing(qa) && keep == nil {
		// "Where?", "Did?", "When asked…": nothing to look for, and no
		// filter to say whose words are wanted.
		ans.Abstained = true
		ans.Answer = NothingToLookFor
		return ans, nil
	}
	ranked := s.rank(qa, keep)
	if len(ranked) == 0 {
		ans.Abstained = true
		ans.Answer = "Nothing in the transcripts addresses that question."
		if q.Speaker != "" || q.Transcript != "" || q.Since != "" || q.Until != "" {
			ans.Answer = "Nothing in the transcripts matching your filters addresses that question."
			if why := s.unmatchedFilter(q); why != "" {
				ans.Answer = why
			}
		}
		return ans, nil
	}
	claimMade, madeByOther := false, false
	if qa.claimAll > 0 {
		claimMade, madeByOther = s.putClaimFirst(qa, ranked)
	}
	var quotes []Quote
	for _, c := range ranked {
		if len(quotes) == k {
			break
		}
		quotes = append(quotes, s.quote(qa, c))
	}
	for _, p := range quotedPhrases(question) {
		if !s.phraseSaid(p, keep) {
			return ans.abstain(fmt.Sprintf("No transcript has the words “%s”. The closest passages are below, but they are not an answer.", p.text), quotes), nil
		}
	}
	if qa.claimAll > 0 && !claimMade {
		return ans.abstain(fmt.Sprintf("No transcript has %s saying that in so many words. The closest passages are below.", qa.claimSource), quotes), nil
	}
	if madeByOther && quotes[0].Speaker != "" {
		return ans.abstain(fmt.Sprintf("No transcript has %s saying that in so many words. %s said it: the first passage below.", qa.claimSource, quotes[0].Speaker), quotes), nil
	}
	if w := s.unheardWord(qa); w != "" {
		return ans.abstain(fmt.Sprintf("No transcript mentions “%s”. The closest passages are below, but they are not an answer.", w), quotes), nil
	}
	if !s.addresses(qa, ranked[:min(3, len(ranked))]) {
		return ans.abstain("The transcripts don't address that question. The closest passages are below, but they are not an answer.", quotes), nil
	}
	ans.Quotes = quotes
	ans.Unquoted = s.unquoted(qa, quotes)
	return ans, nil
}

// abstain turns the answer into an abstention that offers the closest
// passages, not as an answer; why says so, in the reply's own words.
func (a Answer) abstain(why string, closest []Quote) Answer {
	a.Abstained, a.Answer, a.Closest, a.ClosestSaid = true, why, closest, true
	return a
}

// anonymousRE finds a speaker known only by what they are: "Senior
// Administration Official", "White House Aide". "Per a senior official"
// may mean any of them.
var anonymousRE = regexp.MustCompile(`(?i)\b(officials?|aides?|staff|moderator|operator|spokesperson|participant)\b`)

// unquoted returns the speaker the question names as its source when none
// of the quotes is theirs ("What did Biden say about Putin being a killer?"
// answered by the press secretary's words), "" otherwise.
func (s *Searcher) unquoted(qa *query, quotes []Quote) string {
	if !qa.sourceNamed || qa.askedFor {
		return "" // no source named, or a reporter's words asked for
	}
	named := map[string]int{} // display name → passages
	for id, sc := range qa.profiles {
		if sc < 1 || len(s.passagesOf[id]) == 0 {
			continue
		}
		if p := &s.passages[s.passagesOf[id][0]]; p.Role != RoleReporter && !anonymousRE.MatchString(p.Speaker) {
			named[p.Speaker] += len(s.passagesOf[id])
		}
	}
	if len(named) == 0 {
		return s.unheardSource(qa)
	}
	best, most := "", 0
	for name, n := range named {
		if n > most || n == most && name < best {
			best, most = name, n
		}
	}
	for _, q := range quotes {
		if named[q.Speaker] > 0 {
			return ""
		}
	}
	return best
}

// unheardSource returns the source a question names when no one the
// transcripts hear speak goes by that name ("What did Blinken say…" of
// White House briefings, where only others speak of him): every quote is
// others' words. "" when the source names no one ("the White House").
func (s *Searcher) unheardSource(qa *query) string {
	src, names := sourceNames(qa.text)
	for _, t := range names {
		if len(s.profileIndex[t]) == 0 {
			return src
		}
	}
	return ""
}

// sourceNames returns the source a question names and the words of it that
// are names ("Lael Brainard", not "the press secretary").
func sourceNames(question string) (src string, names []string) {
	src, ok := source(question)
	if !ok {
		return "", nil
	}
	for _, t := range questionNames("- " + src) {
		if !titleTokens[t] && !stopwords[t] && !anonymousRE.MatchString(t) {
			names = append(names, t)
		}
	}
	return strings.TrimSpace(src), names
}

func (s *Searcher) analyse(ctx context.Context, question string) (*query, error) {
	question = s.knownSpelling(question)
	qa := &query{text: question, terms: tokens(question), speakers: map[string]bool{}, years: map[string]bool{}}
	for _, t := range qa.terms {
		switch {
		case s.speakerTerms[t] && !titleTokens[t]:
			qa.speakers[t] = true
		case genericTerms[t]:
		default:
			qa.content = append(qa.content, t)
		}
	}
	qa.names = questionNames(question)
	for _, n := range dedupe(qa.names) {
		if !s.speakerTerms[n] && !s.officialNames[n] && !stopwords[n] {
			qa.subjects = append(qa.subjects, n)
		}
	}
	for _, y := range yearRE.FindAllString(question, -1) {
		qa.years[y] = true
	}
	qa.months, qa.days = questionDates(question)
	qa.want = map[int32]float64{}
	for _, t := range dedupe(qa.content) {
		w := s.lex.idf(t)
		qa.wantAll += w
		if id, ok := s.termID[t]; ok {
			qa.want[id] = w
		}
	}
	qa.profiles = s.profileScores(qa)
	for _, sc := range qa.profiles {
		qa.namesSpeaker = qa.namesSpeaker || sc >= 1
	}
	qa.press = pressOfficeRE.FindString(strings.ToLower(question))
	if qa.press != "" && qa.press != "press secretary" {
		// "the principal deputy press secretary" is one person at a
		// time, named as surely as "the Energy Secretary".
		for id := range s.profiles {
			if s.profiles[id].press == qa.press {
				qa.profiles[id] = 1
				qa.namesSpeaker = true
			}
		}
	}
	qa.wants = questionWants(question)
	qa.unit = countedUnit(question)
	qa.lower = strings.ToLower(question)
	qa.timeAsked = timeQuestionRE.MatchString(qa.lower)
	qa.yesNo = yesNoQuestionRE.MatchString(question)
	qa.whoDoes = s.whoDoes(question)
	if m := routeRE.FindStringSubmatch(question); m != nil {
		qa.route = tokens(m[1])
	}
	_, qa.sourceNamed = source(question)
	qa.askedFor = asksWhatWasAsked(question)
	if m := askedClauseRE.FindStringSubmatch(question); m != nil && !qa.askedFor {
		qa.asked = map[int32]float64{}
		for _, t := range dedupe(tokens(m[1])) {
			if id, ok := s.termID[t]; ok && !genericTerms[t] && !qa.speakers[t] && !stopwords[t] {
				qa.asked[id] = s.lex.idf(t)
				qa.askedAll += qa.asked[id]
			}
		}
	}
	if src, claim, ok := claimOf(question); ok {
		qa.claimSource = src
		qa.claim, qa.claimWeights, qa.claimAll, qa.claimFigures = s.claimWords(qa, claim)
	}
	vecs, err := s.store.Embedder().Embed(ctx, []string{aboutText(qa, question)})
	if err != nil {
		return nil, fmt.Errorf("embed question: %w", err)
	}
	if len(vecs) == 1 {
		qa.vec = vecs[0]
	}
	return qa, nil
}

// aboutText is what the question's meaning is matched by: the question
// without who, when and where. Speakers' names and offices ("Jen Psaki",
// "the Energy Secretary"), dates and the names of what it is about
// ("Brayton Point") are rare words that GloVe weighs heavily, yet answers
// seldom say them all; they steer the ranking through its words and the
// transcripts' metadata instead, and the question's meaning is the rest.
func aboutText(qa *query, question string) string {
	var keep []string
	for _, w := range strings.Fields(officeRE.ReplaceAllString(question, " ")) {
		ts := tokens(w)
		who := len(ts) > 0
		for _, t := range ts {
			who = who && (qa.speakers[t] || genericTerms[t] || dateWordRE.MatchString(t) || slices.Contains(qa.subjects, t))
		}
		if !who {
			keep = append(keep, w)
		}
	}
	about := strings.Join(keep, " ")
	if len(tokens(about)) == 0 {
		return question // "What did the Secretary say?" is about nothing else
	}
	return about
}

// officeRE finds an office named as a source: "the Energy Secretary", "the
// White House infrastructure czar", "a senior official".
var officeRE = regexp.MustCompile(`\b(?:the |a |his |her |its )?(?:new |then[- ]|former |top |senior |chief )?(?:[A-Z][\w.&-]*\s+){0,4}(?i:secretary|director|adviser|advisor|coordinator|czar|administrator|envoy|spokesperson|spokesman|ambassador|official|officials)\b`)

// dateWordRE is an index term that names a month or a year.
var dateWordRE = regexp.MustCompile(`^(january|february|march|april|may|june|july|august|september|october|november|december|\d{4})$`)

// filter returns the passages a query's filters keep, nil for all.
func (s *Searcher) filter(q Query) func(int) bool {
	if q.Speaker == "" && q.Transcript == "" && q.Since == "" && q.Until == "" {
		return nil
	}
	speaker := foldName(q.Speaker)
	transcript := foldName(q.Transcript)
	return func(i int) bool {
		p := &s.passages[i]
		if speaker != "" && !strings.Contains(foldName(p.Speaker), speaker) && !strings.Contains(foldName(p.SpeakerLabel), speaker) {
			return false
		}
		if transcript != "" && !matchesTranscript(p, transcript) {
			return false
		}
		if q.Since != "" && (p.Date == "" || p.Date < q.Since) {
			return false
		}
		if q.Until != "" && (p.Date == "" || p.Date > q.Until) {
			return false
		}
		return true
	}
}

// foldName is a name or title as filters compare it: lower case, with
// punctuation and runs of spaces as one space, so "Jean Pierre" finds
// "Jean-Pierre" and "covid-19 response" finds "COVID-19 Response".
func foldName(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	return strings.Join(f, " ")
}

// MatchesTranscript reports whether a passage's transcript is one a
// --transcript filter names: its id, or part of it, or words of its title.
func MatchesTranscript(p Passage, filter string) bool {
	return matchesTranscript(&p, foldName(filter))
}

func matchesTranscript(p *Passage, folded string) bool {
	return strings.Contains(p.TranscriptID, folded) || strings.Contains(foldName(p.Title), folded)
}

// unmatchedFilter says which of a query's filters no passage passes, ""
// if each passes some: the reply then names the filter, not the question,
// as what found nothing.
func (s *Searcher) unmatchedFilter(q Query) string {
	if q.Since != "" && q.Until != "" && q.Since > q.Until {
		return fmt.Sprintf("No day is on or after %s and on or before %s.", q.Since, q.Until)
	}
	checks := []struct {
		q   Query
		why string
	}{
		{Query{Speaker: q.Speaker}, fmt.Sprintf("No speaker's name or label contains “%s”.", q.Speaker)},
		{Query{Transcript: q.Transcript}, fmt.Sprintf("No transcript's id or title contains “%s”.", q.Transcript)},
		{Query{Since: q.Since, Until: q.Until}, "No transcript is dated in that period."},
	}
	for _, c := range checks {
		keep := s.filter(c.q)
		if keep == nil {
			continue
		}
		found := false
		for i := 0; i < len(s.passages) && !found; i++ {
			found = keep(i)
		}
		if !found {
			return c.why
		}
	}
	return ""
}

// candidate is a passage with its fused score and the evidence for it.
type candidate struct {
	passage  int
	score    float64
	lex      float64 // BM25, normalised to the best
	dense    float64 // best sentence's cosine
	sentence int     // the best sentence by dense search, -1 if unknown
	penalty  float64 // taken off a reporter's question's score
	// context is the part of score that comes from the passage's
	// transcript (its date, the names it mentions): the same for a
	// question and its answer.
	context float64
}

// Fusion weights: the lexical ranking carries names, numbers and rare words
// that GloVe does not know; the dense one carries paraphrase. Metadata
// adjusts both: who is asked about, when, and what kind of passage it is.
const (
	fuseLexical  = 0.55
	fuseDense    = 0.45
	boostSpeaker = 0.25
	boostYear    = 0.10
	// A month or day the question names ("in May 2023", "on June 10,
	// 2021") adds to the year's boost when the transcript's date falls in
	// it.
	boostMonth = 0.20
	boostDay   = 0.20
	// boostRoute is for the gaggle on the way to the place the question
	// names ("said on the way to Atlanta").
	boostRoute = 0.20
	// boostNames is for passages whose transcript mentions the names the
	// question does (by rarity): "previewing Biden's G7 vaccine donation"
	// points at the briefing that talks about the G7.
	boostNames     = 0.40
	boostAsked     = 0.10
	penaltyModerat = 0.30
	penaltyShort   = 0.10
	// boostNamed is for the speaker the question names outright ("the
	// Labor Secretary", "Fudge"): what they said is what is asked for.
	boostNamed = 0.35
	// namedSubject is the share of boostNamed for a speaker named in a
	// question that does not say whose words it wants: they may be whom it
	// is about ("How long did Sullivan and Wang Yi meet?").
	namedSubject = 0.5
	// boostPressOffice is for a press secretary's passages when the
	// question's source is "the press secretary": an office too generic to
	// point at one person, it prefers them to the day's guests.
	boostPressOffice = 0.1
	// focusMin is how well a question must point at a speaker (by name or
	// office) for their passages to be preferred.
	focusMin = 0.4
	// The head of the fused ranking is reranked by how closely a passage
	// holds the question's words.
	rerankDepth    = 40
	boostProximity = 0.35
	// boostAnswerKind is for a passage that holds what kind of answer is
	// asked for (a number, a sum, a date) where it bears on the question;
	// answerKindMinShare is how much of the question's content that
	// sentence and a neighbour must hold.
	boostAnswerKind    = 0.2
	answerKindMinShare = 0.2
	// boostUnit is for a passage that gives a number of what a "How
	// many…" question counts.
	boostUnit = 0.2
	// boostWhoDoes is for a passage that holds the act a "Who…" question
	// asks the doer of: "Who is paying for the repairs?" is answered where
	// someone is paying, not where the repairs are described.
	boostWhoDoes = 0.15
	// boostAskedClause is for an answer whose reporter's question holds
	// what the question says it was asked ("when asked about…").
	boostAskedClause = 0.6
	// penaltyQuestion keeps a reporter's question from outranking the answer
	// to it; inherit is the share of a question's score its answer receives.
	// penaltyNamed is for a question, or an answer found through it, when
	// the question names someone else's words ("What did Psaki say…").
	penaltyQuestion = 0.3
	penaltyNamed    = 0.2
	inherit         = 0.9
	// penaltyDeclines is for an answer that declines to answer ("I don't
	// have anything more on that", "I'd refer you to the Department"):
	// found through a question on the subject, it is still no word on it,
	// and an answer that says something comes first.
	penaltyDeclines = 0.3
	// partMargin is how much more of the question a later part of a long
	// answer must hold than the first to count as the answer to it.
	partMargin = 0.05
)

func (s *Searcher) rank(qa *query, keep func(int) bool) []candidate {
	byPassage := map[int]*candidate{}
	get := func(i int) *candidate {
		c := byPassage[i]
		if c == nil {
			c = &candidate{passage: i, sentence: -1}
			byPassage[i] = c
		}
		return c
	}
	lexHits := s.lex.search(qa.terms, candidates, keep)
	if len(lexHits) > 0 {
		best := lexHits[0].score
		for _, h := range lexHits {
			get(h.doc).lex = h.score / best
		}
	}
	var denseHits []DenseHit
	if qa.vec != nil && !zero(qa.vec) {
		denseHits = s.store.Dense(qa.vec, candidates, keep)
	}
	floor := 0.0
	if len(denseHits) > 0 {
		floor = float64(denseHits[len(denseHits)-1].Score)
	}
	for _, h := range denseHits {
		c := get(h.Passage)
		c.dense = float64(h.Score)
		c.sentence = h.Sentence
	}
	topDense := 0.0
	if len(denseHits) > 0 {
		topDense = float64(denseHits[0].Score)
	}
	// Cosines are scaled so that the top scores 1 and the last of the
	// dense list 0.5, not 0: passages found by their words, or among the
	// speakers and months the question names, keep what GloVe says of
	// them even below the list's cutoff, and the few hundredths between
	// the best cosines do not outweigh the words.
	floor -= topDense - floor
	// Search again among the passages the question points at, so they
	// compete even when the whole archive drowns them. They are few: both
	// rankings score just those.
	searchAmong := func(lists [][]int) {
		var among []int
		for _, l := range lists {
			for _, i := range l {
				if keep == nil || keep(i) {
					among = append(among, i)
				}
			}
		}
		slices.Sort(among) // the same question, the same answer
		in := func(i int) bool {
			_, ok := slices.BinarySearch(among, i)
			return ok
		}
		for _, h := range s.lex.search(qa.terms, candidates/3, in) {
			if c := get(h.doc); c.lex == 0 && len(lexHits) > 0 {
				c.lex = h.score / lexHits[0].score
			}
		}
		if qa.vec != nil && !zero(qa.vec) {
			for _, h := range s.store.DenseAmong(qa.vec, candidates/3, among) {
				c := get(h.Passage)
				c.dense, c.sentence = float64(h.Score), h.Sentence
			}
		}
	}
	// The speakers it names or whose office it gives…
	if focus := s.focus(qa); focus != nil {
		var lists [][]int
		for id := range focus {
			lists = append(lists, s.passagesOf[id])
		}
		searchAmong(lists)
	}
	// …and the months it names ("in March 2021"): a question that says
	// when is about what was said then, however often the same words were
	// said at other times.
	if len(qa.months) > 0 {
		var lists [][]int
		for m := range qa.months {
			lists = append(lists, s.byMonth[m])
		}
		searchAmong(lists)
	}
	out := make([]candidate, 0, len(byPassage))
	for _, c := range byPassage {
		if c.dense == 0 && qa.vec != nil {
			// Not in the dense top list: score it exactly.
			if sc := s.store.SentenceScores(qa.vec, c.passage); len(sc) > 0 {
				best := 0
				for j := range sc {
					if sc[j] > sc[best] {
						best = j
					}
				}
				c.dense, c.sentence = float64(sc[best]), best
			}
		}
		dn := 0.0
		if topDense > floor {
			dn = math.Max(0, (c.dense-floor)/(topDense-floor))
		}
		c.score = fuseLexical*c.lex + fuseDense*dn
		p := &s.passages[c.passage]
		if id := s.profileOf[c.passage]; id >= 0 {
			if qa.press != "" && s.profiles[id].press == qa.press {
				c.score += boostPressOffice
			}
			if sc := qa.profiles[id]; sc >= 1 {
				c.score += qa.namedBoost() // named, or the office named in full
			} else if sc >= focusMin {
				c.score += boostSpeaker * sc
			}
		}
		if qa.years[s.years[c.passage]] {
			c.context += boostYear
		}
		if d := p.Date; len(d) >= 7 && qa.months[d[:7]] {
			c.context += boostMonth
			if qa.days[d] {
				c.context += boostDay
			}
		}
		c.context += boostNames * s.nameShare(qa, c.passage)
		if len(qa.route) > 0 && s.onRoute(qa, c.passage) {
			c.context += boostRoute
		}
		c.score += c.context
		if p.Kind == KindQuestion {
			// A reporter's words are what was asked, not what was
			// answered: they lead only when the question is about them,
			// and least of all when it names whose words it wants.
			switch {
			case qa.askedFor:
				c.score += boostAsked
			case qa.namesSpeaker:
				c.penalty = penaltyQuestion + penaltyNamed
				// Asked of the speaker the question names, it competes
				// for the head of the ranking as its answer would, since
				// the answer inherits from it; it still may not lead.
				if a := s.answerTo(c.passage); a >= 0 {
					if id := s.profileOf[a]; id >= 0 && qa.profiles[id] >= 1 {
						c.score += qa.namedBoost()
						c.penalty += qa.namedBoost()
					}
				}
			default:
				c.penalty = penaltyQuestion
			}
			c.score -= c.penalty
		}
		if p.Role == RoleModerator {
			c.score -= penaltyModerat
		}
		switch n := countWords(p.Text); {
		case n < 6:
			c.score -= 4 * penaltyShort // "Well —" answers nothing
		case n < 12:
			c.score -= penaltyShort
		case n < 30 && saysNothing(p.Text):
			// "So — and you're talking about just between the President
			// and — and the —": cut off, or asking back, before it said
			// anything.
			c.score -= 4 * penaltyShort
		}
		out = append(out, *c)
	}
	byScore := func(key func(c *candidate) float64) {
		sort.Slice(out, func(i, j int) bool {
			if a, b := key(&out[i]), key(&out[j]); a != b {
				return a > b
			}
			return out[i].passage < out[j].passage
		})
	}
	// The head to rerank is chosen by evidence, reporters' questions at
	// their full score: a question that matches best is how its answer is
	// found, even when the question itself must not lead.
	byScore(func(c *candidate) float64 { return c.score + c.penalty })
	// Rerank the head by proximity: an answer holds the question's words
	// together, in a sentence or two, not scattered over a long passage.
	for i := range out[:min(rerankDepth, len(out))] {
		out[i].score += boostProximity * s.windowCoverage(qa, out[i].passage)
		if s.answersInKind(qa, out[i].passage) {
			out[i].score += boostAnswerKind
		}
		if s.countsUnitIn(qa, out[i].passage) {
			out[i].score += boostUnit
		}
		if qa.whoDoes >= 0 && s.says(out[i].passage, qa.whoDoes) {
			out[i].score += boostWhoDoes
		}
	}
	if !qa.askedFor {
		out = s.inheritFromQuestions(qa, out, keep)
	}
	byScore(func(c *candidate) float64 { return c.score })
	declined := false
	for i := range out[:min(rerankDepth, len(out))] {
		if declines(&s.passages[out[i].passage]) {
			out[i].score -= penaltyDeclines
			declined = true
		}
	}
	if declined {
		byScore(func(c *candidate) float64 { return c.score })
	}
	if qa.askedAll > 0 {
		// "… when pressed on whether a filibuster should be broken with
		// 60 votes or a simple majority": of the answers on the subject,
		// the one given to that question.
		for i := range out[:min(rerankDepth, len(out))] {
			out[i].score += boostAskedClause * s.askedCoverage(qa, out[i].passage)
		}
		byScore(func(c *candidate) float64 { return c.score })
	}
	return out
}

// askedCoverage is the share of the question's asked clause (weighted by
// rarity) that the reporter's question a passage answers holds.
func (s *Searcher) askedCoverage(qa *query, passage int) float64 {
	p := &s.passages[passage]
	if p.Kind != KindAnswer || p.Question == "" {
		return 0
	}
	got := 0.0
	seen := map[int32]bool{}
	eachToken(p.Question, func(t string) {
		if id, ok := s.termID[t]; ok && !seen[id] {
			seen[id] = true
			got += qa.asked[id]
		}
	})
	return got / qa.askedAll
}

// yesNoQuestionRE finds a question that asks yes or no; yesNoReplyRE, an
// answer that opens by giving one ("It's a no.", "No, he does not.").
var (
	yesNoQuestionRE = regexp.MustCompile(`(?i)^\s*(did|does|do|is|are|was|were|has|have|had|will|would|can|could|should)\b`)
	yesNoReplyRE    = regexp.MustCompile(`(?i)^\W*(?:well,?\s+|look,?\s+)?(?:no|nope|yes|yeah|yep|absolutely|of course|not at all|it's a (?:no|yes)|it’s a (?:no|yes)|that's (?:correct|right|not true|false)|that’s (?:correct|right|not true|false))\b`)
)

// repliesYesNo reports whether an answer opens with a yes or a no.
func repliesYesNo(text string) bool {
	return yesNoReplyRE.MatchString(text)
}

// routeRE finds where a question says the speaker was headed: "as the
// press secretary said on the way to Valhalla, New York" is a gaggle
// titled "… En Route Valhalla, NY".
var routeRE = regexp.MustCompile(`\b(?:on the way to|en route to|headed to|on the flight to|flying to|traveling to|travelling to)\s+((?:[A-Z][\w.’'-]*[\s,]*){1,4})`)

// onRoute reports whether a passage's transcript is titled as on the way
// to the place the question names ("En Route Atlanta, GA").
func (s *Searcher) onRoute(qa *query, passage int) bool {
	title := s.passages[passage].Title
	i := strings.Index(strings.ToLower(title), "en route")
	if i < 0 {
		return false
	}
	dest := wordSet(strings.Join(tokens(title[i+len("en route"):]), " "))
	n := 0
	for _, t := range qa.route {
		if dest[t] {
			n++
		}
	}
	// "Valhalla, New York" is the gaggle "En Route New York, NY"; "New"
	// alone is not "New Orleans".
	return 2*n >= len(qa.route)
}

// whoDoesRE finds the act a "Who…" question asks the doer of: "Who is
// paying for the repairs?", "Who represented Canada…".
var whoDoesRE = regexp.MustCompile(`(?i)^\s*who\s+(?:(?:is|are|was|were)\s+(\w+ing)|(\w+ed|\w+s))\b`)

// notActs are the verbs a "Who…" question may open with that name no act to
// look for: speech acts ("Who said…" is answered by what was said, which
// seldom says "said") and "is", "was", "has" ("Who is the new chief?").
var notActs = wordSet(`say says said tell tells told ask asks asked call calls called announce
	announces announced note notes noted mention mentions mentioned describe describes described
	suggest suggests suggested claim claims claimed argue argues argued conclude concludes concluded
	state states stated is was has`)

// whoDoes returns the term id of the act a "Who…" question asks the doer
// of, -1 if it asks none or a speech act.
func (s *Searcher) whoDoes(question string) int32 {
	m := whoDoesRE.FindStringSubmatch(question)
	if m == nil {
		return -1
	}
	verb := strings.ToLower(m[1] + m[2])
	ts := tokens(verb)
	if len(ts) != 1 || notActs[verb] || notActs[ts[0]] {
		return -1
	}
	if id, ok := s.termID[ts[0]]; ok {
		return id
	}
	return -1
}

// says reports whether a passage holds a term.
func (s *Searcher) says(passage int, id int32) bool {
	for _, terms := range s.sentenceTerms(passage) {
		if slices.Contains(terms, id) {
			return true
		}
	}
	return false
}

// saysNothing reports whether a passage is one sentence that breaks off
// ("So — and you're talking about just between the President and — and
// the —") or asks back ("And you're talking about the student loan?").
func saysNothing(text string) bool {
	t := strings.TrimSpace(text)
	return (strings.HasSuffix(t, "—") || strings.HasSuffix(t, "–") || strings.HasSuffix(t, "-") || strings.HasSuffix(t, "?")) && len(Sentences(t)) == 1
}

// windowCoverage is the largest share of the question's content (weighted
// by rarity) that two consecutive sentences of a passage hold.
func (s *Searcher) windowCoverage(qa *query, passage int) float64 {
	want, all := qa.want, qa.wantAll
	if all == 0 || len(want) == 0 {
		return 0
	}
	best := 0.0
	var prev []int32
	for _, cur := range s.sentenceTerms(passage) {
		got := 0.0
		for id, w := range want {
			if slices.Contains(cur, id) || slices.Contains(prev, id) {
				got += w
			}
		}
		best = math.Max(best, got/all)
		prev = cur
	}
	return best
}

// sentenceTerms returns the index terms of each sentence of a passage, as
// term ids, tokenising the passage the first time it is asked for: the
// proximity rerank reads the same passages query after query.
func (s *Searcher) sentenceTerms(passage int) [][]int32 {
	if c := s.sentTerms[passage].Load(); c != nil {
		return *c
	}
	text := s.passages[passage].Text
	var out [][]int32
	for _, sp := range Sentences(text) {
		var ids []int32
		eachToken(text[sp.Start:sp.End], func(t string) {
			if id, ok := s.termID[t]; ok && !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		})
		out = append(out, ids)
	}
	s.sentTerms[passage].Store(&out)
	return out
}

// inheritFromQuestions lets an answer be found through its question: a
// user's question often matches the reporter's words better than the
// official's, and it is the official's answer they want.
func (s *Searcher) inheritFromQuestions(qa *query, cs []candidate, keep func(int) bool) []candidate {
	at := make(map[int]int, len(cs))
	for i, c := range cs {
		at[c.passage] = i
	}
	// Only the head of the ranking (cs is sorted by evidence) can lift an
	// answer into the results.
	n := min(len(cs), rerankDepth)
	for i := 0; i < n; i++ {
		if s.passages[cs[i].passage].Kind != KindQuestion {
			continue
		}
		// What the answer inherits is the question's own evidence; the
		// transcript's part it has already.
		score := cs[i].score + cs[i].penalty - cs[i].context
		j := s.answerTo(cs[i].passage)
		if j < 0 || (keep != nil && !keep(j)) {
			continue
		}
		j = s.answeringPart(qa, j, keep)
		if _, ok := at[j]; !ok {
			at[j] = len(cs)
			cs = append(cs, candidate{passage: j, sentence: -1, context: cs[i].context})
		}
		a2 := &cs[at[j]]
		// The answer inherits in full if it bears on the question
		// itself, or if its speaker is the one the question names
		// ("When did McCarthy expect…": the reporter's words matched,
		// McCarthy's answer is what is asked for). Otherwise the
		// question, not the answer, holds what was asked about ("four
		// fairly inconclusive meetings").
		id := s.profileOf[j]
		named := id >= 0 && qa.profiles[id] >= 1
		if !named && s.windowCoverage(qa, j) < 0.2 && !(qa.yesNo && repliesYesNo(s.passages[j].Text)) {
			score = (cs[i].score - cs[i].context) * 0.9
		}
		if !named && qa.namesSpeaker && qa.sourceNamed {
			// Someone else's answer, where the question says whose
			// words it wants ("What did Psaki say…"): it competes as
			// their own words do, without the named speaker's boost.
			score -= penaltyNamed
		}
		if v := inherit*score + a2.context; v > a2.score {
			a2.score = v
			a2.lex = math.Max(a2.lex, cs[i].lex)
			a2.dense = math.Max(a2.dense, cs[i].dense)
		}
	}
	return cs
}

// focus returns the speaker profiles a question points at clearly: those
// scoring at least half the best, if the best holds a real share of the
// question. Nil when the question names no one.
func (s *Searcher) focus(qa *query) map[int]bool {
	best := 0.0
	for _, sc := range qa.profiles {
		best = math.Max(best, sc)
	}
	if best < focusMin {
		return nil
	}
	out := map[int]bool{}
	for id, sc := range qa.profiles {
		if sc >= focusMin && sc >= 0.75*best {
			out[id] = true
		}
	}
	if len(out) > 300 {
		return nil // too common to narrow anything
	}
	return out
}

func zero(v []float32) bool {
	for _, x := range v {
		if x != 0 {
			return false
		}
	}
	return true
}

// coverage is the share of the question's content, weighted by rarity,
// that a passage (with its question and title) holds; or, with whole, that
// the passage's transcript holds anywhere.
func (s *Searcher) coverage(qa *query, passage int, whole bool) float64 {
	has := func(t string) bool { return s.transcriptHas(t, passage) }
	if !whole {
		p := &s.passages[passage]
		have := map[string]bool{}
		for _, text := range []string{p.Text, p.Question, p.Title} {
			eachToken(text, func(t string) { have[t] = true })
		}
		has = func(t string) bool { return have[t] }
	}
	var got, all float64
	for _, t := range dedupe(qa.content) {
		w := s.lex.idf(t)
		all += w
		if has(t) {
			got += w
		}
	}
	if all == 0 {
		return 1
	}
	return got / all
}

// transcriptHas reports whether any passage of the given passage's
// transcript holds term, from the lexicon's postings (kept in passage
// order, so the transcript's are one run found by binary search).
func (s *Searcher) transcriptHas(term string, passage int) bool {
	r := s.transcriptRange[passage]
	ps := s.lex.postings[term]
	i := sort.Search(len(ps), func(i int) bool { return int(ps[i].doc) >= r[0] })
	return i < len(ps) && int(ps[i].doc) < r[1]
}

// addresses decides whether the best passages answer the question at all.
// GloVe cosines are high even between unrelated texts, so the deciding
// signals are words: a name the transcripts never mention ("Camp Mystic")
// means they cannot be about it; otherwise one of the best passages must
// come from a transcript that mentions (nearly) every name the question
// does and holds a fair share of what it is about (its content words,
// weighted by rarity), and the passage itself must bear on it, by words or
// by meaning.
func (s *Searcher) addresses(qa *query, top []candidate) bool {
	for _, n := range qa.names {
		if !s.nameKnown(n) {
			return false
		}
	}
	for _, c := range top {
		if !s.namesInTranscript(qa, c.passage) {
			continue
		}
		if s.coverage(qa, c.passage, true) < minTranscriptCoverage {
			continue
		}
		if s.coverage(qa, c.passage, false) >= 0.15 || c.dense >= 0.5 {
			return true
		}
	}
	return false
}

// minTranscriptCoverage is the share of a question's content a transcript
// must hold to be about it: questions the transcripts do not address
// share well under a third of their weight with the nearest transcript.
const minTranscriptCoverage = 0.3

// namesInTranscript reports whether the passage's transcript mentions
// (nearly) every name the question does, in one of its forms, speakers
// aside: a passage about hurricanes in a briefing that never says
// "Jamaica" or "Melissa" is not about Hurricane Melissa in Jamaica.
func (s *Searcher) namesInTranscript(qa *query, passage int) bool {
	names := qa.subjects
	if len(names) == 0 {
		return true
	}
	var missing []string
	for _, n := range names {
		if !s.transcriptHasName(n, passage) {
			missing = append(missing, n)
		}
	}
	// Of three names or more, one may be said otherwise ("Britain" where
	// the transcript says "the UK" or only "the Prime Minister"), unless it
	// is the rarest of them, the one that says which event it is
	// ("Melissa" of Hurricane Melissa in Jamaica); of two, neither.
	switch {
	case len(missing) == 0:
		return true
	case len(missing) > 1 || len(names) < 3:
		return false
	}
	for _, n := range names {
		if s.nameFrequency(n) < s.nameFrequency(missing[0]) {
			return true // another is rarer
		}
	}
	return false
}

// nameShare is the share of the names the question mentions, speakers
// aside and weighted by rarity, that the passage's transcript holds in one
// of their forms.
func (s *Searcher) nameShare(qa *query, passage int) float64 {
	names := qa.subjects
	if len(names) == 0 {
		return 0
	}
	var got, all float64
	for _, n := range names {
		w := s.lex.idf(n)
		all += w
		if s.transcriptHasName(n, passage) {
			got += w
		}
	}
	if all == 0 {
		return 0
	}
	return got / all
}

// answersInKind reports whether a passage holds the kind of words the
// question asks for and does not already say (a number for "How many…")
// in a sentence that bears on the question: the sentence or a neighbour
// holds a fair share of its content.
func (s *Searcher) answersInKind(qa *query, passage int) bool {
	if qa.wants == answerAny {
		return false
	}
	want, all := qa.want, qa.wantAll
	if all == 0 {
		return false
	}
	text := s.passages[passage].Text
	spans := Sentences(text)
	terms := s.sentenceTerms(passage)
	share := func(i int) float64 {
		if i < 0 || i >= len(terms) {
			return 0
		}
		got := 0.0
		for _, id := range terms[i] {
			got += want[id]
		}
		return got / all
	}
	for i, sp := range spans {
		if !holdsAnswerFor(qa, text[sp.Start:sp.End]) {
			continue
		}
		if share(i) >= answerKindMinShare || share(i-1)+share(i) >= answerKindMinShare || share(i)+share(i+1) >= answerKindMinShare {
			return true
		}
	}
	return false
}

// answerTo returns the answer to question passage q: the first official's
// passage after it in the same exchange that answers something; -1 if
// none.
func (s *Searcher) answerTo(q int) int {
	p := &s.passages[q]
	for j := q + 1; j < len(s.passages); j++ {
		a := &s.passages[j]
		if a.TranscriptID != p.TranscriptID || a.Exchange != p.Exchange {
			break
		}
		if a.Kind == KindAnswer && isAnswer(a.Text) {
			return j
		}
	}
	return -1
}

// isAnswer reports whether an official's passage says something: a dozen
// words or more that do not break off ("Well —", "So — and you're talking
// about just between the President and — and the —", "…and you're
// talking about the student loan?"), or a shorter whole sentence that is
// not thanks or a hand-off: "Our expectation is that it will be remote."
// answers the question before it; "Thank you, Steve." and "Dr. Fauci? Long
// COVID treatments." do not.
func isAnswer(text string) bool {
	t := strings.TrimSpace(text)
	switch n := countWords(t); {
	case n >= 12:
		return !saysNothing(t)
	case n < 5:
		return false
	}
	t = strings.TrimRight(t, "”\"’' ")
	return (strings.HasSuffix(t, ".") || strings.HasSuffix(t, "!")) && !strings.HasSuffix(t, "..") && !thanksRE.MatchString(t) && !handsOver(t)
}

// thanksRE finds a passage that opens by thanking or greeting.
var thanksRE = regexp.MustCompile(`(?i)^\W*(thank|thanks|good (morning|afternoon|evening)|hello|hi)\b`)

// answeringPart returns, of a long answer split into parts from passage
// first on, the part that holds the question's words best: the one that
// answers it. The first part wins unless another holds clearly more.
func (s *Searcher) answeringPart(qa *query, first int, keep func(int) bool) int {
	p := &s.passages[first]
	best, at := s.windowCoverage(qa, first), first
	for k := first + 1; k < len(s.passages); k++ {
		q := &s.passages[k]
		if q.TranscriptID != p.TranscriptID || q.Turn != p.Turn || (keep != nil && !keep(k)) {
			break
		}
		if v := s.windowCoverage(qa, k); v > best+partMargin {
			best, at = v, k
		}
	}
	return at
}

// declinesRE finds the set phrases of an official who declines to answer.
var declinesRE = regexp.MustCompile(`(?i)\b(?:I (?:don’t|don't|do not) have (?:anything|any(?:thing)? (?:more|further|additional|new|update|updates)|more|an update|a(?:ny)? (?:comment|announcement|readout|update)|that information|details)|I(?:’m|'m| am) not going to (?:get ahead|comment|speak to|go into|go beyond|weigh in|preview|get into)|I(?:’d|'d| would) (?:refer|point) you to)`)

// declinesMaxWords is the longest answer that counts as declining when it
// says so: a longer one says more besides.
const declinesMaxWords = 80

// declines reports whether a passage is an official declining to answer,
// or handing the question to someone else ("Dr. Fauci?").
func declines(p *Passage) bool {
	if p.Kind != KindAnswer || countWords(p.Text) >= declinesMaxWords {
		return false
	}
	return handsOver(p.Text) || declinesRE.MatchString(p.Text)
}

// handsOver reports whether a short passage hands the floor to another
// speaker: "Dr. Fauci? Long COVID treatments.", "With that, I'll turn it
// over to Dr. Walensky." It names whom the question is for; their answer
// follows.
func handsOver(text string) bool {
	return countWords(text) < handsOverMaxWords && handsOverRE.MatchString(text)
}

// handsOverMaxWords is the longest passage that counts as handing over
// when it does: a longer one says something itself.
const handsOverMaxWords = 40

// handsOverRE finds a speaker giving the floor to another, by office and
// name: "over to Dr. Fauci", "let me ask Secretary Becerra", "Dr. Walensky?",
// "Let's start with Dr. Fauci on the variant".
var handsOverRE = regexp.MustCompile(`(?:\b(?i:(?:turn|hand|pass|toss|kick)(?: it)?(?: back)?(?: over)? to|over to|let me (?:ask|have|bring in|go to)|I(?:’ll|'ll| will) (?:let|ask|have)|(?:want|like) to (?:ask|invite|bring up)|over to you,|(?:let[’']s|let us|we[’']ll|why don[’']t we) start(?: with|,)) (?:Dr\.|Secretary|Mr\.|Ms\.|Director|Admiral|General|Ambassador|the )?[A-Z][a-z]+)|(?:^|[.?!]\s+)(?:Dr\.|Secretary|Mr\.|Ms\.|Director|Admiral|General) ?[A-Z][\w-]+\?`)
