package pipeline

import (
	"context"
	"sync"
)

// inflightBytes caps the article text in flight (read and not yet
// written) besides the cap on articles: each costs ~6× its size while it
// waits for its turn at the sink (its text, its records, its line), and
// text read ahead is memory too (with 32 MiB, twenty 1 MB articles were
// all read before the second was done). Two workers need two articles,
// and a third ready: 8 MiB is that for articles up to ~2.5 MB. A longer
// article waits until it is alone.
const inflightBytes = 8 << 20

// budget is a count of bytes that the reader takes before it passes an
// article on and the sink gives back once the article is written.
type budget struct {
	mu    sync.Mutex
	used  int64
	max   int64
	freed chan struct{} // poked when bytes come back
}

func newBudget(max int64) *budget {
	return &budget{max: max, freed: make(chan struct{}, 1)}
}

// take waits until n bytes fit, or nothing else is in flight; it returns
// false if ctx ends first.
func (b *budget) take(ctx context.Context, n int64) bool {
	for {
		b.mu.Lock()
		if b.used == 0 || b.used+n <= b.max {
			b.used += n
			b.mu.Unlock()
			return true
		}
		b.mu.Unlock()
		select {
		case <-b.freed:
		case <-ctx.Done():
			return false
		}
	}
}

func (b *budget) give(n int64) {
	b.mu.Lock()
	b.used -= n
	b.mu.Unlock()
	select {
	case b.freed <- struct{}{}:
	default:
	}
}
