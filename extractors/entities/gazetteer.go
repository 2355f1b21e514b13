package entities

// gazetteer holds entity names seen in training data, as hashes of their
// lower-cased token sequences, with a bit per entity type.
type gazetteer struct {
	entries map[uint64]uint8 // sequence hash -> type mask
	firsts  map[uint64]uint8 // first-token hash -> longest entry length
}

const gazMaxLen = 6

func newGazetteer() *gazetteer {
	return &gazetteer{entries: map[uint64]uint8{}, firsts: map[uint64]uint8{}}
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
	g.entries[h] |= mask
	if uint8(len(lowers)) > g.firsts[lowers[0]] {
		g.firsts[lowers[0]] = uint8(len(lowers))
	}
}

// mark sets gaz bits (type*2 for the first token, type*2+1 for the rest)
// on every token covered by an entry. exclude, when set, drops per-document
// hits (leave-one-out during training) and returns the mask to use. infos
// must have been prepared with g (for gazLen, the firsts of the word, and
// gaz1, its entry alone).
func (g *gazetteer) mark(infos []tokInfo, exclude func(h uint64, mask uint8) uint8) {
	if g == nil || len(g.entries) == 0 {
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
				mask = g.entries[h]
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
