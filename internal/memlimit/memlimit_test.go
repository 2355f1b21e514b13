package memlimit

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestFit(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	set := func(v int64) {
		mu.Lock()
		limit = v
		mu.Unlock()
		debug.SetMemoryLimit(1 << 40) // out of the way; Fit sets the runtime's limit itself
	}
	current := func() int64 { return debug.SetMemoryLimit(-1) }
	Limit := func() int64 {
		mu.Lock()
		defer mu.Unlock()
		return limit
	}

	// The user's settings rule: Fit leaves them alone.
	set(0)
	before := current()
	Fit(10<<20, 10<<20, 2)
	if Limit() != 0 || current() != before {
		t.Fatalf("Fit changed the limit under the user's settings: %d, %d", Limit(), current())
	}

	set(Base)
	for _, c := range []struct {
		name    string
		n, work int64
		workers int
		want    int64
	}{
		{"a 20 KB article", 20 << 10, 20 << 10, 2, Base + 2*PerByte*(20<<10) + KeepPerByte*(20<<10)},
		{"smaller one after it: never lowered", 1 << 10, 1 << 10, 2, Base + 2*PerByte*(20<<10) + KeepPerByte*(20<<10)},
		{"4 MB in windows of 256 KB", 4 << 20, 256 << 10, 4, Base + 4*PerByte*(256<<10) + KeepPerByte*(4<<20)},
		{"1 MB on four workers", 1 << 20, 1 << 20, 4, Base + 4*PerByte*(1<<20) + KeepPerByte*(1<<20)},
		{"capped", 400 << 20, 256 << 10, 2, Max},
	} {
		Fit(c.n, c.work, c.workers)
		if got := Limit(); got != c.want {
			t.Errorf("%s: limit %d, want %d", c.name, got, c.want)
		}
		if got := current(); got != c.want {
			t.Errorf("%s: runtime limit %d, want %d", c.name, got, c.want)
		}
	}
	// No workers counts as one (from the base: a row after "capped" could
	// not tell, the limit never being lowered).
	set(Base)
	Fit(1<<20, 1<<20, 0)
	if want := int64(Base + (PerByte+KeepPerByte)*(1<<20)); Limit() != want {
		t.Errorf("workers 0: limit %d, want %d", Limit(), want)
	}
}
