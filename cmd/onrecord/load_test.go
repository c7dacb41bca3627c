package main

import (
	"slices"
	"sync"
	"testing"
	"time"
)

// TestServeLoad sends 200 concurrent signed /ask interactions to `onrecord
// serve` over the built-in sample, on loopback: every one must get its
// answer in the HTTP response itself. The 99th-percentile response time is
// reported, not asserted (timed tests lie on a shared machine); the target
// is under 100 ms.
func TestServeLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	s := startServe(t, nil)
	questions := []string{
		"What did Blinken say about Iran?",
		"Can Russia attack Ukraine from Belarus?",
		"Is diplomacy inconsistent with deterrence?",
		"What choice does Russia face now?",
	}
	const n = 200
	lat := make([]time.Duration, n)
	var wg sync.WaitGroup
	var mu sync.Mutex
	failures := 0
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			status, r, _ := s.ask(t, questions[i%len(questions)])
			lat[i] = time.Since(t0)
			if status != 200 || r.Type != 4 {
				mu.Lock()
				failures++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if failures > 0 {
		t.Errorf("%d of %d interactions were not answered in the response", failures, n)
	}
	slices.Sort(lat)
	t.Logf("%d concurrent /ask over the sample: median %v, p99 %v", n, lat[n/2].Round(time.Millisecond), lat[n*99/100].Round(time.Millisecond))
}
