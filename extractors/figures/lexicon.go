package figures

import (
	"sort"
	"strings"
)

// unitData is the rule data the scanner needs, in the shape of
// rules.FigureUnits: currencies, scale words, units and counted nouns.
type unitData struct {
	Currencies   []currencyData
	Scales       map[string]float64
	Units        []unitDef
	CountedNouns []string
}

type currencyData struct {
	Code    string
	Symbols []string // matched case-sensitively
	Words   []string // any case
}

type unitDef struct {
	Name, Dimension string
	Forms           []string
	Factor          float64 // to the dimension's base unit

	kind string // the figure kind the unit makes, from its dimension
	temp bool   // a temperature: "below zero" negates it
}

// kindOf maps a unit's dimension to the kind of figure it makes.
func kindOf(dim string) string {
	switch {
	case strings.HasPrefix(dim, "ratio"):
		return Percent
	case dim == "time" || dim == "duration":
		return Duration
	case dim == "multiple":
		return Number
	}
	return Quantity
}

// Form kinds a lexicon entry can have.
const (
	fCurrency = 1 << iota
	fSubunit  // cent, penny: a hundredth of a currency
	fScale
	fUnit
)

// entry is one way of writing a currency, scale or unit, split into the
// scanner's tokens.
type entry struct {
	toks  []string
	sp    []bool // whether the form has a space before each token
	exact bool   // compare case-sensitively
	// caseLetter marks one-letter units, which keep their case ("g", "L").
	caseLetter bool
	kind       int
	cur        string // currency code (also for subunits; may be empty)
	scale      float64
	unit       *unitDef
}

// lexicon indexes unitData by the first token of each form.
type lexicon struct {
	byFirst map[string][]*entry
	byName  map[string]*unitDef
	counted map[string]bool
	// opens flags every lower-cased token a figure can begin with (isStart)
	// and the words that are numbers themselves (isCore), so the scanner
	// passes over other words with one lookup.
	opens map[string]uint8
}

// subunits are the hundredth parts of currencies; rules.FigureUnits has no
// place for them yet.
var subunits = []struct {
	code  string
	name  string
	forms []string
}{
	{"", "cent", []string{"cent", "cents", "c", "¢", "pennies", "penny"}},
	{"GBP", "penny", []string{"pence", "p"}},
	{"MYR", "sen", []string{"sen", "sens"}},
	{"UAH", "kopiyka", []string{"kopiyka", "kopiykas", "kopiyok"}},
	{"RUB", "kopeck", []string{"kopeck", "kopecks", "kopek", "kopeks"}},
	{"INR", "paisa", []string{"paisa", "paise"}},
}

func newLexicon(d unitData) *lexicon {
	lx := &lexicon{byFirst: map[string][]*entry{}, byName: map[string]*unitDef{}, counted: map[string]bool{}, opens: map[string]uint8{}}
	for _, c := range d.Currencies {
		code := c.Code
		lx.add(code, true, &entry{kind: fCurrency, cur: code})
		for _, s := range c.Symbols {
			lx.add(s, hasUpper(s), &entry{kind: fCurrency, cur: code})
		}
		for _, w := range c.Words {
			lx.add(w, false, &entry{kind: fCurrency, cur: code})
		}
	}
	for _, s := range subunits {
		for _, f := range s.forms {
			lx.add(f, false, &entry{kind: fSubunit, cur: s.code, unit: &unitDef{Name: s.name, Dimension: "money", Factor: 0.01, kind: Money}})
		}
	}
	for w, v := range d.Scales {
		lx.add(w, false, &entry{kind: fScale, scale: v})
	}
	for i := range d.Units {
		u := &d.Units[i]
		u.kind, u.temp = kindOf(u.Dimension), strings.HasPrefix(u.Dimension, "temperature")
		if _, ok := lx.byName[u.Name]; !ok {
			lx.byName[u.Name] = u
		}
		for _, f := range u.Forms {
			lx.add(f, false, &entry{kind: fUnit, unit: u})
		}
	}
	for _, n := range d.CountedNouns {
		lx.counted[strings.ToLower(n)] = true
	}
	for key, es := range lx.byFirst {
		sort.SliceStable(es, func(i, j int) bool { return len(es[i].toks) > len(es[j].toks) })
		for _, e := range es {
			if e.kind == fCurrency {
				lx.opens[key] |= isStart
			}
		}
	}
	for w := range addStarters(map[string]bool{}) {
		lx.opens[w] |= isStart
	}
	core := addCores(map[string]bool{})
	for w := range d.Scales {
		if len(w) > 1 {
			core[strings.ToLower(w)] = true
		}
	}
	for w := range core {
		lx.opens[w] |= isStart | isCore
	}
	return lx
}

func (lx *lexicon) add(form string, exact bool, e *entry) {
	form = strings.TrimSpace(form)
	if form == "" {
		return
	}
	ts := lex(form, 0, len(form), nil)
	e.exact = exact
	for i, t := range ts {
		s := form[t.s:t.e]
		if !exact {
			s = strings.ToLower(s)
		}
		if len(s) == 1 && len(ts) == 1 && e.kind == fUnit && isLetterByte(s[0]) {
			s, e.caseLetter = form, true // single letters keep their case: "g" is not "G"
		}
		e.toks = append(e.toks, s)
		e.sp = append(e.sp, i > 0 && t.sp)
	}
	key := strings.ToLower(e.toks[0])
	lx.byFirst[key] = append(lx.byFirst[key], e)
}

// match returns the longest entry of one of the kinds in mask that starts at
// token i, and the index after it.
func (lx *lexicon) match(text string, t []tok, i, mask int) (*entry, int) {
	return lx.matchIf(text, t, i, mask, nil)
}

// matchIf is match for the entries accept allows.
func (lx *lexicon) matchIf(text string, t []tok, i, mask int, accept func(e *entry, end int) bool) (*entry, int) {
	if i >= len(t) {
		return nil, i
	}
	key := t[i].low
	if t[i].k == tNum {
		key = text[t[i].s:t[i].e]
	}
	for _, e := range lx.byFirst[key] {
		if e.kind&mask == 0 || i+len(e.toks) > len(t) {
			continue
		}
		p, ok := i, true
		for k, want := range e.toks {
			if p >= len(t) {
				ok = false
				break
			}
			tk := t[p]
			// "square-foot" for "square foot"
			if k > 0 && e.sp[k] && tk.k == tSym && dash(tk.low) && !tk.sp && p+1 < len(t) && !t[p+1].sp {
				p++
				tk = t[p]
			}
			if k > 0 && ((tk.sp && !e.sp[k]) || tk.nl) {
				ok = false
				break
			}
			got := tk.low
			if e.exact || tk.k == tNum || e.caseLetter {
				got = text[tk.s:tk.e]
			}
			if got != want {
				ok = false
				break
			}
			p++
		}
		if ok && (accept == nil || accept(e, p)) {
			return e, p
		}
	}
	return nil, i
}

func hasUpper(s string) bool {
	for _, r := range s {
		if r >= 'A' && r <= 'Z' {
			return true
		}
	}
	return false
}
