package verify

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/onrecord/onrecord/ingest"
	"github.com/onrecord/onrecord/retrieval"
)

// handPassages is a small corpus written for the tests: two transcripts,
// the second repeating a sentence of the first.
func handPassages() []retrieval.Passage {
	type pp struct {
		turn, part    int
		speaker, kind string
		asked         string
		paras         []int
		text          string
	}
	geneva := []pp{
		{0, 0, "Secretary Antony J. Blinken", retrieval.KindStatement, "", []int{1, 2},
			"Good afternoon.  Foreign Minister Lavrov and I finished our meeting a short while ago.\n\n" +
				"We also know from experience that Russia has an extensive playbook of aggression short of military action, including cyber attacks."},
		{0, 1, "Secretary Antony J. Blinken", retrieval.KindStatement, "", []int{3},
			"That’s the clear message coming out of my meetings on Wednesday in Ukraine with President Zelenskyy."},
		{1, 0, "Mr Price", retrieval.KindStatement, "", []int{4}, "Michael Crowley."},
		{2, 0, "Michael Crowley", retrieval.KindQuestion, "", []int{5},
			"Thank you, Secretary Blinken.  After four fairly inconclusive meetings, does this process need to move to the presidential level for a breakthrough?"},
		{3, 0, "Secretary Antony J. Blinken", retrieval.KindAnswer, "Michael Crowley", []int{6},
			"First, we’re not proceeding on the basis of emotion.  We’re proceeding on the basis of facts and the “reciprocity” principle."},
		{4, 0, "", retrieval.KindQuestion, "", []int{7},
			"Is the sanctions package ready to go, and will it target the oligarchs directly?"},
		{5, 0, "Secretary Antony J. Blinken", retrieval.KindAnswer, "", []int{8},
			"The package is ready.  We have been working on it with allies for weeks and it is calibrated to the threat."},
	}
	later := []pp{
		{0, 0, "Secretary Antony J. Blinken", retrieval.KindStatement, "", []int{1},
			"Let me repeat what I said in Geneva: we’re not proceeding on the basis of emotion.  Diplomacy remains our preferred path."},
	}
	var out []retrieval.Passage
	add := func(tid, title, date string, ps []pp) {
		for _, p := range ps {
			out = append(out, retrieval.Passage{
				ID:           tid + "-" + string(rune('0'+p.turn)) + "-" + string(rune('0'+p.part)),
				TranscriptID: tid, Title: title, Date: date, SourceURL: "https://example.org/" + tid,
				Speaker: p.speaker, Kind: p.kind, AskedBy: p.asked, Turn: p.turn, Part: p.part,
				Paragraphs: p.paras, Text: p.text,
			})
		}
	}
	add("geneva", "Press Availability in Geneva", "2022-01-21", geneva)
	add("later", "Remarks to the Press", "2022-02-03", later)
	return out
}

func TestVerify(t *testing.T) {
	v := New(handPassages())
	long := strings.Repeat("Russia has an extensive playbook of aggression and a long history of it. ", 85)
	tests := []struct {
		name      string
		claim     string
		verdict   Verdict
		speaker   string
		askedBy   string // "" means nil
		matched   string // "" means not checked (unless verdict is not_found)
		passageID string
		paras     []int
	}{
		{name: "verbatim sentence", claim: "Russia has an extensive playbook of aggression short of military action",
			verdict: Verbatim, speaker: "Secretary Antony J. Blinken", passageID: "geneva-0-0", paras: []int{2},
			matched: "Russia has an extensive playbook of aggression short of military action"},
		{name: "fragment of a sentence", claim: "an extensive playbook of aggression",
			verdict: Verbatim, speaker: "Secretary Antony J. Blinken", matched: "an extensive playbook of aggression"},
		{name: "straight apostrophe against curly, answer has asked by", claim: "\"We're not proceeding on the basis of emotion.\"",
			verdict: Verbatim, speaker: "Secretary Antony J. Blinken", askedBy: "Michael Crowley", passageID: "geneva-3-0",
			matched: "we’re not proceeding on the basis of emotion"},
		{name: "curly quotes and apostrophes", claim: "“We’re proceeding on the basis of facts and the ‘reciprocity’ principle.”",
			verdict: Verbatim, speaker: "Secretary Antony J. Blinken", askedBy: "Michael Crowley",
			matched: "We’re proceeding on the basis of facts and the “reciprocity” principle"},
		{name: "ellipsis", claim: "Russia has an extensive playbook … including cyber attacks",
			verdict: Verbatim, speaker: "Secretary Antony J. Blinken",
			matched: "Russia has an extensive playbook … including cyber attacks"},
		{name: "three dots", claim: "\"Russia has an extensive playbook...including cyber attacks.\"",
			verdict: Verbatim, speaker: "Secretary Antony J. Blinken",
			matched: "Russia has an extensive playbook … including cyber attacks"},
		{name: "ellipsis fragments out of order", claim: "including cyber attacks … Russia has an extensive playbook",
			verdict: Close, speaker: "Secretary Antony J. Blinken"},
		{name: "across two parts of one turn", claim: "including cyber attacks. That's the clear message",
			verdict: Verbatim, speaker: "Secretary Antony J. Blinken", passageID: "geneva-0-0", paras: []int{2, 3}},
		{name: "close paraphrase", claim: "Russia has a large playbook of aggression that falls short of military action",
			verdict: Close, speaker: "Secretary Antony J. Blinken",
			matched: "Russia has an extensive playbook of aggression short of military action"},
		{name: "reporter's question", claim: "does this process need to move to the presidential level for a breakthrough",
			verdict: Verbatim, speaker: "Michael Crowley", passageID: "geneva-2-0"},
		{name: "unnamed reporter", claim: "will it target the oligarchs directly?",
			verdict: Verbatim, speaker: ""},
		{name: "spans two turns, larger share in the question", claim: "Is the sanctions package ready to go, and will it target the oligarchs directly? The package is ready.",
			verdict: Close, speaker: "", matched: "Is the sanctions package ready to go, and will it target the oligarchs directly"},
		{name: "spans two turns, larger share in the answer", claim: "directly? The package is ready.  We have been working on it with allies",
			verdict: Close, speaker: "Secretary Antony J. Blinken", matched: "The package is ready.  We have been working on it with allies"},
		{name: "spans two turns, shares too small", claim: "will it target the oligarchs directly? The package is ready.",
			verdict: NotFound},
		{name: "unrelated", claim: "Ukraine will join NATO next year.", verdict: NotFound},
		{name: "common words", claim: "The president said the economy is strong", verdict: NotFound},
		{name: "mid-word", claim: "aggress", verdict: NotFound},
		{name: "mid-word pair", claim: "ussia ha", verdict: NotFound},
		{name: "empty", claim: "", verdict: NotFound},
		{name: "only punctuation", claim: "“…”", verdict: NotFound},
		{name: "long claim", claim: long, verdict: NotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := v.Verify(context.Background(), tt.claim)
			if got.Verdict != tt.verdict {
				t.Fatalf("verdict = %q, want %q (matched %q, similarity %.2f)", got.Verdict, tt.verdict, got.Matched, got.Similarity)
			}
			if got.Claim != tt.claim {
				t.Errorf("claim = %q, want %q", got.Claim, tt.claim)
			}
			if got.Speaker != tt.speaker {
				t.Errorf("speaker = %q, want %q", got.Speaker, tt.speaker)
			}
			if gotAsked := deref(got.AskedBy); gotAsked != tt.askedBy {
				t.Errorf("asked by = %q, want %q", gotAsked, tt.askedBy)
			}
			if tt.matched != "" && !strings.EqualFold(got.Matched, tt.matched) {
				t.Errorf("matched = %q, want %q", got.Matched, tt.matched)
			}
			if tt.passageID != "" && got.PassageID != tt.passageID {
				t.Errorf("passage = %q, want %q", got.PassageID, tt.passageID)
			}
			if tt.paras != nil && !slices.Equal(got.Paragraphs, tt.paras) {
				t.Errorf("paragraphs = %v, want %v", got.Paragraphs, tt.paras)
			}
			checkInvariants(t, v, got)
		})
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// checkInvariants checks what holds for every result.
func checkInvariants(t *testing.T, v *Verifier, r Result) {
	t.Helper()
	switch r.Verdict {
	case NotFound:
		if r.Speaker != "" || r.AskedBy != nil || r.Matched != "" || r.PassageID != "" {
			t.Errorf("not_found with speaker %q, asked by %v, matched %q, passage %q", r.Speaker, r.AskedBy, r.Matched, r.PassageID)
		}
	case Verbatim, Close:
		if r.Matched == "" || r.PassageID == "" {
			t.Errorf("%s with matched %q, passage %q", r.Verdict, r.Matched, r.PassageID)
		}
		text := turnText(v, r.PassageID)
		if !Contains(text, r.Matched) {
			t.Errorf("matched %q is not in its turn %q", r.Matched, text)
		}
		if r.Verdict == Verbatim && !containsWords(v, text, cmp.Or(r.Quote, r.Claim)) {
			t.Errorf("verbatim claim %q: its words are not in its turn %q", r.Claim, text)
		}
	default:
		t.Errorf("verdict %q", r.Verdict)
	}
	if r.Similarity < 0 || r.Similarity > 1 {
		t.Errorf("similarity %v", r.Similarity)
	}
}

// turnText returns the text of the turn holding a passage.
func turnText(v *Verifier, passageID string) string {
	for _, t := range v.turns {
		for _, pi := range t.parts {
			if v.passages[pi].ID == passageID {
				return t.text
			}
		}
	}
	return ""
}

// containsWords is Contains with punctuation ignored: the claim's words
// (fragment by fragment) occur in the text's words.
func containsWords(v *Verifier, text, claim string) bool {
	words := func(s string) string {
		var out []string
		scanWords(s, nil, func(_, _ int, w []byte) { out = append(out, string(w)) })
		return strings.Join(out, " ")
	}
	var frags []string
	for _, f := range splitFragments(Normalize(claim)) {
		frags = append(frags, words(f))
	}
	return Contains(words(text), strings.Join(frags, " … "))
}

func TestVerifyRepeated(t *testing.T) {
	ps := handPassages()
	claim := "We're not proceeding on the basis of emotion."
	want := New(ps).Verify(context.Background(), claim)
	if want.Verdict != Verbatim || want.Date != "2022-01-21" {
		t.Fatalf("Verify = %s on %s, want verbatim on 2022-01-21 (the first time it was said)", want.Verdict, want.Date)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 5 {
		r.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
		got := New(ps).Verify(context.Background(), claim)
		if got.PassageID != want.PassageID {
			t.Errorf("shuffle %d: passage %q, want %q", i, got.PassageID, want.PassageID)
		}
	}
	all := New(ps).All(context.Background(), claim, 5)
	var ids []string
	for _, r := range all {
		ids = append(ids, r.PassageID)
		if r.Verdict != Verbatim {
			t.Errorf("All: %s at %s, want verbatim", r.Verdict, r.PassageID)
		}
	}
	if wantIDs := []string{"geneva-3-0", "later-0-0"}; !slices.Equal(ids, wantIDs) {
		t.Errorf("All = %v, want %v", ids, wantIDs)
	}
	if got := New(ps).All(context.Background(), claim, 1); len(got) != 1 {
		t.Errorf("All with max 1 returned %d results", len(got))
	}
	if got := New(ps).All(context.Background(), "Ukraine will join NATO next year.", 5); len(got) != 0 {
		t.Errorf("All for an unrelated claim returned %d results", len(got))
	}
}

func TestVerifyDiff(t *testing.T) {
	v := New(handPassages())
	got := v.Verify(context.Background(), "Russia has a large playbook of aggression that falls short of military action")
	want := []Edit{
		{Op: Same, Claim: "Russia has", Said: "Russia has"},
		{Op: Changed, Claim: "a large", Said: "an extensive"},
		{Op: Same, Claim: "playbook of aggression", Said: "playbook of aggression"},
		{Op: Added, Claim: "that falls"},
		{Op: Same, Claim: "short of military action", Said: "short of military action"},
	}
	if !slices.Equal(got.Diff, want) {
		t.Errorf("diff = %+v, want %+v", got.Diff, want)
	}
	if d := DiffText(got.Diff); d != "Russia has [-an extensive-]{+a large+} playbook of aggression {+that falls+} short of military action" {
		t.Errorf("DiffText = %q", d)
	}
	text := got.Text()
	for _, want := range []string{"close", "Secretary Antony J. Blinken", "Press Availability in Geneva (2022-01-21)", "[-an extensive-]{+a large+}", "Paragraph:  2"} {
		if !strings.Contains(text, want) {
			t.Errorf("Text() lacks %q:\n%s", want, text)
		}
	}
	nf := v.Verify(context.Background(), "Ukraine will join NATO next year.").Text()
	if !strings.Contains(nf, "not found") || strings.Contains(nf, "Speaker") {
		t.Errorf("not found Text():\n%s", nf)
	}
}

func TestVerifyNoPassages(t *testing.T) {
	got := New(nil).Verify(context.Background(), "anything at all")
	if got.Verdict != NotFound {
		t.Errorf("verdict = %q, want not_found", got.Verdict)
	}
}

// samplePassages parses the sample transcript with ingest.
func samplePassages(t testing.TB) []retrieval.Passage {
	t.Helper()
	data, err := os.ReadFile("testdata/blinken_geneva_2022-01-21.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ingest.Parse("blinken_geneva_2022-01-21.txt", data)
	if err != nil {
		t.Fatalf("parse sample: %v", err)
	}
	_, ps := ingest.Passages(doc)
	return ps
}

// TestVerifySample runs the project's eval cases (../shared/eval/seed).
func TestVerifySample(t *testing.T) {
	v := New(samplePassages(t))
	tests := []struct {
		claim   string
		verdict Verdict
		speaker string // a part of the speaker, case-insensitively
	}{
		{"We're not proceeding on the basis of emotion.", Verbatim, "blinken"},
		{"Russia has an extensive playbook of aggression short of military action", Verbatim, "blinken"},
		{"Russia has a large playbook of aggression that falls short of military action", Close, "blinken"},
		{"Ukraine will join NATO next year.", NotFound, ""},
		{"does this process need to move to the presidential level for a breakthrough", Verbatim, "crowley"},
		{"The president said the economy is strong", NotFound, ""},
		{"Does President Biden need to be speaking to President Putin … for progress really to be made here?", Verbatim, "crowley"},
		{"We are united in our commitment to find a way forward through diplomacy", Close, "blinken"},
	}
	for _, tt := range tests {
		t.Run(tt.claim, func(t *testing.T) {
			got := v.Verify(context.Background(), tt.claim)
			if got.Verdict != tt.verdict || !strings.Contains(strings.ToLower(got.Speaker), tt.speaker) {
				t.Errorf("Verify = %s/%q, want %s/%q (matched %q, similarity %.2f)", got.Verdict, got.Speaker, tt.verdict, tt.speaker, got.Matched, got.Similarity)
			}
			checkInvariants(t, v, got)
		})
	}
}

// TestVerifyLongClaims checks claims of thousands of characters: a whole
// turn of the sample is verbatim, the same with words changed is close.
func TestVerifyLongClaims(t *testing.T) {
	v := New(samplePassages(t))
	longest := ""
	for _, tt := range v.turns {
		if len(tt.text) > len(longest) {
			longest = tt.text
		}
	}
	if len(longest) < 4000 {
		t.Fatalf("longest turn has %d bytes, want a long one", len(longest))
	}
	changed := strings.Replace(strings.Replace(longest, "Russia", "Moscow", 3), "diplomacy", "talks", 2)
	tests := []struct {
		name    string
		claim   string
		verdict Verdict
	}{
		{"whole turn", longest, Verbatim},
		{"whole turn, words changed", changed, Close},
		{"6,000 characters of it", strings.Repeat(longest, 2)[:6000], Close},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := v.Verify(context.Background(), tt.claim)
			if got.Verdict != tt.verdict {
				t.Errorf("verdict = %s, want %s (similarity %.2f)", got.Verdict, tt.verdict, got.Similarity)
			}
			checkInvariants(t, v, got)
		})
	}
}

// TestVerifySampleSentences checks that every sentence of every passage of
// the sample, and a piece of it, is verbatim, said by that passage's turn.
func TestVerifySampleSentences(t *testing.T) {
	ps := samplePassages(t)
	v := New(ps)
	for _, p := range ps {
		for _, s := range retrieval.Sentences(p.Text) {
			sentence := p.Text[s.Start:s.End]
			words := strings.Fields(sentence)
			for _, claim := range []string{sentence, strings.Join(words[len(words)/3:max(len(words)/3+1, 2*len(words)/3)], " ")} {
				got := v.Verify(context.Background(), claim)
				if got.Verdict != Verbatim {
					if trimOuter(Normalize(claim)) == "" {
						continue
					}
					t.Errorf("%q: %s, want verbatim (matched %q)", claim, got.Verdict, got.Matched)
					continue
				}
				checkInvariants(t, v, got)
			}
		}
	}
}

// TestNewChunks builds the index in several chunks (over a few megabytes of
// copies of the sample) and checks every turn's word ids against its text.
func TestNewChunks(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	sample := samplePassages(t)
	var ps []retrieval.Passage
	for i := range 120 {
		for _, p := range sample {
			p.TranscriptID = fmt.Sprintf("copy%03d", i)
			p.ID = p.TranscriptID + p.ID
			ps = append(ps, p)
		}
	}
	v := New(ps)
	words := make([]string, len(v.vocab)+1)
	for w, id := range v.vocab {
		words[id] = w
	}
	for _, tt := range v.turns {
		var want []string
		scanWords(tt.text, nil, func(_, _ int, w []byte) { want = append(want, string(w)) })
		var got []string
		for _, id := range v.words[tt.start:tt.end] {
			got = append(got, words[id])
		}
		if !slices.Equal(got, want) || v.words[tt.end] != 0 {
			t.Fatalf("turn words = %.80q, want %.80q", got, want)
		}
	}
	for id := 1; id < len(words); id++ {
		for _, p := range v.post(uint32(id)) {
			if v.words[p] != uint32(id) {
				t.Fatalf("posting %d of %q holds %q", p, words[id], words[v.words[p]])
			}
		}
	}
	all := v.All(context.Background(), "Russia has an extensive playbook of aggression short of military action", 200)
	if len(all) != 120 {
		t.Errorf("All found %d copies, want 120", len(all))
	}
}

// TestVerifyEarliest checks that words said in many places are attributed
// to the first time they were said, whatever the order of the transcripts.
func TestVerifyEarliest(t *testing.T) {
	var ps []retrieval.Passage
	for i := range 40 {
		id := fmt.Sprintf("t%02d", i)
		ps = append(ps, retrieval.Passage{
			ID: id + "-0", TranscriptID: id, Title: "Briefing " + id, Date: fmt.Sprintf("2023-%02d-%02d", 12-i/4, 28-i%4),
			Speaker: "Speaker " + id, Kind: retrieval.KindStatement, Paragraphs: []int{1},
			Text: "Good afternoon.  I don’t have anything to share on that at this time.  Thanks.",
		})
	}
	v := New(ps)
	for _, claim := range []string{"I don't have anything to share on that", "I don’t have anything … at this time"} {
		got := v.Verify(context.Background(), claim)
		if got.Verdict != Verbatim || got.PassageID != "t39-0" || got.Date != "2023-03-25" {
			t.Errorf("%q: %s in %s on %s, want verbatim in t39-0 on 2023-03-25", claim, got.Verdict, got.PassageID, got.Date)
		}
		all := v.All(context.Background(), claim, 50)
		if len(all) != 40 {
			t.Errorf("%q: All found %d places, want 40", claim, len(all))
		}
		for i := 1; i < len(all); i++ {
			if all[i].Date < all[i-1].Date {
				t.Errorf("%q: All not in order of date: %s after %s", claim, all[i].Date, all[i-1].Date)
			}
		}
	}
}

// TestVerifyUnnamedReporter: words of a reporter the transcript does not
// name have no speaker in the JSON (as in ask --json: attribution is right
// or absent), and people are told it was an unnamed reporter.
func TestVerifyUnnamedReporter(t *testing.T) {
	v := New(handPassages())
	got := v.Verify(context.Background(), "will it target the oligarchs directly?")
	if got.Verdict != Verbatim {
		t.Fatalf("verdict = %q, want verbatim", got.Verdict)
	}
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	var obj map[string]any
	if err := json.Unmarshal(b, &obj); err != nil {
		t.Fatal(err)
	}
	if obj["speaker"] != "" {
		t.Errorf("JSON speaker = %v, want \"\"", obj["speaker"])
	}
	if _, ok := obj["role"]; ok {
		t.Errorf("JSON has a role field: %s", b)
	}
	if text := got.Text(); !strings.Contains(text, "Speaker:    an unnamed reporter") {
		t.Errorf("Text() does not say an unnamed reporter asked:\n%s", text)
	}
}
