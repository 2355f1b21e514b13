// Package rules loads the YAML rule files that drive what quarry recognises:
// gazetteers of companies, organisations, people and products; titles;
// token patterns; stoplists; quote cues; figure units; claim cues.
//
// Defaults are embedded from rules/default/*.yaml. Users add files that
// override defaults by id or name. Every problem in a file is reported as
// FILE:LINE:COL: message, all of them in one pass. The format is documented
// in docs/rules.md.
package rules

import "github.com/quarrylabs/quarry/pipeline/analysis"

// Set is a loaded, validated set of rules. It is read-only and safe for
// concurrent use.
type Set struct {
	files    []FileInfo
	gaz      *Gazetteer
	titles   *Gazetteer
	patterns *Patterns
	stop     *Stoplist
	quote    *QuoteCues
	units    *FigureUnits
	claims   *ClaimCues
	examples []*Example
}

// FileInfo describes one loaded rule file.
type FileInfo struct {
	Path   string   `json:"path"`
	Origin string   `json:"origin"` // default or user
	Kinds  []string `json:"kinds"`
	// Counts says how many items of each sort the file holds
	// (entries, titles, rules, lists, words, ..., examples).
	Counts map[string]int `json:"counts"`
}

// Files lists the loaded files, defaults first, in load order.
func (s *Set) Files() []FileInfo { return s.files }

// Gazetteer holds the named entities (companies, organisations, people,
// places, products).
func (s *Set) Gazetteer() *Gazetteer { return s.gaz }

// Titles holds roles and titles (CEO, chief executive, minister, ...) as a
// gazetteer whose entries carry the label TITLE.
func (s *Set) Titles() *Gazetteer { return s.titles }

// Patterns holds the token pattern rules.
func (s *Set) Patterns() *Patterns { return s.patterns }

// Stoplist holds the strings and patterns that must never carry a label.
func (s *Set) Stoplist() *Stoplist { return s.stop }

// Stopped reports whether text must never be an entity with this label.
func (s *Set) Stopped(label, text string) bool { return s.stop.Stopped(label, text) }

// QuoteCues holds speech verbs and attribution phrases.
func (s *Set) QuoteCues() *QuoteCues { return s.quote }

// FigureUnits holds currencies, scales, units and counted nouns.
func (s *Set) FigureUnits() *FigureUnits { return s.units }

// ClaimCues holds hedges, boosters, predictions, negations, reporting verbs
// and comparatives.
func (s *Set) ClaimCues() *ClaimCues { return s.claims }

// Examples returns the examples every rule document carries.
func (s *Set) Examples() []*Example { return s.examples }

// EntityMatch is an entity the rules alone find: from a gazetteer entry or
// from a pattern that produces entities.
type EntityMatch struct {
	First, Last int
	Start, End  int
	Label       string
	// Entry is set for gazetteer matches, Rule for pattern matches.
	Entry *Entry
	Rule  *Pattern
	Alias bool
}

// Name is the canonical name for gazetteer matches, else the matched text.
func (m EntityMatch) Name(text string) string {
	if m.Entry != nil {
		return m.Entry.Name
	}
	return text[m.Start:m.End]
}

// Entities merges gazetteer matches and entity-producing pattern matches
// after dropping what the stoplist forbids, keeping the longer match on
// overlap, then higher priority, then user over default. text is the document the tokens index into.
func (s *Set) Entities(text string, toks []analysis.Token) []EntityMatch {
	gaz := s.gaz.Match(toks)
	sp := spanPool.Get().(*[]span)
	cands := (*sp)[:0]
	all := make([]EntityMatch, 0, len(gaz))
	for _, m := range gaz {
		if s.stop.Stopped(m.Entry.Label, text[m.Start:m.End]) {
			continue
		}
		cands = append(cands, span{first: m.First, last: m.Last, prio: m.Entry.Priority, user: m.Entry.user, canon: true, order: len(all)})
		all = append(all, EntityMatch{First: m.First, Last: m.Last, Start: m.Start, End: m.End, Label: m.Entry.Label, Entry: m.Entry, Alias: m.Alias})
	}
	for _, m := range s.patterns.match(toks, ProducesEntity) {
		if m.Rule.Produces != ProducesEntity || s.stop.Stopped(m.Rule.Label, text[m.Start:m.End]) {
			continue
		}
		cands = append(cands, span{first: m.First, last: m.Last, prio: m.Rule.Priority, user: m.Rule.user, order: len(all)})
		all = append(all, EntityMatch{First: m.First, Last: m.Last, Start: m.Start, End: m.End, Label: m.Rule.Label, Rule: m.Rule})
	}
	cands = resolveSpans(cands, len(toks), false)
	out := make([]EntityMatch, len(cands))
	for i, c := range cands {
		out[i] = all[c.order]
	}
	*sp = cands
	spanPool.Put(sp)
	return out
}
