package verify

import (
	"math"
	"slices"
	"strings"

	"github.com/onrecord/onrecord/retrieval"
)

// result turns a match into a Result: the transcript's own words, cut at
// word boundaries, the passage and paragraphs they lie in, who said them
// and the word-level differences with the claim.
func (v *Verifier) result(claim string, cw []claimWord, truncated bool, m match) Result {
	t := &v.turns[m.turn]
	offs := make([][2]int, 0, t.end-t.start)
	scanWords(t.text, nil, func(s, e int, _ []byte) { offs = append(offs, [2]int{s, e}) })
	if len(offs) != t.end-t.start {
		return notFound(claim) // cannot happen: the same scan built the index
	}
	spans, steps := m.spans, m.steps
	if m.verdict == Close && len(spans) == 1 && len(steps) > 0 {
		var span [2]int
		span, steps = v.widen(t, offs, cw, spans[0], steps)
		spans = [][2]int{span}
	}
	// The words said are shown whole by units: "$22.5", not "22.5".
	uspan, ufirst := units(t.text, offs)
	var parts []string
	var byteSpans [][2]int
	for _, s := range spans {
		b := balance(t.text, [2]int{uspan[s[0]-t.start][0], uspan[s[1]-1-t.start][1]})
		byteSpans = append(byteSpans, b)
		parts = append(parts, t.text[b[0]:b[1]])
	}
	if steps == nil && len(spans) == 1 {
		steps = sameSteps(spans[0][0], len(cw))
	} else if steps == nil {
		steps = fragmentSteps(spans)
	}
	k, _ := slices.BinarySearch(t.partAt, byteSpans[0][0]+1)
	p := &v.passages[t.parts[max(0, k-1)]]
	// A reporter the transcript does not name has no speaker (attribution
	// is right or absent, DESIGN.md); Role still says who it was.
	role := p.Role
	if p.Kind == retrieval.KindQuestion {
		role = retrieval.RoleReporter
	}
	var askedBy *string
	if p.AskedBy != "" && p.Kind != retrieval.KindQuestion {
		a := p.AskedBy
		askedBy = &a
	}
	return Result{
		Claim:      claim,
		Verdict:    m.verdict,
		Speaker:    p.Speaker,
		Role:       role,
		AskedBy:    askedBy,
		Matched:    strings.Join(parts, " … "),
		Similarity: math.Round(m.sim*1000) / 1000,
		PassageID:  p.ID,
		Transcript: p.Title,
		Date:       p.Date,
		SourceURL:  p.SourceURL,
		Paragraphs: v.paragraphs(t, byteSpans),
		Diff:       diff(claim, cw, truncated, steps, t.text, uspan, ufirst, t.start),
	}
}

// balance widens the byte span b of text over the bracket that closes (or
// opens) a bracket it holds, so that the words said of a corrected
// transcript, "testing <s>negative</s> [positive]", are shown with the
// correction whole (its brackets escaped or not, as in Markdown).
func balance(text string, b [2]int) [2]int {
	in := text[b[0]:b[1]]
	open, closed := strings.Count(in, "["), strings.Count(in, "]")
	if open > closed {
		for _, c := range []string{"]", `\]`} {
			if strings.HasPrefix(text[b[1]:], c) {
				b[1] += len(c)
				break
			}
		}
	}
	if closed > open {
		for _, c := range []string{`\[`, "["} {
			if strings.HasSuffix(text[:b[0]], c) {
				b[0] -= len(c)
				break
			}
		}
	}
	return b
}

// widen extends the words said of a close match (span, positions in
// Verifier.words, aligned with the claim cw by steps) over the words that
// the claim's unaligned first and last words stand for, so that the real
// words shown cover the whole stretch the claim corresponds to: an
// alignment starts and ends on a word the claim shares, so a claim whose
// end (or start) was said differently would otherwise be shown cut short.
// Each side with n unaligned claim words grows to a sentence boundary (see
// reach), so that a sentence cut short is shown whole. The steps gain the
// words added (see edgeSteps), so the differences show them against the
// claim's words.
func (v *Verifier) widen(t *turn, offs [][2]int, cw []claimWord, span [2]int, steps []step) ([2]int, []step) {
	m := len(cw)
	first, last := m, -1
	for _, s := range steps {
		if s.i >= 0 {
			first, last = min(first, s.i), max(last, s.i)
		}
	}
	lead, trail := first, m-1-last
	if last < 0 || lead == 0 && trail == 0 {
		return span, steps
	}
	n := len(offs)
	// bounds[k] says a sentence starts at word k of the turn (or k == n).
	bounds := make([]bool, n+1)
	bounds[0], bounds[n] = true, true
	k := 0
	for _, s := range retrieval.Sentences(t.text) {
		for k < n && offs[k][0] < s.Start {
			k++
		}
		bounds[k] = true
	}
	lo, hi := span[0]-t.start, span[1]-t.start
	newLo, newHi := lo, hi
	if lead > 0 {
		newLo = reach(bounds, lo, -1, lead)
	}
	if trail > 0 {
		newHi = reach(bounds, hi, +1, trail)
	}
	if newLo == lo && newHi == hi {
		return span, steps
	}
	out := v.edgeSteps(cw[:lead], t.start+newLo, t.start+lo, 0)
	out = append(out, steps...)
	out = append(out, v.edgeSteps(cw[last+1:], t.start+hi, t.start+newHi, last+1)...)
	return [2]int{t.start + newLo, t.start + newHi}, out
}

// edgeSteps aligns claim words cw (the first is the claim's word i0) with
// the words said at [lo, hi) that widen added: the words the two share at
// the start and at the end are the same, the rest said differently.
func (v *Verifier) edgeSteps(cw []claimWord, lo, hi, i0 int) []step {
	pre := 0
	for pre < len(cw) && lo+pre < hi && cw[pre].id == v.words[lo+pre] {
		pre++
	}
	suf := 0
	for suf < len(cw)-pre && hi-suf-1 >= lo+pre && cw[len(cw)-1-suf].id == v.words[hi-suf-1] {
		suf++
	}
	var out []step
	for k := range pre {
		out = append(out, step{opSame, i0 + k, lo + k})
	}
	for j := lo + pre; j < hi-suf; j++ {
		out = append(out, step{opMissing, -1, j})
	}
	for i := pre; i < len(cw)-suf; i++ {
		out = append(out, step{opAdded, i0 + i, -1})
	}
	for k := suf; k > 0; k-- {
		out = append(out, step{opSame, i0 + len(cw) - k, hi - k})
	}
	return out
}

// reach returns where a side of a span at word boundary at grows to, in
// direction dir (-1 back, +1 on), for n unaligned claim words: from
// mid-sentence, to the end of that sentence when it is within 2n+12 words;
// then, or from a sentence boundary, to the sentence boundary nearest n
// words away within 2n+4 words (staying put counts, from a boundary); else,
// mid-sentence, n words. It never passes the turn's ends.
func reach(bounds []bool, at, dir, n int) int {
	limit := len(bounds) - 1
	best := -1
	if bounds[at] {
		best = 0
	}
	for d := 1; d <= 2*n+12; d++ {
		b := at + dir*d
		if b < 0 || b > limit {
			break
		}
		if !bounds[b] {
			continue
		}
		if best < 0 {
			best = d
			continue
		}
		if d > 2*n+4 {
			break
		}
		if abs(d-n) < abs(best-n) {
			best = d
		}
	}
	if best >= 0 {
		return at + dir*best
	}
	return min(limit, max(0, at+dir*n))
}

// abs returns |x|.
func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// paragraphs returns the transcript's numbers of the paragraphs that the
// byte spans of a turn's text touch, in order. A passage whose text has as
// many paragraphs as its Paragraphs maps them one to one; otherwise all of
// its Paragraphs are given.
func (v *Verifier) paragraphs(t *turn, spans [][2]int) []int {
	out := []int{}
	for k, pi := range t.parts {
		p := &v.passages[pi]
		paras := paragraphSpans(p.Text)
		for pn, ps := range paras {
			ps = [2]int{ps[0] + t.partAt[k], ps[1] + t.partAt[k]}
			if !slices.ContainsFunc(spans, func(s [2]int) bool { return s[0] < ps[1] && ps[0] < s[1] }) {
				continue
			}
			if len(paras) == len(p.Paragraphs) {
				out = append(out, p.Paragraphs[pn])
			} else {
				out = append(out, p.Paragraphs...)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// paragraphSpans returns the byte spans of text's paragraphs, which blank
// lines separate.
func paragraphSpans(text string) [][2]int {
	var out [][2]int
	start := -1
	for i := 0; i < len(text); {
		end := strings.IndexByte(text[i:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += i
		}
		line := text[i:end]
		if strings.TrimSpace(line) == "" {
			if start >= 0 {
				out = append(out, [2]int{start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
		i = end + 1
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// diff turns an alignment into word-level edits over the whole claim: claim
// words outside the alignment are added; runs of differences between two
// matched words become one edit (changed when both sides have words).
//
// The words said are those of text at offs (the first is at position base
// of Verifier.words), grouped into units (see units) by sspan and sfirst.
func diff(claim string, cw []claimWord, truncated bool, steps []step, text string, sspan [][2]int, sfirst []int, base int) []Edit {
	if len(steps) == 0 {
		return nil
	}
	var all []step
	first, last := len(cw), -1
	for _, s := range steps {
		if s.i >= 0 {
			first, last = min(first, s.i), max(last, s.i)
		}
	}
	for i := 0; i < first; i++ {
		all = append(all, step{opAdded, i, -1})
	}
	all = append(all, steps...)
	for i := last + 1; i < len(cw); i++ {
		all = append(all, step{opAdded, i, -1})
	}
	// A contraction made or undone (see variants) is a difference.
	for k, s := range all {
		if s.op == opSame && cw[s.i].alt {
			all[k].op = opSub
		}
	}
	// Show figures and compounds whole: a unit is shown at its first word;
	// if any of its words differs, all of them do.
	coffs := make([][2]int, len(cw))
	for i, w := range cw {
		coffs[i] = [2]int{w.start, w.end}
	}
	cspan, cfirst := units(claim, coffs)
	demoteUnits(all, cfirst, sfirst, base)
	shownC, shownS := -1, -1 // the last unit shown of each side
	claimWord := func(i int) string {
		if cfirst[i] == shownC {
			return ""
		}
		shownC = cfirst[i]
		return claim[cspan[i][0]:cspan[i][1]]
	}
	saidWord := func(j int) string {
		if sfirst[j-base] == shownS {
			return ""
		}
		shownS = sfirst[j-base]
		return text[sspan[j-base][0]:sspan[j-base][1]]
	}

	var edits []Edit
	var said, claimed []string
	add := func(ws []string, w string) []string {
		if w == "" {
			return ws
		}
		return append(ws, w)
	}
	flush := func() {
		switch {
		case len(said) > 0 && len(claimed) > 0:
			edits = append(edits, Edit{Op: Changed, Claim: strings.Join(claimed, " "), Said: strings.Join(said, " ")})
		case len(claimed) > 0:
			edits = append(edits, Edit{Op: Added, Claim: strings.Join(claimed, " ")})
		case len(said) > 0:
			edits = append(edits, Edit{Op: Missing, Said: strings.Join(said, " ")})
		}
		said, claimed = said[:0], claimed[:0]
	}
	for _, s := range all {
		if s.op != opSame {
			if s.i >= 0 {
				claimed = add(claimed, claimWord(s.i))
			}
			if s.j >= 0 {
				said = add(said, saidWord(s.j))
			}
			continue
		}
		flush()
		c, w := claimWord(s.i), saidWord(s.j)
		if n := len(edits); n > 0 && edits[n-1].Op == Same {
			edits[n-1].Claim = strings.Join(add([]string{edits[n-1].Claim}, c), " ")
			edits[n-1].Said = strings.Join(add([]string{edits[n-1].Said}, w), " ")
			continue
		}
		edits = append(edits, Edit{Op: Same, Claim: c, Said: w})
	}
	flush()
	if truncated {
		edits = append(edits, Edit{Op: Added, Claim: strings.TrimSpace(claim[cw[len(cw)-1].end:])})
	}
	return edits
}

// demoteUnits makes a difference of every same step of steps that shares
// a unit (see units; cfirst for the claim's words, sfirst for the words
// said, which start at position base) with a step that is not the same, or
// whose claim and said units differ in length, so that "$22.5" against
// "$25.5" is one change, not "22" changed and "5" the same, and "5" against
// "22.5" is no match.
func demoteUnits(steps []step, cfirst, sfirst []int, base int) {
	size := func(first []int, k int) int {
		n := 0
		for i := first[k]; i < len(first) && first[i] == first[k]; i++ {
			n++
		}
		return n
	}
	for changed := true; changed; {
		changed = false
		diffC, diffS := map[int]bool{}, map[int]bool{}
		for _, s := range steps {
			if s.op == opSame && size(cfirst, s.i) == size(sfirst, s.j-base) {
				continue
			}
			if s.i >= 0 {
				diffC[cfirst[s.i]] = true
			}
			if s.j >= 0 {
				diffS[sfirst[s.j-base]] = true
			}
		}
		for k, s := range steps {
			if s.op == opSame && (diffC[cfirst[s.i]] || diffS[sfirst[s.j-base]]) {
				steps[k].op = opSub
				changed = true
			}
		}
	}
}
