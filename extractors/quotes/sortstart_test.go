package quotes

import (
	"cmp"
	"slices"
	"testing"
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
		if got := sortByStart(slices.Clone(ms), new(scratch)); !slices.Equal(got, want) {
			t.Errorf("sortByStart(%v) = %v, want %v", starts, got, want)
		}
	}
}
