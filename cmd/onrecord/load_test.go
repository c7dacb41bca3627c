package main

import (
	"slices"
	"sync"
	"testing"
	"time"
)

// TestServeLoad sends 200 concurrent signed /ask interactions to `onrecord
// serve` over the built-in sample, on loopback: every one must be
// acknowledged, with its answer in the HTTP response itself or, on a
// machine too busy to answer within Discord's deadline, a deferral (the
// answer follows as a webhook edit). How many were deferred and the
// 99th-percentile response time are reported, not asserted (timed tests
// lie on a shared machine); the target is under 100 ms, none deferred.
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
	failures, deferred := 0, 0
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			status, r, _ := s.ask(t, questions[i%len(questions)])
			lat[i] = time.Since(t0)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case status == 200 && r.Type == 4:
			case status == 200 && r.Type == 5:
				deferred++
			default:
				failures++
			}
		}()
	}
	wg.Wait()
	if failures > 0 {
		t.Errorf("%d of %d interactions were not answered in the response", failures, n)
	}
	if deferred > 0 {
		// Each deferred answer follows as an edit, at the fake Discord.
		deadline := time.Now().Add(30 * time.Second)
		for len(s.discord.edits()) < deferred && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if got := len(s.discord.edits()); got != deferred {
			t.Errorf("%d edits at the fake Discord, want %d (one per deferral)", got, deferred)
		}
	}
	slices.Sort(lat)
	t.Logf("%d concurrent /ask over the sample: median %v, p99 %v, %d deferred", n, lat[n/2].Round(time.Millisecond), lat[n*99/100].Round(time.Millisecond), deferred)
}
