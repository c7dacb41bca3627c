package retrieval

// Query is a question with its filters, as the command line and the bot
// take it.
type Query struct {
	Question string
	// K is how many quotes to return; 0 means the default (3).
	K int
	// Speaker keeps passages whose speaker (display name or label) contains
	// it, case-insensitively.
	Speaker string
	// Transcript keeps passages of transcripts whose id or title contains it.
	Transcript string
	// Since and Until bound the transcript's date, YYYY-MM-DD, inclusive.
	Since, Until string
}

// Answer is the reply to a Query: ranked verbatim quotes, or an abstention
// with the nearest passages offered as Closest. Its JSON is the contract of
// `onrecord ask --json` (DESIGN.md).
type Answer struct {
	Question  string `json:"question"`
	Abstained bool   `json:"abstained"`
	// Answer is a sentence for people: why it abstained, or, when a language
	// model wrote one, its verified answer. Extractive replies leave it "".
	Answer string  `json:"answer"`
	Quotes []Quote `json:"quotes"`
	// Closest are offered when Abstained: near passages, not an answer.
	Closest []Quote `json:"closest,omitempty"`
	// ClosestSaid is set when Answer itself says that the closest
	// passages follow and what they are, so that a reply need not say it
	// again. Not part of the JSON contract.
	ClosestSaid bool `json:"-"`
	// Unquoted is the speaker the question asks about ("What did Biden
	// say…") when none of the quotes is theirs, for the reply to say so:
	// the quotes are others' words. Not part of the JSON contract.
	Unquoted string `json:"-"`
}

// Quote is a verbatim excerpt of one passage with its attribution.
type Quote struct {
	// Text is verbatim from the passage; "…" marks a cut.
	Text    string  `json:"text"`
	Speaker string  `json:"speaker"`
	AskedBy *string `json:"asked_by"`
	// Question is the question the passage answers ("" for statements and
	// for questions themselves).
	Question   string  `json:"question"`
	Transcript string  `json:"transcript"`
	Date       string  `json:"date"`
	SourceURL  string  `json:"source_url"`
	PassageID  string  `json:"passage_id"`
	Paragraphs []int   `json:"paragraphs"`
	Score      float64 `json:"score"`
}

// UnquotedNote is what a reply says above quotes that are not the words of
// the speaker the question asks about.
func UnquotedNote(speaker string) string {
	return "These quotes are not " + speaker + "'s: nothing " + speaker + " said came up for this question. They are others' words, attributed below."
}
