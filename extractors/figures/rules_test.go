package figures

import (
	"math"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry/rules"
)

// TestUserUnits checks that figure units come from the rule set: a user
// file adds a currency and a part of a currency, replaces a unit and drops
// another, on top of the defaults.
func TestUserUnits(t *testing.T) {
	set, err := rules.LoadFiles(false, map[string]string{"beat.yaml": `kind: figure-units
currencies:
  - {code: ZZZ, name: zorkmid, symbols: [Z$], words: [zorkmid, zorkmids]}
units:
  - {name: grosz, dimension: money, currency: PLN, factor: 0.01, forms: [grosz, groszy]}
  - {name: knot, disabled: true}
  - {name: hectare, dimension: area, factor: 1e4, forms: [hectare, hectares, ha, hectarage]}
`})
	if err != nil {
		t.Fatal(err)
	}
	x := New(set)
	tests := []struct {
		in   string
		kind string
		v    float64
		unit string
		cur  string
	}{
		{"They paid 40 zorkmids for it.", Money, 40, "", "ZZZ"},
		{"They paid Z$12 for it.", Money, 12, "", "ZZZ"},
		{"It cost 5 zloty 20 groszy.", Money, 5.2, "", "PLN"},
		{"It cost 30 groszy.", Money, 30, "grosz", "PLN"},
		{"The farm covers 12 hectarage.", Quantity, 12, "hectare", ""},
		{"The farm covers 40 hectares.", Quantity, 40, "hectare", ""},
		{"It sailed at 20 knots for 3 hours.", Duration, 3, "hour", ""}, // knots are gone
		{"It weighs 2 kg.", Quantity, 2, "kilogram", ""},                // defaults stay
	}
	for _, tt := range tests {
		figs := x.Find(tt.in)
		if len(figs) == 0 {
			t.Errorf("%q: no figure", tt.in)
			continue
		}
		f := figs[len(figs)-1]
		if f.Kind != tt.kind || f.Value == nil || math.Abs(*f.Value-tt.v) > 1e-9 || f.Unit != tt.unit || f.Currency != tt.cur {
			t.Errorf("%q: got %s %q unit %q currency %q value %v", tt.in, f.Kind, f.Text, f.Unit, f.Currency, show(f.Value))
		}
	}
	if figs := x.Find("It sailed at 20 knots."); len(figs) != 1 || figs[0].Kind != Number {
		t.Errorf("disabled knot: got %q", texts(figs))
	}

	// One-letter forms keep their case.
	fu := set.FigureUnits()
	if u := fu.Unit("m"); u == nil || u.Name != "metre" {
		t.Errorf(`Unit("m") = %+v, want metre`, u)
	}
	if u := fu.Unit("M"); u != nil {
		t.Errorf(`Unit("M") = %+v, want none`, u)
	}

	// A currency belongs only on parts of a currency.
	_, err = rules.LoadFiles(false, map[string]string{"bad.yaml": `kind: figure-units
units:
  - {name: league, dimension: length, currency: GBP, forms: [league, leagues]}
`})
	if err == nil || !strings.Contains(err.Error(), "dimension: money") {
		t.Errorf("currency on a length unit: err %v, want one naming dimension: money", err)
	}
}

// TestNoUnits checks that a rule set without figure units (as with
// --no-default-rules) still reads money and units from the defaults.
func TestNoUnits(t *testing.T) {
	set, err := rules.LoadFiles(true, map[string]string{"names.yaml": "kind: gazetteer\nentries:\n  - {name: Quillmore, label: COMPANY}\n"})
	if err != nil {
		t.Fatal(err)
	}
	figs := New(set).Find("Quillmore raised $40m.")
	if len(figs) != 1 || figs[0].Currency != "USD" {
		t.Errorf("got %q, want $40m in USD", texts(figs))
	}
}
