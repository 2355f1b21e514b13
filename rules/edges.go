package rules

// edgeTable maps a trie edge (node<<32 | atom id) to its child node. It is
// open addressing with linear probing, key and value side by side so a
// probe touches one cache line: building the trie of a 100,000-entry
// gazetteer spent most of its time in a Go map, and matching does one
// lookup per atom.
type edgeTable struct {
	slots []edgeSlot
	n     int
	shift uint
}

type edgeSlot struct {
	key uint64 // key+1; 0 marks an empty slot
	val int32
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
	t.slots = make([]edgeSlot, size)
	t.shift = 64
	for s := size; s > 1; s >>= 1 {
		t.shift--
	}
}

func (t *edgeTable) slot(key uint64) int {
	return int((key * 0x9E3779B97F4A7C15) >> t.shift)
}

// probe returns the slot holding key, or the empty slot where it would go.
func (t *edgeTable) probe(key uint64) *edgeSlot {
	mask := len(t.slots) - 1
	for i := t.slot(key); ; i = (i + 1) & mask {
		if s := &t.slots[i]; s.key == key+1 || s.key == 0 {
			return s
		}
	}
}

func (t *edgeTable) get(key uint64) (int32, bool) {
	s := t.probe(key)
	return s.val, s.key != 0
}

// getOrPut returns key's value, setting it to val first when key is
// absent; added says which.
func (t *edgeTable) getOrPut(key uint64, val int32) (got int32, added bool) {
	if 2*(t.n+1) > len(t.slots) {
		old := t.slots
		t.alloc(2 * len(old))
		t.n = 0
		for _, s := range old {
			if s.key != 0 {
				t.getOrPut(s.key-1, s.val)
			}
		}
	}
	s := t.probe(key)
	if s.key != 0 {
		return s.val, false
	}
	s.key, s.val = key+1, val
	t.n++
	return val, true
}
