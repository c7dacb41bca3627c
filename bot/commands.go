package bot

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Limits on what users type, so a reply always fits a message.
const (
	maxQuestion = 500 // characters of a question, query or claim
	maxFilter   = 100 // characters of a speaker or transcript filter
)

// commandNames are the slash commands Commands defines.
var commandNames = []string{"ask", "quote", "verify", "context", "speakers", "transcripts"}

// Commands returns the slash commands the bot answers, for
// ApplicationCommandBulkOverwrite. Run registers them itself; in serve mode
// cmd calls Bot.Register.
func Commands() []*discordgo.ApplicationCommand {
	dm := true
	str := func(name, desc string, required, auto bool, maxLen int) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{
			Type: discordgo.ApplicationCommandOptionString, Name: name, Description: desc,
			Required: required, Autocomplete: auto, MaxLength: maxLen,
		}
	}
	speaker := func() *discordgo.ApplicationCommandOption {
		return str("speaker", "Only quotes by this speaker", false, true, maxFilter)
	}
	transcript := func() *discordgo.ApplicationCommandOption {
		return str("transcript", "Only this transcript", false, true, maxFilter)
	}
	public := &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionBoolean, Name: "public",
		Description: "Post the answer for everyone (default: only you see it)",
	}
	return []*discordgo.ApplicationCommand{
		{
			Name: "ask", Description: "Ask what was said; get verbatim, attributed quotes", DMPermission: &dm,
			Options: []*discordgo.ApplicationCommandOption{
				str("question", "Your question, e.g. what did the Secretary say about NATO?", true, false, 0),
				speaker(), transcript(), public,
			},
		},
		{
			Name: "quote", Description: "Find quotes containing these words", DMPermission: &dm,
			Options: []*discordgo.ApplicationCommandOption{
				str("query", "Words to look for", true, false, 0),
				speaker(), transcript(),
			},
		},
		{
			Name: "verify", Description: "Check whether a quote was really said, and by whom", DMPermission: &dm,
			Options: []*discordgo.ApplicationCommandOption{
				str("claim", "The quote to check", true, false, 0),
			},
		},
		{
			Name: "context", Description: "Show a passage with what was said around it", DMPermission: &dm,
			Options: []*discordgo.ApplicationCommandOption{
				str("passage", "The passage id (from a quote's Context button or --json output)", true, false, maxCustomID),
			},
		},
		{
			Name: "speakers", Description: "List who speaks in the transcripts", DMPermission: &dm,
			Options: []*discordgo.ApplicationCommandOption{transcript()},
		},
		{
			Name: "transcripts", Description: "List the transcripts I can quote from", DMPermission: &dm,
		},
	}
}

// opts reads a command's options by name.
type opts map[string]*discordgo.ApplicationCommandInteractionDataOption

func options(list []*discordgo.ApplicationCommandInteractionDataOption) opts {
	o := opts{}
	for _, op := range list {
		if op != nil {
			o[op.Name] = op
		}
	}
	return o
}

// str is a string option's value, "" when absent or of another type.
func (o opts) str(name string) string {
	op, ok := o[name]
	if !ok {
		return ""
	}
	s, _ := op.Value.(string)
	return s
}

// boolean is a boolean option's value, false when absent.
func (o opts) boolean(name string) bool {
	op, ok := o[name]
	if !ok {
		return false
	}
	v, _ := op.Value.(bool)
	return v
}

// focused is the option the user is typing in, for autocomplete.
func (o opts) focused() *discordgo.ApplicationCommandInteractionDataOption {
	for _, op := range o {
		if op.Focused {
			return op
		}
	}
	return nil
}

// Modes of a query, as its reply's header names them.
const (
	modeAsk   = "a"
	modeQuote = "q"
)

// query is what /ask and /quote look for. Its header in the reply's
// content is how "More quotes" finds it again without any state.
type query struct {
	mode       string
	question   string
	speaker    string
	transcript string
}

// invalid returns a kind message when the query cannot be asked, else "".
func (q *query) invalid() string {
	clean := func(s string) string { return strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ") }
	q.question, q.speaker, q.transcript = clean(q.question), clean(q.speaker), clean(q.transcript)
	example := "`/ask question: What did the Secretary say about NATO?`"
	what := "question"
	if q.mode == modeQuote {
		example, what = "`/quote query: diplomacy and dialogue`", "few words"
	}
	if msg := invalidText(q.question, what, example); msg != "" {
		return msg
	}
	if utf8.RuneCountInString(q.speaker) > maxFilter || utf8.RuneCountInString(q.transcript) > maxFilter {
		return fmt.Sprintf("The speaker and transcript filters can be at most %d characters. Pick one from the suggestions as you type.", maxFilter)
	}
	return ""
}

// invalidText returns a kind message for empty or overlong text, else "".
func invalidText(s, what, example string) string {
	switch n := utf8.RuneCountInString(strings.TrimSpace(s)); {
	case n == 0:
		return fmt.Sprintf("Please include a %s, for example %s", what, example)
	case n > maxQuestion:
		return fmt.Sprintf("That's %d characters; please keep it under %d so I can quote precisely. Try the key words of your %s.", n, maxQuestion, what)
	}
	return ""
}

// Labels of a reply's header lines.
const (
	labelQuestion   = "**Question:** "
	labelSearch     = "**Quote search:** "
	labelSpeaker    = "**Speaker:** "
	labelTranscript = "**Transcript:** "
)

// header renders the query at the top of its reply, escaped so the user's
// words render literally.
func (q query) header() string {
	label := labelQuestion
	if q.mode == modeQuote {
		label = labelSearch
	}
	lines := []string{label + escapeMarkdown(q.question)}
	if q.speaker != "" {
		lines = append(lines, labelSpeaker+escapeMarkdown(q.speaker))
	}
	if q.transcript != "" {
		lines = append(lines, labelTranscript+escapeMarkdown(q.transcript))
	}
	return strings.Join(lines, "\n")
}

// parseHeader reads a query back from a reply's content.
func parseHeader(content string) (query, bool) {
	var q query
	for _, line := range strings.Split(content, "\n") {
		switch {
		case strings.HasPrefix(line, labelQuestion) && q.mode == "":
			q.mode, q.question = modeAsk, unescapeMarkdown(strings.TrimPrefix(line, labelQuestion))
		case strings.HasPrefix(line, labelSearch) && q.mode == "":
			q.mode, q.question = modeQuote, unescapeMarkdown(strings.TrimPrefix(line, labelSearch))
		case strings.HasPrefix(line, labelSpeaker):
			q.speaker = unescapeMarkdown(strings.TrimPrefix(line, labelSpeaker))
		case strings.HasPrefix(line, labelTranscript):
			q.transcript = unescapeMarkdown(strings.TrimPrefix(line, labelTranscript))
		}
	}
	return q, q.mode != "" && q.question != ""
}

// hash identifies the query in custom ids, so a button is only honoured
// for the query its message shows.
func (q query) hash() string {
	h := fnv.New64a()
	for _, s := range []string{q.mode, q.question, q.speaker, q.transcript} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return fmt.Sprintf("%016x", h.Sum64())
}

// perPage is how many quotes one reply shows.
func (q query) perPage() int {
	if q.mode == modeQuote {
		return 5
	}
	return 3
}

// autocomplete suggests speakers and transcripts matching what the user
// has typed, at most 25.
func (b *Bot) autocomplete(i *discordgo.Interaction) *discordgo.InteractionResponse {
	resp := &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}},
	}
	data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
	if !ok || !b.allowed(i.GuildID, i.ChannelID) {
		return resp
	}
	o := options(data.Options)
	f := o.focused()
	if f == nil {
		return resp
	}
	typed, _ := f.Value.(string)
	typed = strings.ToLower(strings.TrimSpace(typed))
	var cands []choice
	switch f.Name {
	case "speaker":
		cands = b.speakerChoices(o.str("transcript"))
	case "transcript":
		cands = b.transcriptChoices()
	}
	resp.Data.Choices = matchChoices(cands, typed)
	return resp
}

// choice is a candidate for autocomplete: what is shown and what is sent.
type choice struct{ name, value string }

// matchChoices keeps the candidates whose name or value contains typed,
// those starting with it first, at most 25, each within Discord's limits.
func matchChoices(cands []choice, typed string) []*discordgo.ApplicationCommandOptionChoice {
	type scored struct {
		c    choice
		rank int
	}
	var keep []scored
	for idx, c := range cands {
		if c.value == "" || utf8.RuneCountInString(c.value) > maxChoiceLen {
			continue
		}
		name, value := strings.ToLower(c.name), strings.ToLower(c.value)
		rank := -1
		switch {
		case typed == "":
			rank = idx
		case strings.HasPrefix(name, typed) || strings.HasPrefix(value, typed):
			rank = idx
		case strings.Contains(name, " "+typed):
			rank = len(cands) + idx
		case strings.Contains(name, typed) || strings.Contains(value, typed):
			rank = 2*len(cands) + idx
		}
		if rank >= 0 {
			keep = append(keep, scored{c, rank})
		}
	}
	slices.SortStableFunc(keep, func(a, b scored) int { return cmp.Compare(a.rank, b.rank) })
	out := []*discordgo.ApplicationCommandOptionChoice{}
	for _, s := range keep {
		if len(out) == maxChoices {
			break
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: shortName(s.c.name), Value: s.c.value})
	}
	return out
}

// shortName fits a choice's name in 100 characters.
func shortName(s string) string {
	if utf8.RuneCountInString(s) <= maxChoiceLen {
		return s
	}
	return string([]rune(s)[:maxChoiceLen-1]) + "…"
}

// speakerChoices are the speakers of the transcripts matching filter (all
// when ""), most frequent first.
func (b *Bot) speakerChoices(filter string) []choice {
	count := map[string]int{}
	var order []string
	for _, t := range b.matchTranscripts(filter) {
		for _, s := range t.Speakers {
			s = strings.TrimSpace(s)
			if s == "" {
				continue
			}
			if count[s] == 0 {
				order = append(order, s)
			}
			count[s]++
		}
	}
	slices.SortStableFunc(order, func(a, b string) int { return cmp.Compare(count[b], count[a]) })
	out := make([]choice, len(order))
	for i, s := range order {
		out[i] = choice{s, s}
	}
	return out
}

// transcriptChoices are the transcripts, newest first, sent by id.
func (b *Bot) transcriptChoices() []choice {
	ts := b.sortedTranscripts()
	out := make([]choice, 0, len(ts))
	for _, t := range ts {
		name := t.Title
		if name == "" {
			name = t.ID
		}
		if t.Date != "" {
			name += " (" + t.Date + ")"
		}
		out = append(out, choice{name, t.ID})
	}
	return out
}
