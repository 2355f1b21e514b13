package figures

import (
	"strings"

	"github.com/quarrylabs/quarry/rules"
)

// New returns an extractor reading currencies, scales, units and counted
// nouns from the rule set. What the rule set lacks and the built-in data has
// (short unit forms like "g", "ml", "in"; currency codes such as MYR) is
// added, with factors rescaled to the rule set's base units. A nil set, or
// one without figure units, gives the built-in data alone.
func New(set *rules.Set) *Extractor {
	if set == nil || set.FigureUnits() == nil {
		return newExtractor(fallbackData)
	}
	return newExtractor(supplement(fromRules(set.FigureUnits()), fallbackData))
}

func fromRules(fu *rules.FigureUnits) unitData {
	d := unitData{Scales: map[string]float64{}, CountedNouns: append([]string(nil), fu.CountedNouns...)}
	for _, c := range fu.Currencies {
		d.Currencies = append(d.Currencies, currencyData{Code: c.Code, Symbols: c.Symbols, Words: c.Words})
	}
	for k, v := range fu.Scales {
		d.Scales[k] = v
	}
	for _, u := range fu.Units {
		f := u.Factor
		if f == 0 {
			f = 1
		}
		d.Units = append(d.Units, unitDef{Name: u.Name, Dimension: u.Dimension, Forms: append([]string(nil), u.Forms...), Factor: f})
	}
	return d
}

// supplement adds to d what extra has and d lacks: missing symbols and words
// of known currencies, unknown currencies, scales, forms of units d knows
// (matched by a shared form), and units d lacks, in d's dimension names
// and base units.
func supplement(d, extra unitData) unitData {
	byCode := map[string]int{}
	for i, c := range d.Currencies {
		byCode[c.Code] = i
	}
	for _, c := range extra.Currencies {
		i, ok := byCode[c.Code]
		if !ok {
			d.Currencies = append(d.Currencies, c)
			continue
		}
		cur := &d.Currencies[i]
		cur.Symbols = union(cur.Symbols, c.Symbols, false)
		cur.Words = union(cur.Words, c.Words, true)
	}
	for k, v := range extra.Scales {
		if _, ok := d.Scales[k]; !ok {
			d.Scales[k] = v
		}
	}
	owner := map[string]int{}
	for i, u := range d.Units {
		for _, f := range u.Forms {
			owner[strings.ToLower(f)] = i
		}
	}
	// How each extra dimension maps onto d's: name and factor ratio, from
	// the first unit both know.
	type dimMap struct {
		name  string
		ratio float64
	}
	dims := map[string]dimMap{}
	for _, u := range extra.Units {
		if _, done := dims[u.Dimension]; done {
			continue
		}
		for _, f := range u.Forms {
			if i, ok := owner[strings.ToLower(f)]; ok {
				dims[u.Dimension] = dimMap{d.Units[i].Dimension, d.Units[i].Factor / u.Factor}
				break
			}
		}
	}
	for _, u := range extra.Units {
		shared := -1
		var missing []string
		for _, f := range u.Forms {
			if i, ok := owner[strings.ToLower(f)]; ok {
				if shared < 0 {
					shared = i
				}
			} else {
				missing = append(missing, f)
			}
		}
		if len(missing) == 0 {
			continue
		}
		if shared >= 0 {
			d.Units[shared].Forms = append(d.Units[shared].Forms, missing...)
			continue
		}
		m, ok := dims[u.Dimension]
		if !ok {
			m = dimMap{u.Dimension, 1}
		}
		d.Units = append(d.Units, unitDef{Name: u.Name, Dimension: m.name, Forms: missing, Factor: u.Factor * m.ratio})
		for _, f := range missing {
			owner[strings.ToLower(f)] = len(d.Units) - 1
		}
	}
	d.CountedNouns = union(d.CountedNouns, extra.CountedNouns, true)
	return d
}

func union(a, b []string, fold bool) []string {
	key := func(s string) string {
		if fold {
			return strings.ToLower(s)
		}
		return s
	}
	seen := map[string]bool{}
	for _, s := range a {
		seen[key(s)] = true
	}
	out := append([]string(nil), a...)
	for _, s := range b {
		if !seen[key(s)] {
			seen[key(s)] = true
			out = append(out, s)
		}
	}
	return out
}
