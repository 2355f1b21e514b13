package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// Currency is a currency with the symbols and words that name it.
type Currency struct {
	Code     string   // ISO 4217 style: USD
	Name     string   // US dollar
	Symbols  []string // $, US$ (matched case-sensitively)
	Words    []string // dollar, dollars (any case)
	user     bool
	disabled bool
}

// Unit is a unit of measure. Name is what a figure reports as its unit:
// plain, singular and stable ("kilometre", "celsius").
type Unit struct {
	Name      string // percent, kilometre
	Dimension string // ratio, length, mass, ..., money for parts of a currency
	Forms     []string
	// Factor converts to the dimension's base unit (km → m: 1000); for
	// dimension money, to the currency (cent: 0.01).
	Factor float64
	// Currency is the code of the currency a money unit is part of (penny:
	// GBP); empty for one that many currencies share (cent).
	Currency string
	disabled bool
}

// DimensionMoney marks units that are parts of a currency (cent, penny).
const DimensionMoney = "money"

// letterForm reports whether a unit form is one letter, which matches only
// as written: "m" is metre, "M" is not; "g" is gram, "G" is not.
func letterForm(form string) bool {
	return len(form) == 1 && (form[0]|0x20) >= 'a' && (form[0]|0x20) <= 'z'
}

// FigureUnits holds what turns a number into a figure: currencies, scale
// words, units and the nouns a count may count.
type FigureUnits struct {
	Currencies   []Currency
	Scales       map[string]float64 // lower-cased word → multiplier
	Units        []Unit
	CountedNouns []string

	bySymbol map[string]*Currency
	byWord   map[string]*Currency
	byCode   map[string]*Currency
	byForm   map[string]*Unit
	byLetter map[string]*Unit // one-letter forms, by case
	counted  map[string]bool
	trie     *trie
	vals     []unitVal
}

type unitVal struct {
	kind  string
	cur   *Currency
	unit  *Unit
	scale float64
	noun  string
}

// UnitMatch is a currency, scale, unit or counted noun found in tokens.
type UnitMatch struct {
	First, Last int
	Start, End  int
	// Kind is currency, scale, unit or counted.
	Kind     string
	Currency *Currency
	Unit     *Unit
	Scale    float64
	Noun     string
}

// Scale returns the multiplier of a scale word ("bn" → 1e9), any case.
func (f *FigureUnits) Scale(word string) (float64, bool) {
	v, ok := f.Scales[lower(word)]
	return v, ok
}

// CurrencyBySymbol finds a currency by symbol, case-sensitively ("US$").
func (f *FigureUnits) CurrencyBySymbol(sym string) *Currency { return f.bySymbol[foldQuotes(sym)] }

// CurrencyByWord finds a currency by word ("euros"), any case.
func (f *FigureUnits) CurrencyByWord(w string) *Currency { return f.byWord[phraseKey(w)] }

// CurrencyByCode finds a currency by code ("GBP"), any case.
func (f *FigureUnits) CurrencyByCode(code string) *Currency { return f.byCode[strings.ToUpper(code)] }

// Unit finds a unit by one of its forms ("km", "per cent"), any case but
// for one-letter forms, which must match as written ("m", "L").
func (f *FigureUnits) Unit(form string) *Unit {
	if letterForm(form) {
		return f.byLetter[form]
	}
	return f.byForm[phraseKey(form)]
}

// Counted reports whether noun is a counted noun ("jobs"), any case.
func (f *FigureUnits) Counted(noun string) bool { return f.counted[phraseKey(noun)] }

// Match finds currencies (symbols, codes, words), scale words, units and
// counted nouns. Overlaps are resolved within each kind, longest first, so
// "pounds" may come back both as a currency and as a unit.
func (f *FigureUnits) Match(toks []analysis.Token) []UnitMatch {
	byKind := map[string][]span{}
	f.trie.find(toks, func(h hit) {
		v := f.vals[h.ph.val]
		byKind[v.kind] = append(byKind[v.kind], span{first: h.first, last: h.last, canon: true, order: int(h.ph.val)})
	})
	var out []UnitMatch
	for _, k := range []string{"currency", "scale", "unit", "counted"} {
		for _, s := range resolveSpans(byKind[k], len(toks), false) {
			v := f.vals[s.order]
			out = append(out, UnitMatch{First: s.first, Last: s.last, Start: toks[s.first].Start, End: toks[s.last-1].End,
				Kind: v.kind, Currency: v.cur, Unit: v.unit, Scale: v.scale, Noun: v.noun})
		}
	}
	// Stable, not insertion: the kinds come one after another, which
	// made a long article's sort quadratic.
	slices.SortStableFunc(out, func(a, b UnitMatch) int { return cmp.Compare(a.First, b.First) })
	return out
}

type unitsDoc struct {
	currencies []*Currency
	curAt      []pos
	scales     []scaleItem
	units      []*Unit
	unitAt     []pos
	counted    []strNode
	file       string
	user       bool
	d          *decoder
}

type scaleItem struct {
	word string
	v    float64
	at   pos
}

func (p *unitsDoc) count() (string, int) {
	return "units", len(p.currencies) + len(p.scales) + len(p.units) + len(p.counted)
}

func (p *unitsDoc) merge(b *builder) {
	t := b.units
	for i, c := range p.currencies {
		if t.currencies.put(b, c.Code, c.Code, c, p.curAt[i], p.user) && c.disabled {
			t.currencies.disable(c.Code)
		}
	}
	for _, s := range p.scales {
		t.scales.put(b, lower(s.word), s.word, s.v, s.at, p.user)
	}
	for i, u := range p.units {
		key := strings.ToLower(u.Name)
		if t.units.put(b, key, u.Name, u, p.unitAt[i], p.user) && u.disabled {
			t.units.disable(key)
		}
	}
	for _, c := range p.counted {
		t.counted.put(b, phraseKey(c.s), c.s, c.s, p.d.at(c.n), p.user)
	}
}

func decodeFigureUnits(d *decoder, doc *yaml.Node, common []field) part {
	p := &unitsDoc{file: d.file, user: d.user, d: d}
	d.mapping(doc, "figure-units document", with(common,
		field{"currencies", func(k, v *yaml.Node) {
			for _, n := range d.seq(v, "currencies") {
				if c := decodeCurrency(d, n); c != nil {
					p.currencies = append(p.currencies, c)
					p.curAt = append(p.curAt, d.at(n))
				}
			}
		}},
		field{"scales", func(k, v *yaml.Node) {
			v = resolve(v)
			if v.Kind != yaml.MappingNode {
				d.errf(v, "scales must be a mapping of word: multiplier (like `bn: 1e9`), got %s", describe(v))
				return
			}
			for i := 0; i+1 < len(v.Content); i += 2 {
				kn, vn := v.Content[i], v.Content[i+1]
				f, ok := d.number(vn, fmt.Sprintf("scale %q", kn.Value))
				if !ok {
					continue
				}
				if f <= 0 {
					d.errf(vn, "scale %q must be above zero", kn.Value)
					continue
				}
				p.scales = append(p.scales, scaleItem{word: kn.Value, v: f, at: d.at(kn)})
			}
		}},
		field{"units", func(k, v *yaml.Node) {
			for _, n := range d.seq(v, "units") {
				if u := decodeUnit(d, n); u != nil {
					p.units = append(p.units, u)
					p.unitAt = append(p.unitAt, d.at(n))
				}
			}
		}},
		field{"counted", func(k, v *yaml.Node) {
			p.counted = append(p.counted, d.strs(v, "counted")...)
		}},
	))
	return p
}

func decodeCurrency(d *decoder, n *yaml.Node) *Currency {
	c := &Currency{user: d.user}
	ok := true
	seen := d.mapping(n, "currency", []field{
		{"code", func(k, v *yaml.Node) {
			s, good := d.nonEmpty(v, "code")
			if good && !isCode(s) {
				d.errf(v, "currency code %q must be three capital letters, like USD", s)
				good = false
			}
			c.Code, ok = s, ok && good
		}},
		{"name", func(k, v *yaml.Node) {
			s, good := d.nonEmpty(v, "name")
			c.Name, ok = s, ok && good
		}},
		{"symbols", func(k, v *yaml.Node) {
			for _, s := range d.strs(v, "symbols") {
				c.Symbols = append(c.Symbols, s.s)
			}
		}},
		{"words", func(k, v *yaml.Node) {
			for _, s := range d.strs(v, "words") {
				c.Words = append(c.Words, s.s)
			}
		}},
		{"disabled", func(k, v *yaml.Node) {
			b, good := d.boolean(v, "disabled")
			c.disabled, ok = b, ok && good
		}},
	})
	if seen == nil || !d.require(n, seen, "currency", "code") || !ok {
		return nil
	}
	return c
}

func isCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func decodeUnit(d *decoder, n *yaml.Node) *Unit {
	u := &Unit{Factor: 1}
	ok := true
	seen := d.mapping(n, "unit", []field{
		{"name", func(k, v *yaml.Node) {
			s, good := d.nonEmpty(v, "name")
			u.Name, ok = s, ok && good
		}},
		{"dimension", func(k, v *yaml.Node) {
			s, good := d.nonEmpty(v, "dimension")
			u.Dimension, ok = s, ok && good
		}},
		{"forms", func(k, v *yaml.Node) {
			for _, s := range d.strs(v, "forms") {
				u.Forms = append(u.Forms, s.s)
			}
		}},
		{"factor", func(k, v *yaml.Node) {
			f, good := d.number(v, "factor")
			if good && f <= 0 {
				d.errf(v, "factor must be above zero")
				good = false
			}
			u.Factor, ok = f, ok && good
		}},
		{"currency", func(k, v *yaml.Node) {
			s, good := d.nonEmpty(v, "currency")
			if good && !isCode(s) {
				d.errf(v, "currency %q must be a currency code of three capital letters, like GBP", s)
				good = false
			}
			u.Currency, ok = s, ok && good
		}},
		{"disabled", func(k, v *yaml.Node) {
			b, good := d.boolean(v, "disabled")
			u.disabled, ok = b, ok && good
		}},
	})
	if seen == nil || !d.require(n, seen, "unit", "name") || !ok {
		return nil
	}
	if u.disabled {
		return u
	}
	if !d.require(n, seen, "unit", "forms") {
		return nil
	}
	if u.Currency != "" && u.Dimension != DimensionMoney {
		d.errf(seen["currency"], "unit %q has a currency but dimension %q; parts of a currency (cent, penny) take dimension: money", u.Name, u.Dimension)
		return nil
	}
	if len(u.Forms) == 0 {
		d.errf(seen["forms"], "unit %q has no forms; list how it is written, like [km, kilometre, kilometres]", u.Name)
		return nil
	}
	return u
}

type unitTable struct {
	currencies *table[*Currency]
	scales     *table[float64]
	units      *table[*Unit]
	counted    *table[string]
}

func newUnitTable() *unitTable {
	return &unitTable{
		currencies: newTable[*Currency]("currency"),
		scales:     newTable[float64]("scale"),
		units:      newTable[*Unit]("unit"),
		counted:    newTable[string]("counted noun"),
	}
}

func (t *unitTable) build() *FigureUnits {
	f := &FigureUnits{Scales: map[string]float64{}, bySymbol: map[string]*Currency{}, byWord: map[string]*Currency{},
		byCode: map[string]*Currency{}, byForm: map[string]*Unit{}, byLetter: map[string]*Unit{}, counted: map[string]bool{}, trie: newTrie(256)}
	for _, c := range t.currencies.values() {
		f.Currencies = append(f.Currencies, *c)
	}
	for _, u := range t.units.values() {
		f.Units = append(f.Units, *u)
	}
	add := func(text, mode string, v unitVal) {
		if f.trie.add(text, mode, int32(len(f.vals))) {
			f.vals = append(f.vals, v)
		}
	}
	// User currencies claim symbols and words first.
	for pass := 0; pass < 2; pass++ {
		for i := range f.Currencies {
			c := &f.Currencies[i]
			if c.user != (pass == 0) {
				continue
			}
			f.byCode[c.Code] = c
			add(c.Code, CaseSensitive, unitVal{kind: "currency", cur: c})
			for _, s := range c.Symbols {
				if _, taken := f.bySymbol[s]; !taken {
					f.bySymbol[foldQuotes(s)] = c
				}
				add(s, CaseSensitive, unitVal{kind: "currency", cur: c})
			}
			for _, w := range c.Words {
				if _, taken := f.byWord[phraseKey(w)]; !taken {
					f.byWord[phraseKey(w)] = c
				}
				add(w, CaseInsensitive, unitVal{kind: "currency", cur: c})
			}
		}
	}
	for _, k := range t.scales.order {
		s := t.scales.m[k]
		f.Scales[k] = s.v
		add(k, CaseInsensitive, unitVal{kind: "scale", scale: s.v})
	}
	for i := range f.Units {
		u := &f.Units[i]
		for _, form := range u.Forms {
			if letterForm(form) {
				if _, taken := f.byLetter[form]; !taken {
					f.byLetter[form] = u
				}
				add(form, CaseSensitive, unitVal{kind: "unit", unit: u})
				continue
			}
			if _, taken := f.byForm[phraseKey(form)]; !taken {
				f.byForm[phraseKey(form)] = u
			}
			add(form, CaseAuto, unitVal{kind: "unit", unit: u})
		}
	}
	for _, n := range t.counted.values() {
		f.CountedNouns = append(f.CountedNouns, n)
		f.counted[phraseKey(n)] = true
		add(n, CaseAuto, unitVal{kind: "counted", noun: strings.ToLower(n)})
	}
	return f
}
