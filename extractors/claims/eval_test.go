package claims

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry"
)

func TestEvaluate(t *testing.T) {
	text := "Pellmar cut 300 jobs. Orvane may hire 20 people. Nothing else."
	gold := GoldDoc{Text: text, Claims: []GoldClaim{
		{Start: 0, End: 21, Subject: "Pellmar", Predicate: "layoff", Modality: Asserted, Source: SourceArticle},
		{Start: 22, End: 48, Subject: "Orvane", Predicate: "hire", Modality: Hedged},
		{Start: 49, End: 62, Subject: "", Predicate: "be", Modality: Asserted},
	}}
	got := &quarry.Document{
		Entities: []quarry.Entity{{ID: "e1", Name: "Pellmar Group", Mentions: []quarry.Mention{{Start: 0, End: 7, Text: "Pellmar"}}}},
		Claims: []quarry.Claim{
			{ID: "c1", Start: 0, End: 20, Predicate: "cut", Modality: Asserted, Source: quarry.ClaimSource{Type: SourceArticle},
				Subject: &quarry.ClaimSubject{Entity: "e1", Start: 0, End: 7, Text: "Pellmar"}},
			{ID: "c2", Start: 22, End: 48, Predicate: "hire", Modality: Predicted,
				Subject: &quarry.ClaimSubject{Start: 22, End: 28, Text: "Orvane"}},
			{ID: "c3", Start: 63, End: 63},
		},
	}
	r := Evaluate(gold, got)
	if r.Claims.TP != 2 || r.Claims.FP != 1 || r.Claims.FN != 1 {
		t.Errorf("counts %+v", r.Claims)
	}
	if r.Subject.Correct != 2 || r.Predicate.Correct != 2 || r.Modality.Correct != 1 || r.Source.Total != 1 || r.Source.Correct != 1 {
		t.Errorf("accuracy %+v %+v %+v %+v", r.Subject, r.Predicate, r.Modality, r.Source)
	}
	if r.Confusion[Hedged][Predicted] != 1 {
		t.Errorf("confusion %v", r.Confusion)
	}
	var total Report
	total.Add(r)
	total.Add(r)
	if total.Claims.TP != 4 || total.Claims.Precision != r.Claims.Precision {
		t.Errorf("Add: %+v", total.Claims)
	}
}

func TestReadGoldRejectsBadSpans(t *testing.T) {
	if _, err := ReadGold(strings.NewReader(`{"text":"abc","claims":[{"start":1,"end":9}]}`)); err == nil {
		t.Error("span past the text accepted")
	}
}

// TestGold runs the whole pipeline over our own gold articles and reports
// the scores; the floors guard against regressions, not targets.
func TestGold(t *testing.T) {
	f, err := os.Open(filepath.Join(repoRoot(), "testdata", "claims", "gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := ReadGold(f)
	if err != nil {
		t.Fatal(err)
	}
	var total Report
	for _, g := range gold {
		_, out := run(t, g.Text)
		checkOffsets(t, g.Text, out)
		r := Evaluate(g, out)
		total.Add(r)
		if testing.Verbose() {
			for _, c := range out.Claims {
				s := ""
				if c.Subject != nil {
					s = c.Subject.Text
				}
				t.Logf("  %s %.2f %-11s %-8s %-14s %-10s %q", c.ID, c.Checkworthy, c.Modality, c.Source.Type, s, c.Predicate, c.Text)
			}
		}
	}
	t.Logf("claims P %.2f R %.2f F1 %.2f (tp %d fp %d fn %d); subject %.2f predicate %.2f modality %.2f source %.2f",
		total.Claims.Precision, total.Claims.Recall, total.Claims.F1, total.Claims.TP, total.Claims.FP, total.Claims.FN,
		total.Subject.Accuracy, total.Predicate.Accuracy, total.Modality.Accuracy, total.Source.Accuracy)
	if total.Claims.F1 < 0.85 || total.Claims.Precision < 0.9 || total.Modality.Accuracy < 0.85 {
		t.Errorf("gold scores fell: %+v", total)
	}
}
