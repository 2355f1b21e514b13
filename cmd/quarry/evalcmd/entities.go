package evalcmd

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/extractors/entities"
	"github.com/quarrylabs/quarry/pipeline/analysis"
	"github.com/quarrylabs/quarry/rules"
)

// prf is precision, recall and F1 with the counts behind them.
type prf struct {
	TP        int     `json:"tp"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func newPRF(tpPred, tpGold, pred, gold int) prf {
	p := ratio(tpPred, pred)
	r := ratio(tpGold, gold)
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return prf{TP: tpGold, Precision: p, Recall: r, F1: f}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

type labelScore struct {
	Gold    int `json:"gold"`
	Pred    int `json:"pred"`
	Exact   prf `json:"exact"`
	Partial prf `json:"partial"`
}

type entityReport struct {
	Task      string                `json:"task"`
	Documents int                   `json:"documents"`
	Note      string                `json:"note,omitempty"`
	Labels    map[string]labelScore `json:"labels"`
	All       labelScore            `json:"all"`
}

// counts accumulates one label: exact matches, and partial matches counted
// on each side (a prediction overlapping a gold span of its label, and the
// other way round).
type counts struct{ gold, pred, exact, partPred, partGold int }

func evalEntities(ctx context.Context, opt options, recs []json.RawMessage) (report, error) {
	var model *entities.Model
	var err error
	switch {
	case opt.noModel:
	case opt.model != "":
		f, ferr := os.Open(opt.model)
		if ferr != nil {
			return nil, ferr
		}
		model, err = entities.ReadModel(f)
		f.Close()
	default:
		model, err = entities.DefaultModel()
	}
	if err != nil {
		return nil, err
	}
	var set *rules.Set
	if !opt.noRules {
		if set, err = rules.Default(); err != nil {
			return nil, err
		}
	}
	ex := entities.New(model, set)
	an, err := analysis.New(analysis.WithTagging(model != nil && model.UsePOS))
	if err != nil {
		return nil, err
	}

	docs := make([]entities.GoldDoc, len(recs))
	hasCompany := false
	for i, r := range recs {
		if err := json.Unmarshal(r, &docs[i]); err != nil {
			return nil, fmt.Errorf("record %d: %w", i+1, err)
		}
		for j := range docs[i].Entities {
			docs[i].Entities[j].Label = entities.NormLabel(docs[i].Entities[j].Label)
			if docs[i].Entities[j].Label == quarry.Company {
				hasCompany = true
			}
		}
	}
	rep := &entityReport{Task: "entities", Documents: len(docs), Labels: map[string]labelScore{}}
	if !hasCompany {
		rep.Note = "the gold has no COMPANY label: predicted COMPANY and ORG are both scored as ORG"
	}
	byLabel := map[string]*counts{}
	get := func(l string) *counts {
		c := byLabel[l]
		if c == nil {
			c = &counts{}
			byLabel[l] = c
		}
		return c
	}
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var out quarry.Document
		if err := ex.Extract(an.Analyze(d.Text), &out); err != nil {
			return nil, fmt.Errorf("%s: %w", d.ID, err)
		}
		var pred []entities.Span
		for _, e := range out.Entities {
			l := e.Label
			if !hasCompany && l == quarry.Company {
				l = quarry.Org
			}
			for _, m := range e.Mentions {
				pred = append(pred, entities.Span{Start: m.Start, End: m.End, Label: l})
			}
		}
		score(d.Entities, pred, get)
	}
	var all counts
	labels := make([]string, 0, len(byLabel))
	for l := range byLabel {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	for _, l := range labels {
		c := byLabel[l]
		rep.Labels[l] = c.score()
		all.gold += c.gold
		all.pred += c.pred
		all.exact += c.exact
		all.partPred += c.partPred
		all.partGold += c.partGold
	}
	rep.All = all.score()
	return rep, nil
}

func (c *counts) score() labelScore {
	return labelScore{
		Gold: c.gold, Pred: c.pred,
		Exact:   newPRF(c.exact, c.exact, c.pred, c.gold),
		Partial: newPRF(c.partPred, c.partGold, c.pred, c.gold),
	}
}

// score compares one document's spans.
func score(gold, pred []entities.Span, get func(string) *counts) {
	exact := map[entities.Span]bool{}
	for _, g := range gold {
		exact[g] = true
		get(g.Label).gold++
	}
	overlaps := func(a, b entities.Span) bool {
		return a.Label == b.Label && a.Start < b.End && b.Start < a.End
	}
	seen := map[entities.Span]bool{}
	for _, p := range pred {
		if seen[p] {
			continue // one mention counted once
		}
		seen[p] = true
		c := get(p.Label)
		c.pred++
		if exact[p] {
			c.exact++
		}
		for _, g := range gold {
			if overlaps(p, g) {
				c.partPred++
				break
			}
		}
	}
	for _, g := range gold {
		for p := range seen {
			if overlaps(p, g) {
				get(g.Label).partGold++
				break
			}
		}
	}
}

func (r *entityReport) writeText(w io.Writer) {
	fmt.Fprintf(w, "entities: %d documents\n", r.Documents)
	if r.Note != "" {
		fmt.Fprintf(w, "note: %s\n", r.Note)
	}
	fmt.Fprintf(w, "\n%-8s %6s %6s   %-22s   %-22s\n", "", "", "", "span-exact", "partial (overlap)")
	fmt.Fprintf(w, "%-8s %6s %6s   %6s %6s %6s     %6s %6s %6s\n", "label", "gold", "pred", "P", "R", "F1", "P", "R", "F1")
	line := func(name string, s labelScore) {
		fmt.Fprintf(w, "%-8s %6d %6d   %6.4f %6.4f %6.4f     %6.4f %6.4f %6.4f\n", name, s.Gold, s.Pred,
			s.Exact.Precision, s.Exact.Recall, s.Exact.F1, s.Partial.Precision, s.Partial.Recall, s.Partial.F1)
	}
	labels := make([]string, 0, len(r.Labels))
	for l := range r.Labels {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	for _, l := range labels {
		line(l, r.Labels[l])
	}
	line("ALL", r.All)
}
