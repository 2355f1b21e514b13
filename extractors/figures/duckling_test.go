package figures

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry"
)

// sharedDir returns ../shared from the repo root, or skips the test.
func sharedDir(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not found (../shared is absent): %v", p, err)
	}
	return p
}

type ducklingCase struct {
	Dimension string   `json:"dimension"`
	Text      string   `json:"text"`
	Value     *float64 `json:"value"`
	Min       *float64 `json:"min"`
	Max       *float64 `json:"max"`
	Unit      string   `json:"unit"`
	Kind      string   `json:"kind"`
	Corpus    string   `json:"corpus"`
	Negative  bool     `json:"negative"`
}

// ducklingKinds says which figure kind answers each Duckling dimension.
var ducklingKinds = map[string]string{
	"money": Money, "number": Number, "ordinal": Ordinal, "duration": Duration,
	"quantity": Quantity, "distance": Quantity, "volume": Quantity, "temperature": Quantity,
}

// ducklingUnits maps Duckling's unit names to ours.
var ducklingUnits = map[string]string{
	"Gram": "gram", "Pound": "pound", "Ounce": "ounce", "Cup": "cup", "Kilometre": "kilometre",
	"Mile": "mile", "M": "metre", "Metre": "metre", "Centimetre": "centimetre", "Millimetre": "millimetre",
	"Inch": "inch", "Foot": "foot", "Litre": "litre", "Millilitre": "millilitre", "Gallon": "gallon",
	"Hectolitre": "hectolitre", "Celsius": "celsius", "Fahrenheit": "fahrenheit", "Degree": "degree",
	"Second": "second", "Minute": "minute", "Hour": "hour", "Day": "day", "Week": "week", "Month": "month",
	"Quarter": "quarter", "Year": "year",
}

// calendar gives Duckling's own lengths of time units (30-day months,
// 365-day years), which its expected values assume.
var calendar = map[string]float64{
	"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800, "month": 2592000,
	"quarter": 7776000, "year": 31536000,
}

// factor is a unit's size in its dimension's base unit, by Duckling's
// calendar for time.
func factor(u *unitDef) float64 {
	if f, ok := calendar[u.Name]; ok && u.kind == Duration {
		return f
	}
	return u.Factor
}

// ducklingMoney maps Duckling's currency names to the codes that answer them.
var ducklingMoney = map[string][]string{
	"Dollar": {"USD", "CAD", "AUD", "NZD", "HKD", "SGD"}, "Pound": {"GBP"}, "Dinar": {"", "KWD", "IQD", "JOD"},
	"Riyal": {"SAR", "QAR"}, "Rial": {"IRR"}, "Unnamed": nil,
}

func loadDuckling(t *testing.T) []ducklingCase {
	f, err := os.Open(filepath.Join(sharedDir(t, "data/numbers"), "duckling_en.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []ducklingCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c ducklingCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

// ducklingMatch says why a parsed figure does not answer a case, or "".
func ducklingMatch(c ducklingCase, f quarry.Figure) string {
	if want := ducklingKinds[c.Dimension]; f.Kind != want {
		return "kind " + f.Kind + ", want " + want
	}
	k := 1.0
	if name, ok := ducklingUnits[c.Unit]; ok && (f.Kind == Quantity || f.Kind == Duration) {
		lx := defaultExtractor().lx
		got, ok1 := lx.lookupUnit(f.Unit)
		want, ok2 := lx.lookupUnit(name)
		if !ok1 || !ok2 || got.Dimension != want.Dimension {
			return "unit " + f.Unit + ", want " + c.Unit
		}
		k = factor(got) / factor(want)
	}
	if f.Kind == Money {
		switch {
		case c.Unit == "Cent":
			if f.Unit != "cent" {
				return "unit " + f.Unit + ", want cent"
			}
		case len(c.Unit) == 3 && strings.ToUpper(c.Unit) == c.Unit:
			if f.Currency != c.Unit {
				return "currency " + f.Currency + ", want " + c.Unit
			}
		default:
			if codes := ducklingMoney[c.Unit]; codes != nil && !slices.Contains(codes, f.Currency) {
				return "currency " + f.Currency + ", want " + c.Unit
			}
		}
	}
	eq := func(got *float64, want float64) bool {
		return got != nil && math.Abs(*got*k-want) <= 1e-6*math.Max(1, math.Abs(want))
	}
	hedged := func(markers ...string) bool {
		for _, m := range markers {
			if slices.Contains(f.Approx, m) {
				return true
			}
		}
		return false
	}
	switch c.Kind {
	case "interval":
		if !eq(f.Min, *c.Min) || !eq(f.Max, *c.Max) {
			return "range " + show(f.Min) + "–" + show(f.Max)
		}
	case "open_interval_above":
		if !eq(f.Value, *c.Min) || !hedged("more_than", "at_least", "over") {
			return "value " + show(f.Value) + " " + strings.Join(f.Approx, ",")
		}
	case "open_interval_under":
		if !eq(f.Value, *c.Max) || !hedged("less_than", "under", "up_to") {
			return "value " + show(f.Value) + " " + strings.Join(f.Approx, ",")
		}
	default:
		if !eq(f.Value, *c.Value) {
			return "value " + show(f.Value)
		}
	}
	return ""
}

func show(v *float64) string {
	if v == nil {
		return "none"
	}
	b, _ := json.Marshal(*v)
	return string(b)
}

// TestDuckling resolves every phrase of Duckling's English corpora alone.
// In scope: every dimension of the main corpus (money, number, ordinal,
// quantity, distance, volume, temperature, duration). Out of scope: the
// latent corpus, which Duckling itself resolves only in a permissive mode.
func TestDuckling(t *testing.T) {
	cases := loadDuckling(t)
	type tally struct{ pass, total int }
	per := map[string]*tally{}
	var pass, total, negHits int
	for _, c := range cases {
		f, ok := Parse(c.Text)
		if c.Negative {
			if ok {
				negHits++
				t.Errorf("negative %s %q matched %q as %s", c.Dimension, c.Text, f.Text, f.Kind)
			}
			continue
		}
		if c.Corpus != "corpus" {
			continue
		}
		if per[c.Dimension] == nil {
			per[c.Dimension] = &tally{}
		}
		per[c.Dimension].total++
		total++
		why := "no figure"
		if ok {
			why = ducklingMatch(c, f)
		}
		if why == "" {
			per[c.Dimension].pass++
			pass++
			continue
		}
		t.Logf("miss %-11s %-45q %s (got %q)", c.Dimension, c.Text, why, f.Text)
	}
	dims := make([]string, 0, len(per))
	for d := range per {
		dims = append(dims, d)
	}
	sort.Strings(dims)
	for _, d := range dims {
		t.Logf("%-12s %3d/%3d %.1f%%", d, per[d].pass, per[d].total, 100*float64(per[d].pass)/float64(per[d].total))
	}
	rate := float64(pass) / float64(total)
	t.Logf("in scope: %d/%d = %.1f%%; negative matches: %d", pass, total, 100*rate, negHits)
	if rate < 0.95 {
		t.Errorf("pass rate %.1f%% < 95%%", 100*rate)
	}
}
