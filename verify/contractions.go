package verify

import "strings"

// A claim that writes "do not" where the speaker said "don't" (or "don't"
// for "do not") has the speaker's words but not their wording: DESIGN.md's
// verbatim allows for case, quotes, dashes and white space, not for
// contractions. Such a claim is close, not verbatim; but it is the closest
// there is, so the claim is also looked for with its contractions made or
// undone (its variants), and a place that has a variant word for word
// ranks above any other close match, its differences showing the change.

// contractionList pairs each contraction with the words it stands for
// ("it's" is "it is" or "it has").
const contractionList = `don't=do not; doesn't=does not; didn't=did not; isn't=is not; aren't=are not;
	wasn't=was not; weren't=were not; haven't=have not; hasn't=has not; hadn't=had not;
	won't=will not; wouldn't=would not; can't=cannot|can not; couldn't=could not;
	shouldn't=should not; mustn't=must not; needn't=need not; shan't=shall not;
	i'm=i am; you're=you are; we're=we are; they're=they are;
	i've=i have; you've=you have; we've=we have; they've=they have; could've=could have;
	would've=would have; should've=should have;
	i'll=i will; you'll=you will; we'll=we will; they'll=they will; he'll=he will;
	she'll=she will; it'll=it will; that'll=that will; there'll=there will;
	i'd=i would|i had; you'd=you would|you had; we'd=we would|we had; they'd=they would|they had;
	he'd=he would|he had; she'd=she would|she had;
	it's=it is|it has; that's=that is|that has; there's=there is|there has; here's=here is;
	what's=what is|what has; who's=who is|who has; where's=where is; how's=how is;
	he's=he is|he has; she's=she is|she has; let's=let us`

// contractions maps each contraction to the words it stands for, and each
// of those (joined by a space) back to its contraction.
type contractions struct {
	expand   map[string][][]string
	contract map[string]string
}

// newContractions parses contractionList.
func newContractions() contractions {
	c := contractions{expand: map[string][][]string{}, contract: map[string]string{}}
	for _, entry := range strings.Split(contractionList, ";") {
		short, long, _ := strings.Cut(strings.TrimSpace(entry), "=")
		for _, l := range strings.Split(long, "|") {
			c.expand[short] = append(c.expand[short], strings.Fields(l))
			c.contract[l] = short
		}
	}
	return c
}

// maxVariants bounds the variants of a claim; a claim with more ways of
// making or undoing its contractions gets all made (or undone) one way,
// all the other way, then each made or undone alone, up to maxVariants.
const maxVariants = 64

// variants returns the claim's words cw with its contractions made or
// undone in every way (up to maxVariants), not including cw itself. The
// words changed are alt; a contraction made of two or three claim words
// spans them all; a contraction undone spans the claim's word with its
// first word, the others spanning nothing at its end.
func (v *Verifier) variants(cw []claimWord) [][]claimWord {
	type site struct {
		at, n int           // cw[at:at+n] is replaced
		alts  [][]claimWord // by any of these
	}
	var sites []site
	for i := 0; i < len(cw); {
		w := cw[i]
		if ls, ok := v.contr.expand[w.text]; ok {
			s := site{at: i, n: 1}
			for _, l := range ls {
				var alt []claimWord
				for k, t := range l {
					nw := v.claimWord(t, w.end, w.end, w.frag)
					if k == 0 {
						nw.start = w.start
					}
					alt = append(alt, nw)
				}
				s.alts = append(s.alts, alt)
			}
			sites = append(sites, s)
			i++
			continue
		}
		found := false
		for n := 2; n >= 1 && !found; n-- {
			if i+n > len(cw) || cw[i+n-1].frag != w.frag {
				continue
			}
			var ts []string
			for _, x := range cw[i : i+n] {
				ts = append(ts, x.text)
			}
			if short, ok := v.contr.contract[strings.Join(ts, " ")]; ok && (n > 1 || ts[0] == "cannot") {
				sites = append(sites, site{at: i, n: n, alts: [][]claimWord{{v.claimWord(short, w.start, cw[i+n-1].end, w.frag)}}})
				i += n
				found = true
			}
		}
		if !found {
			i++
		}
	}
	if len(sites) == 0 {
		return nil
	}
	// choices[k] picks, for site k, 0 (the claim's own words) or an alt.
	var picks [][]int
	total := 1
	for _, s := range sites {
		total *= len(s.alts) + 1
		if total > maxVariants+1 {
			break
		}
	}
	if total <= maxVariants+1 {
		for n := 1; n < total; n++ {
			pick, r := make([]int, len(sites)), n
			for k, s := range sites {
				pick[k], r = r%(len(s.alts)+1), r/(len(s.alts)+1)
			}
			picks = append(picks, pick)
		}
	} else {
		first, last := make([]int, len(sites)), make([]int, len(sites))
		for k, s := range sites {
			first[k], last[k] = 1, len(s.alts)
		}
		picks = [][]int{first, last}
		for k, s := range sites {
			for a := range s.alts {
				if len(picks) == maxVariants {
					break
				}
				pick := make([]int, len(sites))
				pick[k] = a + 1
				picks = append(picks, pick)
			}
		}
	}
	var out [][]claimWord
	for _, pick := range picks {
		var vw []claimWord
		at := 0
		for k, s := range sites {
			vw = append(vw, cw[at:s.at]...)
			if pick[k] == 0 {
				vw = append(vw, cw[s.at:s.at+s.n]...)
			} else {
				vw = append(vw, s.alts[pick[k]-1]...)
			}
			at = s.at + s.n
		}
		out = append(out, append(vw, cw[at:]...))
	}
	return out
}

// claimWord returns the claim word text standing at claim[start:end] in
// fragment frag, as a variant has it (alt).
func (v *Verifier) claimWord(text string, start, end, frag int) claimWord {
	cw := v.newClaimWord(text, start, end, frag)
	cw.alt = true
	return cw
}
