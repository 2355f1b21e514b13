package rules

// edgeTable maps a trie edge (node<<32 | atom id) to its child node. It is
// open addressing with linear probing: building the trie of a 100,000-entry
// gazetteer spent most of its time in a Go map's inserts, and matching
// does one lookup per atom.
type edgeTable struct {
	keys  []uint64 // key+1; 0 marks an empty slot
	vals  []int32
	n     int
	shift uint
}

func newEdgeTable(hint int) *edgeTable {
	t := &edgeTable{}
	size := 16
	for size < 2*hint {
		size <<= 1
	}
	t.alloc(size)
	return t
}

func (t *edgeTable) alloc(size int) {
	t.keys = make([]uint64, size)
	t.vals = make([]int32, size)
	t.shift = 64
	for s := size; s > 1; s >>= 1 {
		t.shift--
	}
}

func (t *edgeTable) slot(key uint64) int {
	return int((key * 0x9E3779B97F4A7C15) >> t.shift)
}

func (t *edgeTable) get(key uint64) (int32, bool) {
	mask := len(t.keys) - 1
	for i := t.slot(key); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case key + 1:
			return t.vals[i], true
		case 0:
			return 0, false
		}
	}
}

// put sets key to val; key must not be present.
func (t *edgeTable) put(key uint64, val int32) {
	if 2*(t.n+1) > len(t.keys) {
		keys, vals := t.keys, t.vals
		t.alloc(2 * len(keys))
		t.n = 0
		for i, k := range keys {
			if k != 0 {
				t.put(k-1, vals[i])
			}
		}
	}
	mask := len(t.keys) - 1
	i := t.slot(key)
	for t.keys[i] != 0 {
		i = (i + 1) & mask
	}
	t.keys[i], t.vals[i] = key+1, val
	t.n++
}
