// Package memlimit sets the garbage collector's budget for a run of
// quarry: a soft memory limit sized for ordinary articles, raised when a
// long article arrives, rather than a heap growth ratio alone.
//
// With GOGC alone the heap peaks at a multiple of the live heap, and the
// freed pages of earlier cycles stay resident: BBC×4 peaked at ~178 MB of
// RSS at GOGC=130. A limit makes the collector start at the same total
// whatever the run's length, and the runtime hands pages back as it nears
// it: ~156 MB, at the same speed. But a limit below what an article needs
// makes the collector run without pause, so the limit follows the longest
// article seen.
package memlimit

import (
	"os"
	"runtime/debug"
	"sync"
)

const (
	// Base is the soft limit for runs of ordinary articles: the models
	// and per-word caches (~65 MB live) and the articles in flight. At 140
	// MiB BBC×4 peaked at 154 MB of RSS, at 110 MiB at 130 MB, with the
	// same CPU time (12 collections instead of 6).
	Base = 110 << 20
	// PerByte is the memory one article needs while it is analysed, per
	// byte of the text analysed at once (measured: ~90).
	PerByte = 100
	// KeepPerByte is the memory an article holds until it is written, per
	// byte of its text: the text, and the entities of one read in windows
	// (its other records wait encoded, on disk once they pass a few MB:
	// pipeline's stash). Measured: a live heap of ~1.9 bytes a byte of
	// 100 MB articles of news, of dense names and of dense figures alike,
	// models included.
	KeepPerByte = 2
	// Max caps the limit: past it, the collector works harder instead of
	// taking more memory (the runtime bounds that work to half the CPU).
	Max = 768 << 20
	// gcPercent bounds the heap at 4× the live heap when the limit is far.
	gcPercent = 300
)

var (
	mu sync.Mutex
	// limit is the soft limit set by Tune, 0 when the user's GOGC or
	// GOMEMLIMIT rule.
	limit int64
)

// Tune sets the collector's budget unless the user set GOGC or
// GOMEMLIMIT: then it keeps theirs, with Max as the limit if they set
// none.
func Tune() {
	gogc, memlimit := os.Getenv("GOGC") != "", os.Getenv("GOMEMLIMIT") != ""
	switch {
	case !gogc && !memlimit:
		debug.SetGCPercent(gcPercent)
		mu.Lock()
		defer mu.Unlock()
		debug.SetMemoryLimit(Base)
		limit = Base
	case !memlimit:
		debug.SetMemoryLimit(Max)
	}
}

// Fit raises the limit, when Tune set it, so that an article of n bytes,
// analysed work bytes at a time (a long one is cut into windows), fits
// beside the base with as many workers analysing as much. It never
// lowers it.
func Fit(n, work int64, workers int) {
	want := min(Base+int64(max(workers, 1))*PerByte*work+KeepPerByte*n, Max)
	mu.Lock()
	defer mu.Unlock()
	if limit != 0 && want > limit {
		debug.SetMemoryLimit(want)
		limit = want
	}
}
