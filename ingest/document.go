// Package ingest turns transcript files into speakers' turns, ties every
// answer to the question and the reporter it answers, and cuts the passages
// that retrieval stores and quotes.
package ingest

// Document is a parsed transcript: its metadata and its speakers' turns, in
// order. Format parsers fill Title, Date, SourceURL (when the file says),
// Format and the Turns' Label and Paragraphs; Parse then cleans the turns,
// assigns roles and display names, and attributes exchanges.
type Document struct {
	Title     string
	Date      string // YYYY-MM-DD, or ""
	SourceURL string
	// Format is the detected format: "labelled", "markdown", "hearing",
	// "webvtt", "srt", "export", "html".
	Format string
	Turns  []Turn
	// Dropped is text that is not part of the event (a web page's author
	// bio, "Latest articles", "END", "# # #"): kept out of every turn and
	// reported, never quoted.
	Dropped []string
	// Warnings are things a user should know about the file ("no speakers
	// recognised: ingested as one unknown speaker").
	Warnings []string

	// header is the text before the first turn (title lines, "Antony J.
	// Blinken, Secretary of State"), where officials' full names are found.
	header []string
}

// Turn is one speaker's uninterrupted words.
type Turn struct {
	// Label is the raw label as the file has it ("SECRETARY BLINKEN",
	// "QUESTION", "Q", "Mr. Shays"), "" when the file names no speaker.
	Label string
	// Speaker is the display name: the fullest form of the name the
	// transcript itself gives ("Secretary Antony J. Blinken"), never an
	// invented one. For a reporter it is their name when the moderator's
	// call or the answer's salutation gives it, else "".
	Speaker string
	// Office is the speaker's office as the transcript's title or header
	// gives it ("Secretary of Housing and Urban Development"), or "".
	Office string
	// Role is one of retrieval.RoleOfficial, RoleModerator, RoleReporter,
	// RoleUnknown.
	Role string
	// Paragraphs are the turn's paragraphs, white space normalised, stage
	// directions such as "(Laughter.)" kept as text.
	Paragraphs []string
	// Exchange is the index of the question-and-answer exchange the turn
	// belongs to, -1 before the first question (opening statements).
	Exchange int
	// AskedBy is, for an answer, the reporter who asked ("" if not named).
	AskedBy string
	// Question is, for an answer, the text of the question(s) it answers.
	Question string
}
