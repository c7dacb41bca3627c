package verify

import (
	"cmp"
	"context"
	"fmt"
	"testing"

	"github.com/onrecord/onrecord/retrieval"
)

// TestVerifyMatchedWhole checks that for claims close to what was said, the
// real words shown cover the whole stretch the claim stands for, where the
// claim's first or last words were said differently, and that the
// differences set them against the claim's.
func TestVerifyMatchedWhole(t *testing.T) {
	v := New(samplePassages(t))
	tests := []struct {
		name    string
		claim   string
		matched string
		diff    string
	}{
		{name: "last word changed",
			claim:   "It will be met with swift, severe, and a united response from the United States and our friends.",
			matched: "It will be met with swift, severe, and a united response from the United States and our partners and allies",
			diff:    "It will be met with swift severe and a united response from the United States and our [-partners and allies-]{+friends+}"},
		{name: "end paraphrased",
			claim:   "If a deal is not reached in the next few weeks, Iran's nuclear program will make a return impossible.",
			matched: "If a deal is not reached in the next few weeks, Iran’s ongoing nuclear advances will make it impossible to return to the JCPOA",
			diff:    "If a deal is not reached in the next few weeks Iran’s [-ongoing-] nuclear [-advances-]{+program+} will make [-it impossible to return to the JCPOA-]{+a return impossible+}"},
		{name: "first words said differently",
			claim:   "We are united in our commitment to finding a way forward through diplomacy, and in our resolve to impose massive consequences.",
			matched: "We’re united in our commitment to finding a way forward through diplomacy and dialogue, but equally in our resolve to impose massive consequences",
			diff:    "[-We’re-]{+We are+} united in our commitment to finding a way forward through diplomacy and [-dialogue but equally-] in our resolve to impose massive consequences"},
		{name: "number swapped, last word",
			claim:   "Russia's favorability ratings in Ukraine were 70 percent. Now they're 25 or 35.",
			matched: "Russia’s favorability ratings in Ukraine were 70 percent. Now they’re 25 or 30 percent",
			diff:    "Russia’s favorability ratings in Ukraine were 70 percent Now they’re 25 or [-30 percent-]{+35+}"},
		{name: "number swapped inside",
			claim:   "Russia invaded Ukraine in 2015, seizing Crimea, provoking an ongoing conflict in eastern Ukraine.",
			matched: "Russia invaded Ukraine in 2014, seizing Crimea, provoking an ongoing conflict in eastern Ukraine",
			diff:    "Russia invaded Ukraine in [-2014-]{+2015+} seizing Crimea provoking an ongoing conflict in eastern Ukraine"},
		{name: "clause dropped, two sentences, end condensed",
			claim:   "This was not a negotiation but an honest exchange of concerns and ideas. I made clear to Minister Lavrov that there are certain issues the United States will defend.",
			matched: "This was not a negotiation but a candid exchange of concerns and ideas. I made clear to Minister Lavrov that there are certain issues and fundamental principles that the United States and our partners and allies are committed to defend",
			diff:    "This was not a negotiation but [-a candid-]{+an honest+} exchange of concerns and ideas I made clear to Minister Lavrov that there are certain issues [-and fundamental principles that-] the United States [-and our partners and allies are committed to-]{+will+} defend"},
		{name: "end of a list replaced",
			claim:   "He heard from us that what is for us an inviolable rule: nothing about Ukraine without Ukraine, nothing about NATO without NATO, and so on.",
			matched: "he heard from us and from me that what is for us an inviolable rule: nothing about Ukraine without Ukraine, nothing about NATO without NATO, nothing about Europe without Europe",
			diff:    "he heard from us [-and from me-] that what is for us an inviolable rule nothing about Ukraine without Ukraine nothing about NATO without NATO [-nothing about Europe without Europe-]{+and so on+}"},
		{name: "words added after the sentence's end are not matched with the next",
			claim:   "Today's discussion was useful in that sense, and that's why we met, he said at length.",
			matched: "Today’s discussion was useful in that sense, and that’s precisely why we met",
			diff:    "Today’s discussion was useful in that sense and that’s [-precisely-] why we met {+he said at length+}"},
		{name: "first word changed",
			claim:   "So I will return to Washington tonight to consult with President Biden and our entire national security team.",
			matched: "So I’ll return to Washington this afternoon to consult with President Biden and our entire national security team",
			diff:    "So [-I’ll-]{+I will+} return to Washington [-this afternoon-]{+tonight+} to consult with President Biden and our entire national security team"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := v.Verify(context.Background(), tt.claim)
			if got.Verdict != Close {
				t.Fatalf("verdict = %s, want close (matched %q)", got.Verdict, got.Matched)
			}
			if got.Matched != tt.matched {
				t.Errorf("matched = %q, want %q", got.Matched, tt.matched)
			}
			if d := DiffText(got.Diff); d != tt.diff {
				t.Errorf("diff = %q, want %q", d, tt.diff)
			}
			checkInvariants(t, v, got)
			checkDiff(t, got)
		})
	}
}

// checkDiff checks that a result's differences hold every word of its
// claim and of its matched words, in order.
func checkDiff(t *testing.T, r Result) {
	t.Helper()
	var claim, said []string
	for _, e := range r.Diff {
		claim = append(claim, words(e.Claim)...)
		said = append(said, words(e.Said)...)
	}
	if got, want := join(claim), join(words(cmp.Or(r.Quote, r.Claim))); got != want {
		t.Errorf("diff's claim words = %q, want %q", got, want)
	}
	if got, want := join(said), join(words(r.Matched)); got != want {
		t.Errorf("diff's said words = %q, want %q", got, want)
	}
}

// words returns the normalised words of s.
func words(s string) []string {
	var out []string
	scanWords(s, nil, func(_, _ int, w []byte) { out = append(out, string(w)) })
	return out
}

func join(ws []string) string {
	out := ""
	for i, w := range ws {
		if i > 0 {
			out += " "
		}
		out += w
	}
	return out
}

func TestReach(t *testing.T) {
	// Sentences start at words 0, 5 and 9 of a turn of 40 words.
	bounds := make([]bool, 41)
	for _, b := range []int{0, 5, 9, 40} {
		bounds[b] = true
	}
	tests := []struct {
		name       string
		at, dir, n int
		want       int
	}{
		{"on to the sentence's end", 3, +1, 1, 5},
		{"on past it, nearest n words", 3, +1, 6, 9},
		{"at a boundary, one word stays", 5, +1, 1, 5},
		{"at a boundary, a whole sentence of about n words", 5, +1, 4, 9},
		{"back to the sentence's start", 7, -1, 1, 5},
		{"back to the turn's start", 2, -1, 2, 0},
		{"mid-sentence, its end too far: n words", 10, +1, 1, 11},
		{"on to the turn's end", 30, +1, 1, 40},
		{"never past the turn's end", 39, +1, 3, 40},
		{"at the turn's start, stays", 0, -1, 3, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := reach(bounds, tt.at, tt.dir, tt.n); got != tt.want {
				t.Errorf("reach(%d, %+d, %d) = %d, want %d", tt.at, tt.dir, tt.n, got, tt.want)
			}
		})
	}
}

// textPassages returns one answer by speaker per text, each its own turn of
// one transcript, for tests.
func textPassages(speaker string, texts ...string) []retrieval.Passage {
	var out []retrieval.Passage
	for i, text := range texts {
		out = append(out, retrieval.Passage{
			ID: fmt.Sprintf("t-%d-0", i), TranscriptID: "t", Title: "Press Briefing", Date: "2022-04-04",
			Speaker: speaker, Role: retrieval.RoleOfficial, Kind: retrieval.KindAnswer, Turn: i,
			Paragraphs: []int{i + 1}, Text: text,
		})
	}
	return out
}

// TestVerifyDiffFigures: figures are shown whole in the differences and in
// the words said, with their signs: "$22.5", never "22" and "5".
func TestVerifyDiffFigures(t *testing.T) {
	v := New(textPassages("Jen Psaki",
		"I would remind everyone that what we had requested was $22.5 billion, and we got 10% of it in the COVID-19 package."))
	tests := []struct {
		name, claim, verdict, matched, diff string
	}{
		{name: "figure changed", claim: "what we had requested was $25.5 billion",
			verdict: "close", matched: "what we had requested was $22.5 billion",
			diff: "what we had requested was [-$22.5-]{+$25.5+} billion"},
		{name: "first part of a figure changed", claim: "requested was $22.7 billion and we got 10% of it",
			verdict: "close", matched: "requested was $22.5 billion, and we got 10% of it",
			diff: "requested was [-$22.5-]{+$22.7+} billion and we got 10% of it"},
		{name: "per cent and compound", claim: "billion, and we got 20% of it in the COVID-19 package",
			verdict: "close", matched: "billion, and we got 10% of it in the COVID-19 package",
			diff: "billion and we got [-10%-]{+20%+} of it in the COVID-19 package"},
		{name: "figure said whole", claim: "requested was $22.5 billion",
			verdict: "verbatim", matched: "requested was $22.5 billion"},
		{name: "figure at the start, its sign shown", claim: "22.5 billion, and we got",
			verdict: "verbatim", matched: "$22.5 billion, and we got"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := v.Verify(context.Background(), tt.claim)
			if string(got.Verdict) != tt.verdict {
				t.Fatalf("verdict = %s, want %s (matched %q)", got.Verdict, tt.verdict, got.Matched)
			}
			if got.Matched != tt.matched {
				t.Errorf("matched = %q, want %q", got.Matched, tt.matched)
			}
			if d := DiffText(got.Diff); tt.diff != "" && d != tt.diff {
				t.Errorf("diff = %q, want %q", d, tt.diff)
			}
			checkInvariants(t, v, got)
			checkDiff(t, got)
		})
	}
}

// TestVerifyCorrections: a transcript corrected as "<s>negative</s>
// [positive]" says "positive"; a claim with the corrected words is
// verbatim, and the words shown are the transcript's, correction whole.
func TestVerifyCorrections(t *testing.T) {
	v := New(textPassages("Karine Jean-Pierre",
		"So, as you know, President Biden worked in isolation for five days after testing <s>negative</s> [positive]. As a result, the visit has been postponed.",
		"And the share of women business<s>es</s> owners is on the rise, with <s>40 million</s> new applications.",
		`We announced it on <s>Wednesday</s> \[Thursday\] with our partners.`))
	tests := []struct {
		name, claim, verdict, matched, diff string
	}{
		{name: "corrected words", claim: "President Biden worked in isolation for five days after testing positive",
			verdict: "verbatim", matched: "President Biden worked in isolation for five days after testing <s>negative</s> [positive]"},
		{name: "starts in the correction", claim: "positive. As a result, the visit has been postponed",
			verdict: "verbatim", matched: "[positive]. As a result, the visit has been postponed"},
		{name: "struck inside a word", claim: "the share of women business owners is on the rise",
			verdict: "verbatim", matched: "the share of women business<s>es</s> owners is on the rise"},
		{name: "struck without replacement", claim: "is on the rise, with new applications",
			verdict: "verbatim", matched: "is on the rise, with <s>40 million</s> new applications"},
		{name: "escaped brackets", claim: "We announced it on Thursday with our partners",
			verdict: "verbatim", matched: `We announced it on <s>Wednesday</s> \[Thursday\] with our partners`},
		{name: "the words struck out", claim: "President Biden worked in isolation for five days after testing negative",
			verdict: "close", matched: "President Biden worked in isolation for five days after testing <s>negative</s> [positive]",
			diff: "President Biden worked in isolation for five days after testing [-positive-]{+negative+}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := v.Verify(context.Background(), tt.claim)
			if string(got.Verdict) != tt.verdict {
				t.Fatalf("verdict = %s, want %s (matched %q, diff %q)", got.Verdict, tt.verdict, got.Matched, DiffText(got.Diff))
			}
			if got.Matched != tt.matched {
				t.Errorf("matched = %q, want %q", got.Matched, tt.matched)
			}
			if d := DiffText(got.Diff); tt.diff != "" && d != tt.diff {
				t.Errorf("diff = %q, want %q", d, tt.diff)
			}
			checkInvariants(t, v, got)
		})
	}
}

// TestVerifyContractions: a claim that differs from what was said only by
// contractions made or undone ("do not" for "don't") is close, not
// verbatim, ranks above weaker matches, and its differences show the change.
func TestVerifyContractions(t *testing.T) {
	ps := textPassages("Jake Sullivan",
		"But we have not begun an evacuation and do not have an intention to do so at this time.")
	ps = append(ps, textPassages("Jen Psaki",
		"We don’t have any intention to do that.",
		"That’s the clear message: we will not back down, and it is not over.",
		"We cannot say more today.")...)
	for i := range ps {
		ps[i].ID, ps[i].Turn = fmt.Sprintf("t-%d-0", i), i
	}
	v := New(ps)
	tests := []struct {
		name, claim, verdict, speaker, matched, diff string
	}{
		{name: "undone", claim: "We do not have any intention to do that",
			verdict: "close", speaker: "Jen Psaki", matched: "We don’t have any intention to do that",
			diff: "We [-don’t-]{+do not+} have any intention to do that"},
		{name: "made", claim: "That's the clear message: we won't back down, and it's not over.",
			verdict: "close", speaker: "Jen Psaki", matched: "That’s the clear message: we will not back down, and it is not over",
			diff: "That’s the clear message we [-will not-]{+won't+} back down and [-it is-]{+it's+} not over"},
		{name: "one word for another", claim: "We can't say more today",
			verdict: "close", speaker: "Jen Psaki", matched: "We cannot say more today",
			diff: "We [-cannot-]{+can't+} say more today"},
		{name: "as said", claim: "We don't have any intention to do that",
			verdict: "verbatim", speaker: "Jen Psaki", matched: "We don’t have any intention to do that"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := v.Verify(context.Background(), tt.claim)
			if string(got.Verdict) != tt.verdict || got.Speaker != tt.speaker {
				t.Fatalf("verdict = %s by %q, want %s by %q (matched %q, similarity %.2f)", got.Verdict, got.Speaker, tt.verdict, tt.speaker, got.Matched, got.Similarity)
			}
			if got.Matched != tt.matched {
				t.Errorf("matched = %q, want %q", got.Matched, tt.matched)
			}
			if d := DiffText(got.Diff); tt.diff != "" && d != tt.diff {
				t.Errorf("diff = %q, want %q", d, tt.diff)
			}
			if got.Verdict == Close && got.Similarity < 0.95 {
				t.Errorf("similarity = %.2f, want at least 0.95 for words that differ only by contractions", got.Similarity)
			}
			checkInvariants(t, v, got)
			checkDiff(t, got)
		})
	}
}
