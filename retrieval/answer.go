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
