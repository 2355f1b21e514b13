package quotes

import (
	"math/rand"
	"slices"
	"testing"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// placeMentions gives what placing each mention by two token searches,
// dropping those over no token and sorting with slices.SortFunc gives,
// with and without equal starts.
func TestPlaceMentions(t *testing.T) {
	doc := analysis.Default().Analyze("Acme Corp. said on Monday that Jo Bloggs, its chief, would leave. “We are sad,” said Ann Lee of Acme.")
	r := &run{text: doc.Text, toks: doc.Tokens, buf: new(scratch)}
	rng := rand.New(rand.NewSource(1))
	for round := 0; round < 2000; round++ {
		var ms []mention
		for i := rng.Intn(12); i > 0; i-- {
			start := rng.Intn(len(doc.Text))
			if round%2 == 0 && len(ms) > 0 && rng.Intn(3) == 0 {
				start = ms[rng.Intn(len(ms))].start // a tie
			}
			end := min(len(doc.Text), start+rng.Intn(20))
			ms = append(ms, mention{start: start, end: end, ent: len(ms)})
		}
		var want []mention
		for _, m := range ms {
			m.first, m.last = r.tokAt(m.start), r.tokAt(m.end)
			if m.first < m.last {
				want = append(want, m)
			}
		}
		slices.SortFunc(want, byStart)
		if got := r.placeMentions(slices.Clone(ms)); !slices.Equal(got, want) {
			t.Fatalf("placeMentions(%v) = %v, want %v", ms, got, want)
		}
	}
}
