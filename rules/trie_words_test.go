package rules

import (
	"slices"
	"testing"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// atomize's per-word cache must give what cutting the tokens gives, and a
// phrase added later must be found for words seen before it.
func TestAtomizeWordCache(t *testing.T) {
	an, err := analysis.New(analysis.WithTagging(false))
	if err != nil {
		t.Fatal(err)
	}
	doc := an.Analyze("Quillmore’s U.S. unit hired AT&T staff; Quillmore ``said'' so, and Brightwell agreed.")
	tr := newTrie(4)
	tr.add("Quillmore", "", 1)
	tr.add("U.S.", "", 2)
	plain := func() []docAtom {
		// The same tokens without word numbers take the uncached path.
		toks := slices.Clone(doc.Tokens)
		for i := range toks {
			toks[i].Word = 0
		}
		return tr.atomize(toks, nil)
	}
	for pass := 0; pass < 2; pass++ { // the second pass reads the cache
		if got, want := tr.atomize(doc.Tokens, nil), plain(); !slices.Equal(got, want) {
			t.Fatalf("pass %d: cached atoms %v, want %v", pass, got, want)
		}
	}
	var found []string
	tr.find(doc.Tokens, func(h hit) { found = append(found, doc.Text[doc.Tokens[h.first].Start:doc.Tokens[h.last-1].End]) })
	if want := []string{"Quillmore", "U.S.", "Quillmore"}; !slices.Equal(found, want) {
		t.Fatalf("found %q, want %q", found, want)
	}
	tr.add("Brightwell", "", 3)
	found = found[:0]
	tr.find(doc.Tokens, func(h hit) { found = append(found, doc.Text[doc.Tokens[h.first].Start:doc.Tokens[h.last-1].End]) })
	if !slices.Contains(found, "Brightwell") {
		t.Fatalf("a phrase added after matching was not found: %q", found)
	}
	if got, want := tr.atomize(doc.Tokens, nil), plain(); !slices.Equal(got, want) {
		t.Fatalf("after add: cached atoms %v, want %v", got, want)
	}
}

// atomize leaves out tokens of one unknown atom; a phrase must still not
// match across them.
func TestFindStopsAtLeftOutTokens(t *testing.T) {
	an, err := analysis.New(analysis.WithTagging(false))
	if err != nil {
		t.Fatal(err)
	}
	doc := an.Analyze("Acme big Corp. hired Acme Corp. staff; Acme-Corp. did not.")
	tr := newTrie(2)
	tr.add("Acme Corp.", "", 1)
	var found []string
	tr.find(doc.Tokens, func(h hit) { found = append(found, doc.Text[doc.Tokens[h.first].Start:doc.Tokens[h.last-1].End]) })
	if want := []string{"Acme Corp."}; !slices.Equal(found, want) {
		t.Fatalf("found %q, want %q", found, want)
	}
}
