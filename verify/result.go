package verify

// Verdict says whether a claimed quote was said.
type Verdict string

// The three verdicts (DESIGN.md).
const (
	// Verbatim: the claim's words appear in order within one turn, after
	// normalising case, curly quotes, dashes, white space and the claim's
	// outer punctuation.
	Verbatim Verdict = "verbatim"
	// Close: a paraphrase, condensation or misquote of words that were said;
	// Matched shows the real words.
	Close Verdict = "close"
	// NotFound: nothing said comes close; no speaker.
	NotFound Verdict = "not_found"
)

// Result is the verifier's answer for one claim. Its JSON is the contract of
// `onrecord verify --json` (DESIGN.md).
type Result struct {
	Claim   string  `json:"claim"`
	Verdict Verdict `json:"verdict"`
	// Speaker said the matched words; it may be a reporter. It is "" when
	// NotFound and when the transcript does not name who said them (an
	// unnamed reporter): attribution is right or absent.
	Speaker string `json:"speaker"`
	// Role is the speaker's role (retrieval.RoleReporter, ...), so that an
	// unnamed speaker can still be described ("an unnamed reporter"). It is
	// not part of the JSON contract.
	Role string `json:"-"`
	// AskedBy is the reporter whose question the matched answer answers.
	AskedBy *string `json:"asked_by"`
	// Matched is the transcript's actual words, verbatim.
	Matched    string  `json:"matched"`
	Similarity float64 `json:"similarity"`
	PassageID  string  `json:"passage_id"`
	Transcript string  `json:"transcript"`
	Date       string  `json:"date"`
	SourceURL  string  `json:"source_url"`
	Paragraphs []int   `json:"paragraphs"`
	// Quote is the claim's words without the attribution it was pasted
	// with ("Psaki said: …"): the words checked. "" when it had none.
	Quote string `json:"quote,omitempty"`
	// AttributedTo is the name the claim's attribution gives.
	AttributedTo string `json:"attributed_to,omitempty"`
	// Misattributed says that the words were not said by AttributedTo:
	// Speaker (if anyone) said them.
	Misattributed bool `json:"misattributed,omitempty"`
	// Diff aligns the claim's words with the matched words, for people.
	Diff []Edit `json:"diff,omitempty"`
}

// Op is one kind of word-level difference.
type Op string

// Word-level differences between a claim and the real words.
const (
	Same    Op = "same"
	Missing Op = "missing" // said, but left out of the claim
	Added   Op = "added"   // in the claim, never said
	Changed Op = "changed" // said differently
)

// Edit is one step of the alignment of a claim with the real words.
type Edit struct {
	Op    Op     `json:"op"`
	Claim string `json:"claim,omitempty"` // the claim's word(s)
	Said  string `json:"said,omitempty"`  // the transcript's word(s)
}
