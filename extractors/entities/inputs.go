package entities

import (
	"fmt"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// inputsHash fingerprints what training reads besides its options: the
// analysed training documents (tokens, sentences), their gold spans and
// rule-set matches (model features), and the analysed unlabelled text the
// word clusters come from. A model records it, so a test can tell when the
// analyser or the default rules have moved on since the committed model
// was trained and scripts/train-model.sh would no longer rebuild it.
func inputsHash(docs []TrainDoc, hits [][]ruleHit, unlabeled []*analysis.Doc, usePOS bool) string {
	h := uint64(fnvOffset)
	add := func(v uint64) { h = mix(h, v) }
	addDoc := func(d *analysis.Doc) {
		add(uint64(len(d.Tokens)))
		for i := range d.Tokens {
			t := &d.Tokens[i]
			add(uint64(t.Start)<<32 | uint64(t.End))
			add(hashString(tokenText(t)))
			if usePOS {
				add(hashString(t.Tag))
			}
		}
		add(uint64(len(d.Sentences)))
		for _, s := range d.Sentences {
			add(uint64(s.First)<<32 | uint64(s.Last))
		}
	}
	add(uint64(len(docs)))
	for i, d := range docs {
		addDoc(d.Doc)
		add(uint64(len(d.Spans)))
		for _, s := range d.Spans {
			add(uint64(s.Start)<<32 | uint64(s.End))
			add(hashString(s.Label))
		}
		if hits == nil {
			continue
		}
		add(uint64(len(hits[i])))
		for _, r := range hits[i] {
			p := uint64(0)
			if r.pattern {
				p = 1
			}
			add(uint64(r.first)<<33 | uint64(r.last)<<1 | p)
			add(hashString(r.label))
		}
	}
	add(uint64(len(unlabeled)))
	for _, d := range unlabeled {
		addDoc(d)
	}
	return fmt.Sprintf("%016x", h)
}
