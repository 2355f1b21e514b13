package entities

import (
	"fmt"
	"io"
	"math/rand"
	"sort"
	"unicode"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// TrainDoc is one annotated document: analysed text and gold spans.
type TrainDoc struct {
	ID    string
	Doc   *analysis.Doc
	Spans []Span
}

// TrainOptions control Train. Zero values pick the defaults.
type TrainOptions struct {
	Epochs int   // default 10
	Seed   int64 // shuffling seed
	Bits   uint8 // log2 of the feature table size, default 20
	Greedy bool  // greedy decoding instead of Viterbi
	UsePOS bool
	// Dev, when set, is tagged after every epoch; the best epoch is kept.
	Dev []TrainDoc
	Log io.Writer
}

// knownOrder fixes type order so models are reproducible.
var knownOrder = map[string]int{"PERSON": 0, "ORG": 1, "COMPANY": 2, "LOC": 3, "MISC": 4}

func collectTypes(docs []TrainDoc) []string {
	set := map[string]bool{}
	for _, d := range docs {
		for _, s := range d.Spans {
			set[s.Label] = true
		}
	}
	var types []string
	for t := range set {
		types = append(types, t)
	}
	sort.Slice(types, func(i, j int) bool {
		oi, iok := knownOrder[types[i]]
		oj, jok := knownOrder[types[j]]
		switch {
		case iok && jok:
			return oi < oj
		case iok != jok:
			return iok
		}
		return types[i] < types[j]
	})
	return types
}

type trainSent struct {
	offs []int32 // per token: start of its rows in rows; len = n+1
	rows []uint32
	gold []int
}

// Train learns a model from gold documents with an averaged structured
// perceptron. The same input and options give the same model.
func Train(docs []TrainDoc, opt TrainOptions) (*Model, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	if opt.Bits == 0 {
		opt.Bits = 20
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	for i := range docs {
		docs[i].Spans = normSpans(docs[i].Spans)
	}
	for i := range opt.Dev {
		opt.Dev[i].Spans = normSpans(opt.Dev[i].Spans)
	}
	types := collectTypes(docs)
	if len(types) == 0 {
		return nil, fmt.Errorf("no entities in training data")
	}
	if len(types) > 8 {
		return nil, fmt.Errorf("at most 8 entity labels, got %d", len(types))
	}
	m := newModel(types, opt.Bits)
	m.Viterbi = !opt.Greedy
	m.UsePOS = opt.UsePOS
	nl := m.nl
	typeIdx := map[string]int{}
	for k, t := range types {
		typeIdx[t] = k
	}

	// Gazetteer with per-document counts, so a training document does not
	// see its own names (as a new article would not).
	s := getScratch()
	defer scratchPool.Put(s)
	counts := map[uint64]*[8]int32{}
	own := make([]map[uint64]uint8, len(docs))
	for di, d := range docs {
		s.grow(len(d.Doc.Tokens), nl)
		s.buf = prepare(d.Doc, s.infos, s.buf, false)
		own[di] = map[uint64]uint8{}
		tags := s.tags
		m.bioTags(d.Doc.Tokens, d.Spans, tags)
		var lowers []uint64
		for _, sp := range spanTokens(d.Doc.Tokens, tags) {
			lowers = lowers[:0]
			for i := sp[0]; i < sp[1]; i++ {
				lowers = append(lowers, s.infos[i].lower)
			}
			var h uint64
			for _, l := range lowers {
				h = seqHash(h, l)
			}
			k := tagType(tags[sp[0]])
			if own[di][h]&(1<<k) != 0 {
				continue
			}
			own[di][h] |= 1 << k
			c := counts[h]
			if c == nil {
				c = new([8]int32)
				counts[h] = c
			}
			c[k]++
			m.gaz.add(lowers, 1<<k)
		}
	}

	lowerCount := map[uint64]int{}
	for _, d := range docs {
		for _, t := range d.Doc.Tokens {
			if hasLetter(t.Text) && !hasUpper(t.Text) {
				lowerCount[hashString(t.Text)]++
			}
		}
	}
	for h, n := range lowerCount {
		if n >= 2 {
			m.common[h] = true
		}
	}

	// Precompute feature rows per sentence.
	mask := uint64(1)<<m.bits - 1
	var sents []trainSent
	for di, d := range docs {
		s.grow(len(d.Doc.Tokens), nl)
		s.buf = prepare(d.Doc, s.infos, s.buf, m.UsePOS)
		docFlags(s.infos, s.seen)
		mine := own[di]
		exclude := func(h uint64, mask uint8) uint8 {
			o := mine[h]
			if o == 0 {
				return mask
			}
			c := counts[h]
			for k := 0; k < 8; k++ {
				if o&(1<<k) != 0 && c[k] <= 1 {
					mask &^= 1 << k
				}
			}
			return mask
		}
		gold := make([]int, len(d.Doc.Tokens))
		m.bioTags(d.Doc.Tokens, d.Spans, gold)
		for _, sent := range d.Doc.Sentences {
			infos := s.infos[sent.First:sent.Last]
			m.gaz.mark(infos, exclude)
			ts := trainSent{gold: gold[sent.First:sent.Last], offs: make([]int32, 0, len(infos)+1)}
			for i := range infos {
				ts.offs = append(ts.offs, int32(len(ts.rows)))
				s.feats = features(infos, i, s.feats[:0])
				for _, f := range s.feats {
					ts.rows = append(ts.rows, uint32(f&mask))
				}
			}
			ts.offs = append(ts.offs, int32(len(ts.rows)))
			if len(infos) > 0 {
				sents = append(sents, ts)
			}
		}
	}

	acc := make([]float64, len(m.w))
	accT := make([]float64, len(m.trans))
	c := 1.0
	rng := rand.New(rand.NewSource(opt.Seed))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	var best *Model
	bestF := -1.0
	pred := make([]int, 0, 256)
	for ep := 1; ep <= opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, total := 0, 0
		for _, si := range order {
			ts := &sents[si]
			n := len(ts.gold)
			s.grow(n, nl)
			for i := 0; i < n; i++ {
				sc := s.scores[i*nl : i*nl+nl]
				clear(sc)
				for _, r := range ts.rows[ts.offs[i]:ts.offs[i+1]] {
					row := m.w[int(r)*nl : int(r)*nl+nl]
					for y := range sc {
						sc[y] += row[y]
					}
				}
			}
			pred = pred[:n]
			if cap(pred) < n {
				pred = make([]int, n)
			}
			m.decode(m.trans, n, s, pred)
			pp, gp := nl, nl
			for i := 0; i < n; i++ {
				g, p := ts.gold[i], pred[i]
				total++
				if g != p {
					errs++
					for _, r := range ts.rows[ts.offs[i]:ts.offs[i+1]] {
						m.w[int(r)*nl+g]++
						acc[int(r)*nl+g] += c
						m.w[int(r)*nl+p]--
						acc[int(r)*nl+p] -= c
					}
				}
				if gp != pp || g != p {
					m.trans[gp*nl+g]++
					accT[gp*nl+g] += c
					m.trans[pp*nl+p]--
					accT[pp*nl+p] -= c
				}
				gp, pp = g, p
			}
			c++
		}
		avg := m.averaged(acc, accT, c)
		msg := fmt.Sprintf("epoch %d: train token errors %.4f", ep, float64(errs)/float64(max(total, 1)))
		if len(opt.Dev) > 0 {
			sc := Score(avg, opt.Dev)
			f := sc.Micro().F1()
			msg += fmt.Sprintf(", dev F1 %.4f", f)
			for _, t := range types {
				msg += fmt.Sprintf(" %s %.4f", t, sc.ByLabel[t].F1())
			}
			if f > bestF {
				bestF, best = f, avg
			}
		} else {
			best = avg
		}
		fmt.Fprintln(opt.Log, msg)
	}
	return best, nil
}

func (m *Model) averaged(acc, accT []float64, c float64) *Model {
	a := &Model{Types: m.Types, Viterbi: m.Viterbi, UsePOS: m.UsePOS, bits: m.bits, gaz: m.gaz, common: m.common}
	a.init()
	a.w = make([]float32, len(m.w))
	for i, v := range m.w {
		if v != 0 || acc[i] != 0 {
			a.w[i] = float32(float64(v) - acc[i]/c)
		}
	}
	a.trans = make([]float32, len(m.trans))
	for i, v := range m.trans {
		a.trans[i] = float32(float64(v) - accT[i]/c)
	}
	return a
}

// spanTokens returns [first,last) token ranges of the spans in BIO tags.
func spanTokens(toks []analysis.Token, tags []int) [][2]int {
	var out [][2]int
	open := -1
	for i := 0; i <= len(tags); i++ {
		y := 0
		if i < len(tags) {
			y = tags[i]
		}
		if open >= 0 && (y == 0 || isBegin(y) || tagType(y) != tagType(tags[open])) {
			out = append(out, [2]int{open, i})
			open = -1
		}
		if y != 0 && open < 0 {
			open = i
		}
	}
	return out
}

func normSpans(spans []Span) []Span {
	out := make([]Span, len(spans))
	for i, s := range spans {
		s.Label = normLabel(s.Label)
		out[i] = s
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// Counts are true positives, predictions and gold spans.
type Counts struct{ TP, Pred, Gold int }

// Precision is TP/Pred.
func (c Counts) Precision() float64 { return ratio(c.TP, c.Pred) }

// Recall is TP/Gold.
func (c Counts) Recall() float64 { return ratio(c.TP, c.Gold) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Scores are span-exact counts per label.
type Scores struct{ ByLabel map[string]Counts }

// Micro sums all labels.
func (s Scores) Micro() Counts {
	var t Counts
	for _, c := range s.ByLabel {
		t.TP += c.TP
		t.Pred += c.Pred
		t.Gold += c.Gold
	}
	return t
}

// Score tags docs with the bare model and counts span-exact matches.
func Score(m *Model, docs []TrainDoc) Scores {
	sc := Scores{ByLabel: map[string]Counts{}}
	for _, d := range docs {
		pred := m.Tag(d.Doc)
		gold := map[Span]bool{}
		for _, g := range d.Spans {
			gold[g] = true
			c := sc.ByLabel[g.Label]
			c.Gold++
			sc.ByLabel[g.Label] = c
		}
		for _, p := range pred {
			c := sc.ByLabel[p.Label]
			c.Pred++
			if gold[p] {
				c.TP++
			}
			sc.ByLabel[p.Label] = c
		}
	}
	return sc
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}
