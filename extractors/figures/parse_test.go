package figures

import (
	"math"
	"math/rand"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry"
)

func f64(v float64) *float64 { return &v }

// want is the part of a figure a table row checks; zero fields are not
// checked except Value/Min/Max, which must be absent when not given.
type want struct {
	text, kind string
	value      *float64
	min, max   *float64
	unit, cur  string
	approx     []string
}

// checkFigure compares got with w; in labels errors and text is what the
// offsets index.
func checkFigure(t *testing.T, in, text string, got quarry.Figure, w want) {
	t.Helper()
	if w.text != "" && got.Text != w.text {
		t.Errorf("%q: text %q, want %q", in, got.Text, w.text)
	}
	if got.Kind != w.kind {
		t.Errorf("%q: kind %q, want %q", in, got.Kind, w.kind)
	}
	sameNum := func(name string, g, e *float64) {
		switch {
		case e == nil && g != nil:
			t.Errorf("%q: %s %v, want none", in, name, *g)
		case e != nil && g == nil:
			t.Errorf("%q: no %s, want %v", in, name, *e)
		case e != nil && math.Abs(*g-*e) > 1e-9*math.Max(1, math.Abs(*e)):
			t.Errorf("%q: %s %v, want %v", in, name, *g, *e)
		}
	}
	sameNum("value", got.Value, w.value)
	sameNum("min", got.Min, w.min)
	sameNum("max", got.Max, w.max)
	if got.Unit != w.unit {
		t.Errorf("%q: unit %q, want %q", in, got.Unit, w.unit)
	}
	if got.Currency != w.cur {
		t.Errorf("%q: currency %q, want %q", in, got.Currency, w.cur)
	}
	if !slices.Equal(got.Approx, w.approx) {
		t.Errorf("%q: approx %v, want %v", in, got.Approx, w.approx)
	}
	if got.Start < 0 || got.End > len(text) || got.Text != text[got.Start:got.End] {
		t.Errorf("%q: text %q is not text[%d:%d]", in, got.Text, got.Start, got.End)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in string
		w  want
	}{
		// money: symbols, codes, words, scales
		{"$8 billion", want{kind: Money, value: f64(8e9), cur: "USD"}},
		{"£1.2bn", want{kind: Money, value: f64(1.2e9), cur: "GBP"}},
		{"€300m", want{kind: Money, value: f64(3e8), cur: "EUR"}},
		{"US$4.7 billion", want{kind: Money, value: f64(4.7e9), cur: "USD"}},
		{"8 billion dollars", want{kind: Money, value: f64(8e9), cur: "USD"}},
		{"Rs 500 crore", want{kind: Money, value: f64(5e9), cur: "INR"}},
		{"HK$3.2 billion", want{kind: Money, value: f64(3.2e9), cur: "HKD"}},
		{"$20 and 43 cents", want{kind: Money, value: f64(20.43), cur: "USD"}},
		{"50 cents", want{kind: Money, value: f64(50), unit: "cent"}},
		{"70 euro cents", want{kind: Money, value: f64(0.7), cur: "EUR"}},
		{"20 US dollar cents", want{kind: Money, value: f64(0.2), cur: "USD"}},
		{"A$720 million", want{kind: Money, value: f64(7.2e8), cur: "AUD"}},
		{"five grand", want{kind: Number, value: f64(5000)}},
		{"-$5", want{kind: Money, value: f64(-5), cur: "USD"}},
		{"$4bn-$5bn", want{kind: Money, min: f64(4e9), max: f64(5e9), cur: "USD"}},
		{"$10-12 million", want{kind: Money, min: f64(1e7), max: f64(1.2e7), cur: "USD"}},
		{"billions of dollars", want{kind: Money, min: f64(2e9), max: f64(1e10 - 1), cur: "USD"}},
		// percent
		{"5%", want{kind: Percent, value: f64(5)}},
		{"5 per cent", want{kind: Percent, value: f64(5)}},
		{"five percent", want{kind: Percent, value: f64(5)}},
		{"5–10%", want{kind: Percent, min: f64(5), max: f64(10)}},
		{"10 to 15 percent", want{kind: Percent, min: f64(10), max: f64(15)}},
		{"50 basis points", want{kind: Percent, value: f64(50), unit: "basis point"}},
		// counts in digits and words
		{"14,000", want{kind: Number, value: f64(14000)}},
		{"12,000.50", want{kind: Number, value: f64(12000.5)}},
		{"eight", want{kind: Number, value: f64(8)}},
		{"a dozen", want{kind: Number, value: f64(12)}},
		{"two dozen", want{kind: Number, value: f64(24)}},
		{"twenty-five thousand", want{kind: Number, value: f64(25000)}},
		{"one and a half million", want{kind: Number, value: f64(1.5e6)}},
		{"a quarter of a million", want{kind: Number, value: f64(2.5e5)}},
		{"a third of a billion dollars", want{kind: Money, value: f64(1e9 / 3), cur: "USD"}},
		{"35C", want{kind: Quantity, value: f64(35), unit: "celsius"}},
		{"95F", want{kind: Quantity, value: f64(95), unit: "fahrenheit"}},
		{"20c", want{kind: Money, value: f64(20), unit: "cent"}},
		{"4,800 mAh", want{kind: Quantity, value: f64(4800), unit: "milliampere hour"}},
		{"No. 3", want{kind: Ordinal, value: f64(3)}},
		{"number three", want{kind: Ordinal, value: f64(3)}},
		{"seven hundred and twelve", want{kind: Number, value: f64(712)}},
		{"three crore twelve lakh", want{kind: Number, value: f64(31.2e6)}},
		{"1.2M", want{kind: Number, value: f64(1.2e6)}},
		{"100k", want{kind: Number, value: f64(1e5)}},
		{"two point five million", want{kind: Number, value: f64(2.5e6)}},
		{"hundreds of", want{kind: Number, min: f64(200), max: f64(999)}},
		{"tens of thousands of", want{kind: Number, min: f64(20000), max: f64(99999)}},
		{"several hundred", want{kind: Number, min: f64(300), max: f64(900)}},
		// negatives
		{"-504", want{kind: Number, value: f64(-504)}},
		{"minus 1,200,000", want{kind: Number, value: f64(-1.2e6)}},
		{"negative five hundred and four", want{kind: Number, value: f64(-504)}},
		// fractions
		{"a third", want{kind: Number, value: f64(1.0 / 3)}},
		{"two-thirds", want{kind: Number, value: f64(2.0 / 3)}},
		{"three quarters", want{kind: Number, value: f64(0.75)}},
		{"3/4", want{kind: Number, value: f64(0.75)}},
		{"half", want{kind: Number, value: f64(0.5)}},
		// approximation markers
		{"~12,000+", want{kind: Number, value: f64(12000), approx: []string{"about", "at_least"}}},
		{"about 5", want{kind: Number, value: f64(5), approx: []string{"about"}}},
		{"around 40", want{kind: Number, value: f64(40), approx: []string{"around"}}},
		{"nearly $1 trillion", want{kind: Money, value: f64(1e12), cur: "USD", approx: []string{"nearly"}}},
		{"almost 90%", want{kind: Percent, value: f64(90), approx: []string{"almost"}}},
		{"more than 2,000", want{kind: Number, value: f64(2000), approx: []string{"more_than"}}},
		{"at least 2,000", want{kind: Number, value: f64(2000), approx: []string{"at_least"}}},
		{"up to $4 billion", want{kind: Money, value: f64(4e9), cur: "USD", approx: []string{"up_to"}}},
		{"less than 7 EUR", want{kind: Money, value: f64(7), cur: "EUR", approx: []string{"less_than"}}},
		{"over 15 years", want{kind: Duration, value: f64(15), unit: "year", approx: []string{"over"}}},
		{"under 40", want{kind: Number, value: f64(40), approx: []string{"under"}}},
		{"3,000-plus", want{kind: Number, value: f64(3000), approx: []string{"at_least"}}},
		{"40 or so", want{kind: Number, value: f64(40), approx: []string{"about"}}},
		// ranges
		{"between 20 and 30", want{kind: Number, min: f64(20), max: f64(30)}},
		{"from 10 to 20 dollars", want{kind: Money, min: f64(10), max: f64(20), cur: "USD"}},
		{"2022-2024", want{kind: Year, min: f64(2022), max: f64(2024)}},
		{"2022-24", want{kind: Year, min: f64(2022), max: f64(2024)}},
		// quantities
		{"34,500 metric tons", want{kind: Quantity, value: f64(34500), unit: "tonne"}},
		{"3-inch", want{kind: Quantity, value: f64(3), unit: "inch"}},
		{"75ml", want{kind: Quantity, value: f64(75), unit: "millilitre"}},
		{"10km", want{kind: Quantity, value: f64(10), unit: "kilometre"}},
		{"40°C", want{kind: Quantity, value: f64(40), unit: "celsius"}},
		{"7 feet 10 inches", want{kind: Quantity, value: f64(94), unit: "inch"}},
		{"half a litre", want{kind: Quantity, value: f64(0.5), unit: "litre"}},
		{"10x", want{kind: Number, value: f64(10), unit: "times"}},
		// ordinals
		{"third", want{kind: Ordinal, value: f64(3)}},
		{"78th", want{kind: Ordinal, value: f64(78)}},
		{"twenty-fifth", want{kind: Ordinal, value: f64(25)}},
		{"one hundred and first", want{kind: Ordinal, value: f64(101)}},
		{"number 3", want{kind: Ordinal, value: f64(3)}},
		// durations
		{"eight years", want{kind: Duration, value: f64(8), unit: "year"}},
		{"18 months", want{kind: Duration, value: f64(18), unit: "month"}},
		{"two years and three months", want{kind: Duration, value: f64(27), unit: "month"}},
		{"an hour and a half", want{kind: Duration, value: f64(1.5), unit: "hour"}},
		// ages: quantities in years (counts "age", see TestAges)
		{"28-year-old", want{kind: Quantity, value: f64(28), unit: "year"}},
		{"six-month-old", want{kind: Quantity, value: f64(6), unit: "month"}},
		{"40 years old", want{kind: Quantity, value: f64(40), unit: "year"}},
		{"18 to 24-year-olds", want{kind: Quantity, min: f64(18), max: f64(24), unit: "year"}},
		// years are not counts
		{"2024", want{kind: Year, value: f64(2024)}},
		{"October 28, 2025", want{kind: Date}},
		{"3/4/2026", want{kind: Date}},
		{"12/31/25", want{kind: Date}},
		{"2026-03-04", want{kind: Date}},
		{"2005-6", want{kind: Year, min: f64(2005), max: f64(2006)}},
		{"2003-04", want{kind: Year, min: f64(2003), max: f64(2004)}},
	}
	for _, tt := range tests {
		got, ok := Parse(tt.in)
		if !ok {
			t.Errorf("%q: no figure", tt.in)
			continue
		}
		tt.w.text = tt.in
		checkFigure(t, tt.in, tt.in, got, tt.w)
	}
}

func TestParseNothing(t *testing.T) {
	for _, in := range []string{
		"", "dollars", "exactly dollars", "for months", "minutes", "I second that", "secretary",
		"someone often went to the tennis network", "1.2.3", "192.168.0.1", "GPT-4", "COVID-19",
		"5G", "the 1990s", "AI21", "24/7", "555-123-4567", "10:30", "many", "a few", "Windows 11",
		"555-0142", "020 7946 0958", "+44 20 7946 0958", "v2.1.3", "978-0-306-40615-7", "3-2", "4(2)",
		"SW1A 1AA", "10pm", "9.30am",
	} {
		if f, ok := Parse(in); ok {
			t.Errorf("%q: found %q (%s), want no figure", in, f.Text, f.Kind)
		}
	}
}

// numValue must read every number lexNum reads as strconv.ParseFloat does.
func TestNumValue(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	digits := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + r.Intn(10))
		}
		return string(b)
	}
	cases := []string{"0", "00", "0033", ".77", "0.00", "1.5", "12,000.50", "999,999,999,999.999", "9007199254740993",
		"123456789012345", "1234567890123456", "0.1", "0.3", "2.675", "1,234,567,890,123.4"}
	for i := 0; i < 20000; i++ {
		s := digits(1 + r.Intn(12))
		for k := r.Intn(3); k > 0; k-- {
			s += "," + digits(3)
		}
		if r.Intn(2) == 0 {
			s += "." + digits(1+r.Intn(10))
		}
		cases = append(cases, s)
	}
	compared := 0
	for _, s := range cases {
		toks := lex(s, 0, len(s), nil, nil)
		if len(toks) != 1 || toks[0].k != tNum || toks[0].e != len(s) {
			continue // not one number to lexNum
		}
		compared++
		want, _ := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
		if got := toks[0].v; math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
	}
	t.Logf("%d of %d compared", compared, len(cases))
	if compared < len(cases)*9/10 {
		t.Fatalf("only %d of %d cases lexed as one number: the test compares too little", compared, len(cases))
	}
}
