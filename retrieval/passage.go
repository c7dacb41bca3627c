// Package retrieval stores passages of transcripts and finds the ones that
// answer a question: a chromem-go collection and a lexical (BM25) index side
// by side, fused into one ranking, plus verbatim excerpts and abstention.
//
// It imports no other package of the project: ingest produces the Passages
// and Transcripts defined here, and everything above (verify, the bot, the
// command line) reads them.
package retrieval

// Roles a speaker can have in a transcript.
const (
	RoleOfficial  = "official"
	RoleModerator = "moderator"
	RoleReporter  = "reporter"
	RoleUnknown   = "unknown"
)

// Kinds of passage.
const (
	// KindAnswer is an official's answer (or part of a long one) to a question.
	KindAnswer = "answer"
	// KindQuestion is a reporter's question, quoted with the reporter as speaker.
	KindQuestion = "question"
	// KindStatement is what was said with no question before it: an opening
	// statement, a moderator's remarks, a turn of an unlabelled caption file.
	KindStatement = "statement"
)

// Passage is the unit that is indexed and quoted: one answer (or one part of
// a long answer, split at paragraph boundaries), one question, or one
// statement. It carries everything needed to cite it without the transcript.
type Passage struct {
	// ID is stable: derived from the transcript's id and the passage's
	// position and text, so re-ingesting the same file yields the same ids.
	ID           string `json:"passage_id"`
	TranscriptID string `json:"transcript_id"`
	Title        string `json:"transcript"`
	Date         string `json:"date"` // YYYY-MM-DD, or "" when unknown
	SourceURL    string `json:"source_url"`

	// Speaker is the display name ("Secretary Antony J. Blinken"), taken
	// from the transcript itself; SpeakerLabel is the raw label
	// ("SECRETARY BLINKEN", "QUESTION"). A reporter's question has the
	// reporter's name as Speaker when the transcript names them, else "".
	Speaker      string `json:"speaker"`
	SpeakerLabel string `json:"speaker_label"`
	// SpeakerTitle is the office the transcript's own title or header gives
	// the speaker ("Secretary of Housing and Urban Development"), or "".
	SpeakerTitle string `json:"speaker_title,omitempty"`
	Role         string `json:"role"`
	Kind         string `json:"kind"`

	// AskedBy is the reporter who asked the question this passage answers,
	// "" when no one asked or the reporter is not named. Question is that
	// question's text (all of it, follow-ups included), "" for statements.
	AskedBy  string `json:"asked_by"`
	Question string `json:"question"`

	// Turn is the index (from 0) of the speaker's turn in the transcript;
	// passages of one turn share it. Exchange is the index of the
	// question-and-answer exchange, -1 for opening statements.
	Turn     int `json:"turn"`
	Exchange int `json:"exchange"`
	// Part is the index of this passage within its turn (long turns split).
	Part int `json:"part"`
	// Paragraphs are the transcript's paragraph numbers (from 1, counted
	// over the whole transcript) this passage covers, in order.
	Paragraphs []int `json:"paragraphs"`
	// Text is the passage's words, paragraphs separated by a blank line.
	Text string `json:"text"`
}

// Transcript describes one stored transcript.
type Transcript struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Date      string `json:"date"`
	SourceURL string `json:"source_url"`
	// Path is the file it was ingested from, as given to ingest.
	Path string `json:"path"`
	// Format is the detected format ("labelled", "webvtt", "srt", "html", ...).
	Format string `json:"format"`
	// TextHash identifies the transcript's normalised text, so a copy
	// published at two addresses is stored once.
	TextHash string `json:"text_hash"`
	// Speakers are the display names of everyone who speaks, in order of
	// first appearance.
	Speakers []string `json:"speakers"`
	Passages int      `json:"passages"`
}
