package entities

import (
	"math/rand"
	"strings"
	"testing"
)

// TestFullGroupPick checks the sorted look-up against the walk over every
// full name it replaced, on random groups with shared starts and names
// listed twice.
func TestFullGroupPick(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for round := 0; round < 5000; round++ {
		starts := make([]int, 1+rng.Intn(12)) // by cand
		for k := range starts {
			starts[k] = rng.Intn(8)
		}
		g := &fullGroup{}
		for j := range starts {
			for copies := rng.Intn(4) - 1; copies > 0; copies-- {
				g.add(j, starts[j])
			}
		}
		g.sort()
		i := rng.Intn(len(starts))
		want := -1
		for _, f := range g.names {
			if f.idx == i {
				continue
			}
			if want < 0 || f.start < starts[i] && (starts[want] > starts[i] || f.start > starts[want]) {
				want = f.idx
			}
		}
		var work int
		if got := g.pick(i, starts[i], &work); got != want {
			t.Fatalf("names %v, mention %d at %d: picked %d, want %d", g.names, i, starts[i], got, want)
		}
	}
}

// TestPartialsLinear: many short forms against many full names cost
// steps in proportion to the mentions, not their product (a 10 MB article
// took a minute so), and each joins the nearest full name before it.
func TestPartialsLinear(t *testing.T) {
	const names, says = 200, 20
	word := func(k int) string { return "Q" + strings.Repeat("u", 1+k/26) + string(rune('a'+k%26)) + "x" }
	var text strings.Builder
	var spans []tokSpan
	tok := 0
	sentence := func(ws ...string) {
		text.WriteString(strings.Join(ws, " ") + " .\n")
		tok += len(ws) + 1
	}
	for k := 0; k < names; k++ {
		// Hundreds of people share a surname, and every company's first
		// word is a place-like short form, so each asks whether it is
		// written like a company: "Quuax Quax joined Quuuax Systems ."
		// then "Quax said shares in Quuuax fell ." again and again.
		sentence(word(k), "Quax", "joined", word(names+k), "Systems")
		spans = append(spans, tokSpan{first: tok - 6, last: tok - 4, typ: 0}, tokSpan{first: tok - 3, last: tok - 1, typ: 1})
		for s := 0; s < says; s++ {
			sentence("Quax", "said", "shares", "in", word(names+k), "fell")
			spans = append(spans, tokSpan{first: tok - 7, last: tok - 6, typ: 0}, tokSpan{first: tok - 3, last: tok - 2, typ: 2})
		}
	}
	doc := wordDoc(text.String())
	if len(doc.Tokens) != tok {
		t.Fatalf("%d tokens, want %d", len(doc.Tokens), tok)
	}
	e := &Extractor{}
	r := e.linked(doc, spans, testTypes, nil, nil)
	if len(r.cands) != len(spans) {
		t.Fatalf("%d mentions, want %d", len(r.cands), len(spans))
	}
	// Each full name's short forms joined it.
	for i, c := range r.cands {
		full := i - i%(2+2*says)
		if i%2 == 1 {
			full++
		}
		if r.find(i) != r.find(full) {
			t.Fatalf("%q at %d is not joined to %q", doc.Text[c.start:c.end], c.start, doc.Text[r.cands[full].start:r.cands[full].end])
		}
	}
	// A walk over every full name of the surname would take
	// names×names×says = 800,000 steps.
	if limit := 4 * len(r.cands); r.work > limit {
		t.Errorf("partials took %d steps for %d mentions, want at most %d", r.work, len(r.cands), limit)
	}
}
