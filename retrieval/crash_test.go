package retrieval

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// crashDirEnv names the store folder the helper process ingests into;
// crashStartEnv the number of the first transcript it ingests.
const (
	crashDirEnv   = "ONRECORD_TEST_CRASH_DIR"
	crashStartEnv = "ONRECORD_TEST_CRASH_START"
)

// crashTranscript is transcript n as the crash helper ingests it: enough
// passages that writing its snapshot takes a while.
func crashTranscript(n int) (Transcript, []Passage) {
	id := fmt.Sprintf("crash%04d", n)
	t := Transcript{ID: id, Title: "Crash " + id, Date: fmt.Sprintf("2023-%02d-01", 1+n%12), TextHash: "h" + id, Path: id + ".txt"}
	ps := make([]Passage, 20+n%40)
	for i := range ps {
		ps[i] = Passage{
			ID: fmt.Sprintf("%s-%03d", id, i), TranscriptID: id, Title: t.Title, Date: t.Date,
			Speaker: "Spokesperson", Role: RoleOfficial, Kind: KindAnswer, Turn: i, Paragraphs: []int{i + 1},
			Text: fmt.Sprintf("Answer %d of briefing %d about topic %d. We will say more on item %d tomorrow.\n\nA third sentence about %s.", i, n, (n*7+i)%13, i*n, id),
		}
	}
	t.Passages = len(ps)
	return t, ps
}

// TestHelperProcess is the crash test's child: it ingests transcripts (and
// deletes some) in a loop until it is killed. It does nothing in a normal
// test run.
func TestHelperProcess(t *testing.T) {
	dir := os.Getenv(crashDirEnv)
	if dir == "" {
		return
	}
	ctx := context.Background()
	s, err := Open(ctx, dir, newBOW(48))
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper: open:", err)
		os.Exit(3)
	}
	s.minCached = 0      // save the lexical index, so that kills land in it too
	fmt.Println("ready") // the parent's clock starts now
	n, _ := strconv.Atoi(os.Getenv(crashStartEnv))
	for ; ; n = (n + 1) % 500 {
		tr, ps := crashTranscript(n)
		if err := s.Add(ctx, tr, ps); err != nil && !errors.Is(err, ErrDuplicate) {
			fmt.Fprintln(os.Stderr, "helper: add:", err)
			os.Exit(4)
		}
		if n%4 == 3 {
			if err := s.Delete(ctx, fmt.Sprintf("crash%04d", n-2)); err != nil && !errors.Is(err, ErrNotFound) {
				fmt.Fprintln(os.Stderr, "helper: delete:", err)
				os.Exit(5)
			}
		}
		if n%3 == 0 {
			if err := s.WriteIndex(ctx); err != nil {
				fmt.Fprintln(os.Stderr, "helper: write index:", err)
				os.Exit(6)
			}
		}
	}
}

// TestCrash kills an ingesting child process at 20 different moments and
// checks after each that the store opens with every transcript in it whole:
// all its passages and the exact vectors, nothing partial; and that the
// lexical index it searches with is the one its passages give, whatever
// the child left of the index's cache.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test")
	}
	dir := t.TempDir()
	emb := newBOW(48)
	ctx := context.Background()
	leftovers, cached := 0, 0
	for kill := range 20 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashDirEnv+"="+dir, fmt.Sprintf("%s=%d", crashStartEnv, kill*23))
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait until it has opened the store, then let it ingest a while.
		line, _ := bufio.NewReader(out).ReadString('\n')
		if !strings.HasPrefix(line, "ready") {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("kill %d: helper did not start: %q %s", kill, line, stderr.String())
		}
		delay := time.Duration(1+(kill*37)%90) * time.Millisecond
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		err = cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("kill %d: helper ended on its own (%v): %s", kill, err, stderr.String())
		}
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if strings.HasPrefix(e.Name(), tmpPrefix) {
				leftovers++
			}
		}

		s, err := Open(ctx, dir, emb)
		if err != nil {
			t.Fatalf("kill %d after %v: Open: %v", kill, delay, err)
		}
		if w := s.Warnings(); len(w) != 0 {
			t.Errorf("kill %d: warnings %v", kill, w)
		}
		checkCrashStore(t, s, emb)
		s.minCached = 0
		if b, err := os.ReadFile(filepath.Join(dir, lexiconCacheName)); err == nil {
			if _, err := decodeLexicon(b, lexiconKey(s.current()), s.Passages()); err == nil {
				cached++
			}
		}
		checkLexicon(t, s)
		ents, _ = os.ReadDir(dir)
		for _, e := range ents {
			if strings.HasPrefix(e.Name(), tmpPrefix) {
				t.Errorf("kill %d: temporary file %s left after Open", kill, e.Name())
			}
		}
		t.Logf("kill %d after %v: %d transcripts, %d passages", kill, delay, len(s.Transcripts()), s.Len())
		s.Close()
	}
	t.Logf("%d kills left a temporary file behind (a snapshot half written); after %d the lexicon's cache matched the store", leftovers, cached)
}

// checkCrashStore checks that each stored transcript is exactly what the
// helper writes.
func checkCrashStore(t *testing.T, s *Store, emb Embedder) {
	t.Helper()
	v := s.current()
	i := 0
	for _, tr := range s.Transcripts() {
		var n int
		if _, err := fmt.Sscanf(tr.ID, "crash%04d", &n); err != nil {
			t.Fatalf("unexpected transcript %q", tr.ID)
		}
		wantT, wantPs := crashTranscript(n)
		if !reflect.DeepEqual(tr, wantT) {
			t.Fatalf("transcript %s = %+v, want %+v", tr.ID, tr, wantT)
		}
		if got := v.passages[i : i+len(wantPs)]; !reflect.DeepEqual(got, wantPs) {
			t.Fatalf("passages of %s differ", tr.ID)
		}
		for j, p := range wantPs {
			var texts []string
			for _, sp := range Sentences(p.Text) {
				texts = append(texts, p.Text[sp.Start:sp.End])
			}
			want, _ := emb.Embed(context.Background(), texts)
			r0, r1 := int(v.rowStart[i+j]), int(v.rowStart[i+j+1])
			if r1-r0 != len(want) {
				t.Fatalf("passage %s has %d vectors, want %d", p.ID, r1-r0, len(want))
			}
			for r, w := range want {
				q := make([]int8, len(w))
				f := quantize(w, q)
				if got := v.matrix[(r0+r)*v.dim : (r0+r+1)*v.dim]; !slices.Equal(got, q) || v.factor[r0+r] != f {
					t.Fatalf("passage %s sentence %d: vector differs", p.ID, r)
				}
			}
		}
		i += len(wantPs)
	}
	if i != len(v.passages) {
		t.Fatalf("%d passages stored, transcripts account for %d", len(v.passages), i)
	}
	if _, err := os.Stat(filepath.Join(s.dir, manifestName)); len(v.passages) > 0 && err != nil {
		t.Errorf("manifest missing: %v", err)
	}
}
