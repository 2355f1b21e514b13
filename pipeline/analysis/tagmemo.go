package analysis

import (
	"sync/atomic"
	"unsafe"
)

// Every token's scores start from the same three token-only rows (bias,
// "i suffix", "i pref1"). A partSum holds their sums, one per distinct pair
// of rows, made on first use and shared, so tagging adds them as one
// vector instead of adding the rows up again; with the rest of a word's
// features it is kept per word in byWord, so a word costs one lookup per
// process. The three rows of the previous two tags ("i-1 tag", "i-2 tag",
// "i tag+i-2 tag") are summed once per pair of tags the same way, and what
// a word gives the token after it ("i-1 word", "i-1 suffix") and before it
// ("i+1 word", "i+1 suffix") once per model word and suffix.

type partSum struct {
	v    [sumLanes]int32 // sumBias plus each class's sum; the last lane pads
	seen uint64          // classes the rows touch
}

// Every partSum lane holds sumBias more than its class's sum, so that a
// lane stays positive and tag can add sums a uint64 (two lanes) at a time
// without a carry crossing lanes: a row's weight is below 1<<23 in size
// (see addRow) and a token's score adds 14 rows or fewer, so each lane of
// a sum of n partSums, sparse rows and all, stays between (n-1)*sumBias and
// (n+1)*sumBias, below 1<<31 for n ≤ 6. Scores compared are of one token,
// all with the same n, so the bias does not change which is highest.
const (
	sumBias  = 1 << 27
	sumLanes = tagStart + 1 // whole uint64s
	sumWords = sumLanes / 2
)

// biased is the partSum of no rows; farSum returns its address for a word
// with no dense sum, which tag tests.
var biased = func() (p partSum) {
	for c := range p.v {
		p.v[c] = sumBias
	}
	return p
}()

// laneWords is v seen as uint64s, two lanes each.
func laneWords(v *int32) *[sumWords]uint64 { return (*[sumWords]uint64)(unsafe.Pointer(v)) }

// ctxSum is what a token adds to the scores of its neighbours.
type ctxSum struct {
	prev, next partSum // for the token after it, and before it
}

// A long "i-2 word" or "i+2 word" row (16 entries or more: a few hundred
// rows, of the most frequent words, so most tokens' on news text) is also
// summed densely, once at load, into m.far: tag adds a dense sum for less
// than it would walk such a row. A short row stays a row: its dense sum
// would take three cache lines where the row takes one.
const denseRow = 16

// farSum returns what a word's prev2 or next2 row r (as wordRows.prev2Far
// and next2Far keep it: noRow for none, m.far[-2-r] for a long one) adds to
// the token two after or before it: a dense sum, else &biased and a row
// (or noRow).
func (m *tagModel) farSum(r int32) (*partSum, int32) {
	if r < noRow {
		return &m.far[-2-r], noRow
	}
	return &biased, r
}

// ctxFor returns the shared context sums of a word with model word index
// word and normalised suffix index nsuf (-1 for none). A model word is one
// normalised form, so its suffix is always the same: the sums are kept by
// word, or by suffix for the words the model does not know, in arrays
// read without a lock.
func (m *tagModel) ctxFor(word, nsuf int32, sc *tagScratch) *ctxSum {
	var slot *atomic.Pointer[ctxSum]
	if word >= 0 {
		slot = &m.ctxByWord[word]
	} else {
		slot = &m.ctxBySuf[nsuf+1]
	}
	if c := slot.Load(); c != nil {
		return c
	}
	c := take(&sc.ctxs)
	c.prev, c.next = biased, biased
	m.makeCtx(c, word, nsuf)
	if slot.CompareAndSwap(nil, c) {
		return c
	}
	return slot.Load()
}

// makeCtx adds the context rows of word and nsuf (-1 for none) to c.
func (m *tagModel) makeCtx(c *ctxSum, word, nsuf int32) {
	pw, nw, ps, ns := int32(noRow), int32(noRow), int32(noRow), int32(noRow)
	if word >= 0 {
		pw, nw = m.wordInfo[word].prev, m.wordInfo[word].next
	}
	if nsuf >= 0 {
		ps, ns = m.sufInfo[nsuf].prev, m.sufInfo[nsuf].next
	}
	m.addRows(&c.prev, pw, ps)
	m.addRows(&c.next, nw, ns)
}

// derive makes what tagging needs beside the stored model.
func (m *tagModel) derive() {
	far := func(r int32) int32 {
		if r < 0 || m.rows[r+1]>>rowLenShift < denseRow {
			return r
		}
		m.far = append(m.far, m.sumRows(r))
		return -1 - int32(len(m.far)) // see farSum
	}
	for i := range m.wordInfo {
		wr := &m.wordInfo[i]
		for _, r := range m.tagWord[wr.twOff : wr.twOff+wr.twLen] {
			wr.tw |= 1 << r.tag
		}
		wr.prev2Far, wr.next2Far = far(wr.prev2), far(wr.next2)
	}
	m.biasSum = m.sumRows(m.bias)
	m.sufs = newSufTable(m.suffixes)
	m.pairs = make([]atomic.Pointer[partSum], numTags*numTags)
	m.ctxByWord = make([]atomic.Pointer[ctxSum], len(m.wordInfo))
	m.ctxBySuf = make([]atomic.Pointer[ctxSum], len(m.sufInfo)+1)
	m.partBySuf = make([]atomic.Pointer[partNode], len(m.sufInfo)+1)
	for i := range m.pads {
		// The pads' words and suffixes are not those of any token's
		// normal form, so they are summed here, outside the arrays.
		m.pads[i].ctx = &ctxSum{biased, biased}
		m.makeCtx(m.pads[i].ctx, m.pads[i].word, m.pads[i].nsuf)
		if w := m.pads[i].word; w >= 0 {
			m.setWord(&m.pads[i], w)
		}
	}
}

// partNode is a shared partSum of one raw suffix row, and the next. It is
// padded to four cache lines, so that in a block of them (see take) every
// sum, read for each token, takes three lines rather than four.
type partNode struct {
	sum  partSum
	next *partNode
	pref int32
	_    [52]byte
}

// partFor returns the shared sums of the bias, rawSuf and pref ("i pref1")
// rows of f.
// They are listed by suffix (those without a row together), each list
// short (a node per first letter or so), in an array read without a lock,
// as ctxFor's.
func (m *tagModel) partFor(f *tokFeat, pref int32, sc *tagScratch) *partSum {
	rawSuf := m.rawSuf(f)
	slot := &m.partBySuf[0]
	if rawSuf >= 0 {
		slot = &m.partBySuf[f.suf+1]
	}
	var n *partNode
	for {
		head := slot.Load()
		for p := head; p != nil; p = p.next {
			if p.pref == pref {
				return &p.sum
			}
		}
		if n == nil {
			n = take(&sc.parts)
			n.pref, n.sum = pref, m.biasSum // and the rawSuf and pref rows
			m.addRows(&n.sum, rawSuf, pref)
		}
		n.next = head
		if slot.CompareAndSwap(head, n) {
			return &n.sum
		}
	}
}

// pairFor returns the shared sums of the rows of previous tags p1 and p2.
// Two goroutines may both make a missing one; they make the same sums.
func (m *tagModel) pairFor(p1, p2 uint8) *partSum {
	if p := m.pairs[int(p1)*numTags+int(p2)].Load(); p != nil {
		return p
	}
	return m.newPair(p1, p2)
}

// newPair is pairFor's slow path, apart so that pairFor's frame is small.
func (m *tagModel) newPair(p1, p2 uint8) *partSum {
	slot := &m.pairs[int(p1)*numTags+int(p2)]
	p := m.sumRows(m.prevTag[p1], m.prev2Tag[p2], m.tagPair[int(p1)*numTags+int(p2)])
	slot.Store(&p)
	return &p
}

// sumRows adds up the given rows (noRow for none).
func (m *tagModel) sumRows(rows ...int32) partSum {
	p := biased
	m.addRows(&p, rows...)
	return p
}

// addRows adds the given rows (noRow for none) to p: straight into p.v
// rather than by addEntries into a 1 KB array zeroed and copied for each
// sum. Rows hold classes below tagStart only; the test spares a bounds
// check.
func (m *tagModel) addRows(p *partSum, rows ...int32) {
	for _, r := range rows {
		if r < 0 {
			continue
		}
		h, es := m.row(r)
		for _, e := range es {
			if c := uint8(e); c < tagStart {
				p.v[c] += int32(e) >> 8
			}
		}
		p.seen |= h & (1<<tagStart - 1)
	}
}

// lookup computes the complete features of w (as the model sees it).
func (m *tagModel) lookup(w string, sc *tagScratch) tokFeat {
	// Even a word with a known tag feeds its neighbours' context features.
	f := m.features(w, &sc.buf)
	f.ctx = m.ctxFor(f.word, f.nsuf, sc)
	if t, ok := m.decided(w); ok {
		f.done, f.id = true, t.id
		f.named = t.id >= tagStart || m.classes[t.id] != t.tag
	} else {
		f.part = m.partFor(&f, m.pref1[w[0]], sc)
	}
	return f
}

// decided returns w's tag when the model does not choose it: from the
// dictionary or a special case.
func (m *tagModel) decided(w string) (fixedTag, bool) {
	if t, ok := m.fixed[w]; ok {
		return t, true
	}
	return m.special(w)
}

// sumBlock is how many sums a scratch takes from one allocation: a word's
// first sight makes up to two (see ctxFor and partFor), and an allocation
// each cost more than adding up their rows. One that loses a race to
// another goroutine's is left unused, as is the rest of a block that a
// dropped scratch held.
const sumBlock = 32

// take returns the next element of *block, allocating sumBlock at a time.
func take[T any](block *[]T) *T {
	if len(*block) == 0 {
		*block = make([]T, sumBlock)
	}
	p := &(*block)[0]
	*block = (*block)[1:]
	return p
}
