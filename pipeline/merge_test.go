package pipeline

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry"
)

// A window's records name its entities by the window's own ids; the merger
// must map each to the article's entity, whether the window's entity joined
// one seen before or was added. Here window 2's ids e1..e3 are renumbered
// e3, e1 (joined) and e4, so a map keyed by the renumbered ids sends its
// references astray.
func TestMergeMapsWindowIDs(t *testing.T) {
	doc := &quarry.Document{}
	m := newMerger(doc, false)
	m.add(&quarry.Document{
		Entities: []quarry.Entity{
			{ID: "e1", Label: quarry.Org, Name: "Acme", Mentions: []quarry.Mention{{Start: 0, End: 4, Text: "Acme"}}},
			{ID: "e2", Label: quarry.Person, Name: "Ada Lovelace", Affiliation: "e1", Mentions: []quarry.Mention{{Start: 10, End: 22, Text: "Ada Lovelace"}}},
		},
	}, 0, 1)
	m.add(&quarry.Document{
		Entities: []quarry.Entity{
			{ID: "e1", Label: quarry.Person, Name: "Bob Smith", Affiliation: "e3", Mentions: []quarry.Mention{{Start: 0, End: 9, Text: "Bob Smith"}}},
			{ID: "e2", Label: quarry.Org, Name: "Acme", Mentions: []quarry.Mention{{Start: 20, End: 24, Text: "Acme"}}},
			{ID: "e3", Label: quarry.Org, Name: "Zeta", Mentions: []quarry.Mention{{Start: 30, End: 34, Text: "Zeta"}}},
		},
		Figures: []quarry.Figure{
			{ID: "f1", Entity: "e1"},
			{ID: "f2", Entity: "e2"},
			{ID: "f3", Entity: "e3"},
		},
		Quotes: []quarry.Quote{{ID: "q1", Speaker: &quarry.Speaker{Entity: "e1"}}},
		Claims: []quarry.Claim{{ID: "c1", Subject: &quarry.ClaimSubject{Entity: "e3"}, Source: quarry.ClaimSource{Entity: "e1"}}},
	}, 100, 1)

	name := map[string]string{"": ""}
	for _, e := range doc.Entities {
		name[e.ID] = e.Name
	}
	if got := len(doc.Entities); got != 4 {
		t.Fatalf("%d entities, want 4 (Acme joined)", got)
	}
	bob := doc.Entities[2]
	if bob.Name != "Bob Smith" || name[bob.Affiliation] != "Zeta" {
		t.Errorf("Bob Smith (%s) is affiliated with %q (%s), want Zeta", bob.ID, name[bob.Affiliation], bob.Affiliation)
	}
	for i, want := range []string{"Bob Smith", "Acme", "Zeta"} {
		if got := name[doc.Figures[i].Entity]; got != want {
			t.Errorf("figure %s names %q (%s), want %q", doc.Figures[i].ID, got, doc.Figures[i].Entity, want)
		}
	}
	if got := name[doc.Quotes[0].Speaker.Entity]; got != "Bob Smith" {
		t.Errorf("quote speaker %q, want Bob Smith", got)
	}
	c := doc.Claims[0]
	if name[c.Subject.Entity] != "Zeta" || name[c.Source.Entity] != "Bob Smith" {
		t.Errorf("claim subject %q, source %q; want Zeta, Bob Smith", name[c.Subject.Entity], name[c.Source.Entity])
	}
}

// Two entities of one window may join one entity of the article (here
// "Halvern" the person whose full name the same window adds, and an
// organisation the window found twice, once as a company): their mentions
// interleave, and an entity's mentions must stay in text order.
// The same with mentions packed.
func TestMergeKeepsMentionsInOrder(t *testing.T) {
	for _, packing := range []bool{false, true} {
		mergeKeepsMentionsInOrder(t, packing)
	}
}

func mergeKeepsMentionsInOrder(t *testing.T, packing bool) {
	doc := &quarry.Document{}
	m := newMerger(doc, packing)
	mention := func(start int, text string) []quarry.Mention {
		return []quarry.Mention{{Start: start, End: start + len(text), Text: text}}
	}
	m.add(&quarry.Document{
		Entities: []quarry.Entity{
			{ID: "e1", Label: quarry.Org, Name: "Acme", Mentions: mention(0, "Acme")},
		},
	}, 0, 1)
	m.add(&quarry.Document{
		Entities: []quarry.Entity{
			{ID: "e1", Label: quarry.Person, Name: "Ada Halvern", Mentions: append(mention(0, "Ada Halvern"), mention(60, "Ada Halvern")...)},
			{ID: "e2", Label: quarry.Org, Name: "Acme", Mentions: append(mention(15, "Acme"), mention(80, "Acme")...)},
			{ID: "e3", Label: quarry.Person, Name: "Halvern", Mentions: mention(30, "Halvern")},
			{ID: "e4", Label: quarry.Company, Name: "Acme", Mentions: mention(40, "Acme")},
		},
	}, 100, 1)
	if len(doc.Entities) != 2 {
		t.Fatalf("%d entities, want 2: %+v", len(doc.Entities), doc.Entities)
	}
	for i, e := range doc.Entities {
		var starts []int
		for _, mt := range e.Mentions {
			starts = append(starts, mt.Start)
		}
		if packing {
			for _, p := range m.packed[i] {
				starts = append(starts, unpackMention(p, strings.Repeat(" ", 200)).Start)
			}
		}
		if want := map[string]int{"Acme": 4, "Ada Halvern": 3}[e.Name]; len(starts) != want || !slices.IsSorted(starts) {
			t.Errorf("packing %v: %s %s: mentions at %v, want %d in order", packing, e.ID, e.Name, starts, want)
		}
	}
}

// The articles run once, cut into windows of 1 KiB: later windows add
// entities of their own, and every figure, quote and affiliation names
// the entity a reading at once gives it.
func TestWindowReferencesMatchWhole(t *testing.T) {
	text := longArticle(t, 1)
	path := write(t, t.TempDir(), "long.txt", text)
	whole, _, _ := runDocs(t, realConfig(t, 1), path)
	defer func(w int) { windowBytes = w }(windowBytes)
	windowBytes = 1 << 10
	if n := len(cutWindows(text, windowBytes)); n < 3 {
		t.Fatalf("only %d windows", n)
	}
	cut, _, _ := runDocs(t, realConfig(t, 1), path)
	checkDoc(t, &cut[0], text)
	refs := func(d *quarry.Document) map[string]string {
		name := map[string]string{"": "none"}
		for _, e := range d.Entities {
			name[e.ID] = e.Label + " " + e.Name
		}
		out := map[string]string{}
		for _, f := range d.Figures {
			out[fmt.Sprintf("figure at %d", f.Start)] = name[f.Entity]
		}
		for _, q := range d.Quotes {
			if q.Speaker != nil {
				out[fmt.Sprintf("quote at %d", q.Start)] = name[q.Speaker.Entity]
			}
		}
		for _, e := range d.Entities {
			out["affiliation of "+e.Label+" "+e.Name] = name[e.Affiliation]
		}
		return out
	}
	w, c := refs(&whole[0]), refs(&cut[0])
	if len(w) < 20 {
		t.Fatalf("only %d references: the test needs more", len(w))
	}
	for k, v := range w {
		if got, ok := c[k]; ok && got != v {
			t.Errorf("%s: %q in windows, %q at once", k, got, v)
		}
	}
}
