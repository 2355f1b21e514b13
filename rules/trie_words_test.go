package rules

import (
	"fmt"
	"slices"
	"sync"
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

// Tries sharing a word cache each keep their own results in it, also when
// they fill it at once, and a phrase added to one drops the cache for all.
func TestSharedWords(t *testing.T) {
	an, err := analysis.New(analysis.WithTagging(false))
	if err != nil {
		t.Fatal(err)
	}
	doc := an.Analyze("The chief executive of Quillmore said AT&T staff told U.S. officials, according to Brightwell.")
	phrases := [][]string{{"Quillmore", "AT&T", "U.S."}, {"chief executive", "officials"}, {"said", "told", "according to"}}
	tries := make([]*trie, len(phrases))
	for k, ps := range phrases {
		tries[k] = newTrie(len(ps))
		for i, p := range ps {
			tries[k].add(p, "", int32(i))
		}
	}
	shareWords(tries...)
	plain := func(tr *trie) []docAtom {
		toks := slices.Clone(doc.Tokens)
		for i := range toks {
			toks[i].Word = 0
		}
		return tr.atomize(toks, nil)
	}
	check := func(what string) {
		t.Helper()
		var wg sync.WaitGroup
		errs := make([]string, len(tries))
		for k, tr := range tries {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for pass := 0; pass < 2; pass++ {
					if got, want := tr.atomize(doc.Tokens, nil), plain(tr); !slices.Equal(got, want) {
						errs[k] = fmt.Sprintf("%s: trie %d pass %d: atoms %v, want %v", what, k, pass, got, want)
					}
				}
			}()
		}
		wg.Wait()
		for _, e := range errs {
			if e != "" {
				t.Fatal(e)
			}
		}
	}
	check("shared")
	tries[1].add("Brightwell", "", 9)
	check("after add")
}
