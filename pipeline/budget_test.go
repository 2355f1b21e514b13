package pipeline

import (
	"context"
	"testing"
	"time"
)

func TestBudget(t *testing.T) {
	ctx := context.Background()
	b := newBudget(100)
	if !b.take(ctx, 60) || !b.take(ctx, 40) {
		t.Fatal("100 bytes did not fit a budget of 100")
	}
	got := make(chan bool)
	go func() { got <- b.take(ctx, 10) }()
	select {
	case <-got:
		t.Fatal("took 10 more bytes from a full budget")
	case <-time.After(20 * time.Millisecond):
	}
	b.give(60)
	if !<-got {
		t.Fatal("take failed once bytes came back")
	}
	b.give(40)
	b.give(10)

	// An article longer than the whole budget passes when it is alone,
	// and holds the rest back until it is written.
	if !b.take(ctx, 500) {
		t.Fatal("a long article could not pass an empty budget")
	}
	cctx, cancel := context.WithCancel(ctx)
	go func() { got <- b.take(cctx, 1) }()
	select {
	case <-got:
		t.Fatal("took a byte beside an article over the budget")
	case <-time.After(20 * time.Millisecond):
	}
	cancel()
	if <-got {
		t.Fatal("take returned true after its context ended")
	}
}
