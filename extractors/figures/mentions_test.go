package figures

import "testing"

// endingAt must give what a scan of the start-sorted mentions gives: the
// first mention ending at the offset, also when mentions overlap.
func TestEndingAt(t *testing.T) {
	ms := mentions{
		{start: 0, end: 10, id: "e1"},
		{start: 4, end: 10, id: "e2"}, // same end, later start
		{start: 12, end: 20, id: "e3"},
		{start: 15, end: 18, id: "e4"}, // nested
	}
	c := context{ments: ms, ends: ms.byEnd()}
	for end := -1; end <= 21; end++ {
		var want mention
		found := false
		for _, m := range ms {
			if m.end == end {
				want, found = m, true
				break
			}
		}
		got, ok := c.endingAt(end)
		if ok != found || got != want {
			t.Errorf("endingAt(%d) = %+v, %v; want %+v, %v", end, got, ok, want, found)
		}
	}
}
