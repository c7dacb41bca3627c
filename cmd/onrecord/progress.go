package main

import (
	"fmt"
	"io"
	"time"
)

// progress shows an ingest's progress on a terminal (files, MB, rate, time
// left) on one line that rewrites itself; in pipes and CI it stays quiet,
// and only the messages it is given are printed.
type progress struct {
	w       io.Writer
	live    bool
	total   int
	count   int
	bytes   int64
	start   time.Time
	lastOut time.Time
}

func newProgress(w io.Writer, total int, getenv env) *progress {
	live := false
	if isTerminal(w) && getenv("CI") == "" && getenv("TERM") != "dumb" {
		live = total > 1
	}
	return &progress{w: w, live: live, total: total, start: time.Now()}
}

func (p *progress) step(size int64) {
	p.count++
	p.bytes += size
	if !p.live || time.Since(p.lastOut) < 200*time.Millisecond && p.count < p.total {
		return
	}
	p.lastOut = time.Now()
	elapsed := time.Since(p.start).Seconds()
	mb := float64(p.bytes) / (1 << 20)
	rate := mb / max(elapsed, 1e-6)
	left := time.Duration(float64(p.total-p.count) * elapsed / float64(p.count) * float64(time.Second)).Round(time.Second)
	fmt.Fprintf(p.w, "\r\033[K%d/%d files  %.1f MB  %.1f MB/s  %s left", p.count, p.total, mb, rate, left)
}

// printf prints a message above the progress line.
func (p *progress) printf(format string, args ...any) {
	if p.live {
		fmt.Fprint(p.w, "\r\033[K")
	}
	fmt.Fprintf(p.w, format, args...)
}

func (p *progress) done() {
	if p.live {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
