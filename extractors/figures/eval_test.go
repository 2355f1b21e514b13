package figures

import (
	"testing"

	"github.com/quarrylabs/quarry"
)

func TestEvaluate(t *testing.T) {
	text := "Revenue rose about 8% to $4.7 billion, between 20 and 30 analysts said, in 2024."
	got := defaultExtractor().Find(text)
	gold := []GoldFigure{
		{Start: 19, End: 21, Value: f64(8), Kind: Percent},             // "8%": found as "about 8%"
		{Start: 25, End: 37, Value: f64(4.7e9), Kind: Money},           // exact
		{Start: 39, End: 56, Min: f64(20), Max: f64(30), Kind: Number}, // exact range
		{Start: 75, End: 79, Value: f64(2025), Kind: Year},             // wrong value
	}
	if text[gold[1].Start:gold[1].End] != "$4.7 billion" || text[gold[2].Start:gold[2].End] != "between 20 and 30" {
		t.Fatal("gold offsets do not match the text")
	}
	r := Evaluate(gold, got)
	if r.Strict.TP != 2 || r.Strict.FP != 2 || r.Strict.FN != 2 {
		t.Errorf("strict %+v, want TP 2 FP 2 FN 2", r.Strict)
	}
	if r.Overlap.TP != 3 {
		t.Errorf("overlap TP %d, want 3", r.Overlap.TP)
	}
	if r.Spans.TP != 3 {
		t.Errorf("spans TP %d, want 3 (money, range, year)", r.Spans.TP)
	}
	if k := r.Kinds[Money]; k == nil || k.TP != 1 || k.F1 != 1 {
		t.Errorf("money %+v, want TP 1 F1 1", k)
	}
	if k := r.Kinds[Year]; k == nil || k.FN != 1 || k.FP != 1 {
		t.Errorf("year %+v, want FN 1 FP 1", k)
	}
	var total Report
	total.Add(r)
	total.Add(r)
	if total.Strict.TP != 4 || total.Strict.Precision != 0.5 {
		t.Errorf("summed %+v, want TP 4 precision 0.5", total.Strict)
	}
}

func TestSameValueOpenRange(t *testing.T) {
	f := quarry.Figure{Value: f64(5), Approx: []string{"more_than"}}
	if !sameValue(GoldFigure{Min: f64(5)}, f) {
		t.Error("gold min 5 should match value 5")
	}
	if sameValue(GoldFigure{Min: f64(5), Max: f64(6)}, f) {
		t.Error("a closed range should not match a single value")
	}
}
