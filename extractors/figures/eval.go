package figures

import (
	"math"
	"sort"

	"github.com/quarrylabs/quarry"
)

// GoldDoc is one line of a figures gold file (JSON Lines):
//
//	{"text": "Revenue rose 8% to $4.7 billion.",
//	 "figures": [{"start": 13, "end": 15, "value": 8, "kind": "percent"},
//	             {"start": 19, "end": 31, "value": 4700000000, "kind": "money"}]}
//
// start/end are UTF-8 byte offsets into text, end exclusive. A figure gives
// either "value" or "min"/"max" (a range; either end may be missing for an
// open range). "kind" is one of money, percent, number, quantity, ordinal,
// duration, year, date; it is used to break scores down, not to match.
type GoldDoc struct {
	Text    string       `json:"text"`
	Figures []GoldFigure `json:"figures"`
}

// GoldFigure is one expected figure.
type GoldFigure struct {
	Start int      `json:"start"`
	End   int      `json:"end"`
	Value *float64 `json:"value,omitempty"`
	Min   *float64 `json:"min,omitempty"`
	Max   *float64 `json:"max,omitempty"`
	Kind  string   `json:"kind"`
}

// Score is precision, recall and F1 over matched figures.
type Score struct {
	TP, FP, FN int
	Precision  float64
	Recall     float64
	F1         float64
}

func (s *Score) finish() {
	if s.TP+s.FP > 0 {
		s.Precision = float64(s.TP) / float64(s.TP+s.FP)
	}
	if s.TP+s.FN > 0 {
		s.Recall = float64(s.TP) / float64(s.TP+s.FN)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
}

// Report scores figures two ways. Strict: same span and same value.
// Overlap: spans overlap and the value agrees, so "about 5%" against a gold
// "5%" still counts. Spans counts span matches alone, whatever the value.
// Kinds break the strict score down by the gold kind (the predicted kind
// for false positives).
type Report struct {
	Strict  Score
	Overlap Score
	Spans   Score
	Kinds   map[string]*Score
}

// Add folds another report in (for a corpus, document by document).
func (r *Report) Add(o Report) {
	add := func(a *Score, b Score) { a.TP += b.TP; a.FP += b.FP; a.FN += b.FN }
	add(&r.Strict, o.Strict)
	add(&r.Overlap, o.Overlap)
	add(&r.Spans, o.Spans)
	if r.Kinds == nil {
		r.Kinds = map[string]*Score{}
	}
	for k, s := range o.Kinds {
		if r.Kinds[k] == nil {
			r.Kinds[k] = &Score{}
		}
		add(r.Kinds[k], *s)
	}
	r.Finish()
}

// Finish computes the ratios from the counts.
func (r *Report) Finish() {
	r.Strict.finish()
	r.Overlap.finish()
	r.Spans.finish()
	for _, s := range r.Kinds {
		s.finish()
	}
}

// Evaluate compares the figures found in one document with its gold.
func Evaluate(gold []GoldFigure, got []quarry.Figure) Report {
	r := Report{Kinds: map[string]*Score{}}
	kind := func(k string) *Score {
		if r.Kinds[k] == nil {
			r.Kinds[k] = &Score{}
		}
		return r.Kinds[k]
	}
	r.Strict = matchScore(gold, got, func(g GoldFigure, f quarry.Figure) bool {
		return g.Start == f.Start && g.End == f.End && sameValue(g, f)
	}, func(g GoldFigure, hit bool) {
		if hit {
			kind(g.Kind).TP++
		} else {
			kind(g.Kind).FN++
		}
	}, func(f quarry.Figure) { kind(f.Kind).FP++ })
	r.Overlap = matchScore(gold, got, func(g GoldFigure, f quarry.Figure) bool {
		return g.Start < f.End && f.Start < g.End && sameValue(g, f)
	}, nil, nil)
	r.Spans = matchScore(gold, got, func(g GoldFigure, f quarry.Figure) bool {
		return g.Start == f.Start && g.End == f.End
	}, nil, nil)
	r.Finish()
	return r
}

// matchScore pairs each gold figure with at most one found figure, greedily
// in text order.
func matchScore(gold []GoldFigure, got []quarry.Figure, match func(GoldFigure, quarry.Figure) bool,
	onGold func(GoldFigure, bool), onFP func(quarry.Figure)) Score {
	var s Score
	used := make([]bool, len(got))
	order := make([]int, len(gold))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return gold[order[a]].Start < gold[order[b]].Start })
	for _, gi := range order {
		g := gold[gi]
		hit := false
		for k, f := range got {
			if !used[k] && match(g, f) {
				used[k], hit = true, true
				break
			}
		}
		if hit {
			s.TP++
		} else {
			s.FN++
		}
		if onGold != nil {
			onGold(g, hit)
		}
	}
	for k, f := range got {
		if !used[k] {
			s.FP++
			if onFP != nil {
				onFP(f)
			}
		}
	}
	return s
}

// sameValue compares a gold value or range with a found one. A gold range
// with one end open matches a found value with that end ("more than 5":
// min 5 against value 5 with the marker more_than).
func sameValue(g GoldFigure, f quarry.Figure) bool {
	eq := func(a, b *float64) bool {
		if a == nil || b == nil {
			return a == b
		}
		return math.Abs(*a-*b) <= 1e-9*math.Max(1, math.Abs(*a))
	}
	if g.Value != nil {
		return eq(g.Value, f.Value)
	}
	if g.Min != nil && g.Max != nil {
		return eq(g.Min, f.Min) && eq(g.Max, f.Max)
	}
	if f.Min != nil || f.Max != nil {
		return eq(g.Min, f.Min) && eq(g.Max, f.Max)
	}
	if g.Min != nil {
		return eq(g.Min, f.Value)
	}
	if g.Max != nil {
		return eq(g.Max, f.Value)
	}
	return f.Value == nil
}
