package claims

import (
	"fmt"
	"iter"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/quarrylabs/quarry"
)

// Key is what a group of claims is about: subject and object by entity
// name (case-folded), predicate by its canonical lemma.
type Key struct {
	Subject   string `json:"subject"`
	Predicate string `json:"predicate"`
	Object    string `json:"object"`
}

// Member is one claim of a group, with its document and figure values.
type Member struct {
	Doc      string             `json:"doc"`
	Claim    string             `json:"claim"`
	Text     string             `json:"text"`
	Subject  string             `json:"subject"`
	Object   string             `json:"object,omitempty"`
	Source   quarry.ClaimSource `json:"source"`
	Modality string             `json:"modality"`
	// Scope is what the text says its figures cover ("including previous
	// rounds"), when it says so.
	Scope   string          `json:"scope,omitempty"`
	Figures []quarry.Figure `json:"figures"`
}

// Ref points at one figure of one member.
type Ref struct {
	Doc    string `json:"doc"`
	Claim  string `json:"claim"`
	Figure string `json:"figure"`
	Text   string `json:"text"`
	Scope  string `json:"scope,omitempty"`
}

// Conflict is a pair of figures that do not agree.
type Conflict struct {
	A      Ref    `json:"a"`
	B      Ref    `json:"b"`
	Reason string `json:"reason"`
}

// Cluster is the claims of many articles about one key. Disagreement is set
// when figures of the same kind and unit differ beyond what their
// approximation markers allow; differences the texts scope apart are listed
// under Scoped and do not count.
type Cluster struct {
	Key          Key        `json:"key"`
	Docs         int        `json:"docs"`
	Claims       []Member   `json:"claims"`
	Disagreement bool       `json:"disagreement"`
	Conflicts    []Conflict `json:"conflicts,omitempty"`
	Scoped       []Conflict `json:"scoped,omitempty"`
}

// Group clusters the claims of docs by subject, predicate and object. Claims
// without a subject entity or predicate are left out. Groups come sorted by
// the number of documents, then key.
func Group(docs iter.Seq[quarry.Document]) []Cluster {
	byKey := map[Key]*Cluster{}
	seen := map[Key]map[string]bool{}
	said := map[string]bool{} // doc, key and text of each member: a headline repeated in the body is one claim
	var order []Key
	for doc := range docs {
		ents := map[string]*quarry.Entity{}
		for i := range doc.Entities {
			ents[doc.Entities[i].ID] = &doc.Entities[i]
		}
		figs := map[string]quarry.Figure{}
		for _, f := range doc.Figures {
			figs[f.ID] = f
		}
		for _, c := range doc.Claims {
			k, ok := KeyOf(c, doc.Entities)
			if !ok {
				continue
			}
			dup := doc.ID + "\x00" + k.Subject + "\x00" + k.Predicate + "\x00" + k.Object + "\x00" + strings.Join(strings.Fields(c.Text), " ")
			if said[dup] {
				continue
			}
			said[dup] = true
			g := byKey[k]
			if g == nil {
				g = &Cluster{Key: k}
				byKey[k] = g
				seen[k] = map[string]bool{}
				order = append(order, k)
			}
			m := Member{Doc: doc.ID, Claim: c.ID, Text: c.Text, Subject: c.Subject.Text, Object: c.Object,
				Source: c.Source, Modality: c.Modality, Scope: c.Scope, Figures: []quarry.Figure{}}
			if m.Scope == "" {
				m.Scope = Scope(c.Text) // output of an older quarry
			}
			for _, id := range c.Figures {
				if f, ok := figs[id]; ok {
					m.Figures = append(m.Figures, f)
				}
			}
			g.Claims = append(g.Claims, m)
			if !seen[k][doc.ID] {
				seen[k][doc.ID] = true
				g.Docs++
			}
		}
	}
	out := make([]Cluster, 0, len(order))
	for _, k := range order {
		g := byKey[k]
		compare(g)
		out = append(out, *g)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Docs != out[j].Docs {
			return out[i].Docs > out[j].Docs
		}
		a, b := out[i].Key, out[j].Key
		return a.Subject+"\x00"+a.Predicate+"\x00"+a.Object < b.Subject+"\x00"+b.Predicate+"\x00"+b.Object
	})
	return out
}

// KeyOf returns the group key of a claim, given the entities of its
// document; ok is false for claims without subject or predicate.
func KeyOf(c quarry.Claim, ents []quarry.Entity) (Key, bool) {
	if c.Subject == nil || c.Predicate == "" {
		return Key{}, false
	}
	name := func(id string) string {
		for i := range ents {
			if ents[i].ID == id {
				return ents[i].Name
			}
		}
		return ""
	}
	k := Key{Predicate: Canonical(c.Predicate)}
	k.Subject = name(c.Subject.Entity)
	if k.Subject == "" {
		k.Subject = c.Subject.Text
	}
	k.Subject = strings.ToLower(k.Subject)
	// The object's head entity: the first mention inside the object text.
	if c.Object != "" {
		if i := strings.Index(c.Text, c.Object); i >= 0 {
			os, oe := c.Start+i, c.Start+i+len(c.Object)
			// The first named mention; else the last of any label, the head
			// of "the AI startup Anthropic" (upstream labels vary).
			named, any := -1, -1
			var namedName, anyName string
			for ei := range ents {
				if ents[ei].ID == c.Subject.Entity {
					continue
				}
				for _, m := range ents[ei].Mentions {
					if m.Start < os || m.End > oe {
						continue
					}
					if isNamed(ents[ei].Label) && (named < 0 || m.Start < named) {
						named, namedName = m.Start, ents[ei].Name
					}
					if m.Start > any {
						any, anyName = m.Start, ents[ei].Name
					}
				}
			}
			if named >= 0 {
				k.Object = strings.ToLower(namedName)
			} else if any >= 0 {
				k.Object = strings.ToLower(anyName)
			}
		}
	}
	return k, true
}

// compare fills the conflicts of a group: each pair of comparable figures
// from different claims whose ranges do not meet.
func compare(g *Cluster) {
	for i := range g.Claims {
		for j := i + 1; j < len(g.Claims); j++ {
			a, b := g.Claims[i], g.Claims[j]
			for _, fa := range a.Figures {
				for _, fb := range b.Figures {
					if !comparable(fa, fb) {
						continue
					}
					if why, ok := Disagree(fa, fb); ok {
						c := Conflict{
							A:      Ref{Doc: a.Doc, Claim: a.Claim, Figure: fa.ID, Text: fa.Text, Scope: a.Scope},
							B:      Ref{Doc: b.Doc, Claim: b.Claim, Figure: fb.ID, Text: fb.Text, Scope: b.Scope},
							Reason: why,
						}
						if a.Scope != b.Scope {
							c.Reason += fmt.Sprintf("; scopes differ (%s vs %s)", orNone(a.Scope), orNone(b.Scope))
							g.Scoped = append(g.Scoped, c)
						} else {
							g.Conflicts = append(g.Conflicts, c)
						}
					}
				}
			}
		}
	}
	g.Disagreement = len(g.Conflicts) > 0
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return fmt.Sprintf("%q", s)
}

// comparable: figures that measure the same thing, so their values can
// contradict. Years, dates, durations and ages place a claim, they are not
// what it asserts.
func comparable(a, b quarry.Figure) bool {
	if a.Kind == "" || placing(a) || placing(b) {
		return false
	}
	return a.Kind == b.Kind && a.Unit == b.Unit && a.Currency == b.Currency
}

// Disagree reports whether two figures cannot both be right, honouring their
// approximation markers: "up to 4bn" excludes 8bn, "about 12,000" admits
// 12,000.
func Disagree(a, b quarry.Figure) (string, bool) {
	alo, ahi, ok1 := Interval(a)
	blo, bhi, ok2 := Interval(b)
	if !ok1 || !ok2 {
		return "", false
	}
	if alo <= bhi && blo <= ahi {
		return "", false
	}
	return fmt.Sprintf("%s (%s) vs %s (%s)", a.Text, showRange(alo, ahi), b.Text, showRange(blo, bhi)), true
}

// Interval is the range of values a figure admits. Exact figures allow 2%
// for rounding; "about" 15%; "up to"/"under" everything below; "at least"
// /"more than" everything above.
func Interval(f quarry.Figure) (lo, hi float64, ok bool) {
	switch {
	case f.Value != nil:
		lo, hi = *f.Value, *f.Value
	case f.Min != nil || f.Max != nil:
		lo, hi = math.Inf(-1), math.Inf(1)
		if f.Min != nil {
			lo = *f.Min
		}
		if f.Max != nil {
			hi = *f.Max
		}
	default:
		return 0, 0, false
	}
	tol := 0.02
	has := func(m ...string) bool {
		for _, x := range m {
			if slices.Contains(f.Approx, x) {
				return true
			}
		}
		return false
	}
	if has("about", "approx", "approximately", "roughly", "estimated", "around") {
		tol = 0.15
	}
	lo -= math.Abs(lo) * tol
	hi += math.Abs(hi) * tol
	if has("nearly", "almost") {
		lo = lo * (1 - 0.15)
	}
	if has("up_to", "less_than", "under", "at_most") {
		lo = math.Min(0, lo)
	}
	if has("at_least", "more_than", "over") {
		hi = math.Inf(1)
	}
	return lo, hi, true
}

func showRange(lo, hi float64) string {
	f := func(x float64) string {
		if math.IsInf(x, 0) {
			return "∞"
		}
		return fmt.Sprintf("%.4g", x)
	}
	return f(lo) + ".." + f(hi)
}
