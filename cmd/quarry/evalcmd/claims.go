package evalcmd

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/quarrylabs/quarry/extractors/claims"
)

type claimReport struct {
	Task      string `json:"task"`
	Documents int    `json:"documents"`
	claims.Report
}

// evalClaims scores claims against gold {"text","claims":[{"start","end",
// "subject","predicate","modality"}]}.
func evalClaims(ctx context.Context, opt options, recs []json.RawMessage) (report, error) {
	gold, err := claims.ReadGold(bytes.NewReader(bytes.Join(asBytes(recs), []byte("\n"))))
	if err != nil {
		return nil, err
	}
	run, err := extractAll(opt)
	if err != nil {
		return nil, err
	}
	rep := &claimReport{Task: "claims", Documents: len(gold)}
	for i, g := range gold {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out, err := run(g.Text)
		if err != nil {
			return nil, fmt.Errorf("record %d: %w", i+1, err)
		}
		rep.Add(claims.Evaluate(g, out))
	}
	rep.Finish()
	return rep, nil
}

func (r *claimReport) writeText(w io.Writer) {
	s := r.Claims
	fmt.Fprintf(w, "claims: %d documents\n", r.Documents)
	fmt.Fprintf(w, "  detection  P %.3f  R %.3f  F1 %.3f  (tp %d, fp %d, fn %d)\n", s.Precision, s.Recall, s.F1, s.TP, s.FP, s.FN)
	for _, a := range []struct {
		name string
		acc  claims.Accuracy
	}{{"subject", r.Subject}, {"predicate", r.Predicate}, {"modality", r.Modality}, {"source", r.Source}} {
		fmt.Fprintf(w, "  %-10s %.3f (%d of %d matched claims)\n", a.name, a.acc.Accuracy, a.acc.Correct, a.acc.Total)
	}
}
