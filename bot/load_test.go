package bot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/onrecord/onrecord/internal/testnet"
)

// wave sends n signed interactions at once and returns each one's response
// time and how many were deferred (type 5: valid, but slower than
// DeferAfter), or the first error.
func wave(s signer, srv *httptest.Server, client *http.Client, bodies [][]byte, wantType int) ([]time.Duration, int, error) {
	var deferred atomic.Int64
	times := make([]time.Duration, len(bodies))
	errs := make([]error, len(bodies))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for k, body := range bodies {
		req := s.request(srv.URL, body, time.Now())
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			t0 := time.Now()
			resp, err := client.Do(req)
			if err != nil {
				errs[k] = err
				return
			}
			raw, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			times[k] = time.Since(t0)
			var got struct {
				Type int `json:"type"`
			}
			if err == nil {
				err = json.Unmarshal(raw, &got)
			}
			switch {
			case err != nil:
				errs[k] = err
			case resp.StatusCode == 200 && got.Type == 5 && wantType == 4:
				deferred.Add(1)
			case resp.StatusCode != 200 || got.Type != wantType:
				errs[k] = fmt.Errorf("status %d, type %d: %.200s", resp.StatusCode, got.Type, raw)
			}
		}()
	}
	close(start)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, 0, err
		}
	}
	return times, int(deferred.Load()), nil
}

// p99 is the 99th percentile of ds.
func p99(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[(len(s)*99+99)/100-1]
}

// loadSetup is a served bot over the sample transcript, a client that keeps
// 200 connections, and 200 different /ask interactions from 200 users.
func loadSetup(tb testing.TB) (*fixture, *httptest.Server, *http.Client, [][]byte, [][]byte) {
	f := newFixture(tb, func(c *Config) { c.Logger, c.DeferAfter = nil, 0 })
	srv := f.serve(tb)
	client := &http.Client{Transport: &http.Transport{DialContext: testnet.Dial, MaxIdleConns: 400, MaxIdleConnsPerHost: 400}}
	tb.Cleanup(client.CloseIdleConnections)
	questions := []string{ukraine, "What about NATO's open door?", "Did Lavrov talk about hysterical rhetoric?",
		"What consequences if Russia invades?", "What did he say about arms control and transparency?"}
	asks, pings := make([][]byte, 200), make([][]byte, 200)
	for k := range asks {
		asks[k] = slashJSON("ask", opt{"question", questions[k%len(questions)]})
		pings[k] = []byte(fmt.Sprintf(`{"id":"p%d","application_id":"app1","type":1,"token":"t"}`, k))
	}
	return f, srv, client, asks, pings
}

// TestServeLoad sends 200 concurrent signed /ask interactions: none may
// fail. It logs the 99th-percentile response time (not a pass criterion:
// see BenchmarkServeLoad for the figure against a baseline).
func TestServeLoad(t *testing.T) {
	f, srv, client, asks, _ := loadSetup(t)
	times, deferred, err := wave(f.signer, srv, client, asks, 4)
	if err != nil {
		t.Fatalf("under load: %v", err)
	}
	if deferred > 0 {
		// Valid (the answer arrives as an edit), but worth knowing.
		f.discord.waitFor("edit", deferred, 10*time.Second)
	}
	t.Logf("200 concurrent /ask: p99 %v, %d deferred", p99(times), deferred)
}

// BenchmarkServeLoad measures waves of 200 concurrent signed /ask
// interactions against waves of 200 concurrent PINGs (signature check and
// JSON only) in the same run, and reports both 99th percentiles and their
// ratio.
func BenchmarkServeLoad(b *testing.B) {
	f, srv, client, asks, pings := loadSetup(b)
	var askTimes, pingTimes []time.Duration
	for b.Loop() {
		ts, _, err := wave(f.signer, srv, client, pings, 1)
		if err != nil {
			b.Fatal(err)
		}
		pingTimes = append(pingTimes, ts...)
		ts, _, err = wave(f.signer, srv, client, asks, 4)
		if err != nil {
			b.Fatal(err)
		}
		askTimes = append(askTimes, ts...)
	}
	ask, ping := p99(askTimes), p99(pingTimes)
	b.ReportMetric(float64(ask.Microseconds())/1000, "ask-p99-ms")
	b.ReportMetric(float64(ping.Microseconds())/1000, "ping-p99-ms")
	b.ReportMetric(float64(ask)/float64(ping), "p99-ask/ping")
}

// BenchmarkServeInteraction is one signed interaction through the handler,
// no network: a PING (the baseline: signature check and JSON) and an /ask
// (the fake answerer, rendering, encoding). Compare their ns/op.
func BenchmarkServeInteraction(b *testing.B) {
	f := newFixture(b, func(c *Config) { c.Logger = nil })
	for _, bc := range []struct {
		name string
		body []byte
	}{
		{"ping", []byte(`{"id":"p1","application_id":"app1","type":1,"token":"t"}`)},
		{"ask", slashJSON("ask", opt{"question", ukraine})},
	} {
		b.Run(bc.name, func(b *testing.B) {
			req := f.signer.request("http://bot", bc.body, time.Now())
			for b.Loop() {
				r := req.Clone(req.Context())
				r.Body = io.NopCloser(bytes.NewReader(bc.body))
				rec := httptest.NewRecorder()
				f.bot.serveInteraction(rec, r)
				if rec.Code != 200 {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
}
