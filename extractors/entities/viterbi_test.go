package entities

import (
	"math/rand"
	"slices"
	"testing"
)

// viterbi9 must give exactly viterbi's scores and back pointers: random
// emissions and transitions, with closed tokens (only O finite) mixed in,
// as emissions writes them.
func TestViterbi9MatchesViterbi(t *testing.T) {
	m := newModel([]string{"PERSON", "ORG", "LOC", "MISC"}, 18)
	nl := m.nl
	if nl != 9 {
		t.Fatalf("nl = %d, want 9", nl)
	}
	rng := rand.New(rand.NewSource(1))
	for round := 0; round < 200; round++ {
		n := 1 + rng.Intn(40)
		trans := make([]float32, (nl+1)*nl)
		for i := range trans {
			trans[i] = float32(rng.Intn(5)-2) / 4
			if rng.Intn(20) == 0 {
				trans[i] = negInf
			}
		}
		scores := make([]float32, n*nl)
		for i := 0; i < n; i++ {
			closed := rng.Intn(3) == 0
			for y := 0; y < nl; y++ {
				switch {
				case closed && y > 0:
					scores[i*nl+y] = negInf
				case closed:
					scores[i*nl+y] = 0
				default:
					// Few distinct values, so ties happen.
					scores[i*nl+y] = float32(rng.Intn(7)-3) / 2
				}
			}
		}
		cols := transCols(nil, trans, nl)
		run := func(f func([]float32, []float32, int, *scratch)) ([]float32, []int32) {
			s := &scratch{scores: slices.Clone(scores), back: make([]int32, n*nl)}
			f(trans, cols, n, s)
			return s.scores, s.back
		}
		s1, b1 := run(m.viterbi)
		s2, b2 := run(m.viterbi9)
		if !slices.Equal(s1, s2) || !slices.Equal(b1, b2) {
			t.Fatalf("round %d: viterbi9 differs from viterbi\nscores %v\n    vs %v\nback %v\n  vs %v", round, s2, s1, b2, b1)
		}
	}
}
