package entities

import (
	"math/rand"
	"slices"
	"testing"
)

// TestRestFeatures checks restFeatures against appendFeatures with
// partRest, outside headlines, with and without tags and hits.
func TestRestFeatures(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for round := 0; round < 2000; round++ {
		infos := make([]tokInfo, 1+rng.Intn(5))
		for j := range infos {
			in := &infos[j]
			in.lower, in.shape, in.exact = rng.Uint64(), rng.Uint64()%5, rng.Uint64()
			if rng.Intn(2) == 0 {
				in.pos = rng.Uint64()
			}
			in.gaz, in.rule = uint16(rng.Intn(4)), uint16(rng.Intn(4))
			in.flags = uint16(rng.Intn(1<<11)) &^ fHeadline
		}
		i := rng.Intn(len(infos))
		want := appendFeatures(infos, i, nil, partRest)
		if got := restFeatures(infos, i, nil); !slices.Equal(got, want) {
			t.Fatalf("token %d of %d: %x, want %x", i, len(infos), got, want)
		}
	}
}
