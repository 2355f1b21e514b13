package figures

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/quarrylabs/quarry/pipeline/analysis"
	"github.com/quarrylabs/quarry/rules"
)

// unitDef is a rules.Unit with what the scanner derives from it.
type unitDef struct {
	Name, Dimension string
	Forms           []string
	Factor          float64 // to the dimension's base unit, or to the currency

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
	case dim == rules.DimensionMoney:
		return Money
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
	word       bool   // a currency written as a word ("euros"), never glued to digits
	cur        string // currency code (also for subunits; may be empty)
	scale      float64
	unit       *unitDef
}

// lexicon indexes unitData by the first token of each form.
type lexicon struct {
	// byFirst lists the entries by first token while newLexicon builds the
	// lexicon; forms holds them after.
	byFirst map[string][]*entry
	byName  map[string]*unitDef
	counted map[string]bool
	// opens flags every lower-cased token a figure can begin with (isStart),
	// the words that are numbers themselves (isCore), months (isMonth) and
	// the first tokens of forms (hasForms), so the scanner passes over other
	// words with one lookup. Above the flags, the first tokens of forms
	// have the index of their entries in forms, so that
	// matching them takes no second lookup.
	opens map[string]uint32
	forms [][]*entry
	// known has opens' keys: most words need no lookup.
	known    wordLens
	ascii    [utf8.RuneSelf]uint32 // the opens value of one-byte keys
	numForms bool                  // some form starts with a digit
	// coreLens has the lengths and end letters of the core words (all
	// lower case): most words are ruled out without a lookup.
	coreLens wordLens
	// triggers and nones keep learnTrigger's answer per analysed word,
	// a bit in one or the other (none yet: not learnt; word 0: never).
	triggers, nones *analysis.WordBits
}

func newLexicon(fu *rules.FigureUnits) *lexicon {
	lx := &lexicon{byFirst: map[string][]*entry{}, byName: map[string]*unitDef{}, counted: map[string]bool{}, opens: map[string]uint32{},
		triggers: new(analysis.WordBits), nones: new(analysis.WordBits)}
	for _, c := range fu.Currencies {
		code := c.Code
		lx.add(code, true, &entry{kind: fCurrency, cur: code})
		for _, s := range c.Symbols {
			lx.add(s, hasUpper(s), &entry{kind: fCurrency, cur: code})
		}
		for _, w := range c.Words {
			lx.add(w, false, &entry{kind: fCurrency, cur: code, word: true})
		}
	}
	for w, v := range fu.Scales {
		lx.add(w, false, &entry{kind: fScale, scale: v})
	}
	for _, ru := range fu.Units {
		u := &unitDef{Name: ru.Name, Dimension: ru.Dimension, Forms: ru.Forms, Factor: ru.Factor,
			kind: kindOf(ru.Dimension), temp: strings.HasPrefix(ru.Dimension, "temperature")}
		if u.Factor == 0 {
			u.Factor = 1
		}
		if _, ok := lx.byName[u.Name]; !ok {
			lx.byName[u.Name] = u
		}
		kind := fUnit
		if ru.Dimension == rules.DimensionMoney {
			kind = fSubunit
		}
		for _, f := range u.Forms {
			lx.add(f, false, &entry{kind: kind, cur: ru.Currency, unit: u})
		}
	}
	for _, n := range fu.CountedNouns {
		lx.counted[strings.ToLower(n)] = true
	}
	for key, es := range lx.byFirst {
		sort.SliceStable(es, func(i, j int) bool { return len(es[i].toks) > len(es[j].toks) })
		lx.opens[key] |= hasForms | uint32(len(lx.forms))<<8
		lx.forms = append(lx.forms, es)
		for _, e := range es {
			if e.kind == fCurrency {
				lx.opens[key] |= isStart | isAmount
			}
		}
		if isDigit(key[0]) {
			lx.numForms = true
		}
	}
	for w := range monthWords {
		lx.opens[w] |= isMonth
	}
	for w := range addStarters(map[string]bool{}) {
		lx.opens[w] |= isStart
		if isHedgeWord(w) { // every hedge is a starter
			lx.opens[w] |= isHedge
		}
	}
	core := addCores(map[string]bool{})
	for w := range fu.Scales {
		if len(w) > 1 {
			core[strings.ToLower(w)] = true
		}
	}
	for _, w := range amountOpeners {
		lx.opens[w] |= isAmount
	}
	for w := range core {
		lx.opens[w] |= isStart | isCore | isAmount
		lx.coreLens.add(w)
	}
	for w, f := range lx.opens {
		lx.known.add(w)
		if len(w) == 1 && w[0] < utf8.RuneSelf {
			lx.ascii[w[0]] = f
		}
	}
	lx.byFirst = nil
	return lx
}

// byteClass tells ASCII letters, digits and whitespace (isSpaceByte) apart.
var byteClass = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-32] = cLetter, cLetter
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = cDigit
	}
	for _, c := range []byte(" \n\t\r\f\v") {
		t[c] = cSpace
	}
	return t
}()

const (
	cLetter = 1 + iota
	cDigit
	cSpace
)

// learnTrigger keeps trigger(t.Text) for t's word in triggers or nones
// (nextTrigger reads them for every token): Text differs from Norm only in
// quote marks, which are neither letters nor digits.
func (lx *lexicon) learnTrigger(t *analysis.Token) bool {
	ok := lx.trigger(t.Text)
	switch {
	case t.Word == 0:
	case ok:
		lx.triggers.Set(t.Word)
	default:
		lx.nones.Set(t.Word)
	}
	return ok
}

// trigger reports whether an analysed token holds a digit or opens with a
// number word ("twenty-five", "Hundreds"): every figure has such a token.
func (lx *lexicon) trigger(w string) bool {
	if len(w) == 1 { // punctuation mostly; no number word has one letter
		return byteClass[w[0]] == cDigit
	}
	n := 0
	for n < len(w) && byteClass[w[n]] == cLetter {
		n++
	}
	for i := n; i < len(w); i++ {
		if byteClass[w[i]] == cDigit {
			return true
		}
	}
	return n > 0 && lx.core(w[:n])
}

// core reports whether a run of ASCII letters is a number word, any case.
func (lx *lexicon) core(w string) bool {
	n := len(w)
	if n >= 32 {
		return false
	}
	var buf [32]byte
	for i := 0; i < n; i++ {
		buf[i] = w[i] | 0x20
	}
	low := buf[:n]
	return !lx.coreLens.lacks(string(low)) && lx.opens[string(low)]&isCore != 0
}

// flags sets fl[i] to the opens flags of the key of toks[i], scanner
// tokens of text: a loop of its own rather than a call per token, since
// most tokens (one-byte symbols, words known lacks) take no lookup.
func (lx *lexicon) flags(toks []tok, text string, fl []uint32) {
	for i := range toks {
		t := &toks[i]
		w := t.low
		switch {
		case t.k == tNum:
			fl[i] = isStart | isCore | isAmount
			if lx.numForms {
				fl[i] |= lx.opens[text[t.s:t.e]]
			}
		case len(w) == 1 && w[0] < utf8.RuneSelf:
			fl[i] = lx.ascii[w[0]]
		case lx.known.lacks(w):
			fl[i] = 0
		default:
			fl[i] = lx.opens[w]
		}
	}
}

// wordLens has bit n of entry [f][l] set for each word added that has n
// bytes, starts with lower-case letter 'a'+f and ends with 'a'+l.
type wordLens [26][26]uint32

func (m *wordLens) add(w string) {
	if lowerEnds(w) {
		m[w[0]-'a'][w[len(w)-1]-'a'] |= 1 << len(w)
	}
}

// lacks reports whether w is short, starts and ends with a lower-case
// letter and was never added; other words may have been.
func (m *wordLens) lacks(w string) bool {
	return lowerEnds(w) && m[w[0]-'a'][w[len(w)-1]-'a']&(1<<len(w)) == 0
}

// lowerEnds reports whether w is short and starts and ends with an ASCII
// lower-case letter, so that lexicon.known can rule it out.
func lowerEnds(w string) bool {
	return len(w) > 0 && len(w) < 32 && w[0] >= 'a' && w[0] <= 'z' && w[len(w)-1] >= 'a' && w[len(w)-1] <= 'z'
}

func (lx *lexicon) add(form string, exact bool, e *entry) {
	form = strings.TrimSpace(form)
	if form == "" {
		return
	}
	ts := lex(form, 0, len(form), nil, nil)
	e.exact = exact
	for i, t := range ts {
		s := form[t.s:t.e]
		if !exact {
			s = strings.ToLower(s)
		}
		if len(s) == 1 && len(ts) == 1 && e.kind&(fUnit|fSubunit) != 0 && isLetterByte(s[0]) {
			s, e.caseLetter = form, true // single letters keep their case: "g" is not "G"
		}
		e.toks = append(e.toks, s)
		e.sp = append(e.sp, i > 0 && t.sp)
	}
	key := strings.ToLower(e.toks[0])
	lx.byFirst[key] = append(lx.byFirst[key], e)
}

// matchIf returns the longest entry of es, the forms starting with token
// i's key (see opens), of one of the kinds in mask that accept allows (nil:
// any), and the index after it.
func matchIf(text string, t []tok, i int, es []*entry, mask int, accept func(e *entry, end int) bool) (*entry, int) {
	for _, e := range es {
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
