package evalcmd

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/quarrylabs/quarry/extractors/quotes"
)

type quoteReport struct {
	Task            string  `json:"task"`
	Documents       int     `json:"documents"`
	Note            string  `json:"note"`
	Gold            int     `json:"gold"`
	Predicted       int     `json:"predicted"`
	Precision       float64 `json:"precision"`
	Recall          float64 `json:"recall"`
	F1              float64 `json:"f1"`
	SpeakerGold     int     `json:"speaker_gold"`
	SpeakerAccuracy float64 `json:"speaker_accuracy"`
}

// evalQuotes scores quotes against PolNeAR-style gold (content, speaker and
// cue spans), over quotes that hold quotation marks.
func evalQuotes(ctx context.Context, opt options, recs []json.RawMessage) (report, error) {
	gold, err := quotes.ReadPolNeAR(bytes.NewReader(bytes.Join(asBytes(recs), []byte("\n"))))
	if err != nil {
		return nil, err
	}
	run, err := extractAll(opt)
	if err != nil {
		return nil, err
	}
	var sum quotes.Report
	for _, g := range gold {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out, err := run(g.Text)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", g.ID, err)
		}
		sum = sum.Add(quotes.EvaluateDoc(g.Quotes, out))
	}
	return &quoteReport{
		Task: "quotes", Documents: len(gold),
		Note:      "direct quotes (with quotation marks); a prediction matches when it covers at least half of the shorter span; the speaker is right when its span or its entity's mentions overlap the gold speaker",
		Gold:      sum.Gold,
		Predicted: sum.Predicted,
		Precision: sum.Precision(), Recall: sum.Recall(), F1: sum.F1(),
		SpeakerGold: sum.SpeakerGold, SpeakerAccuracy: sum.SpeakerAccuracy(),
	}, nil
}

func asBytes(recs []json.RawMessage) [][]byte {
	out := make([][]byte, len(recs))
	for i, r := range recs {
		out[i] = r
	}
	return out
}

func (r *quoteReport) writeText(w io.Writer) {
	fmt.Fprintf(w, "quotes: %d documents, %d gold direct quotes, %d predicted\n", r.Documents, r.Gold, r.Predicted)
	fmt.Fprintf(w, "  detection  P %.3f  R %.3f  F1 %.3f\n", r.Precision, r.Recall, r.F1)
	fmt.Fprintf(w, "  speaker    %.3f of %d matched quotes with a gold speaker\n", r.SpeakerAccuracy, r.SpeakerGold)
	fmt.Fprintf(w, "  (%s)\n", r.Note)
}
