package benchmetric

import (
	"testing"
	"time"
)

func TestReport(t *testing.T) {
	r := testing.Benchmark(func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			time.Sleep(time.Millisecond)
		}
		Report(b, 2_000_000, 1000)
	})
	// Each pass takes a bit over 1 ms: under 2,000 MB/s and 1M tokens/s,
	// and the two in the ratio of bytes to tokens.
	mbs, toks := r.Extra["MB/s"], r.Extra["tokens/s"]
	if mbs <= 0 || mbs > 2000 {
		t.Fatalf("MB/s = %v, want in (0, 2000]", mbs)
	}
	if toks <= 0 || toks > 1e6 {
		t.Fatalf("tokens/s = %v, want in (0, 1e6]", toks)
	}
	if ratio := mbs * 1e6 / toks; ratio < 1999 || ratio > 2001 {
		t.Fatalf("bytes per token = %v, want 2000", ratio)
	}
}
