package answer

import (
	"testing"

	"github.com/onrecord/onrecord/verify"
)

// BenchmarkCheck measures parsing and checking a typical reply of four
// sentences against five passages. The baseline is what any check must do
// at least: verify.Contains for each quotation against the passages it
// cites. Report check/baseline as a ratio.
func BenchmarkCheck(b *testing.B) {
	passages := samplePassages(b)
	content := sentencesJSON(
		sent("Blinken said any Russian military move across Ukraine’s border would be “met with swift, severe, and a united response from the United States and our partners and allies.”", "", "P1"),
		sent("He said Russia has amassed 100,000 troops on Ukraine’s border, including forces deployed to Belarus.", "", "P3"),
		sent("Asked by Andrea Mitchell, the Secretary said “we’re not proceeding on the basis of emotion.”", "", "P3"),
		sent("Blinken said “we will invade”.", "we will invade", "P5"),
	)
	quotes := []struct {
		text string
		p    int
	}{
		{"met with swift, severe, and a united response from the United States and our partners and allies.", 0},
		{"we’re not proceeding on the basis of emotion.", 2},
		{"we will invade", 4},
	}
	b.Run("baseline=contains", func(b *testing.B) {
		for b.Loop() {
			for _, q := range quotes {
				verify.Contains(passages[q.p].Text, q.text)
			}
		}
	})
	b.Run("parse+check", func(b *testing.B) {
		for b.Loop() {
			drafts, err := parse(content)
			if err != nil {
				b.Fatal(err)
			}
			check(drafts, passages)
		}
	})
}
