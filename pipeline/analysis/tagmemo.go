package analysis

import (
	"math"
	"sync"
)

// Every token's scores start from the same three token-only rows (bias,
// "i suffix", "i pref1"). A partSum holds their running sums, one per
// distinct pair of rows, made on first use and shared, so tagging copies
// them instead of adding the rows up again; with the rest of a word's
// features it is kept per word in byWord, so a word costs one lookup per
// process.

type partSum struct {
	v    [tagStart]float32
	seen uint64 // classes the rows touch
}

type partTable struct {
	mu   sync.Mutex
	sums map[[2]int32]*partSum
}

// partFor returns the shared sums of the bias, rawSuf and pref rows.
func (m *tagModel) partFor(rawSuf, pref int32) *partSum {
	t := &m.parts
	t.mu.Lock()
	defer t.mu.Unlock()
	key := [2]int32{rawSuf, pref}
	if p, ok := t.sums[key]; ok {
		return p
	}
	if t.sums == nil {
		t.sums = map[[2]int32]*partSum{}
	}
	p := m.partial(rawSuf, pref)
	t.sums[key] = &p
	return &p
}

// partial adds up the bias, rawSuf and pref rows as tag does.
func (m *tagModel) partial(rawSuf, pref int32) partSum {
	var p partSum
	for _, r := range [...]int32{m.bias, rawSuf, pref} {
		if r < 0 {
			continue
		}
		h, es := m.row(r)
		for _, e := range es {
			p.v[uint8(e>>32)] += math.Float32frombits(uint32(e))
		}
		p.seen |= h & (1<<tagStart - 1)
	}
	return p
}

// lookup computes the complete features of w (as the model sees it).
func (m *tagModel) lookup(w string, buf *[]byte) tokFeat {
	// Even a word with a known tag feeds its neighbours' context features.
	f := m.features(w, buf)
	if t, ok := m.fixed[w]; ok {
		f.done, f.id, f.tag = true, t.id, t.tag
	} else if t, ok := m.special(w); ok {
		f.done, f.id, f.tag = true, t.id, t.tag
	} else {
		f.part = m.partFor(f.rawSuf, f.pref)
	}
	return f
}
