package quotes

import (
	"cmp"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// sortByStart gives what slices.SortFunc by start gives, ties included.
func TestSortByStart(t *testing.T) {
	for _, starts := range [][]int{{}, {5}, {9, 3, 7, 1, 20, 15, 2, 30, 11, 4, 8, 6, 13, 40}, {3, 1, 3, 2, 1, 9, 0, 3, 3, 5, 5, 5, 5, 1, 1, 1}} {
		var ms []mention
		for i, s := range starts {
			ms = append(ms, mention{start: s, first: i})
		}
		want := slices.Clone(ms)
		slices.SortFunc(want, func(a, b mention) int { return cmp.Compare(a.start, b.start) })
		if got := sortByStart(slices.Clone(ms), new(scratch)); !reflect.DeepEqual(got, want) && len(ms) > 0 {
			t.Errorf("sortByStart(%v) = %v, want %v", starts, got, want)
		}
	}
	_ = strconv.Itoa
}

// mapMentions gives what binary-searching each mention's tokens, dropping
// those that cover none and sortByStart give, with and without ties.
func TestMapMentions(t *testing.T) {
	r := &run{buf: new(scratch)}
	for k := 0; k < 40; k++ { // tokens at 0, 3, 6, ... each 2 bytes long
		r.toks = append(r.toks, analysis.Token{Start: 3 * k, End: 3*k + 2})
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 500; trial++ {
		var ms []mention
		for i := rng.IntN(30); i > 0; i-- {
			s := rng.IntN(125)
			ms = append(ms, mention{start: s, end: s + rng.IntN(8), ent: len(ms)})
		}
		var want []mention
		for _, m := range ms {
			m.first, m.last = r.tokAt(m.start), r.tokAt(m.end)
			if m.first < m.last {
				want = append(want, m)
			}
		}
		want = sortByStart(want, new(scratch))
		if got := r.mapMentions(slices.Clone(ms)); !slices.Equal(got, want) {
			t.Fatalf("mapMentions(%v) = %v, want %v", ms, got, want)
		}
	}
}
