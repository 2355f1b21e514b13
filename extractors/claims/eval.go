package claims

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/quarrylabs/quarry"
)

// GoldDoc is one line of a claims gold file (JSON Lines):
//
//	{"text": "Acme cut 200 jobs. It may hire again.",
//	 "claims": [{"start": 0, "end": 18, "subject": "Acme", "predicate": "cut", "modality": "asserted"}]}
//
// start/end are UTF-8 byte offsets, end exclusive. subject is the name the
// claim is about as written or its entity's name; predicate is compared
// after folding synonyms (stake → invest). source (article, speaker,
// reported) is optional.
type GoldDoc struct {
	Text   string      `json:"text"`
	Claims []GoldClaim `json:"claims"`
}

// GoldClaim is one expected claim.
type GoldClaim struct {
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Subject   string `json:"subject"`
	Predicate string `json:"predicate"`
	Modality  string `json:"modality"`
	Source    string `json:"source,omitempty"`
}

// ReadGold reads a gold file, checking that every span lies in its text.
func ReadGold(r io.Reader) ([]GoldDoc, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 1<<28)
	var out []GoldDoc
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var g GoldDoc
		if err := json.Unmarshal([]byte(line), &g); err != nil {
			return nil, fmt.Errorf("line %d: %v", n, err)
		}
		for _, c := range g.Claims {
			if c.Start < 0 || c.End > len(g.Text) || c.Start >= c.End {
				return nil, fmt.Errorf("line %d: claim span [%d,%d) outside the text", n, c.Start, c.End)
			}
		}
		out = append(out, g)
	}
	return out, sc.Err()
}

// Score is precision, recall and F1 of claim detection.
type Score struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// Accuracy counts agreement on matched claims.
type Accuracy struct {
	Correct  int     `json:"correct"`
	Total    int     `json:"total"`
	Accuracy float64 `json:"accuracy"`
}

// Report scores claims: detection by span overlap (at least half of the
// shorter span), then subject, predicate, modality and source agreement on
// the matched pairs.
type Report struct {
	Claims    Score    `json:"claims"`
	Subject   Accuracy `json:"subject"`
	Predicate Accuracy `json:"predicate"`
	Modality  Accuracy `json:"modality"`
	Source    Accuracy `json:"source"`
	// Confusion counts gold → found modality on matched pairs.
	Confusion map[string]map[string]int `json:"modality_confusion,omitempty"`
}

// Add folds another report in.
func (r *Report) Add(o Report) {
	r.Claims.TP += o.Claims.TP
	r.Claims.FP += o.Claims.FP
	r.Claims.FN += o.Claims.FN
	for _, p := range [][2]*Accuracy{{&r.Subject, &o.Subject}, {&r.Predicate, &o.Predicate}, {&r.Modality, &o.Modality}, {&r.Source, &o.Source}} {
		p[0].Correct += p[1].Correct
		p[0].Total += p[1].Total
	}
	for g, m := range o.Confusion {
		for f, n := range m {
			r.confuse(g, f, n)
		}
	}
	r.Finish()
}

func (r *Report) confuse(g, f string, n int) {
	if r.Confusion == nil {
		r.Confusion = map[string]map[string]int{}
	}
	if r.Confusion[g] == nil {
		r.Confusion[g] = map[string]int{}
	}
	r.Confusion[g][f] += n
}

// Finish computes the ratios from the counts.
func (r *Report) Finish() {
	s := &r.Claims
	s.Precision, s.Recall, s.F1 = 0, 0, 0
	if s.TP+s.FP > 0 {
		s.Precision = float64(s.TP) / float64(s.TP+s.FP)
	}
	if s.TP+s.FN > 0 {
		s.Recall = float64(s.TP) / float64(s.TP+s.FN)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	for _, a := range []*Accuracy{&r.Subject, &r.Predicate, &r.Modality, &r.Source} {
		a.Accuracy = 0
		if a.Total > 0 {
			a.Accuracy = float64(a.Correct) / float64(a.Total)
		}
	}
}

// Evaluate compares the claims found in one document with its gold. got is
// the extracted document (its entities name the subjects).
func Evaluate(gold GoldDoc, got *quarry.Document) Report {
	var r Report
	type pair struct{ g, f, ov int }
	var pairs []pair
	for gi, g := range gold.Claims {
		for fi, f := range got.Claims {
			ov := min(g.End, f.End) - max(g.Start, f.Start)
			short := min(g.End-g.Start, f.End-f.Start)
			if ov > 0 && 2*ov >= short {
				pairs = append(pairs, pair{gi, fi, ov})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].ov > pairs[j].ov })
	usedG := make([]bool, len(gold.Claims))
	usedF := make([]bool, len(got.Claims))
	count := func(a *Accuracy, ok bool) {
		a.Total++
		if ok {
			a.Correct++
		}
	}
	for _, p := range pairs {
		if usedG[p.g] || usedF[p.f] {
			continue
		}
		usedG[p.g], usedF[p.f] = true, true
		r.Claims.TP++
		g, f := gold.Claims[p.g], got.Claims[p.f]
		count(&r.Subject, sameSubject(g.Subject, f, got.Entities))
		count(&r.Predicate, Canonical(g.Predicate) == Canonical(f.Predicate))
		count(&r.Modality, g.Modality == f.Modality)
		r.confuse(g.Modality, f.Modality, 1)
		if g.Source != "" {
			count(&r.Source, g.Source == f.Source.Type)
		}
	}
	for _, u := range usedG {
		if !u {
			r.Claims.FN++
		}
	}
	for _, u := range usedF {
		if !u {
			r.Claims.FP++
		}
	}
	r.Finish()
	return r
}

// sameSubject: the gold subject is the claim's subject text or its entity's
// name, ignoring case and a possessive.
func sameSubject(gold string, c quarry.Claim, ents []quarry.Entity) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(s))
		s = strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s")
		return s
	}
	g := norm(gold)
	if c.Subject == nil {
		return g == ""
	}
	if g == norm(c.Subject.Text) {
		return true
	}
	for _, e := range ents {
		if e.ID == c.Subject.Entity {
			if g == norm(e.Name) {
				return true
			}
			for _, m := range e.Mentions {
				if g == norm(m.Text) {
					return true
				}
			}
		}
	}
	return false
}
