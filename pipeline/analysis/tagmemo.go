package analysis

import "math"

// Most tokens of news text are words the model knows, written in lower,
// Title or UPPER case. memo maps each such spelling, as the model sees it,
// to its complete features (context lookups and any fixed tag), so a known
// token costs one map lookup instead of four plus the special-case checks.
// Entries are computed by lookup itself, so a hit and a miss give the same
// features.

// tagMemo is what buildMemo derives from the model.
type tagMemo struct {
	feats map[string]tokFeat
	// parts are the running scores after the three token-only rows that
	// every token's sum starts with (bias, "i suffix", "i pref1"), one per
	// distinct pair of rows among feats, so tagging copies them instead of
	// adding the rows up again.
	parts []partSum
}

type partSum struct {
	v    [tagStart]float32
	seen uint64 // classes the rows touch
}

// buildMemo sets m.memo from the model's words and tag dictionary.
func (m *tagModel) buildMemo() {
	memo := make(map[string]tokFeat, 2*(len(m.words)+len(m.fixed)))
	var buf, cased []byte
	add := func(w string) {
		if w == "" {
			return
		}
		if _, ok := memo[w]; !ok {
			memo[w] = m.lookup(w, &buf)
		}
	}
	variants := func(w string) {
		add(w)
		if !isASCII(w) {
			return
		}
		// Title case and upper case, as sentence starts and headlines write them.
		cased = append(cased[:0], w...)
		if c := cased[0]; c >= 'a' && c <= 'z' {
			cased[0] = c - 'a' + 'A'
			add(string(cased))
		}
		upper := false
		for i, c := range cased {
			if c >= 'a' && c <= 'z' {
				cased[i], upper = c-'a'+'A', true
			}
		}
		if upper {
			add(string(cased))
		}
	}
	for w := range m.words {
		variants(w)
	}
	for w := range m.fixed {
		variants(w)
	}
	pairs := map[[2]int32]int32{}
	for w, f := range memo {
		if f.done {
			continue
		}
		key := [2]int32{f.rawSuf, f.pref}
		i, ok := pairs[key]
		if !ok {
			i = int32(len(pairs) + 1)
			pairs[key] = i
		}
		f.part = i
		memo[w] = f
	}
	parts := make([]partSum, len(pairs))
	for key, i := range pairs {
		parts[i-1] = m.partial(key[0], key[1])
	}
	m.memo.Store(&tagMemo{feats: memo, parts: parts})
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
	}
	return f
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
