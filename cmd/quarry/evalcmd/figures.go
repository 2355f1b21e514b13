package evalcmd

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/extractors/chain"
	"github.com/quarrylabs/quarry/extractors/figures"
	"github.com/quarrylabs/quarry/pipeline/analysis"
	"github.com/quarrylabs/quarry/rules"
)

// extractAll runs the standard chain over a text, as quarry extract does.
func extractAll(opt options) (func(text string) (*quarry.Document, error), error) {
	var set *rules.Set
	var err error
	if !opt.noRules {
		if set, err = rules.Default(); err != nil {
			return nil, err
		}
	}
	exs, err := chain.New(set, chain.Options{})
	if err != nil {
		return nil, err
	}
	an := analysis.Default()
	return func(text string) (*quarry.Document, error) {
		out := &quarry.Document{}
		doc := an.Analyze(text)
		for _, ex := range exs {
			if err := ex.Extract(doc, out); err != nil {
				return nil, fmt.Errorf("%s: %w", ex.Name(), err)
			}
		}
		return out, nil
	}, nil
}

type figureReport struct {
	Task      string `json:"task"`
	Documents int    `json:"documents"`
	figures.Report
}

func evalFigures(ctx context.Context, opt options, recs []json.RawMessage) (report, error) {
	run, err := extractAll(opt)
	if err != nil {
		return nil, err
	}
	rep := &figureReport{Task: "figures", Documents: len(recs)}
	for i, r := range recs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var g figures.GoldDoc
		if err := json.Unmarshal(r, &g); err != nil {
			return nil, fmt.Errorf("record %d: %w", i+1, err)
		}
		out, err := run(g.Text)
		if err != nil {
			return nil, fmt.Errorf("record %d: %w", i+1, err)
		}
		rep.Add(figures.Evaluate(g.Figures, out.Figures))
	}
	rep.Finish()
	return rep, nil
}

func (r *figureReport) writeText(w io.Writer) {
	fmt.Fprintf(w, "figures: %d documents\n", r.Documents)
	line := func(name string, s figures.Score) {
		fmt.Fprintf(w, "  %-10s P %.3f  R %.3f  F1 %.3f  (tp %d, fp %d, fn %d)\n", name, s.Precision, s.Recall, s.F1, s.TP, s.FP, s.FN)
	}
	line("strict", r.Strict)
	line("overlap", r.Overlap)
	line("spans", r.Spans)
	kinds := make([]string, 0, len(r.Kinds))
	for k := range r.Kinds {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		line("  "+k, *r.Kinds[k])
	}
}
