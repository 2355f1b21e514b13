// Package figures finds the numbers in an article — money, percentages,
// counts, quantities, ordinals, durations, years — and normalises each to a
// plain value in its natural unit, with its exact byte span, the hedges
// around it ("about", "more than", "~12,000+"), what it counts, the entity
// it belongs to and the direction of a change ("cut 14,000 jobs").
//
// Figures are read by a small scanner over the bytes around each digit or
// number word (a few tokens either side), so they do not depend on how the
// tokenizer cut "£1.2bn"; the analyzer's tokens pick the windows and give
// the context. Number words, hedges and change verbs are English and live in
// Go; currencies, scales, units (with parts of currencies like cents) and
// counted nouns are rule data (rules/default/figure-units.yaml).
package figures

import (
	"strconv"
	"sync"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/rules"
)

// Extractor finds figures. It is safe for concurrent use.
type Extractor struct {
	lx *lexicon
}

// Name implements extractors.Extractor.
func (x *Extractor) Name() string { return "figures" }

var (
	defaultOnce sync.Once
	defaultX    *Extractor
)

func defaultExtractor() *Extractor {
	defaultOnce.Do(func() {
		set, err := rules.Default()
		if err != nil {
			set = nil // the built-in data still reads figures
		}
		defaultX = New(set)
	})
	return defaultX
}

// Parse reads a phrase given alone ("$8 billion", "between 20 and 30",
// "twenty-five thousand") with the default rules and returns its widest
// figure. ok is false when the phrase holds no figure.
func Parse(text string) (quarry.Figure, bool) { return defaultExtractor().Parse(text) }

// Parse reads a phrase given alone and returns its widest figure. Alone, a
// phrase may be a bare "one" or "a month", which in running text is no
// figure.
func (x *Extractor) Parse(text string) (quarry.Figure, bool) {
	figs := x.find(text, 0, len(text), true)
	best := -1
	for i, f := range figs {
		if best < 0 || f.End-f.Start > figs[best].End-figs[best].Start {
			best = i
		}
	}
	if best < 0 {
		return quarry.Figure{}, false
	}
	return figs[best], true
}

// Find returns the figures of a text read as running text without an
// analysis: no sentence index, no counted nouns from tags.
func (x *Extractor) Find(text string) []quarry.Figure {
	figs := x.find(text, 0, len(text), false)
	for i := range figs {
		figs[i].ID = "f" + strconv.Itoa(i+1)
	}
	return figs
}

func (x *Extractor) find(text string, s, e int, alone bool) []quarry.Figure {
	sc := scanner{lx: x.lx, text: text, t: lex(text, s, e, nil, nil), alone: alone, open: true, sent: s}
	var out []quarry.Figure
	for _, a := range sc.scan(nil) {
		out = append(out, sc.record(a, nil))
	}
	return out
}

// record turns an amount into the output record (without id, context).
// Values are taken from vals, a slab that spares an allocation each.
func (s *scanner) record(a amount, vals *[]float64) quarry.Figure {
	start, end := s.t[a.i].s, s.t[a.j-1].e
	f := quarry.Figure{Start: start, End: end, Text: s.text[start:end], Kind: a.kind, Currency: a.cur, Per: s.rate(&a)}
	if a.unit != nil {
		f.Unit = a.unit.Name
	}
	switch {
	case a.noValue:
	case a.rng:
		f.Min, f.Max = slab(vals, a.min), slab(vals, a.max)
	default:
		f.Value = slab(vals, a.v)
	}
	if len(a.approx) > 0 {
		f.Approx = dedupe(a.approx)
	}
	if a.age {
		f.Counts = "age" // the schema has no kind for ages
	}
	return f
}

// slab stores v in the slab and returns a pointer to it; a full slab is
// replaced, never grown, so earlier pointers stay valid.
func slab(vals *[]float64, v float64) *float64 {
	if vals == nil {
		p := new(float64) // not &v: that moved every v to the heap
		*p = v
		return p
	}
	if len(*vals) == cap(*vals) {
		*vals = make([]float64, 0, 64)
	}
	*vals = append(*vals, v)
	return &(*vals)[len(*vals)-1]
}

func dedupe(xs []string) []string {
	out := xs[:0:0]
	for _, x := range xs {
		dup := false
		for _, y := range out {
			if x == y {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, x)
		}
	}
	return out
}
