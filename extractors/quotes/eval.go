package quotes

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/quarrylabs/quarry"
)

// GoldQuote is one annotated attribution, in the shape of PolNeAR
// (../shared/data/polnear/*.jsonl): byte offsets, end exclusive. Start/End
// cover the whole content (marks included); Fragments are its pieces when
// the attribution interrupts it. Direct is true when the content holds a
// quotation mark.
type GoldQuote struct {
	Start, End   int
	Text         string
	Fragments    [][2]int
	Direct       bool
	HasSource    bool
	Speaker      string
	SpeakerStart int
	SpeakerEnd   int
	Cue          string
	CueStart     int
	CueEnd       int
}

// GoldDoc is an annotated article.
type GoldDoc struct {
	ID     string
	Text   string
	Quotes []GoldQuote
}

type polnearQuote struct {
	Start        int      `json:"start"`
	End          int      `json:"end"`
	Text         string   `json:"text"`
	Fragments    [][2]int `json:"content_fragments"`
	Direct       bool     `json:"direct"`
	Speaker      string   `json:"speaker"`
	SpeakerStart *int     `json:"speaker_start"`
	SpeakerEnd   *int     `json:"speaker_end"`
	HasSource    bool     `json:"has_source"`
	Cue          string   `json:"cue"`
	CueStart     *int     `json:"cue_start"`
	CueEnd       *int     `json:"cue_end"`
}

type polnearDoc struct {
	ID     string         `json:"id"`
	Text   string         `json:"text"`
	Quotes []polnearQuote `json:"quotes"`
}

// ReadPolNeAR reads PolNeAR JSON lines.
func ReadPolNeAR(r io.Reader) ([]GoldDoc, error) {
	var docs []GoldDoc
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var d polnearDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		g := GoldDoc{ID: d.ID, Text: d.Text}
		for _, q := range d.Quotes {
			gq := GoldQuote{Start: q.Start, End: q.End, Text: q.Text, Fragments: q.Fragments, Direct: q.Direct,
				HasSource: q.HasSource, Speaker: q.Speaker, Cue: q.Cue, SpeakerStart: -1, SpeakerEnd: -1, CueStart: -1, CueEnd: -1}
			if q.SpeakerStart != nil && q.SpeakerEnd != nil {
				gq.SpeakerStart, gq.SpeakerEnd = *q.SpeakerStart, *q.SpeakerEnd
			}
			if q.CueStart != nil && q.CueEnd != nil {
				gq.CueStart, gq.CueEnd = *q.CueStart, *q.CueEnd
			}
			g.Quotes = append(g.Quotes, gq)
		}
		docs = append(docs, g)
	}
	return docs, sc.Err()
}

// ReadPolNeARFile reads a PolNeAR file.
func ReadPolNeARFile(path string) ([]GoldDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadPolNeAR(f)
}

// Report counts quote detection and speaker attribution over direct
// quotes (those with quotation marks). Reports add up over documents.
type Report struct {
	Gold      int // gold direct quotes
	Found     int // gold direct quotes matched by a prediction
	Predicted int // predicted quotes with marks (direct and partial)
	Correct   int // predictions matching a gold quote
	// SpeakerGold counts matched gold quotes with a speaker span;
	// SpeakerRight those whose prediction names that speaker.
	SpeakerGold  int
	SpeakerRight int
}

// Add sums two reports.
func (r Report) Add(o Report) Report {
	return Report{r.Gold + o.Gold, r.Found + o.Found, r.Predicted + o.Predicted, r.Correct + o.Correct,
		r.SpeakerGold + o.SpeakerGold, r.SpeakerRight + o.SpeakerRight}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Precision is the share of predictions that match a gold quote.
func (r Report) Precision() float64 { return ratio(r.Correct, r.Predicted) }

// Recall is the share of gold direct quotes found.
func (r Report) Recall() float64 { return ratio(r.Found, r.Gold) }

// F1 is the harmonic mean of precision and recall.
func (r Report) F1() float64 {
	p, q := r.Precision(), r.Recall()
	if p+q == 0 {
		return 0
	}
	return 2 * p * q / (p + q)
}

// SpeakerAccuracy is the share of matched gold quotes with a speaker whose
// speaker the prediction got right.
func (r Report) SpeakerAccuracy() float64 { return ratio(r.SpeakerRight, r.SpeakerGold) }

func (r Report) String() string {
	return fmt.Sprintf("detection P=%.3f R=%.3f F1=%.3f (gold %d, predicted %d); speaker %.3f (%d/%d)",
		r.Precision(), r.Recall(), r.F1(), r.Gold, r.Predicted, r.SpeakerAccuracy(), r.SpeakerRight, r.SpeakerGold)
}

// Evaluate scores predicted quotes against gold quotes by span overlap.
// See EvaluateDoc; without entities only the speaker span is compared.
func Evaluate(gold []GoldQuote, got []quarry.Quote) Report { return evaluate(gold, got, nil) }

// EvaluateDoc scores doc.Quotes, using doc.Entities to credit speakers
// resolved to the right entity.
//
// Only quotes with marks count: gold quotes with Direct set, predicted
// quotes of kind direct or partial (terms and indirect speech are left out).
// A prediction matches a gold quote when they overlap by at least half of
// the shorter span. Matching is not one to one: a quote the attribution
// splits ("...," she said. "...") is one gold span and two predictions,
// both correct. A prediction that only matches a gold quote without marks
// is still correct (the annotators saw speech there) but finds nothing.
//
// A matched gold quote with a speaker span is credited when the prediction
// that overlaps it most has a speaker span overlapping the gold speaker
// span, or has resolved its speaker to an entity with a mention overlapping
// the gold speaker span (the gold speaker is often a pronoun or a
// description, a resolved name is as right).
func EvaluateDoc(gold []GoldQuote, doc *quarry.Document) Report {
	return evaluate(gold, doc.Quotes, doc.Entities)
}

func overlap(a, b, c, d int) int {
	lo, hi := max(a, c), min(b, d)
	if hi > lo {
		return hi - lo
	}
	return 0
}

func matches(g GoldQuote, q quarry.Quote) (int, bool) {
	o := overlap(g.Start, g.End, q.Start, q.End)
	short := min(g.End-g.Start, q.End-q.Start)
	return o, o > 0 && 2*o >= short
}

func evaluate(gold []GoldQuote, got []quarry.Quote, ents []quarry.Entity) Report {
	var r Report
	var preds []quarry.Quote
	for _, q := range got {
		if q.Kind == Direct || q.Kind == Partial {
			preds = append(preds, q)
		}
	}
	r.Predicted = len(preds)
	for _, q := range preds {
		for _, g := range gold {
			if _, ok := matches(g, q); ok {
				r.Correct++
				break
			}
		}
	}
	entity := map[string]*quarry.Entity{}
	for i := range ents {
		entity[ents[i].ID] = &ents[i]
	}
	for _, g := range gold {
		if !g.Direct {
			continue
		}
		r.Gold++
		best, bestO := -1, 0
		for i, q := range preds {
			if o, ok := matches(g, q); ok && o > bestO {
				best, bestO = i, o
			}
		}
		if best < 0 {
			continue
		}
		r.Found++
		if g.SpeakerStart < 0 || g.SpeakerEnd <= g.SpeakerStart {
			continue
		}
		r.SpeakerGold++
		if speakerRight(g, preds[best].Speaker, entity) {
			r.SpeakerRight++
		}
	}
	return r
}

func speakerRight(g GoldQuote, sp *quarry.Speaker, entity map[string]*quarry.Entity) bool {
	if sp == nil {
		return false
	}
	if overlap(g.SpeakerStart, g.SpeakerEnd, sp.Start, sp.End) > 0 {
		return true
	}
	if e := entity[sp.Entity]; e != nil {
		for _, m := range e.Mentions {
			if overlap(g.SpeakerStart, g.SpeakerEnd, m.Start, m.End) > 0 {
				return true
			}
		}
	}
	return false
}
