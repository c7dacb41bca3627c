package verify

import (
	"context"
	"flag"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/onrecord/onrecord/ingest"
	"github.com/onrecord/onrecord/retrieval"
)

// corpusDir holds the 1,154 White House briefings used for scale.
const corpusDir = "/work/shared/corpora/wh-press-briefings"

// corpusTests turns on TestVerifyCorpus: parsing the corpus takes a while.
var corpusTests = flag.Bool("corpus", false, "run the tests over "+corpusDir)

// corpusCache keeps the corpus's passages between benchmarks of one run:
// parsing 1,154 files takes a while.
var corpusCache struct {
	sync.Mutex
	passages []retrieval.Passage
}

// corpusPassages parses every briefing of corpusDir with ingest, or skips
// when it is absent.
func corpusPassages(tb testing.TB) []retrieval.Passage {
	tb.Helper()
	if _, err := os.Stat(corpusDir); err != nil {
		tb.Skipf("no corpus: %v", err)
	}
	corpusCache.Lock()
	defer corpusCache.Unlock()
	if corpusCache.passages == nil {
		corpusCache.passages = parseCorpus(tb)
	}
	return corpusCache.passages
}

// parseCorpus parses every briefing of corpusDir with ingest.
func parseCorpus(tb testing.TB) []retrieval.Passage {
	tb.Helper()
	var out []retrieval.Passage
	err := filepath.WalkDir(corpusDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		doc, err := ingest.Parse(filepath.Base(path), data)
		if err != nil {
			return nil // a file ingest rejects is not the verifier's business
		}
		_, ps := ingest.Passages(doc)
		out = append(out, ps...)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// benchClaims returns claims for the benchmarks: sentences said (sampled
// from the passages), the same sentences altered (a word dropped, one
// changed, one added) and claims that were never said.
func benchClaims(ps []retrieval.Passage) (verbatim, altered, unsaid []string) {
	r := rand.New(rand.NewPCG(7, 11))
	for len(altered) < 30 {
		p := ps[r.IntN(len(ps))]
		ss := retrieval.Sentences(p.Text)
		if len(ss) == 0 {
			continue
		}
		s := ss[r.IntN(len(ss))]
		words := strings.Fields(p.Text[s.Start:s.End])
		if len(words) < 8 || len(words) > 40 {
			continue
		}
		verbatim = append(verbatim, strings.Join(words, " "))
		if len(words) < 14 {
			continue
		}
		alt := slices.Clone(words)
		alt = slices.Delete(alt, 2, 3)
		alt[len(alt)/2] = "really"
		alt = slices.Insert(alt, len(alt)-2, "very")
		altered = append(altered, strings.Join(alt, " "))
	}
	unsaid = []string{
		"Ukraine will join NATO next year.",
		"The president said the economy is strong",
		"We have no plans to raise taxes on anyone making less than a million dollars a year, full stop.",
		"The vaccine will be mandatory for every schoolchild by the end of the summer.",
		"I can confirm that the summit with China has been cancelled.",
		"Inflation is transitory and will be gone by Christmas.",
		"The spokesman said the talks collapsed because of Chinese pressure on the delegation.",
		"Our border is closed and it is secure.",
	}
	return verbatim, altered, unsaid
}

// claimGroups names the benchmark claims by kind.
var claimGroups = []string{"verbatim", "altered", "unsaid"}

// reportMedians reports the median and 90th percentile time of one claim,
// over all claims and by group.
func reportMedians(b *testing.B, times [][]time.Duration) {
	b.Helper()
	var all []time.Duration
	for g, ts := range times {
		slices.Sort(ts)
		b.ReportMetric(float64(ts[len(ts)/2].Nanoseconds()), "median-ns/"+claimGroups[g])
		all = append(all, ts...)
	}
	slices.Sort(all)
	b.ReportMetric(float64(all[len(all)/2].Nanoseconds()), "median-ns/claim")
	b.ReportMetric(float64(all[len(all)*9/10].Nanoseconds()), "p90-ns/claim")
}

// BenchmarkVerify verifies every benchmark claim against the corpus; it
// reports the median time of one Verify, overall and by kind of claim, and
// how many claims got each verdict. BenchmarkNaiveScan is its baseline.
func BenchmarkVerify(b *testing.B) {
	ps := corpusPassages(b)
	v := New(ps)
	verbatim, altered, unsaid := benchClaims(ps)
	groups := [][]string{verbatim, altered, unsaid}
	ctx := context.Background()
	times := make([][]time.Duration, len(groups))
	counts := map[Verdict]int{}
	for b.Loop() {
		clear(counts)
		for g, claims := range groups {
			for _, c := range claims {
				t := time.Now()
				r := v.Verify(ctx, c)
				times[g] = append(times[g], time.Since(t))
				counts[r.Verdict]++
			}
		}
	}
	reportMedians(b, times)
	b.ReportMetric(float64(len(v.words)), "words")
	b.ReportMetric(float64(counts[Verbatim]), "verbatim")
	b.ReportMetric(float64(counts[Close]), "close")
	b.ReportMetric(float64(counts[NotFound]), "not_found")
}

// BenchmarkNaiveScan is the baseline: each claim, normalised and stripped
// of outer punctuation, looked for with strings.Contains in every turn's
// normalised text (which is computed beforehand, not timed).
func BenchmarkNaiveScan(b *testing.B) {
	ps := corpusPassages(b)
	v := New(ps)
	texts := make([]string, len(v.turns))
	for i, t := range v.turns {
		texts[i] = Normalize(t.text)
	}
	verbatim, altered, unsaid := benchClaims(ps)
	groups := [][]string{verbatim, altered, unsaid}
	times := make([][]time.Duration, len(groups))
	found := 0
	for b.Loop() {
		found = 0
		for g, claims := range groups {
			for _, c := range claims {
				t := time.Now()
				q := trimOuter(Normalize(c))
				for _, text := range texts {
					if strings.Contains(text, q) {
						found++
						break
					}
				}
				times[g] = append(times[g], time.Since(t))
			}
		}
	}
	reportMedians(b, times)
	b.ReportMetric(float64(found), "found")
}

// BenchmarkNew builds the verifier over the corpus.
func BenchmarkNew(b *testing.B) {
	ps := corpusPassages(b)
	for b.Loop() {
		New(ps)
	}
}

// TestVerifyCorpus checks verdicts over the whole corpus: sampled sentences
// are verbatim, altered ones close, claims never said not found. It runs
// with -corpus.
func TestVerifyCorpus(t *testing.T) {
	if !*corpusTests {
		t.Skip("over the corpus only with -corpus")
	}
	ps := corpusPassages(t)
	v := New(ps)
	verbatim, altered, unsaid := benchClaims(ps)
	ctx := context.Background()
	for _, c := range verbatim {
		if r := v.Verify(ctx, c); r.Verdict != Verbatim {
			t.Errorf("%q: %s, want verbatim", c, r.Verdict)
		}
	}
	for _, c := range altered {
		if r := v.Verify(ctx, c); r.Verdict != Close {
			t.Errorf("%q: %s, want close (matched %q)", c, r.Verdict, r.Matched)
		}
	}
	for _, c := range unsaid {
		if r := v.Verify(ctx, c); r.Verdict != NotFound {
			t.Errorf("%q: %s, want not_found (matched %q by %s, %.2f)", c, r.Verdict, r.Matched, r.Speaker, r.Similarity)
		}
	}
}
