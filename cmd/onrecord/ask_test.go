package main

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/onrecord/onrecord/verify"
)

// The fields of ask --json and of each quote, as DESIGN.md lists them.
const (
	answerFields = "abstained,answer,question,quotes"
	quoteFields  = "asked_by,date,paragraphs,passage_id,question,score,source_url,speaker,text,transcript"
)

// askJSON runs ask --json over an empty data folder (so the built-in
// sample answers) and returns the raw object.
func askJSON(t *testing.T, question string, extra ...string) (map[string]json.RawMessage, result) {
	t.Helper()
	vars := map[string]string{"ONRECORD_DATA": t.TempDir()}
	args := append(append([]string{"ask", "--json"}, extra...), question)
	r := runCLI(t, context.Background(), vars, args...)
	if r.err != nil {
		t.Fatalf("ask %q: %v\n%s", question, r.err, r.stderr)
	}
	var obj map[string]json.RawMessage
	decodeJSON(t, r.stdout, &obj)
	return obj, r
}

// samplePassages is the text of every passage of the built-in sample, by id.
func samplePassages(t *testing.T) map[string]string {
	t.Helper()
	// passages --json lists a data folder's own passages, so store the
	// sample in one first.
	data := t.TempDir()
	vars := map[string]string{"ONRECORD_DATA": data}
	if r := runCLI(t, context.Background(), vars, "ingest", "--date", "2022-01-21", "sample/blinken-geneva-2022-01-21.txt"); r.err != nil {
		t.Fatalf("ingest the sample: %v\n%s", r.err, r.stderr)
	}
	var ps []struct {
		ID   string `json:"passage_id"`
		Text string `json:"text"`
	}
	decodeJSON(t, runCLI(t, context.Background(), vars, "passages", "--json").stdout, &ps)
	out := map[string]string{}
	for _, p := range ps {
		out[p.ID] = p.Text
	}
	return out
}

func TestAskJSONOnSample(t *testing.T) {
	passages := samplePassages(t)
	questions := []string{
		"What did Blinken say about Iran?",
		"Is Russia going to invade Ukraine?",
		"What did the Secretary say about Lavrov?",
	}
	for _, question := range questions {
		t.Run(question, func(t *testing.T) {
			obj, r := askJSON(t, question)
			if !strings.Contains(r.stderr, "built-in sample") {
				t.Errorf("stderr %q: want it to say the built-in sample answered", r.stderr)
			}
			if got := keys(obj); got != answerFields {
				t.Errorf("answer has fields %s, want exactly %s", got, answerFields)
			}
			var ans struct {
				Question  string `json:"question"`
				Abstained bool   `json:"abstained"`
				Quotes    []map[string]json.RawMessage
			}
			raw, _ := json.Marshal(obj)
			decodeJSON(t, string(raw), &ans)
			if ans.Question != question {
				t.Errorf("question %q, want %q", ans.Question, question)
			}
			if ans.Abstained || len(ans.Quotes) == 0 {
				t.Fatalf("abstained %v with %d quotes, want quotes", ans.Abstained, len(ans.Quotes))
			}
			for i, q := range ans.Quotes {
				if got := keys(q); got != quoteFields {
					t.Errorf("quote %d has fields %s, want exactly %s", i, got, quoteFields)
				}
				checkQuote(t, i, q, passages)
			}
		})
	}
}

// checkQuote checks one quote of ask --json: types of its fields, and that
// its text is verbatim in the passage it cites.
func checkQuote(t *testing.T, i int, raw map[string]json.RawMessage, passages map[string]string) {
	t.Helper()
	var q struct {
		Text       string   `json:"text"`
		Speaker    string   `json:"speaker"`
		AskedBy    *string  `json:"asked_by"`
		Question   string   `json:"question"`
		Transcript string   `json:"transcript"`
		Date       string   `json:"date"`
		SourceURL  string   `json:"source_url"`
		PassageID  string   `json:"passage_id"`
		Paragraphs []int    `json:"paragraphs"`
		Score      *float64 `json:"score"`
	}
	b, _ := json.Marshal(raw)
	if err := json.Unmarshal(b, &q); err != nil {
		t.Fatalf("quote %d: %v (asked_by must be null or a string, paragraphs numbers, score a number)", i, err)
	}
	if q.AskedBy != nil && *q.AskedBy == "" {
		t.Errorf("quote %d: asked_by is \"\", want null or a name", i)
	}
	if q.Speaker == "" || q.Transcript == "" || q.Date != "2022-01-21" || len(q.Paragraphs) == 0 || q.Score == nil {
		t.Errorf("quote %d: %+v: want speaker, transcript, date 2022-01-21, paragraphs and score", i, q)
	}
	text, ok := passages[q.PassageID]
	if !ok {
		t.Errorf("quote %d cites passage %q, which the sample does not have", i, q.PassageID)
		return
	}
	if !verify.Contains(text, q.Text) {
		t.Errorf("quote %d is not verbatim in passage %s:\nquote:   %s\npassage: %s", i, q.PassageID, q.Text, text)
	}
}

func TestAskAbstainsOffTopic(t *testing.T) {
	obj, _ := askJSON(t, "How do I bake sourdough bread?")
	var ans struct {
		Abstained bool              `json:"abstained"`
		Answer    string            `json:"answer"`
		Quotes    []json.RawMessage `json:"quotes"`
	}
	raw, _ := json.Marshal(obj)
	decodeJSON(t, string(raw), &ans)
	if !ans.Abstained {
		t.Errorf("abstained = false for a question the sample does not address")
	}
	if len(ans.Quotes) != 0 {
		t.Errorf("%d quotes for an abstention, want none (the closest passages go in closest)", len(ans.Quotes))
	}
	if ans.Answer == "" {
		t.Errorf("answer is empty; want it to say the transcripts do not address the question")
	}
	// An abstention may add "closest" (not an answer); nothing else.
	delete(obj, "closest")
	if got := keys(obj); got != answerFields {
		t.Errorf("answer has fields %s, want %s (and closest)", got, answerFields)
	}
}

func TestAskUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"no question", []string{"ask"}},
		{"blank question", []string{"ask", "  \t "}},
		{"blank question as JSON", []string{"ask", "--json", ""}},
		{"6,000 characters", []string{"ask", strings.Repeat("Iran sanctions ", 400)}},
		{"k out of range", []string{"ask", "--k", "0", "Iran"}},
		{"bad date", []string{"ask", "--since", "yesterday", "Iran"}},
		{"unknown flag", []string{"ask", "--nope", "Iran"}},
		{"unknown command", []string{"answer", "Iran"}},
		{"no command", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, context.Background(), map[string]string{"ONRECORD_DATA": t.TempDir()}, tt.args...)
			if !isUsage(r.err) {
				t.Errorf("err = %v, want a usage error (exit status 2)", r.err)
			}
			if r.stdout != "" {
				t.Errorf("stdout %q, want nothing", r.stdout)
			}
		})
	}
}

func TestVerifyJSONOnSample(t *testing.T) {
	tests := []struct {
		claim       string
		wantVerdict string
		wantSpeaker string
	}{
		{"We're not proceeding on the basis of emotion.", "verbatim", "Secretary Antony J. Blinken"},
		{"an example of how the United States and Russia can work together on security issues", "verbatim", "Secretary Antony J. Blinken"},
		{"We are not proceeding on the basis of emotions.", "close", "Secretary Antony J. Blinken"},
		{"The talks with Iran about a return to compliance with the JCPOA have reached a decisive moment.", "close", "Secretary Antony J. Blinken"},
		{"Sourdough bread needs a long cold proof overnight.", "not_found", ""},
	}
	want := "asked_by,claim,date,matched,paragraphs,passage_id,similarity,source_url,speaker,transcript,verdict"
	for _, tt := range tests {
		t.Run(tt.claim, func(t *testing.T) {
			r := runCLI(t, context.Background(), map[string]string{"ONRECORD_DATA": t.TempDir()}, "verify", "--json", tt.claim)
			if r.err != nil {
				t.Fatalf("verify: %v\n%s", r.err, r.stderr)
			}
			var obj map[string]json.RawMessage
			decodeJSON(t, r.stdout, &obj)
			delete(obj, "diff") // for people; optional
			if got := keys(obj); got != want {
				t.Errorf("verify --json has fields %s, want %s", got, want)
			}
			var res struct {
				Claim   string `json:"claim"`
				Verdict string `json:"verdict"`
				Speaker string `json:"speaker"`
				Matched string `json:"matched"`
			}
			decodeJSON(t, r.stdout, &res)
			if res.Claim != tt.claim || res.Verdict != tt.wantVerdict || res.Speaker != tt.wantSpeaker {
				t.Errorf("got claim %q verdict %q speaker %q, want %q %q %q", res.Claim, res.Verdict, res.Speaker, tt.claim, tt.wantVerdict, tt.wantSpeaker)
			}
			if (res.Matched == "") != (tt.wantVerdict == "not_found") {
				t.Errorf("matched %q with verdict %s", res.Matched, res.Verdict)
			}
		})
	}
	t.Run("no claim", func(t *testing.T) {
		r := runCLI(t, context.Background(), map[string]string{"ONRECORD_DATA": t.TempDir()}, "verify", "--json")
		if !isUsage(r.err) {
			t.Errorf("err = %v, want a usage error", r.err)
		}
	})
}

// TestAskSaysWhoseWordsTheyAreNot: asked what the moderator said, the sample
// answers with Secretary Blinken's words, and the reply says they are not
// the moderator's; the JSON keeps to its fields.
func TestAskSaysWhoseWordsTheyAreNot(t *testing.T) {
	const question = "What did Price say about Ukraine?"
	r := runCLI(t, context.Background(), map[string]string{"ONRECORD_DATA": t.TempDir()}, "ask", question)
	if r.err != nil {
		t.Fatalf("ask: %v\n%s", r.err, r.stderr)
	}
	if !strings.HasPrefix(r.stdout, "These quotes are not Mr Price's") || !strings.Contains(r.stdout, "— Secretary Antony J. Blinken") {
		t.Errorf("reply does not say the quotes are not Mr Price's:\n%s", r.stdout)
	}
	r = runCLI(t, context.Background(), map[string]string{"ONRECORD_DATA": t.TempDir()}, "ask", "What did Blinken say about Ukraine?")
	if strings.Contains(r.stdout, "These quotes are not") {
		t.Errorf("reply says the quotes are not Blinken's, though they are:\n%s", r.stdout)
	}
	obj, _ := askJSON(t, question)
	if got := keys(obj); got != answerFields {
		t.Errorf("answer has fields %s, want %s", got, answerFields)
	}
}

// Flags after the question are flags, not words of the question: "--k 1"
// at the end once became part of it and three quotes came back.
func TestAskFlagsAfterQuestion(t *testing.T) {
	obj, _ := askJSON(t, "What did Blinken say about Iran?", "--k", "1")
	var quotes []json.RawMessage
	if err := json.Unmarshal(obj["quotes"], &quotes); err != nil || len(quotes) != 1 {
		t.Fatalf("--k 1 before the question: %d quotes (%v)", len(quotes), err)
	}
	vars := map[string]string{"ONRECORD_DATA": t.TempDir()}
	r := runCLI(t, context.Background(), vars, "ask", "What did Blinken say about Iran?", "--json", "--k", "1")
	if r.err != nil {
		t.Fatalf("flags after the question: %v\n%s", r.err, r.stderr)
	}
	var after struct {
		Question string            `json:"question"`
		Quotes   []json.RawMessage `json:"quotes"`
	}
	decodeJSON(t, r.stdout, &after)
	if after.Question != "What did Blinken say about Iran?" || len(after.Quotes) != 1 {
		t.Errorf("flags after the question: question %q, %d quotes; want the question alone and 1 quote", after.Question, len(after.Quotes))
	}
	if r := runCLI(t, context.Background(), vars, "ask", "hello", "--k", "50"); !isUsage(r.err) {
		t.Errorf("--k 50 after the question: %v, want a usage error", r.err)
	}
	// After "--" everything is the question, dashes and all.
	r = runCLI(t, context.Background(), vars, "ask", "--json", "--", "What did Blinken say about Iran?", "--k")
	if r.err != nil {
		t.Fatalf("-- then the question: %v\n%s", r.err, r.stderr)
	}
	decodeJSON(t, r.stdout, &after)
	if after.Question != "What did Blinken say about Iran? --k" {
		t.Errorf("after --: question %q, want the words as given", after.Question)
	}
}

// Text no speaker said (prose with no labels, a press release pasted into
// a transcript) is never shown as a reporter's words, or anyone's.
func TestAskUnattributedText(t *testing.T) {
	data := t.TempDir()
	file := t.TempDir() + "/notice.txt"
	text := "The bridge on Main Street will reopen on Monday after three months of repairs by the county crews.\n"
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"ONRECORD_DATA": data}
	if r := runCLI(t, context.Background(), vars, "ingest", file); r.err != nil {
		t.Fatalf("ingest: %v\n%s", r.err, r.stderr)
	}
	for _, args := range [][]string{{"ask", "When will the bridge on Main Street reopen?"}, {"passages"}} {
		r := runCLI(t, context.Background(), vars, args...)
		if r.err != nil {
			t.Fatalf("%s: %v\n%s", args[0], r.err, r.stderr)
		}
		if !strings.Contains(r.stdout, "Main Street") {
			t.Fatalf("%s does not show the text:\n%s", args[0], r.stdout)
		}
		if strings.Contains(r.stdout, "reporter") || !strings.Contains(r.stdout, "no speaker named") {
			t.Errorf("%s shows unlabelled text as someone's words:\n%s", args[0], r.stdout)
		}
	}
}

// A date range that ends before it begins is a mistake in the command, and
// passages of a transcript that is not there are reported, not an empty
// list.
func TestFiltersThatCannotMatch(t *testing.T) {
	vars := map[string]string{"ONRECORD_DATA": t.TempDir()}
	if r := runCLI(t, context.Background(), vars, "ask", "--since", "2023-01-01", "--until", "2022-01-01", "Iran"); !isUsage(r.err) {
		t.Errorf("--since after --until: %v, want a usage error", r.err)
	}
	if r := runCLI(t, context.Background(), vars, "ingest", "--date", "2022-01-21", "sample/blinken-geneva-2022-01-21.txt"); r.err != nil {
		t.Fatalf("ingest the sample: %v\n%s", r.err, r.stderr)
	}
	r := runCLI(t, context.Background(), vars, "passages", "--transcript", "no such briefing")
	if r.err == nil || !strings.Contains(r.err.Error(), "no such briefing") {
		t.Errorf("passages of no transcript: %v, want an error naming the filter", r.err)
	}
	if r := runCLI(t, context.Background(), vars, "passages", "--transcript", "press availability"); r.err != nil || !strings.Contains(r.stdout, "Iran") {
		t.Errorf("passages of the sample by title words: %v", r.err)
	}
}
