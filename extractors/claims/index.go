package claims

import (
	"sort"
	"strconv"

	"github.com/quarrylabs/quarry"
)

// Lookups by position into the document's figures and quotes. Claims ask
// for "the figures in this clause" and "the quote over this clause" for
// every clause; scanning all records each time made a long article
// quadratic (a 4 MB text spent two thirds of its time there).

// sortedFigures returns fs when its figures are in text order and disjoint
// (as the figures extractor writes them), else nil: then lookups scan all.
func sortedFigures(fs []quarry.Figure) []quarry.Figure {
	for i := 1; i < len(fs); i++ {
		if fs[i].Start < fs[i-1].End {
			return nil
		}
	}
	return fs
}

// figuresNear returns the figures that may overlap bytes [lo, hi): those
// that end after lo and start before hi when the figures are sorted, else
// all of them.
func (d *docState) figuresNear(lo, hi int) []quarry.Figure {
	if d.figs == nil {
		return d.out.Figures
	}
	i := sort.Search(len(d.figs), func(i int) bool { return d.figs[i].End > lo })
	j := i + sort.Search(len(d.figs)-i, func(k int) bool { return d.figs[i+k].Start >= hi })
	return d.figs[i:j]
}

// indexQuotes lists, per sentence, the indices of the quotes that
// overlap it, in record order.
func (d *docState) indexQuotes() {
	sents := d.doc.Sentences
	d.sentQuotes = make([][]int32, len(sents))
	for qi := range d.out.Quotes {
		q := &d.out.Quotes[qi]
		s := sort.Search(len(sents), func(i int) bool { return sents[i].End > q.Start })
		for ; s < len(sents) && sents[s].Start < q.End; s++ {
			d.sentQuotes[s] = append(d.sentQuotes[s], int32(qi))
		}
	}
}

// quotesOver returns the indices of the quotes that may overlap
// [start,end), in record order: those of its sentence when the range lies
// in one, else all of them.
func (d *docState) quotesOver(start, end int) []int32 {
	sents := d.doc.Sentences
	s := sort.Search(len(sents), func(i int) bool { return sents[i].End > start })
	if s < len(sents) && sents[s].Start <= start && end <= sents[s].End {
		return d.sentQuotes[s]
	}
	if d.allQuotes == nil {
		d.allQuotes = make([]int32, len(d.out.Quotes))
		for i := range d.allQuotes {
			d.allQuotes[i] = int32(i)
		}
	}
	return d.allQuotes
}

// entityByID finds an entity by id; ids are e1, e2, ... in order, so the
// number says where to look.
func (d *docState) entityByID(id string) *quarry.Entity {
	es := d.out.Entities
	if len(id) > 1 && id[0] == 'e' {
		if n, err := strconv.Atoi(id[1:]); err == nil && n >= 1 && n <= len(es) && es[n-1].ID == id {
			return &es[n-1]
		}
	}
	for i := range es {
		if es[i].ID == id {
			return &es[i]
		}
	}
	return nil
}
