package verify

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/onrecord/onrecord/retrieval"
)

// Text returns the Result as people read it: the claim, the verdict, the
// words really said with the differences marked, who said them, who asked,
// and where (transcript, date, paragraphs, source). In the differences,
// [-words-] were said but are not in the claim, {+words+} are in the claim
// but were not said, and [-said-]{+claimed+} were said differently.
func (r Result) Text() string {
	var b strings.Builder
	line := func(label, value string) {
		if value == "" {
			return
		}
		if label != "" {
			label += ":"
		}
		fmt.Fprintf(&b, "%-12s%s\n", label, value)
	}
	line("Claim", "“"+strings.TrimSpace(r.Claim)+"”")
	if r.Quote != "" {
		line("Checked", "“"+r.Quote+"” (attributed to "+r.AttributedTo+")")
	}
	not := ""
	if r.Misattributed {
		not = ", but not by " + r.AttributedTo + ": " + r.speakerText() + " said it"
	}
	switch r.Verdict {
	case Verbatim:
		line("Verdict", "verbatim: said word for word"+not)
	case Close:
		line("Verdict", fmt.Sprintf("close, not verbatim (similarity %.2f)", r.Similarity)+not)
	default:
		line("Verdict", "not found: nothing in the transcripts comes close")
		return b.String()
	}
	line("Said", "“"+r.Matched+"”")
	if r.Verdict == Close {
		line("Difference", DiffText(r.Diff))
		line("", "[-said, not in the claim-] {+in the claim, never said+}")
	}
	line("Speaker", r.speakerText())
	if r.AskedBy != nil {
		line("Asked by", *r.AskedBy)
	}
	where := r.Transcript
	if r.Date != "" {
		where += " (" + r.Date + ")"
	}
	line("Transcript", strings.TrimSpace(where))
	ps := make([]string, len(r.Paragraphs))
	for i, p := range r.Paragraphs {
		ps[i] = strconv.Itoa(p)
	}
	if len(ps) == 1 {
		line("Paragraph", ps[0])
	} else {
		line("Paragraphs", strings.Join(ps, ", "))
	}
	line("Source", r.SourceURL)
	line("Passage", r.PassageID)
	return b.String()
}

// speakerText names who said the matched words for people: the speaker,
// else "an unnamed reporter" for a reporter the transcript does not name,
// else "not named in the transcript".
func (r Result) speakerText() string {
	switch {
	case r.Speaker != "":
		return r.Speaker
	case r.Role == retrieval.RoleReporter:
		return "an unnamed reporter"
	}
	return "not named in the transcript"
}

// WriteText writes r.Text() to w.
func WriteText(w io.Writer, r Result) error {
	if _, err := io.WriteString(w, r.Text()); err != nil {
		return fmt.Errorf("write verdict: %w", err)
	}
	return nil
}

// DiffText renders edits on one line: same words as said, [-words-] said
// but left out of the claim, {+words+} claimed but never said,
// [-said-]{+claimed+} said differently.
func DiffText(edits []Edit) string {
	var parts []string
	for _, e := range edits {
		switch e.Op {
		case Same:
			parts = append(parts, e.Said)
		case Missing:
			parts = append(parts, "[-"+e.Said+"-]")
		case Added:
			parts = append(parts, "{+"+e.Claim+"+}")
		case Changed:
			parts = append(parts, "[-"+e.Said+"-]{+"+e.Claim+"+}")
		}
	}
	return strings.Join(parts, " ")
}
