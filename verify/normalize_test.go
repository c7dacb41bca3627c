package verify

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"case and trim", "  Good Afternoon.  ", "good afternoon."},
		{"curly apostrophe", "We’re here", "we're here"},
		{"curly quotes", "“hysterical rhetoric”", `"hysterical rhetoric"`},
		{"single curly quotes", "‘yes’", "'yes'"},
		{"dashes", "a – b — c ‒ d ― e", "a - b - c - d - e"},
		{"nbsp and runs", "MR PRICE:\u00a0 Andrea\t\n\nMitchell.", "mr price: andrea mitchell."},
		{"markdown escapes", `\[senior administration official\] \_x\_`, "[senior administration official] _x_"},
		{"markdown emphasis", "**Q** it's *very* clear", "q it's very clear"},
		{"escaped star dropped too", `5 \* 3`, "5 3"},
		{"zero width", "a\u200bb\ufeff", "ab"},
		{"accents lower", "FERNÁNDEZ", "fernández"},
		{"invalid utf8", "a\xffb", "a\ufffdb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

const containsText = "We’ve been clear:  If any Russian military forces move across Ukraine’s border, that’s a renewed invasion.  " +
	"It will be met with swift, severe, and a united response from the United States and our partners and allies.\n\n" +
	"We also know from experience that Russia has an extensive playbook of aggression short of military action, " +
	"including cyber attacks, paramilitary tactics, and other means – \\[inaudible\\] – of advancing their interests."

func TestContains(t *testing.T) {
	tests := []struct {
		name, text, quote string
		want              bool
	}{
		{"exact", containsText, "Russia has an extensive playbook of aggression short of military action", true},
		{"outer quotes and period", containsText, "“Russia has an extensive playbook of aggression short of military action.”", true},
		{"straight apostrophe against curly", containsText, "We've been clear", true},
		{"curly apostrophe", containsText, "We’ve been clear", true},
		{"straight quotes", containsText, `"that's a renewed invasion."`, true},
		{"case", containsText, "RUSSIA HAS AN EXTENSIVE PLAYBOOK", true},
		{"across paragraphs", containsText, "and allies. We also know", true},
		{"nbsp in quote", containsText, "clear:\u00a0If any", true},
		{"dash kinds", containsText, "other means — [inaudible] — of advancing", true},
		{"ellipsis", containsText, "Russia has an extensive playbook … including cyber attacks", true},
		{"three dots", containsText, "Russia has an extensive playbook...including cyber attacks", true},
		{"ellipsis at ends", containsText, "…playbook of aggression…", true},
		{"ellipsis out of order", containsText, "including cyber attacks … Russia has an extensive playbook", false},
		{"ellipsis repeated fragment needs two places", containsText, "united … united", true},
		{"words changed", containsText, "Russia has a large playbook of aggression", false},
		{"inner punctuation differs", containsText, "Russia has an extensive playbook, of aggression", false},
		{"mid-word start", containsText, "ussia has", false},
		{"mid-word end", containsText, "Russia ha", false},
		{"contraction cut", "We’ve been clear", "We", false},
		{"possessive cut", containsText, "across Ukraine", false},
		{"hyphenated part", "the U.S.-Russia dialogue", "Russia dialogue", true},
		{"empty quote", containsText, "", false},
		{"only punctuation", containsText, "“…”", false},
		{"empty text", "", "anything", false},
		{"fragment too far", "alpha " + strings.Repeat("word ", 130) + "omega", "alpha … omega", false},
		{"fragment near", "alpha " + strings.Repeat("word ", 100) + "omega", "alpha … omega", true},
		{"later first fragment is near", "alpha " + strings.Repeat("word ", 130) + "alpha beta omega", "alpha … omega", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Contains(tt.text, tt.quote)
			if got != tt.want {
				t.Errorf("Contains(_, %q) = %v, want %v", tt.quote, got, tt.want)
			}
		})
	}
}

func FuzzContains(f *testing.F) {
	f.Add(containsText, "Russia has an extensive playbook", 3, 40)
	f.Add("We’re not proceeding … on the basis", "we're not … basis", 0, 10)
	f.Add("a\u00a0b—c", "B-C", 1, 5)
	f.Fuzz(func(t *testing.T, text, quote string, from, length int) {
		_ = Contains(text, quote) // must not panic
		// Any piece of the normalised text cut at word boundaries is
		// contained in it.
		nt := Normalize(text)
		words := strings.Split(nt, " ")
		if nt == "" || from < 0 || length <= 0 || from >= len(words) {
			return
		}
		piece := strings.Join(words[from:min(len(words), from+length)], " ")
		if !utf8.ValidString(piece) || trimOuter(piece) == "" || strings.Contains(piece, "...") || strings.Contains(piece, "…") ||
			strings.Contains(piece, ". . .") || strings.ContainsRune(piece, '\\') {
			return
		}
		if !Contains(text, piece) {
			t.Errorf("Contains(%q, %q) = false for a piece of the text", text, piece)
		}
	})
}
