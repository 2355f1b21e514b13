package entities

import (
	"slices"

	"github.com/quarrylabs/quarry/pipeline/analysis"
	"github.com/quarrylabs/quarry/rules"
)

// New returns an extractor using model (nil: rules only) and the rule set
// (nil: model only).
func New(model *Model, set *rules.Set) *Extractor {
	e := &Extractor{model: model}
	if set != nil {
		e.rules = &ruleSet{set: set}
	}
	return e
}

type ruleSet struct{ set *rules.Set }

func (r *ruleSet) hits(doc *analysis.Doc, s *scratch) []ruleHit {
	ms := r.set.Entities(doc.Text, doc.Tokens)
	var out []ruleHit
	var ents []hitEntry // one array for the entries, as hits point into it
	if s != nil {
		out, ents = s.hits[:0], s.entries[:0]
	}
	out = slices.Grow(out, len(ms))
	ents = slices.Grow(ents, len(ms))
	for _, m := range ms {
		h := ruleHit{first: m.First, last: m.Last, label: m.Label, pattern: m.Entry == nil, alias: m.Alias}
		if e := m.Entry; e != nil {
			ents = append(ents, hitEntry{ID: e.ID, Name: e.Name, Label: e.Label, Attrs: e.Attrs})
			h.entry = &ents[len(ents)-1]
		}
		out = append(out, h)
	}
	if s != nil {
		s.hits, s.entries = out, ents
	}
	return out
}

func (r *ruleSet) stopped(label, text string) bool { return r.set.Stopped(label, text) }

func (r *ruleSet) roles(doc *analysis.Doc, flags []bool) {
	if r.set.Titles() == nil {
		return
	}
	for _, m := range r.set.Titles().Match(doc.Tokens) {
		for i := m.First; i < m.Last && i < len(flags); i++ {
			flags[i] = true
		}
	}
}

func (r *ruleSet) lookup(name string) *hitEntry {
	e := r.set.Gazetteer().Lookup(name)
	if e == nil {
		return nil
	}
	return &hitEntry{ID: e.ID, Name: e.Name, Label: e.Label, Attrs: e.Attrs}
}
