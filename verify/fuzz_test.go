package verify

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzVerify checks, for any claim, that Verify does not panic, that its
// verdict is one of the three, that Matched is set exactly when something
// was found and is the turn's own text, and that a verbatim claim's words
// are in the turn. It also cuts a piece out of a turn, at word boundaries,
// and checks that the piece is verbatim.
func FuzzVerify(f *testing.F) {
	v := New(append(handPassages(), samplePassages(f)...))
	f.Add("We're not proceeding on the basis of emotion.", 0, 0, 0)
	f.Add("Russia has a large playbook … of aggression", 3, 10, 5)
	f.Add("", 0, 0, 0)
	f.Add("“…”", 5, 2, 200)
	f.Fuzz(func(t *testing.T, claim string, turn, from, length int) {
		ctx := context.Background()
		got := v.Verify(ctx, claim)
		checkInvariants(t, v, got)
		for _, r := range v.All(ctx, claim, 3) {
			if r.Verdict == NotFound {
				t.Errorf("All returned not_found for %q", claim)
			}
			checkInvariants(t, v, r)
		}

		if turn < 0 || from < 0 || length <= 0 || length > 300 {
			return
		}
		tt := v.turns[turn%len(v.turns)]
		var spans [][2]int
		scanWords(tt.text, nil, func(s, e int, _ []byte) { spans = append(spans, [2]int{s, e}) })
		if len(spans) == 0 {
			return
		}
		from %= len(spans)
		to := min(len(spans), from+length) - 1
		piece := tt.text[spans[from][0]:spans[to][1]]
		if strings.Contains(piece, "…") || strings.Contains(piece, "..") || !utf8.ValidString(piece) {
			return // a cut in the transcript itself reads as a cut in the claim
		}
		if r := v.Verify(ctx, piece); r.Verdict != Verbatim {
			t.Errorf("piece %q of a turn: %s, want verbatim", piece, r.Verdict)
		}
	})
}
