package verify

import (
	"context"
	"strings"
	"testing"
)

func TestSplitAttribution(t *testing.T) {
	tests := []struct {
		claim, quote, source string
	}{
		{`Psaki said: "We don't have any intention to do that."`, `We don't have any intention to do that.`, "Psaki"},
		{`We are providing a billion dollars in security assistance, Psaki said Thursday.`, `We are providing a billion dollars in security assistance`, "Psaki"},
		{`"We are providing a billion dollars," said Jen Psaki.`, `We are providing a billion dollars`, "Jen Psaki"},
		{`“We are providing a billion dollars.” — Jen Psaki`, `We are providing a billion dollars.`, "Jen Psaki"},
		{`Press Secretary Jen Psaki said on March 10 that we are providing a billion dollars.`, `we are providing a billion dollars.`, "Press Secretary Jen Psaki"},
		{`According to Kirby, the strike was a mistake.`, `the strike was a mistake.`, "Kirby"},
		{`The strike was a mistake, he told reporters at a briefing.`, `The strike was a mistake`, "he"},
		{`The strike was a mistake (John Kirby)`, `The strike was a mistake`, "John Kirby"},
		{`We will do it, as I said.`, `We will do it, as I said.`, ""},
		{`We said that we would do it.`, `We said that we would do it.`, ""},
		{`"It is done, Kirby said" is not what she said`, `"It is done, Kirby said" is not what she said`, ""},
		{`The strike was a mistake`, `The strike was a mistake`, ""},
		{`Psaki said:`, `Psaki said:`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.claim, func(t *testing.T) {
			quote, source := splitAttribution(tt.claim)
			if quote != tt.quote || source != tt.source {
				t.Errorf("splitAttribution = %q, %q; want %q, %q", quote, source, tt.quote, tt.source)
			}
		})
	}
}

// TestVerifyAttributed: a quote pasted with its attribution is found, and
// the name is checked against who said it.
func TestVerifyAttributed(t *testing.T) {
	ps := handPassages()
	// Mr Price says, later, what Blinken said first.
	ps = append(ps, textPassages("Mr Price", "As the Secretary said, we’re not proceeding on the basis of emotion.")...)
	ps[len(ps)-1].TranscriptID, ps[len(ps)-1].ID, ps[len(ps)-1].Date = "price", "price-0-0", "2022-03-01"
	v := New(ps)
	tests := []struct {
		name, claim, verdict, speaker string
		misattributed                 bool
		text                          string // in Text()
	}{
		{name: "leading", claim: `Blinken said: "We're not proceeding on the basis of emotion."`,
			verdict: "verbatim", speaker: "Secretary Antony J. Blinken"},
		{name: "trailing", claim: `"Russia has an extensive playbook of aggression short of military action," Secretary Blinken said Thursday.`,
			verdict: "verbatim", speaker: "Secretary Antony J. Blinken"},
		{name: "signed", claim: `“Russia has an extensive playbook of aggression short of military action.” — Antony Blinken`,
			verdict: "verbatim", speaker: "Secretary Antony J. Blinken"},
		{name: "the named speaker's place is preferred", claim: `We're not proceeding on the basis of emotion, Price said on Friday.`,
			verdict: "verbatim", speaker: "Mr Price"},
		{name: "wrong speaker", claim: `Crowley said: "Russia has an extensive playbook of aggression short of military action."`,
			verdict: "verbatim", speaker: "Secretary Antony J. Blinken", misattributed: true,
			text: "verbatim: said word for word, but not by Crowley: Secretary Antony J. Blinken said it"},
		{name: "wrong speaker, unnamed reporter", claim: `"Will it target the oligarchs directly?" — Blinken`,
			verdict: "verbatim", speaker: "", misattributed: true, text: "but not by Blinken: an unnamed reporter said it"},
		{name: "a reporter named", claim: `According to Crowley, does this process need to move to the presidential level for a breakthrough`,
			verdict: "verbatim", speaker: "Michael Crowley"},
		{name: "close, wrong speaker", claim: `Russia has a large playbook of aggression that falls short of military action, Crowley said.`,
			verdict: "close", speaker: "Secretary Antony J. Blinken", misattributed: true},
		{name: "not said", claim: `Blinken said: "Ukraine will join NATO next year."`, verdict: "not_found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := v.Verify(context.Background(), tt.claim)
			if string(got.Verdict) != tt.verdict || got.Speaker != tt.speaker || got.Misattributed != tt.misattributed {
				t.Fatalf("Verify = %s by %q (misattributed %v), want %s by %q (misattributed %v); matched %q",
					got.Verdict, got.Speaker, got.Misattributed, tt.verdict, tt.speaker, tt.misattributed, got.Matched)
			}
			if got.Claim != tt.claim || got.Quote == "" || got.AttributedTo == "" {
				t.Errorf("claim %q, quote %q, attributed to %q", got.Claim, got.Quote, got.AttributedTo)
			}
			if text := got.Text(); tt.text != "" && !strings.Contains(text, tt.text) {
				t.Errorf("Text() lacks %q:\n%s", tt.text, text)
			}
			checkInvariants(t, v, got)
		})
	}
	for _, r := range v.All(context.Background(), `Price said: "we're not proceeding on the basis of emotion"`, 5) {
		if want := r.Speaker != "Mr Price"; r.Misattributed != want {
			t.Errorf("All: %s misattributed %v, want %v", r.Speaker, r.Misattributed, want)
		}
	}
}

func TestTooShort(t *testing.T) {
	tests := []struct {
		claim string
		want  bool
	}{
		{"the", true},
		{"", true},
		{"We are", true},
		{"the president", true},
		{`Psaki said: "the economy"`, true},
		{"Mission accomplished", false},
		{"We don't have any intention to do that", false},
		{"$25.5 billion", false},
		{`Psaki said: "no intention"`, false},
	}
	for _, tt := range tests {
		if got := TooShort(tt.claim); got != tt.want {
			t.Errorf("TooShort(%q) = %v, want %v", tt.claim, got, tt.want)
		}
	}
}
