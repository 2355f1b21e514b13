package rules

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// Kinds of Found.
const (
	FoundEntity   = "entity"    // Label: PERSON, COMPANY, ...; Name: canonical name
	FoundTitle    = "title"     // Name: canonical title
	FoundFigure   = "figure"    // from figure patterns; Label: the rule's label; Name: rule id
	FoundCue      = "cue"       // from cue patterns; Label: the rule's label; Name: rule id
	FoundQuoteCue = "quote-cue" // Label: verb or phrase; Name: lemma
	FoundClaimCue = "claim-cue" // Label: hedge, negation, ...; Name: lemma
	FoundCurrency = "currency"  // Name: code
	FoundScale    = "scale"     // Value: multiplier
	FoundUnit     = "unit"      // Name: unit name; Label: dimension; Value: factor
	FoundCounted  = "counted"   // Name: the noun, lower case
)

var foundKinds = []string{FoundEntity, FoundTitle, FoundFigure, FoundCue, FoundQuoteCue, FoundClaimCue,
	FoundCurrency, FoundScale, FoundUnit, FoundCounted}

// Found is one thing recognised in an example text.
type Found struct {
	Kind       string
	Text       string
	Start, End int
	Label      string
	Name       string
	Value      float64
}

func (f Found) String() string {
	s := fmt.Sprintf("%q %s", f.Text, f.Kind)
	if f.Label != "" {
		s += " " + f.Label
	}
	if f.Name != "" && f.Name != f.Text {
		s += fmt.Sprintf(" name=%q", f.Name)
	}
	return s
}

// ExampleRunner finds what a text holds. The default runner uses the rules
// alone; a program may swap in one that runs the full extractor.
type ExampleRunner func(text string) []Found

// Example is a text a rule document carries with what must and must not be
// found in it.
type Example struct {
	File      string
	Line, Col int
	// Kind is the kind of the document holding the example.
	Kind   string
	Text   string
	Expect []Want
	Reject []Want
	User   bool
}

// Want describes a Found: Text must match, the other fields only when set.
type Want struct {
	Text, Kind, Label, Name string
	Value                   *float64
	Line, Col               int
}

func (w Want) String() string {
	s := strconv.Quote(w.Text)
	for _, x := range []string{w.Kind, w.Label} {
		if x != "" {
			s += " " + x
		}
	}
	if w.Name != "" {
		s += fmt.Sprintf(" name=%q", w.Name)
	}
	if w.Value != nil {
		s += fmt.Sprintf(" value=%g", *w.Value)
	}
	return s
}

func (w Want) matches(f Found) bool {
	return w.Text == f.Text && (w.Kind == "" || w.Kind == f.Kind) && (w.Label == "" || w.Label == f.Label) &&
		(w.Name == "" || w.Name == f.Name) && (w.Value == nil || *w.Value == f.Value)
}

// Failure is an example whose expectations were not met.
type Failure struct {
	Example  *Example
	Missing  []Want  // expected, not found
	Unwanted []Found // found, though rejected
	Found    []Found // everything found, for the report
}

func (f *Failure) Error() string {
	var parts []string
	for _, w := range f.Missing {
		parts = append(parts, fmt.Sprintf("line %d: expected %s, not found", w.Line, w))
	}
	for _, u := range f.Unwanted {
		parts = append(parts, fmt.Sprintf("found %s, which the example rejects", u))
	}
	e := f.Example
	return fmt.Sprintf("%s:%d:%d: example %q failed: %s", e.File, e.Line, e.Col, clip(e.Text, 60), strings.Join(parts, "; "))
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// RunExamples runs every example keep accepts (nil: all) and returns the
// failures. run nil means s.Runner(nil).
func (s *Set) RunExamples(run ExampleRunner, keep func(*Example) bool) []*Failure {
	if run == nil {
		run = s.Runner(nil)
	}
	var out []*Failure
	for _, e := range s.examples {
		if keep != nil && !keep(e) {
			continue
		}
		found := run(e.Text)
		f := &Failure{Example: e, Found: found}
		for _, w := range e.Expect {
			if !anyMatch(w, found) {
				f.Missing = append(f.Missing, w)
			}
		}
		for _, w := range e.Reject {
			for _, x := range found {
				if w.matches(x) {
					f.Unwanted = append(f.Unwanted, x)
				}
			}
		}
		if len(f.Missing)+len(f.Unwanted) > 0 {
			out = append(out, f)
		}
	}
	return out
}

func anyMatch(w Want, found []Found) bool {
	for _, f := range found {
		if w.matches(f) {
			return true
		}
	}
	return false
}

// Runner returns an ExampleRunner that tokenizes with tokenize (nil: the
// analysis package's default analyzer, as quarry extract does) and reports
// what the rules alone find.
func (s *Set) Runner(tokenize func(string) []analysis.Token) ExampleRunner {
	if tokenize == nil {
		tokenize = func(text string) []analysis.Token { return analysis.Default().Analyze(text).Tokens }
	}
	return func(text string) []Found { return s.Find(text, tokenize(text)) }
}

// Find reports everything the rules alone recognise in tokens of text:
// entities (gazetteer and entity patterns, minus the stoplist), titles,
// pattern figures and cues, quote and claim cues, currencies, scales, units
// and counted nouns.
func (s *Set) Find(text string, toks []analysis.Token) []Found {
	var out []Found
	add := func(kind string, start, end int, label, name string, v float64) {
		out = append(out, Found{Kind: kind, Text: text[start:end], Start: start, End: end, Label: label, Name: name, Value: v})
	}
	for _, m := range s.Entities(text, toks) {
		add(FoundEntity, m.Start, m.End, m.Label, m.Name(text), 0)
	}
	for _, m := range s.titles.Match(toks) {
		add(FoundTitle, m.Start, m.End, TitleLabel, m.Entry.Name, 0)
	}
	for _, m := range s.patterns.Match(toks) {
		switch m.Rule.Produces {
		case ProducesTitle:
			add(FoundTitle, m.Start, m.End, m.Rule.Label, text[m.Start:m.End], 0)
		case ProducesFigure:
			add(FoundFigure, m.Start, m.End, m.Rule.Label, m.Rule.ID, 0)
		case ProducesCue:
			add(FoundCue, m.Start, m.End, m.Rule.Label, m.Rule.ID, 0)
		}
	}
	for _, m := range s.quote.Match(toks) {
		add(FoundQuoteCue, m.Start, m.End, m.Cue.Category, m.Cue.Lemma, 0)
	}
	for _, m := range s.claims.Match(toks) {
		add(FoundClaimCue, m.Start, m.End, m.Cue.Category, m.Cue.Lemma, 0)
	}
	for _, m := range s.units.Match(toks) {
		switch m.Kind {
		case "currency":
			add(FoundCurrency, m.Start, m.End, "", m.Currency.Code, 0)
		case "scale":
			add(FoundScale, m.Start, m.End, "", "", m.Scale)
		case "unit":
			add(FoundUnit, m.Start, m.End, m.Unit.Dimension, m.Unit.Name, m.Unit.Factor)
		case "counted":
			add(FoundCounted, m.Start, m.End, "", m.Noun, 0)
		}
	}
	return out
}

func decodeExamples(d *decoder, v *yaml.Node, kind string) []*Example {
	var out []*Example
	for _, n := range d.seq(v, "examples") {
		e := &Example{File: d.file, Line: n.Line, Col: n.Column, Kind: kind, User: d.user}
		ok := true
		var expect, reject []*yaml.Node
		seen := d.mapping(n, "example", []field{
			{"text", func(k, v *yaml.Node) {
				s, good := d.nonEmpty(v, "example text")
				e.Text, ok = s, ok && good
			}},
			{"expect", func(k, v *yaml.Node) { expect = d.seq(v, "expect") }},
			{"reject", func(k, v *yaml.Node) { reject = d.seq(v, "reject") }},
		})
		if seen == nil || !d.require(n, seen, "example", "text") || !ok {
			continue
		}
		if seen["expect"] == nil && seen["reject"] == nil {
			d.errf(n, "example has neither \"expect\" nor \"reject\"; say what must or must not be found")
			continue
		}
		for _, w := range expect {
			if x, good := decodeWant(d, w, e.Text); good {
				e.Expect = append(e.Expect, x)
			} else {
				ok = false
			}
		}
		for _, w := range reject {
			if x, good := decodeWant(d, w, e.Text); good {
				e.Reject = append(e.Reject, x)
			} else {
				ok = false
			}
		}
		if ok {
			out = append(out, e)
		}
	}
	return out
}

func decodeWant(d *decoder, n *yaml.Node, text string) (Want, bool) {
	w := Want{Line: n.Line, Col: n.Column}
	ok := true
	if n.Kind == yaml.ScalarNode {
		w.Text, ok = d.nonEmpty(n, "expected text")
	} else {
		seen := d.mapping(n, "expect/reject item", []field{
			{"text", func(k, v *yaml.Node) {
				s, good := d.str(v, "text")
				w.Text, ok = s, ok && good
			}},
			{"kind", func(k, v *yaml.Node) {
				s, good := d.oneOf(v, "kind", foundKinds...)
				w.Kind, ok = s, ok && good
			}},
			{"label", func(k, v *yaml.Node) {
				s, good := d.nonEmpty(v, "label")
				w.Label, ok = s, ok && good
			}},
			{"name", func(k, v *yaml.Node) {
				s, good := d.nonEmpty(v, "name")
				w.Name, ok = s, ok && good
			}},
			{"value", func(k, v *yaml.Node) {
				f, good := d.number(v, "value")
				w.Value, ok = &f, ok && good
			}},
		})
		if seen == nil || !d.require(n, seen, "expect/reject item", "text") {
			return w, false
		}
	}
	if ok && !strings.Contains(text, w.Text) {
		d.errf(n, "%q does not occur in the example text; copy it exactly from the text", w.Text)
		ok = false
	}
	return w, ok
}
