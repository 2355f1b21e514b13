package entities

import (
	"fmt"
	"io"
	"math/rand"
	"sort"
	"unicode"

	"github.com/quarrylabs/quarry/pipeline/analysis"
	"github.com/quarrylabs/quarry/rules"
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
	// Restarts, when above 1, trains each pass that many times with
	// seeds Seed, Seed+1, ... and keeps the sum of their averaged weights:
	// less dependence on the order of the examples, at no cost in tagging.
	Restarts int
	Bits     uint8 // log2 of the feature table size, 10 to 26, default 20
	Greedy   bool  // greedy decoding instead of Viterbi
	UsePOS   bool
	// Folds, when above 1, trains a second pass that sees how the first
	// pass labelled each word elsewhere in the document. Its training
	// features come from first-pass models trained on the other folds, so
	// they are as noisy as on unseen text.
	Folds int
	// Unlabeled, when set, is text to induce word clusters from (with the
	// training documents' own text).
	Unlabeled []*analysis.Doc
	// Rules, when set, give the model rule-set matches as features; the
	// extractor then uses the same rules when tagging.
	Rules *rules.Set
	// Dev, when set, is scored after every epoch for the log; it does not
	// choose the model (the last epoch is kept).
	Dev []TrainDoc
	Log io.Writer
	// onEpoch, when set, sees the averaged model after every epoch of the
	// final pass.
	onEpoch func(epoch int, m *Model)
	clus    clusterTable
	// Rule matches per training and dev document.
	hits, devHits [][]ruleHit
}

func ruleHits(docs []TrainDoc, set *rules.Set) [][]ruleHit {
	out := make([][]ruleHit, len(docs))
	if set == nil {
		return out
	}
	src := &ruleSet{set: set}
	for i, d := range docs {
		out[i] = src.hits(d.Doc, nil)
	}
	return out
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
	if opt.Bits < 10 || opt.Bits > 26 {
		return nil, fmt.Errorf("feature table bits %d: want 10 to 26", opt.Bits)
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	docs = append([]TrainDoc(nil), docs...)
	for i := range docs {
		docs[i].Spans = normSpans(docs[i].Spans)
	}
	dev := append([]TrainDoc(nil), opt.Dev...)
	for i := range dev {
		dev[i].Spans = normSpans(dev[i].Spans)
	}
	opt.Dev = dev
	types := collectTypes(docs)
	if len(types) == 0 {
		return nil, fmt.Errorf("no entities in training data")
	}
	if len(types) > 8 {
		return nil, fmt.Errorf("at most 8 entity labels, got %d", len(types))
	}
	if opt.Rules != nil {
		opt.hits = ruleHits(docs, opt.Rules)
		opt.devHits = ruleHits(opt.Dev, opt.Rules)
	}
	inputs := inputsHash(docs, opt.hits, opt.Unlabeled, opt.UsePOS)
	if len(opt.Unlabeled) > 0 {
		all := append([]*analysis.Doc(nil), opt.Unlabeled...)
		for _, d := range docs {
			all = append(all, d.Doc)
		}
		opt.clus = induceClusters(all, opt.Seed)
		fmt.Fprintf(opt.Log, "%d word clusters from %d documents\n", len(opt.clus), len(all))
	}
	if opt.Folds < 2 || opt.Folds > len(docs) {
		tr := newTrainer(docs, opt.hits, types, opt)
		tr.model.fit(tr.sents(nil), opt, false)
		tr.model.inputs = inputs
		return tr.model, nil
	}
	// Jackknife: first-pass tags of every document from a model that did
	// not see it.
	hits := opt.hits
	if hits == nil {
		hits = make([][]ruleHit, len(docs))
	}
	first := make([][]int, len(docs))
	quiet := opt
	quiet.Dev, quiet.Log, quiet.onEpoch = nil, io.Discard, nil
	for f := 0; f < opt.Folds; f++ {
		var part []TrainDoc
		var partHits [][]ruleHit
		for i := range docs {
			if i%opt.Folds != f {
				part = append(part, docs[i])
				partHits = append(partHits, hits[i])
			}
		}
		tr := newTrainer(part, partHits, types, quiet)
		tr.model.fit(tr.sents(nil), quiet, false)
		for i := range docs {
			if i%opt.Folds == f {
				first[i] = tr.model.firstPass(docs[i].Doc, hits[i])
			}
		}
		fmt.Fprintf(opt.Log, "fold %d/%d trained\n", f+1, opt.Folds)
	}
	tr := newTrainer(docs, hits, types, opt)
	m := tr.model
	sents := tr.sents(nil)
	m.fit(sents, quiet, false)
	fmt.Fprintln(opt.Log, "first pass trained")
	m.fit(tr.sents(first), opt, true)
	m.tab.pass1 = sparseRows{}
	m.inputs = inputs
	return m, nil
}

// trainer holds a model with its training gazetteer and the counts that
// let each document leave its own names out.
type trainer struct {
	model  *Model
	docs   []TrainDoc
	hits   [][]ruleHit // per document, or nil
	counts map[uint64]*[8]int32
	own    []map[uint64]uint8
}

func newTrainer(docs []TrainDoc, hits [][]ruleHit, types []string, opt TrainOptions) *trainer {
	m := newModel(types, opt.Bits)
	m.Viterbi = !opt.Greedy
	m.UsePOS = opt.UsePOS
	m.clus = opt.clus
	tr := &trainer{model: m, docs: docs, hits: hits, counts: map[uint64]*[8]int32{}, own: make([]map[uint64]uint8, len(docs))}
	// Gazetteer with per-document counts, so a training document does not
	// see its own names (as a new article would not).
	s := getScratch()
	defer putScratch(s)
	for di, d := range docs {
		s.grow(len(d.Doc.Tokens), m.nl)
		s.buf = prepare(d.Doc, s.infos, s.buf, false, nil, nil, nil)
		tr.own[di] = map[uint64]uint8{}
		tags := s.tags
		m.bioTags(d.Doc.Tokens, d.Spans, tags)
		var lowers []uint64
		for _, sp := range spanTokens(nil, tags) {
			lowers = lowers[:0]
			for i := sp[0]; i < sp[1]; i++ {
				lowers = append(lowers, s.infos[i].lower)
			}
			var h uint64
			for _, l := range lowers {
				h = seqHash(h, l)
			}
			k := tagType(tags[sp[0]])
			if tr.own[di][h]&(1<<k) != 0 {
				continue
			}
			tr.own[di][h] |= 1 << k
			c := tr.counts[h]
			if c == nil {
				c = new([8]int32)
				tr.counts[h] = c
			}
			c[k]++
			m.gaz.add(lowers, 1<<k)
		}
	}
	return tr
}

// sents computes the feature rows of every training sentence. first, when
// set, holds first-pass tags per document for second-pass features.
func (tr *trainer) sents(first [][]int) []trainSent {
	m := tr.model
	nl := m.nl
	s := getScratch()
	defer putScratch(s)
	mask := uint64(1)<<m.bits - 1
	var sents []trainSent
	for di, d := range tr.docs {
		s.grow(len(d.Doc.Tokens), nl)
		s.buf = prepare(d.Doc, s.infos, s.buf, m.UsePOS, m.clus, m.gaz, nil)
		s.buf = reopen(d.Doc, s.infos, s.buf, true)
		docFlags(s.infos, s)
		mine := tr.own[di]
		exclude := func(h uint64, mask uint8) uint8 {
			o := mine[h]
			if o == 0 {
				return mask
			}
			c := tr.counts[h]
			for k := 0; k < 8; k++ {
				if o&(1<<k) != 0 && c[k] <= 1 {
					mask &^= 1 << k
				}
			}
			return mask
		}
		for _, sent := range d.Doc.Sentences {
			m.gaz.mark(s.infos[sent.First:sent.Last], exclude)
		}
		if tr.hits != nil {
			markHits(s.infos, tr.hits[di])
		}
		if first != nil {
			docLabels(s.infos, first[di], s)
		}
		gold := make([]int, len(d.Doc.Tokens))
		m.bioTags(d.Doc.Tokens, d.Spans, gold)
		for _, sent := range d.Doc.Sentences {
			infos := s.infos[sent.First:sent.Last]
			ts := trainSent{gold: gold[sent.First:sent.Last], offs: make([]int32, 0, len(infos)+1)}
			for i := range infos {
				ts.offs = append(ts.offs, int32(len(ts.rows)))
				s.feats = features(infos, i, s.feats[:0])
				if first != nil {
					s.feats = docFeatures(infos, i, s.feats)
				}
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
	return sents
}

// install sets one pass's weights from floats.
func (m *Model) install(w, trans []float32, second bool) {
	q := quantize(w, trans, m.nl)
	if second {
		m.setWeights(m.tab.pass1, &q)
	} else {
		m.setWeights(q, nil)
	}
}

// fit trains one pass's weights (the second's when second is set) with an
// averaged perceptron and installs them in m.
func (m *Model) fit(sents []trainSent, opt TrainOptions, second bool) {
	if opt.Restarts <= 1 {
		m.fitOnce(sents, opt, second, opt.Seed)
		return
	}
	var sw, st []float32
	for r := 0; r < opt.Restarts; r++ {
		w, trans := m.fitOnce(sents, opt, second, opt.Seed+int64(r))
		if sw == nil {
			sw, st = w, trans
			continue
		}
		for i, v := range w {
			sw[i] += v
		}
		for i, v := range trans {
			st[i] += v
		}
	}
	m.install(sw, st, second)
}

// fitOnce runs the perceptron from zero weights with one shuffling seed,
// installs the averaged weights and returns them.
func (m *Model) fitOnce(sents []trainSent, opt TrainOptions, second bool, seed int64) (aw, at []float32) {
	nl := m.nl
	w := make([]float32, (1<<m.bits)*nl)
	trans := make([]float32, (nl+1)*nl)
	acc := make([]float64, len(w))
	accT := make([]float64, len(trans))
	c := 1.0
	rng := rand.New(rand.NewSource(seed))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	s := getScratch()
	defer putScratch(s)
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
					row := w[int(r)*nl : int(r)*nl+nl]
					for y := range sc {
						sc[y] += row[y]
					}
				}
			}
			if cap(pred) < n {
				pred = make([]int, n)
			}
			pred = pred[:n]
			m.decode(trans, nil, n, s, pred)
			pp, gp := nl, nl
			for i := 0; i < n; i++ {
				g, p := ts.gold[i], pred[i]
				total++
				if g != p {
					errs++
					for _, r := range ts.rows[ts.offs[i]:ts.offs[i+1]] {
						w[int(r)*nl+g]++
						acc[int(r)*nl+g] += c
						w[int(r)*nl+p]--
						acc[int(r)*nl+p] -= c
					}
				}
				if gp != pp || g != p {
					trans[gp*nl+g]++
					accT[gp*nl+g] += c
					trans[pp*nl+p]--
					accT[pp*nl+p] -= c
				}
				gp, pp = g, p
			}
			c++
		}
		msg := fmt.Sprintf("epoch %d: train token errors %.4f", ep, float64(errs)/float64(max(total, 1)))
		if ep == opt.Epochs || len(opt.Dev) > 0 || opt.onEpoch != nil {
			aw, at = averaged(w, acc, c), averaged(trans, accT, c)
			m.install(aw, at, second)
			if opt.onEpoch != nil {
				opt.onEpoch(ep, m)
			}
			if len(opt.Dev) > 0 {
				sc := scoreHits(m, opt.Dev, opt.devHits)
				msg += fmt.Sprintf(", dev F1 %.4f", sc.Micro().F1())
				for _, t := range m.Types {
					msg += fmt.Sprintf(" %s %.4f", t, sc.ByLabel[t].F1())
				}
			}
		}
		fmt.Fprintln(opt.Log, msg)
	}
	return aw, at
}

func averaged(w []float32, acc []float64, c float64) []float32 {
	a := make([]float32, len(w))
	for i, v := range w {
		if v != 0 || acc[i] != 0 {
			a[i] = float32(float64(v) - acc[i]/c)
		}
	}
	return a
}

// spanTokens appends to out the [first,last) token ranges of the spans in
// BIO tags.
func spanTokens(out [][2]int, tags []int) [][2]int {
	for i := 0; ; {
		for i < len(tags) && tags[i] == 0 {
			i++ // most tokens: a tight loop of their own
		}
		if i >= len(tags) {
			return out
		}
		// A span runs on over I- tags of its type.
		y, j := tags[i], i+1
		for j < len(tags) && tags[j] != 0 && !isBegin(tags[j]) && tagType(tags[j]) == tagType(y) {
			j++
		}
		out = append(out, [2]int{i, j})
		i = j
	}
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

// Score tags docs with the bare model (no rule-set features) and counts
// span-exact matches.
func Score(m *Model, docs []TrainDoc) Scores { return scoreHits(m, docs, nil) }

// scoreHits is Score with rule matches per document.
func scoreHits(m *Model, docs []TrainDoc, hits [][]ruleHit) Scores {
	sc := Scores{ByLabel: map[string]Counts{}}
	for i, d := range docs {
		var h []ruleHit
		if hits != nil {
			h = hits[i]
		}
		pred := m.tagSpans(d.Doc, h)
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
