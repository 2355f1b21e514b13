package entities

import (
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// Span is a labelled stretch of text, byte offsets end exclusive.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Label string `json:"label"`
}

// Model is a linear sequence labeller: hashed features, one weight row per
// hash bucket, BIO tags and first-order transitions.
type Model struct {
	// Types are the entity labels, e.g. PERSON, ORG, LOC, MISC.
	Types []string
	// static keeps each word's own token features for prepare (they
	// depend on clus and gaz, fixed once a model is in use, and on the
	// table: setTable starts it afresh).
	static *wordStatics
	// Viterbi selects exact decoding; otherwise greedy left to right.
	Viterbi bool
	// UsePOS adds part-of-speech features when tokens carry tags.
	UsePOS bool
	bits   uint8
	nl     int // number of tags: 1 + 2*len(Types)
	tab    table
	gaz    *gazetteer
	allow  []bool  // (nl+1) x nl: BIO validity
	preds  [][]int // per tag: the tags that may precede it
	full   uint32  // bit y set when every tag may precede tag y
	// clus holds word clusters from unlabelled text, or nil.
	clus clusterTable
	// inputs fingerprints the training inputs (see inputsHash); empty
	// for models written before it was recorded.
	inputs string
}

// table holds the emission weights of both passes. The second pass, when
// there is one, also sees how the first labelled the same words elsewhere
// in the document.
//
// Few hash rows are ever non-zero (about one in sixteen), so rows are
// stored packed: a bit per row says whether it is present, rank counts the
// bits before each word, and rows holds the present rows in order, the
// first pass's nl weights then the second's, as int16 times that pass's
// scale. One lookup serves both passes, and the whole table stays in
// cache where a dense one would not.
type table struct {
	present []uint64
	rank    []uint32
	rows    []int16
	stride  int // nl, or 2*nl with a second pass
	scale   [2]float32
	trans   [2][]float32 // (nl+1) x nl each; row nl is the sentence start
	cols    [2][]float32 // trans by column (see transCols)
	pass1   sparseRows   // the first pass as set, for training the second
	// words keeps, per word, the sums of its own features' rows for the
	// closed words that hits reopen (see emissions; those of other words
	// and the sums of the features a word gives a neighbour are kept with
	// the word's fields, see nearSums); a new table starts them afresh.
	// Vectors of stride values, so the usual 18 do not pay for the 34 of
	// the largest model. pad holds the sums for the sentence boundary.
	words *analysis.WordVecs
	pad   [nRoles][2 * maxTags]int32
	// ctx holds the sums of the partCtx features by ctxKey (stride
	// values each), then zeros for the tokens without a key.
	ctx []int32
	// doc holds the sums of each second-pass feature (see docFeatures),
	// whose values are few, when there is a second pass.
	doc *docSums
}

// docSums are the rows of the second pass's features by value: label code
// bit, majority type, majority type by sentence-start and headline flags,
// own code.
type docSums struct {
	lab    [nCodes][2 * maxTags]int32
	maj    [9][2 * maxTags]int32
	majPos [9][4][2 * maxTags]int32
	self   [nCodes + 1][2 * maxTags]int32
}

func (t *table) twoPass() bool { return t.trans[1] != nil }

// row returns the weights of hash row r (stride values), or nil when they
// are all zero.
func (t *table) row(r uint64) []int16 {
	word := t.present[r>>6]
	bit := uint64(1) << (r & 63)
	if word&bit == 0 {
		return nil
	}
	k := int(t.rank[r>>6]) + bits.OnesCount64(word&(bit-1))
	return t.rows[k*t.stride : k*t.stride+t.stride]
}

// sparseRows are one pass's non-zero rows in increasing order.
type sparseRows struct {
	idx   []int
	rows  []int16 // nl per index
	scale float32
	trans []float32
}

// quantize keeps the non-zero rows of trained float weights as int16.
func quantize(w, trans []float32, nl int) sparseRows {
	var maxAbs float64
	for _, v := range w {
		maxAbs = max(maxAbs, math.Abs(float64(v)))
	}
	sr := sparseRows{scale: float32(maxAbs / 32767), trans: trans}
	if sr.scale == 0 {
		sr.scale = 1
	}
	row := make([]int16, nl)
	for r := 0; r*nl < len(w); r++ {
		nz := false
		for y, v := range w[r*nl : r*nl+nl] {
			row[y] = int16(math.Round(float64(v / sr.scale)))
			nz = nz || row[y] != 0
		}
		if nz {
			sr.idx = append(sr.idx, r)
			sr.rows = append(sr.rows, row...)
		}
	}
	return sr
}

// setWeights packs one or two passes into m.tab.
func (m *Model) setWeights(p1 sparseRows, p2 *sparseRows) {
	nl := m.nl
	words := (1 << m.bits) / 64
	t := table{present: make([]uint64, words), rank: make([]uint32, words), stride: nl, pass1: p1}
	t.scale[0], t.trans[0] = p1.scale, p1.trans
	if p2 != nil {
		t.stride = 2 * nl
		t.scale[1], t.trans[1] = p2.scale, p2.trans
	}
	for _, r := range p1.idx {
		t.present[r>>6] |= 1 << (r & 63)
	}
	if p2 != nil {
		for _, r := range p2.idx {
			t.present[r>>6] |= 1 << (r & 63)
		}
	}
	t.rows = make([]int16, t.setRank()*t.stride)
	fill := func(sr sparseRows, off int) {
		for j, r := range sr.idx {
			k := int(t.rank[r>>6]) + bits.OnesCount64(t.present[r>>6]&(1<<(r&63)-1))
			copy(t.rows[k*t.stride+off:k*t.stride+off+nl], sr.rows[j*nl:j*nl+nl])
		}
	}
	fill(p1, 0)
	if p2 != nil {
		fill(*p2, nl)
	}
	m.setTable(t)
}

// setRank fills t.rank from t.present and returns the number of rows.
func (t *table) setRank() int {
	n := 0
	for i, w := range t.present {
		t.rank[i] = uint32(n)
		n += bits.OnesCount64(w)
	}
	return n
}

// setTable makes t, its rows packed and ranked, the model's table, with
// what is worked out from the rows.
func (m *Model) setTable(t table) {
	t.words = analysis.NewWordVecs(t.stride)
	for r := range t.pad {
		t.accumulate(nearFeatures(r, &pads[r], nil), &t.pad[r], m.bits)
	}
	for k, tr := range t.trans {
		if tr != nil {
			t.cols[k] = transCols(nil, tr, m.nl)
		}
	}
	t.ctx = make([]int32, (nCtx+1)*t.stride)
	var feats []uint64
	for k := range nCtx {
		var infos [3]tokInfo
		var a [2 * maxTags]int32
		in, i := ctxInfo(k)
		infos[i] = in
		feats = appendFeatures(infos[:i+1], i, feats[:0], partCtx)
		t.accumulate(feats, &a, m.bits)
		copy(t.ctx[k*t.stride:], a[:t.stride])
	}
	if t.twoPass() {
		d := new(docSums)
		one := func(f uint64, a *[2 * maxTags]int32) { t.accumulate([]uint64{f}, a, m.bits) }
		for c := range d.lab {
			one(mix(tDocLab, uint64(c)), &d.lab[c])
		}
		for k := range d.maj {
			one(mix(tDocMaj, uint64(k)), &d.maj[k])
			for f := range d.majPos[k] {
				one(mix(tDocMaj+1<<8, mix(uint64(k), uint64(f)<<7)), &d.majPos[k][f])
			}
		}
		for c := range d.self {
			one(mix(tDocSelf, uint64(c)), &d.self[c])
		}
		t.doc = d
	}
	m.tab = t
	m.static = &wordStatics{tab: &m.tab, bits: m.bits}
}

// passRows returns pass k's non-zero rows.
func (m *Model) passRows(k int) sparseRows {
	t := &m.tab
	nl := m.nl
	sr := sparseRows{scale: t.scale[k], trans: t.trans[k]}
	j := 0
	for wi, word := range t.present {
		for word != 0 {
			r := wi*64 + bits.TrailingZeros64(word)
			word &= word - 1
			row := t.rows[j*t.stride+k*nl : j*t.stride+k*nl+nl]
			j++
			for _, v := range row {
				if v != 0 {
					sr.idx = append(sr.idx, r)
					sr.rows = append(sr.rows, row...)
					break
				}
			}
		}
	}
	return sr
}

// Tag ids: 0 is O, 1+2k is B-type k, 2+2k is I-type k.
func tagType(y int) int  { return (y - 1) / 2 }
func isBegin(y int) bool { return y > 0 && y%2 == 1 }

func newModel(types []string, bits uint8) *Model {
	m := &Model{Types: types, bits: bits}
	m.init()
	m.gaz = newGazetteer()
	return m
}

func (m *Model) init() {
	m.nl = 1 + 2*len(m.Types)
	m.allow = make([]bool, (m.nl+1)*m.nl)
	for p := 0; p <= m.nl; p++ {
		for y := 0; y < m.nl; y++ {
			ok := true
			if y > 0 && !isBegin(y) {
				// I-X only after B-X or I-X.
				ok = p > 0 && p < m.nl && tagType(p) == tagType(y)
			}
			m.allow[p*m.nl+y] = ok
		}
	}
	m.preds = make([][]int, m.nl)
	for y := 0; y < m.nl; y++ {
		for p := 0; p < m.nl; p++ {
			if m.allow[p*m.nl+y] {
				m.preds[y] = append(m.preds[y], p)
			}
		}
		if len(m.preds[y]) == m.nl {
			m.full |= 1 << y
		}
	}
}

// scratch is per-call working memory, pooled so Extract stays stateless.
type scratch struct {
	infos   []tokInfo
	feats   []uint64
	scores  []float32
	back    []int32
	tags    []int
	emit    []float32 // a sentence's emission scores, kept from decode for margins
	buf     []byte
	seen    []uint8 // per slot (see slotsOf)
	labs    []int32 // per slot: index into counts + 1
	slot    []int32
	hkeys   []uint64
	hids    []int32
	partial []int32   // second-pass sums of first-pass features
	cols    []float32 // decode's transitions by column
	counts  []codeCounts
	nslots  int // words numbered in slot by docFlags
	// Per document, until s is put back: tagTokens' spans, ruleSet.hits'.
	spans   []tokSpan
	ranges  [][2]int
	hits    []ruleHit
	entries []hitEntry
}

var scratchPool = sync.Pool{New: func() any {
	return &scratch{}
}}

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

// putScratch pools s unless it holds a long article's buffers (~200 bytes
// a token).
func putScratch(s *scratch) {
	if cap(s.infos) <= analysis.MaxPooledTokens {
		scratchPool.Put(s)
	}
}

func (s *scratch) grow(n, nl int) {
	if cap(s.infos) < n {
		// Grown as append would, so that a run's growing articles
		// replace the arrays a few times only.
		s.infos = slices.Grow(s.infos[:0], n)
		s.tags = make([]int, cap(s.infos))
	}
	s.infos = s.infos[:n]
	s.tags = s.tags[:n]
	if cap(s.scores) < n*nl {
		s.scores = make([]float32, cap(s.infos)*nl)
		s.back = make([]int32, cap(s.infos)*nl)
	}
}

// margin returns best minus second-best of a token's emission scores.
func margin(sc []float32) float32 {
	a, b := negInf, negInf
	for _, v := range sc {
		if v > a {
			a, b = v, a
		} else if v > b {
			b = v
		}
	}
	return a - b
}

// prepareDoc computes token infos with gazetteer and document features.
// hits are the rule set's matches, model features when given.
func (m *Model) prepareDoc(doc *analysis.Doc, s *scratch, hits []ruleHit) {
	s.grow(len(doc.Tokens), m.nl)
	s.buf = prepare(doc, s.infos, s.buf, m.UsePOS, m.clus, m.gaz, m.static)
	docFlags(s.infos, s)
	for _, sent := range doc.Sentences {
		m.gaz.mark(s.infos[sent.First:sent.Last], nil)
	}
	markHits(s.infos, hits)
	s.buf = reopen(doc, s.infos, s.buf, false)
}

// maxTags bounds nl: 8 types.
const maxTags = 17

// emissions fills s.scores for the tokens of a sentence. In the first
// pass of a two-pass model it also keeps, in s.partial, the second pass's
// sums over the same features; the second pass then adds its document
// features only.
func (m *Model) emissions(infos []tokInfo, first int, s *scratch, second bool) {
	t := &m.tab
	nl := m.nl
	both := !second && t.twoPass()
	for i := range infos {
		in := &infos[i]
		if in.flags&fClosed != 0 {
			// Cannot be inside a name: O, without looking up its
			// features (most tokens of news text are such words).
			sc := s.scores[i*nl : i*nl+nl]
			if nl == 9 {
				*(*[9]float32)(sc) = closed9
				continue
			}
			sc[0] = 0
			for y := 1; y < nl; y++ {
				sc[y] = negInf
			}
			continue
		}
		var a [2 * maxTags]int32
		switch {
		case second && t.words != nil && t.doc != nil:
			// docFeatures from the sums by value; only the second
			// pass's half of a is read.
			copySums(a[nl:], s.partial[(first+i)*nl:(first+i+1)*nl])
			if in.self != 0 {
				d := t.doc
				add := func(c *[2 * maxTags]int32) {
					if nl == 9 {
						a[9] += c[9]
						a[10] += c[10]
						a[11] += c[11]
						a[12] += c[12]
						a[13] += c[13]
						a[14] += c[14]
						a[15] += c[15]
						a[16] += c[16]
						a[17] += c[17]
						return
					}
					for y := nl; y < 2*nl; y++ {
						a[y] += c[y]
					}
				}
				for b := in.lab; b != 0; b &= b - 1 {
					add(&d.lab[bits.TrailingZeros64(b)])
				}
				add(&d.maj[in.maj])
				add(&d.majPos[in.maj][in.flags&(fSentStart|fHeadline)>>7])
				add(&d.self[in.self])
			}
		case second:
			copy(a[nl:], s.partial[(first+i)*nl:(first+i+1)*nl])
			s.feats = docFeatures(infos, i, s.feats[:0])
			t.accumulate(s.feats, &a, m.bits)
		case t.words == nil || in.flags&fHeadline != 0 || in.word == 0:
			s.feats = features(infos, i, s.feats[:0])
			t.accumulate(s.feats, &a, m.bits)
		default:
			// The word's own features sum to the same rows wherever it
			// stands (outside headlines), and so do those a neighbour's
			// spelling gives: kept per word, only the rest is looked up.
			// Integer sums, so the order of the additions does not matter.
			if own := in.near[nRoles*t.stride:]; len(own) != 0 {
				copySums(a[:], own)
			} else if c := t.words.Get(in.word); c != nil {
				copySums(a[:], c)
			} else {
				s.feats = appendFeatures(infos, i, s.feats[:0], partOwn)
				t.accumulate(s.feats, &a, m.bits)
				t.words.Put(in.word, a[:])
			}
			p1, n1 := t.nearAt(infos, i-1, rPrev), t.nearAt(infos, i+1, rNext)
			p2, n2 := t.nearAt(infos, i-2, rPrev2), t.nearAt(infos, i+2, rNext2)
			// The features of a few bits of the token by value, or
			// zeros and looked up with the rest.
			parts, k := partRest, ctxKey(in, i)
			if k < 0 {
				parts, k = partCtx|partRest, nCtx
			}
			cx := t.ctx[k*t.stride : k*t.stride+t.stride]
			if t.stride == 18 {
				// Unrolled: the loop's count and jump cost nearly what
				// its body does.
				p1, n1, p2, n2, cx := (*[18]int32)(p1), (*[18]int32)(n1), (*[18]int32)(p2), (*[18]int32)(n2), (*[18]int32)(cx)
				a[0] += p1[0] + n1[0] + p2[0] + n2[0] + cx[0]
				a[1] += p1[1] + n1[1] + p2[1] + n2[1] + cx[1]
				a[2] += p1[2] + n1[2] + p2[2] + n2[2] + cx[2]
				a[3] += p1[3] + n1[3] + p2[3] + n2[3] + cx[3]
				a[4] += p1[4] + n1[4] + p2[4] + n2[4] + cx[4]
				a[5] += p1[5] + n1[5] + p2[5] + n2[5] + cx[5]
				a[6] += p1[6] + n1[6] + p2[6] + n2[6] + cx[6]
				a[7] += p1[7] + n1[7] + p2[7] + n2[7] + cx[7]
				a[8] += p1[8] + n1[8] + p2[8] + n2[8] + cx[8]
				a[9] += p1[9] + n1[9] + p2[9] + n2[9] + cx[9]
				a[10] += p1[10] + n1[10] + p2[10] + n2[10] + cx[10]
				a[11] += p1[11] + n1[11] + p2[11] + n2[11] + cx[11]
				a[12] += p1[12] + n1[12] + p2[12] + n2[12] + cx[12]
				a[13] += p1[13] + n1[13] + p2[13] + n2[13] + cx[13]
				a[14] += p1[14] + n1[14] + p2[14] + n2[14] + cx[14]
				a[15] += p1[15] + n1[15] + p2[15] + n2[15] + cx[15]
				a[16] += p1[16] + n1[16] + p2[16] + n2[16] + cx[16]
				a[17] += p1[17] + n1[17] + p2[17] + n2[17] + cx[17]
			} else {
				for y := range a[:t.stride] {
					a[y] += p1[y] + n1[y] + p2[y] + n2[y] + cx[y]
				}
			}
			if parts == partRest {
				s.feats = restFeatures(infos, i, s.feats[:0])
			} else {
				s.feats = appendFeatures(infos, i, s.feats[:0], parts)
			}
			t.accumulate(s.feats, &a, m.bits)
		}
		sc := s.scores[i*nl : i*nl+nl]
		k, off := 0, 0
		if second {
			k, off = 1, nl
		}
		if nl == 9 {
			// Fixed sizes: no bounds checks in the usual case.
			d, v, sk := (*[9]float32)(sc), (*[9]int32)(a[off:]), t.scale[k]
			d[0], d[1], d[2] = float32(v[0])*sk, float32(v[1])*sk, float32(v[2])*sk
			d[3], d[4], d[5] = float32(v[3])*sk, float32(v[4])*sk, float32(v[5])*sk
			d[6], d[7], d[8] = float32(v[6])*sk, float32(v[7])*sk, float32(v[8])*sk
		} else {
			for y := range sc {
				sc[y] = float32(a[off+y]) * t.scale[k]
			}
		}
		if both {
			copySums(s.partial[(first+i)*nl:(first+i+1)*nl], a[nl:2*nl])
		}
	}
}

// nearSums returns the sums of the features that a token with in's word
// gives its neighbour, for each role (stride values a role, in role
// order), then, unless the word is closed, the sums of its own features
// outside headlines (partOwn, as emissions wants them: a closed word has
// no affixes until a hit reopens it). prepare keeps them with the word's
// other fields.
func (t *table) nearSums(in *tokInfo, bits uint8) []int32 {
	st := t.stride
	n := nRoles
	if in.flags&fClosed == 0 {
		n++
	}
	all := make([]int32, n*st)
	var feats [32]uint64
	for q := range nRoles {
		var sum [2 * maxTags]int32
		t.accumulate(nearFeatures(q, in, feats[:0]), &sum, bits)
		copySums(all[q*st:q*st+st], sum[:st])
	}
	if n > nRoles {
		var sum [2 * maxTags]int32
		one := [1]tokInfo{*in}
		one[0].flags &^= fHeadline
		t.accumulate(appendFeatures(one[:], 0, feats[:0], partOwn), &sum, bits)
		copySums(all[nRoles*st:], sum[:st])
	}
	return all
}

// copySums is copy for sums of the usual lengths, as fixed-size moves
// through a local (which cannot overlap either) instead of a call to
// memmove.
func copySums(dst, src []int32) {
	switch len(src) {
	case 9:
		v := [9]int32(src)
		*(*[9]int32)(dst) = v
	case 18:
		v := [18]int32(src)
		*(*[18]int32)(dst) = v
	default:
		copy(dst, src)
	}
}

// nearAt returns the sums token j gives its neighbour in role r (see
// nearSums), or the pad's outside the sentence.
func (t *table) nearAt(infos []tokInfo, j, r int) []int32 {
	st := t.stride
	if uint(j) >= uint(len(infos)) {
		return t.pad[r][:st]
	}
	return infos[j].near[r*st : r*st+st]
}

// accumulate adds the rows of feats to a[:stride]: the first pass's
// weights, then the second's when there is one.
func (t *table) accumulate(feats []uint64, a *[2 * maxTags]int32, bits uint8) {
	mask := uint64(1)<<bits - 1
	if t.stride == 18 {
		// Four types, the usual case: fixed sizes, no bounds checks. (Sums
		// kept in 18 locals instead spill to the stack and cost more.)
		a := (*[18]int32)(a[:18])
		for _, f := range feats {
			row := t.row(f & mask)
			if row == nil {
				continue
			}
			r := (*[18]int16)(row)
			a[0] += int32(r[0])
			a[1] += int32(r[1])
			a[2] += int32(r[2])
			a[3] += int32(r[3])
			a[4] += int32(r[4])
			a[5] += int32(r[5])
			a[6] += int32(r[6])
			a[7] += int32(r[7])
			a[8] += int32(r[8])
			a[9] += int32(r[9])
			a[10] += int32(r[10])
			a[11] += int32(r[11])
			a[12] += int32(r[12])
			a[13] += int32(r[13])
			a[14] += int32(r[14])
			a[15] += int32(r[15])
			a[16] += int32(r[16])
			a[17] += int32(r[17])
		}
		return
	}
	for _, f := range feats {
		row := t.row(f & mask)
		if row == nil {
			continue
		}
		for y, v := range row[:t.stride] {
			a[y] += int32(v)
		}
	}
}

var negInf = float32(math.Inf(-1))

// closed9 is a closed token's emission scores with nine tags: O only.
var closed9 = [9]float32{0, negInf, negInf, negInf, negInf, negInf, negInf, negInf, negInf}

// transCols returns trans by column, in buf: cols[y*nl+p] is trans[p*nl+y],
// so that decode reads a tag's predecessors in order.
func transCols(buf, trans []float32, nl int) []float32 {
	if cap(buf) < nl*nl {
		buf = make([]float32, nl*nl)
	}
	cols := buf[:nl*nl]
	for p := 0; p < nl; p++ {
		for y := 0; y < nl; y++ {
			cols[y*nl+p] = trans[p*nl+y]
		}
	}
	return cols
}

// decode turns emission scores of n tokens into tags. cols is
// transCols(trans), or nil to work it out.
func (m *Model) decode(trans, cols []float32, n int, s *scratch, tags []int) {
	nl := m.nl
	if !m.Viterbi {
		prev := nl
		for i := 0; i < n; i++ {
			best, by := negInf, 0
			sc := s.scores[i*nl : i*nl+nl]
			for y := 0; y < nl; y++ {
				if !m.allow[prev*nl+y] {
					continue
				}
				v := sc[y] + trans[prev*nl+y]
				if v > best {
					best, by = v, y
				}
			}
			tags[i] = by
			prev = by
		}
		return
	}
	if n == 0 {
		return
	}
	// Viterbi over s.scores in place: scores[i][y] becomes the best path score.
	if cols == nil {
		s.cols = transCols(s.cols, trans, nl)
		cols = s.cols
	}
	for y := 0; y < nl; y++ {
		if m.allow[nl*nl+y] {
			s.scores[y] += trans[nl*nl+y]
		} else {
			s.scores[y] = negInf
		}
	}
	if nl == 9 {
		m.viterbi9(trans, cols, n, s)
	} else {
		m.viterbi(trans, cols, n, s)
	}
	last := s.scores[(n-1)*nl : n*nl]
	by := 0
	for y := 1; y < nl; y++ {
		if last[y] > last[by] {
			by = y
		}
	}
	back := s.back[:n*nl]
	for i := n - 1; i >= 0; i-- {
		tags[i] = by
		by = int(back[i*nl+by])
	}
}

// viterbi turns s.scores[i][y] (i ≥ 1) into best path scores, with back
// pointers in s.back; row 0 is set up by decode.
func (m *Model) viterbi(trans, cols []float32, n int, s *scratch) {
	nl := m.nl
	for i := 1; i < n; i++ {
		prev := s.scores[(i-1)*nl : i*nl]
		cur := s.scores[i*nl : i*nl+nl]
		back := s.back[i*nl : i*nl+nl]
		if nl > 1 && prev[1] == negInf {
			// After a closed token only O has a finite score, so O is
			// every tag's best predecessor (or none is finite).
			p0 := prev[0]
			if cur[1] == negInf {
				cur[0] += p0 + trans[0]
				back[0] = 0
				continue
			}
			for y := range cur {
				if m.allow[y] {
					cur[y] += p0 + trans[y]
				} else {
					cur[y] = negInf
				}
				back[y] = 0
			}
			continue
		}
		if nl > 1 && cur[1] == negInf {
			// A closed token (see emissions): only O is possible, and
			// only its back pointer is ever followed.
			best, bp := negInf, 0
			for _, p := range m.preds[0] {
				if v := prev[p] + trans[p*nl]; v > best {
					best, bp = v, p
				}
			}
			cur[0] += best
			back[0] = int32(bp)
			continue
		}
		for y, ps := range m.preds {
			col := cols[y*nl : y*nl+nl]
			prev := prev[:len(col)]
			best, bp := negInf, 0
			if len(ps) == nl {
				// O and B- tags: every tag may precede.
				for p, tv := range col {
					if v := prev[p] + tv; v > best {
						best, bp = v, p
					}
				}
			} else {
				for _, p := range ps {
					if v := prev[p] + col[p]; v > best {
						best, bp = v, p
					}
				}
			}
			cur[y] += best
			back[y] = int32(bp)
		}
	}
}

// viterbi9 is viterbi for nl == 9 (four types, the usual model) on
// fixed-size arrays, so the compiler drops the bounds checks: a third of
// decode's instructions. The same additions in the same order, so the same
// scores and ties.
func (m *Model) viterbi9(trans, cols []float32, n int, s *scratch) {
	const nl = 9
	tr := (*[(nl + 1) * nl]float32)(trans)
	cl := (*[nl * nl]float32)(cols)
	full := m.full
	// Rows 1 to n-1 by index: cheaper than taking them off the front of
	// the slices (which clamps the pointer at every step).
	scores, bk := s.scores[:n*nl], s.back[:n*nl]
	// noI: the previous row's I- tags are all -Inf, as in the first row
	// (see decode), after a closed token and at one (about half the rows
	// that are not closed). They cannot be a best predecessor (-Inf plus
	// anything is never above best), so they are not tried.
	noI := len(scores) >= nl && scores[2] == negInf && scores[4] == negInf && scores[6] == negInf && scores[8] == negInf
	for i := nl; i+nl <= len(scores) && i+nl <= len(bk); i += nl {
		rows := (*[2 * nl]float32)(scores[i-nl : i+nl])
		prev, cur, back := (*[nl]float32)(rows[:nl]), (*[nl]float32)(rows[nl:]), (*[nl]int32)(bk[i:i+nl])
		if prev[1] == negInf {
			p0 := prev[0]
			noI = true
			if cur[1] == negInf {
				// A run of closed tokens (most of news text): O after O
				// only, taken here without the rest of the loop.
				for {
					p0 = scores[i] + (p0 + tr[0])
					scores[i] = p0
					bk[i] = 0
					if i+2*nl > len(scores) || scores[i+nl+1] != negInf {
						break
					}
					i += nl
				}
				continue
			}
			// O and B- tags may follow O, I- tags not (see init).
			cur[0] += p0 + tr[0]
			cur[1] += p0 + tr[1]
			cur[2] = negInf
			cur[3] += p0 + tr[3]
			cur[4] = negInf
			cur[5] += p0 + tr[5]
			cur[6] = negInf
			cur[7] += p0 + tr[7]
			cur[8] = negInf
			*back = [nl]int32{}
			continue
		}
		// A closed token (cur[1] is -Inf) needs only O's predecessor.
		last := nl
		if cur[1] == negInf {
			last = 1
		}
		for y := range last {
			col := (*[nl]float32)(cl[y*nl:])
			best, bp := negInf, 0
			if full&(1<<y) != 0 {
				// Unrolled: the loop's own count and jump cost more than
				// its body (a call to a helper, too). O and B- tags
				// first, then the I- tags unless noI: the lowest tag
				// wins ties, as when all are tried in order.
				if v := prev[0] + col[0]; v > best {
					best, bp = v, 0
				}
				if v := prev[1] + col[1]; v > best {
					best, bp = v, 1
				}
				if v := prev[3] + col[3]; v > best {
					best, bp = v, 3
				}
				if v := prev[5] + col[5]; v > best {
					best, bp = v, 5
				}
				if v := prev[7] + col[7]; v > best {
					best, bp = v, 7
				}
				if !noI {
					if v := prev[2] + col[2]; v > best || v == best && bp > 2 {
						best, bp = v, 2
					}
					if v := prev[4] + col[4]; v > best || v == best && bp > 4 {
						best, bp = v, 4
					}
					if v := prev[6] + col[6]; v > best || v == best && bp > 6 {
						best, bp = v, 6
					}
					if v := prev[8] + col[8]; v > best {
						best, bp = v, 8
					}
				}
			} else {
				// An I- tag: its type's B- and I- may precede, and
				// only they (see init), in this order.
				if v := prev[y-1] + col[y-1]; v > best {
					best, bp = v, y-1
				}
				if v := prev[y] + col[y]; v > best && !noI {
					best, bp = v, y
				}
			}
			cur[y] += best
			back[y] = int32(bp)
		}
		noI = last == 1
	}
}

// Tag returns the entity spans the model finds in doc, in text order,
// without rule-set features (the Extractor adds those).
func (m *Model) Tag(doc *analysis.Doc) []Span { return m.tagSpans(doc, nil) }

func (m *Model) tagSpans(doc *analysis.Doc, hits []ruleHit) []Span {
	s := getScratch()
	defer putScratch(s)
	var spans []Span
	for _, t := range m.tagTokens(doc, s, hits) {
		spans = append(spans, Span{Start: doc.Tokens[t.first].Start, End: doc.Tokens[t.last-1].End, Label: m.Types[t.typ]})
	}
	return spans
}

// tokSpan is a model span over tokens [first,last).
// conf is the smallest margin between the best and second-best tag score
// over its tokens: how sure the model is.
type tokSpan struct {
	first, last, typ int
	conf             float32
}

// tagTokens tags doc; s.infos and the spans, kept in s, stay valid for the
// caller afterwards.
func (m *Model) tagTokens(doc *analysis.Doc, s *scratch, hits []ruleHit) []tokSpan {
	m.prepareDoc(doc, s, hits)
	second := false
	if m.tab.twoPass() {
		if cap(s.partial) < len(doc.Tokens)*m.nl {
			s.partial = make([]int32, len(doc.Tokens)*m.nl)
		}
		s.partial = s.partial[:len(doc.Tokens)*m.nl]
		m.pass(doc, s, false, nil)
		docLabels(s.infos, s.tags, s)
		second = true
	}
	out := s.spans[:0]
	nl := m.nl
	m.pass(doc, s, second, func(sent analysis.Sentence, tags []int, scores []float32) {
		s.ranges = spanTokens(s.ranges[:0], tags)
		for _, r := range s.ranges {
			conf := margin(scores[r[0]*nl : r[0]*nl+nl])
			for i := r[0] + 1; i < r[1]; i++ {
				conf = min(conf, margin(scores[i*nl:i*nl+nl]))
			}
			out = append(out, tokSpan{sent.First + r[0], sent.First + r[1], tagType(tags[r[0]]), conf})
		}
	})
	s.spans = out
	return out
}

// pass tags every sentence into s.tags; each, when set, sees every
// sentence's tags and emission scores (nl per token).
func (m *Model) pass(doc *analysis.Doc, s *scratch, second bool, each func(analysis.Sentence, []int, []float32)) {
	k := 0
	if second {
		k = 1
	}
	cols := m.tab.cols[k]
	for _, sent := range doc.Sentences {
		infos := s.infos[sent.First:sent.Last]
		tags := s.tags[sent.First:sent.Last]
		m.emissions(infos, sent.First, s, second)
		if each != nil {
			// decode overwrites the scores; a copy costs less than
			// margins for every token when few are in names.
			s.emit = append(s.emit[:0], s.scores[:len(infos)*m.nl]...)
		}
		m.decode(m.tab.trans[k], cols, len(infos), s, tags)
		if each != nil {
			each(sent, tags, s.emit)
		}
	}
}

// firstPass returns the first-pass tags of doc's tokens.
func (m *Model) firstPass(doc *analysis.Doc, hits []ruleHit) []int {
	s := getScratch()
	defer putScratch(s)
	m.prepareDoc(doc, s, hits)
	m.pass(doc, s, false, nil)
	return append([]int(nil), s.tags...)
}

// bioTags maps gold spans onto tokens: a token belongs to a span when their
// byte ranges overlap; the first such token is B-.
func (m *Model) bioTags(toks []analysis.Token, spans []Span, tags []int) {
	idx := map[string]int{}
	for k, t := range m.Types {
		idx[t] = k
	}
	for i := range tags {
		tags[i] = 0
	}
	j := 0
	for _, sp := range spans {
		k, ok := idx[sp.Label]
		if !ok {
			continue
		}
		for j > 0 && toks[j-1].End > sp.Start {
			j--
		}
		for j < len(toks) && toks[j].End <= sp.Start {
			j++
		}
		first := true
		for i := j; i < len(toks) && toks[i].Start < sp.End; i++ {
			if first {
				tags[i] = 1 + 2*k
				first = false
			} else {
				tags[i] = 2 + 2*k
			}
		}
	}
}

// normLabel maps gold labels to the model's: CoNLL PER is PERSON.
func normLabel(l string) string {
	l = strings.ToUpper(strings.TrimSpace(l))
	switch l {
	case "PER":
		return "PERSON"
	case "ORGANIZATION", "ORGANISATION":
		return "ORG"
	case "LOCATION", "GPE":
		return "LOC"
	}
	return l
}
