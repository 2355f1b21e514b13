package entities

import "slices"

// gazetteer holds entity names seen in training data, as hashes of their
// lower-cased token sequences, with a bit per entity type.
type gazetteer struct {
	entries hashMasks // sequence hash -> type mask
	firsts  hashMasks // first-token hash -> longest entry length
}

const gazMaxLen = 6

func newGazetteer() *gazetteer { return &gazetteer{} }

// hashMasks maps hashes to bytes, as a map[uint64]uint8 would, in an open
// addressing table: the keys are hashes already, so a lookup is an index
// and a compare or two, where a map's costs ~90 instructions (mark makes
// one for every multi-token candidate).
type hashMasks struct {
	slots []maskSlot // a power of two, at most half full
	n     int
}

type maskSlot struct {
	key  uint64
	val  uint8
	used bool
}

func (t *hashMasks) len() int { return t.n }

// slot returns the index of h's slot, or of the empty slot it would take.
func (t *hashMasks) slot(h uint64) int {
	mask := len(t.slots) - 1
	i := int(h*0x9E3779B97F4A7C15>>32) & mask
	for t.slots[i].used && t.slots[i].key != h {
		i = (i + 1) & mask
	}
	return i
}

// get returns h's value, 0 when there is none.
func (t *hashMasks) get(h uint64) uint8 {
	if t.n == 0 {
		return 0
	}
	return t.slots[t.slot(h)].val
}

// reserve makes room for n values in all, so that sets up to them do not
// copy the table again.
func (t *hashMasks) reserve(n int) {
	if 2*n <= len(t.slots) {
		return
	}
	size := max(16, 2*len(t.slots))
	for size < 2*n {
		size *= 2
	}
	old := t.slots
	t.slots = make([]maskSlot, size)
	for _, e := range old {
		if e.used {
			t.slots[t.slot(e.key)] = e
		}
	}
}

// set makes v h's value.
func (t *hashMasks) set(h uint64, v uint8) {
	t.reserve(t.n + 1)
	i := t.slot(h)
	if !t.slots[i].used {
		t.n++
	}
	t.slots[i] = maskSlot{key: h, val: v, used: true}
}

// keys returns the hashes that have a value, in increasing order.
func (t *hashMasks) keys() []uint64 {
	keys := make([]uint64, 0, t.n)
	for _, e := range t.slots {
		if e.used {
			keys = append(keys, e.key)
		}
	}
	slices.Sort(keys)
	return keys
}

func seqHash(h, lower uint64) uint64 { return mix(h+0x51ED, lower) }

func (g *gazetteer) add(lowers []uint64, mask uint8) {
	if len(lowers) == 0 || len(lowers) > gazMaxLen || mask == 0 {
		return
	}
	var h uint64
	for _, l := range lowers {
		h = seqHash(h, l)
	}
	g.entries.set(h, g.entries.get(h)|mask)
	if uint8(len(lowers)) > g.firsts.get(lowers[0]) {
		g.firsts.set(lowers[0], uint8(len(lowers)))
	}
}

// mark sets gaz bits (type*2 for the first token, type*2+1 for the rest)
// on every token covered by an entry. exclude, when set, drops per-document
// hits (leave-one-out during training) and returns the mask to use. infos
// must have been prepared with g (for gazLen, the firsts of the word, and
// gaz1, its entry alone).
func (g *gazetteer) mark(infos []tokInfo, exclude func(h uint64, mask uint8) uint8) {
	if g == nil || g.entries.len() == 0 {
		return
	}
	for i := range infos {
		if infos[i].flags&fClosed != 0 {
			// Names start with a capital, a digit or a connector
			// ("de Gaulle"); this saves a lookup for most tokens.
			continue
		}
		max := int(infos[i].gazLen)
		if max == 0 {
			continue
		}
		var h uint64
		for j := i; j < len(infos) && j-i < max; j++ {
			h = seqHash(h, infos[j].lower)
			mask := infos[i].gaz1 // g.entries[h], kept per word
			if j > i {
				mask = g.entries.get(h)
			}
			if mask == 0 {
				continue // none, or nothing a zero mask would mark
			}
			if exclude != nil {
				mask = exclude(h, mask)
			}
			for t := 0; mask != 0; t, mask = t+1, mask>>1 {
				if mask&1 == 0 {
					continue
				}
				infos[i].gaz |= 1 << (2 * t)
				for k := i + 1; k <= j; k++ {
					infos[k].gaz |= 1 << (2*t + 1)
				}
			}
		}
	}
}
