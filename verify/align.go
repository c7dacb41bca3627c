package verify

// Local alignment (Smith-Waterman) of a claim's words with a window of a
// turn's words. A matched word scores twice its weight (content 2, stop
// 0.5); a claim word said differently or not said at all costs 1; a said
// word the claim leaves out costs 0.6, so that condensations stay close
// while words scattered far apart do not align.
const (
	scoreSub     = -1.0
	scoreAdded   = -1.0
	scoreMissing = -0.6
	// maxCells bounds the alignment matrix; longer windows are cut.
	maxCells = 8 << 20
)

// opKind is one step of an alignment.
type opKind uint8

const (
	opSame    opKind = iota // same word
	opSub                   // claim word i said as word j
	opAdded                 // claim word i not said
	opMissing               // word j said, left out of the claim
)

// step is one step of an alignment: i indexes the claim's words, j is a
// position in Verifier.words; -1 when the step has none.
type step struct {
	op   opKind
	i, j int
}

// Directions of the traceback.
const (
	dirStop uint8 = iota
	dirDiag
	dirUp   // claim word added
	dirLeft // said word missing
)

// align returns the best local alignment of cw with said (whose first word
// is at position base of Verifier.words) and its score; no steps when
// nothing aligns.
func align(cw []claimWord, said []uint32, base int) (float32, []step) {
	m, n := len(cw), len(said)
	if m == 0 || n == 0 {
		return 0, nil
	}
	if m*n > maxCells {
		n = max(1, maxCells/m)
		said = said[:n]
	}
	w := n + 1
	h := make([]float32, (m+1)*w)
	dir := make([]uint8, (m+1)*w)
	var best float32
	bi, bj := 0, 0
	for i := 1; i <= m; i++ {
		c := cw[i-1]
		row, prev := h[i*w:(i+1)*w], h[(i-1)*w:i*w]
		drow := dir[i*w : (i+1)*w]
		for j := 1; j <= n; j++ {
			var s float32
			if c.id == said[j-1] {
				s = prev[j-1] + 2*c.weight
			} else {
				s = prev[j-1] + scoreSub
			}
			d := dirDiag
			if up := prev[j] + scoreAdded; up > s {
				s, d = up, dirUp
			}
			if left := row[j-1] + scoreMissing; left > s {
				s, d = left, dirLeft
			}
			if s <= 0 {
				s, d = 0, dirStop
			}
			row[j], drow[j] = s, d
			if s > best {
				best, bi, bj = s, i, j
			}
		}
	}
	if best <= 0 {
		return 0, nil
	}
	var steps []step
	for i, j := bi, bj; i > 0 && j > 0 && h[i*w+j] > 0; {
		switch dir[i*w+j] {
		case dirDiag:
			op := opSub
			if cw[i-1].id == said[j-1] {
				op = opSame
			}
			steps = append(steps, step{op, i - 1, base + j - 1})
			i, j = i-1, j-1
		case dirUp:
			steps = append(steps, step{opAdded, i - 1, -1})
			i--
		case dirLeft:
			steps = append(steps, step{opMissing, -1, base + j - 1})
			j--
		default:
			i, j = 0, 0
		}
	}
	// An alignment starts and ends on a matched word.
	for len(steps) > 0 && steps[len(steps)-1].op != opSame {
		steps = steps[:len(steps)-1]
	}
	for len(steps) > 0 && steps[0].op != opSame {
		steps = steps[1:]
	}
	for l, r := 0, len(steps)-1; l < r; l, r = l+1, r-1 {
		steps[l], steps[r] = steps[r], steps[l]
	}
	return best, steps
}

// sameSteps is the alignment of a claim of m words said verbatim at at.
func sameSteps(at, m int) []step {
	steps := make([]step, m)
	for i := range steps {
		steps[i] = step{opSame, i, at + i}
	}
	return steps
}

// fragmentSteps is the alignment of a claim cut with "…" whose fragments
// were said at spans: the words cut are missing.
func fragmentSteps(spans [][2]int) []step {
	var steps []step
	i := 0
	for k, s := range spans {
		if k > 0 {
			for j := spans[k-1][1]; j < s[0]; j++ {
				steps = append(steps, step{opMissing, -1, j})
			}
		}
		for j := s[0]; j < s[1]; j++ {
			steps = append(steps, step{opSame, i, j})
			i++
		}
	}
	return steps
}
