package entities

import (
	"math"
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
	// Viterbi selects exact decoding; otherwise greedy left to right.
	Viterbi bool
	// UsePOS adds part-of-speech features when tokens carry tags.
	UsePOS bool
	bits   uint8
	nl     int       // number of tags: 1 + 2*len(Types)
	w      []float32 // (1<<bits) rows of nl weights
	trans  []float32 // (nl+1) x nl; row nl is the sentence start
	gaz    *gazetteer
	allow  []bool // (nl+1) x nl: BIO validity
	// common holds hashes of words seen in lower case in training: such a
	// word opening a sentence is not a first name.
	common map[uint64]bool
}

// isCommon reports whether the lower-cased word was seen in lower case in
// the training text.
func (m *Model) isCommon(lower string) bool {
	return m.common[hashString(lower)]
}

// Tag ids: 0 is O, 1+2k is B-type k, 2+2k is I-type k.
func tagType(y int) int  { return (y - 1) / 2 }
func isBegin(y int) bool { return y > 0 && y%2 == 1 }

func newModel(types []string, bits uint8) *Model {
	m := &Model{Types: types, bits: bits}
	m.init()
	m.w = make([]float32, (1<<bits)*m.nl)
	m.trans = make([]float32, (m.nl+1)*m.nl)
	m.gaz = newGazetteer()
	m.common = map[uint64]bool{}
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
}

// scratch is per-call working memory, pooled so Extract stays stateless.
type scratch struct {
	infos  []tokInfo
	feats  []uint64
	scores []float32
	back   []int32
	tags   []int
	margin []float32
	buf    []byte
	seen   map[uint64]uint8
}

var scratchPool = sync.Pool{New: func() any { return &scratch{seen: map[uint64]uint8{}} }}

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

func (s *scratch) grow(n, nl int) {
	if cap(s.infos) < n {
		s.infos = make([]tokInfo, n)
		s.tags = make([]int, n)
	}
	s.infos = s.infos[:n]
	s.tags = s.tags[:n]
	if cap(s.scores) < n*nl {
		s.scores = make([]float32, n*nl)
		s.back = make([]int32, n*nl)
	}
}

// margins returns, per token, best minus second-best emission score.
func (s *scratch) margins(n, nl int) []float32 {
	if cap(s.margin) < n {
		s.margin = make([]float32, n)
	}
	out := s.margin[:n]
	for i := range out {
		a, b := negInf, negInf
		for _, v := range s.scores[i*nl : i*nl+nl] {
			if v > a {
				a, b = v, a
			} else if v > b {
				b = v
			}
		}
		out[i] = a - b
	}
	return out
}

// prepareDoc computes token infos with gazetteer and document features.
func (m *Model) prepareDoc(doc *analysis.Doc, s *scratch, rules func(doc *analysis.Doc, infos []tokInfo)) {
	s.grow(len(doc.Tokens), m.nl)
	s.buf = prepare(doc, s.infos, s.buf, m.UsePOS)
	docFlags(s.infos, s.seen)
	for _, sent := range doc.Sentences {
		m.gaz.mark(s.infos[sent.First:sent.Last], nil)
	}
	if rules != nil {
		rules(doc, s.infos)
	}
}

// emissions fills s.scores for tokens [first,last) from the given weights.
func (m *Model) emissions(w []float32, infos []tokInfo, s *scratch) {
	nl := m.nl
	mask := uint64(1)<<m.bits - 1
	for i := range infos {
		s.feats = features(infos, i, s.feats[:0])
		sc := s.scores[i*nl : i*nl+nl]
		clear(sc)
		for _, f := range s.feats {
			row := w[(f&mask)*uint64(nl):]
			row = row[:nl]
			for y := range sc {
				sc[y] += row[y]
			}
		}
	}
}

var negInf = float32(math.Inf(-1))

// decode turns emission scores of n tokens into tags.
func (m *Model) decode(trans []float32, n int, s *scratch, tags []int) {
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
	for y := 0; y < nl; y++ {
		if m.allow[nl*nl+y] {
			s.scores[y] += trans[nl*nl+y]
		} else {
			s.scores[y] = negInf
		}
	}
	for i := 1; i < n; i++ {
		prev := s.scores[(i-1)*nl : i*nl]
		cur := s.scores[i*nl : i*nl+nl]
		for y := 0; y < nl; y++ {
			best, bp := negInf, 0
			for p := 0; p < nl; p++ {
				if !m.allow[p*nl+y] || prev[p] == negInf {
					continue
				}
				v := prev[p] + trans[p*nl+y]
				if v > best {
					best, bp = v, p
				}
			}
			cur[y] += best
			s.back[i*nl+y] = int32(bp)
		}
	}
	last := s.scores[(n-1)*nl : n*nl]
	by := 0
	for y := 1; y < nl; y++ {
		if last[y] > last[by] {
			by = y
		}
	}
	for i := n - 1; i >= 0; i-- {
		tags[i] = by
		by = int(s.back[i*nl+by])
	}
}

// Tag returns the entity spans the model finds in doc, in text order.
func (m *Model) Tag(doc *analysis.Doc) []Span {
	s := getScratch()
	defer scratchPool.Put(s)
	var spans []Span
	for _, t := range m.tagTokens(doc, s, nil) {
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

// tagTokens tags doc; s.infos stays valid for the caller afterwards.
func (m *Model) tagTokens(doc *analysis.Doc, s *scratch, rules func(*analysis.Doc, []tokInfo)) []tokSpan {
	m.prepareDoc(doc, s, rules)
	var out []tokSpan
	for _, sent := range doc.Sentences {
		infos := s.infos[sent.First:sent.Last]
		tags := s.tags[sent.First:sent.Last]
		m.emissions(m.w, infos, s)
		margins := s.margins(len(infos), m.nl)
		m.decode(m.trans, len(infos), s, tags)
		for _, r := range spanTokens(nil, tags) {
			conf := margins[r[0]]
			for _, v := range margins[r[0]:r[1]] {
				conf = min(conf, v)
			}
			out = append(out, tokSpan{sent.First + r[0], sent.First + r[1], tagType(tags[r[0]]), conf})
		}
	}
	return out
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
