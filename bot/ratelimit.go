package bot

import (
	"sync"
	"time"
)

// limiter is a token bucket per user.
type limiter struct {
	burst float64
	every time.Duration
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

// maxBuckets bounds the limiter's memory; full buckets are forgotten
// first, as they carry no information.
const maxBuckets = 10000

func newLimiter(rl RateLimit, now func() time.Time) *limiter {
	return &limiter{burst: float64(rl.Burst), every: rl.Every, now: now, buckets: map[string]*bucket{}}
}

// allow takes a token from user's bucket; when there is none it reports
// false and how long until there is.
func (l *limiter) allow(user string) (time.Duration, bool) {
	if l.burst < 0 {
		return 0, true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	bk, ok := l.buckets[user]
	if !ok {
		if len(l.buckets) >= maxBuckets {
			l.prune(now)
		}
		bk = &bucket{tokens: l.burst, last: now}
		l.buckets[user] = bk
	}
	bk.refill(now, l.burst, l.every)
	if bk.tokens >= 1 {
		bk.tokens--
		return 0, true
	}
	return time.Duration((1 - bk.tokens) * float64(l.every)), false
}

func (bk *bucket) refill(now time.Time, burst float64, every time.Duration) {
	if el := now.Sub(bk.last); el > 0 {
		bk.tokens = min(burst, bk.tokens+float64(el)/float64(every))
		bk.last = now
	}
}

// prune forgets full buckets, and if that is not enough, all of them.
func (l *limiter) prune(now time.Time) {
	for k, bk := range l.buckets {
		bk.refill(now, l.burst, l.every)
		if bk.tokens >= l.burst {
			delete(l.buckets, k)
		}
	}
	if len(l.buckets) >= maxBuckets {
		clear(l.buckets)
	}
}
