package answer

import (
	"strings"
	"testing"

	"github.com/onrecord/onrecord/verify"
)

// FuzzParse feeds arbitrary model replies to the parser: it must never
// panic, and what it accepts has the fields it read.
func FuzzParse(f *testing.F) {
	f.Add(`{"sentences":[{"text":"T","passages":["P1"],"quote":"Q"}]}`)
	f.Fuzz(func(t *testing.T, content string) {
		drafts, err := parse(content)
		if err != nil && drafts != nil {
			t.Errorf("drafts %v with error %v", drafts, err)
		}
	})
}

// FuzzCheck feeds arbitrary model replies through parsing and the checks:
// whatever survives shows only quotations that are verbatim in a passage it
// cites, and paraphrase without quotation marks.
func FuzzCheck(f *testing.F) {
	f.Add(`{"sentences":[{"text":"Blinken said \"we’re not proceeding on the basis of emotion.\"","passages":["P3"],"quote":""}]}`)
	passages := samplePassages(f)
	byID := map[string]string{}
	for _, p := range passages {
		byID[p.ID] = p.Text
	}
	f.Fuzz(func(t *testing.T, content string) {
		drafts, err := parse(content)
		if err != nil {
			return
		}
		kept, dropped := check(drafts, passages)
		if len(kept)+dropped != len(drafts) {
			t.Fatalf("kept %d + dropped %d != %d drafts", len(kept), dropped, len(drafts))
		}
		for _, s := range kept {
			shown := s.render([]int{1})
			spans := quoteSpans(shown)
			if s.Kind == Paraphrase && (len(spans) > 0 || strings.ContainsAny(shown, "“”\"")) {
				t.Errorf("paraphrase shows a quotation: %q", shown)
			}
			for _, sp := range spans {
				ok := false
				for _, id := range s.PassageIDs {
					ok = ok || verify.Contains(byID[id], sp.inner)
				}
				if !ok {
					t.Errorf("%q shows %q, in none of %v", shown, sp.inner, s.PassageIDs)
				}
			}
		}
	})
}
