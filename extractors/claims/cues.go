package claims

import (
	"slices"
	"strings"
	"sync"

	"github.com/quarrylabs/quarry/pipeline/analysis"
	"github.com/quarrylabs/quarry/rules"
)

// Cue categories as bits, so a token's cues are one word to test.
const (
	cHedge uint32 = 1 << iota
	cBooster
	cPrediction
	cNegation
	cReporting
	cComparative
	cRanking
	cConditional
	cHypothetical
	cOpinion
	cImperative
	cCausal
	cUnnamedSource
	cCompanyNoun
	cMetric
	cEvent
	cEventNoun
)

// catBit returns the bit of a claim cue category, 0 for none.
func catBit(category string) uint32 {
	switch category {
	case rules.ClaimHedge:
		return cHedge
	case rules.ClaimBooster:
		return cBooster
	case rules.ClaimPrediction:
		return cPrediction
	case rules.ClaimNegation:
		return cNegation
	case rules.ClaimReporting:
		return cReporting
	case rules.ClaimComparative:
		return cComparative
	case rules.ClaimRanking:
		return cRanking
	case rules.ClaimConditional:
		return cConditional
	case rules.ClaimHypothetical:
		return cHypothetical
	case rules.ClaimOpinion:
		return cOpinion
	case rules.ClaimImperative:
		return cImperative
	case rules.ClaimCausal:
		return cCausal
	case rules.ClaimUnnamedSource:
		return cUnnamedSource
	case rules.ClaimCompanyNoun:
		return cCompanyNoun
	case rules.ClaimMetric:
		return cMetric
	case rules.ClaimEvent:
		return cEvent
	case rules.ClaimEventNoun:
		return cEventNoun
	}
	return 0
}

// cueHit is one claim cue in tokens [first, last).
type cueHit struct {
	first, last int32
	bit         uint32
	cue         *rules.Cue
}

// cueIndex holds every claim cue of a document, found in one pass, in
// token order: mask[t] has the bit of each category among the hits
// starting at token t, and if it has any, the first is hits[at[t]] (at is
// set for those tokens only: readers test mask first).
type cueIndex struct {
	hits []cueHit
	at   []int32
	mask []uint32
	// block[i] has the bits of mask[i*cueBlock:][:cueBlock]: a clause
	// without a category skips its scan for it after a few words.
	block []uint32
	all   uint32 // the bits of every mask
}

const cueBlock = 16

// next returns the first token of [t, b) where a hit of bits starts, or
// b: the scans for a category skip the blocks without it.
func (x *cueIndex) next(t, b int, bits uint32) int {
	if x.all&bits == 0 {
		return b
	}
	for t < b {
		if x.block[t/cueBlock]&bits == 0 {
			t = (t/cueBlock + 1) * cueBlock
			continue
		}
		if x.mask[t]&bits != 0 {
			return t
		}
		t++
	}
	return b
}

// The arrays are buf's, grown as needed.
func newCueIndex(cues *rules.ClaimCues, toks []analysis.Token, buf *scratch) cueIndex {
	ms := cues.Scan(toks)
	n := len(toks)
	nb := (n + cueBlock - 1) / cueBlock
	x := cueIndex{hits: slices.Grow(buf.hits, len(ms)), at: slices.Grow(buf.at, n)[:n], mask: slices.Grow(buf.mask, n)[:n],
		block: slices.Grow(buf.block, nb)[:nb]}
	clear(x.mask)
	clear(x.block)
	for _, m := range ms {
		bit := catBit(m.Cue.Category)
		if bit == 0 {
			continue
		}
		if x.mask[m.First] == 0 {
			x.at[m.First] = int32(len(x.hits))
		}
		x.hits = append(x.hits, cueHit{first: int32(m.First), last: int32(m.Last), bit: bit, cue: m.Cue})
		x.mask[m.First] |= bit
		x.block[m.First/cueBlock] |= bit
		x.all |= bit
	}
	return x
}

// from returns the hits starting at token t, which has some (mask[t] != 0).
func (x *cueIndex) from(t int) []cueHit {
	hs := x.hits[x.at[t]:]
	n := 1
	for n < len(hs) && int(hs[n].first) == t {
		n++
	}
	return hs[:n]
}

// cue returns the longest cue of the categories in bits starting at token
// t and ending by last, or nil.
func (d *docState) cue(t, last int, bits uint32) *cueHit {
	if t < 0 || t >= len(d.cues.mask) || d.cues.mask[t]&bits == 0 {
		return nil
	}
	var best *cueHit
	hs := d.cues.from(t)
	for i := range hs {
		h := &hs[i]
		if h.bit&bits != 0 && int(h.last) <= last && (best == nil || h.last > best.last) {
			best = h
		}
	}
	return best
}

// phrase returns the length in tokens of the longest cue of bits starting
// at t and ending by last, or 0.
func (d *docState) phrase(t, last int, bits uint32) int {
	if h := d.cue(t, last, bits); h != nil {
		return int(h.last - h.first)
	}
	return 0
}

// has reports a cue of bits starting and ending in tokens [a, b).
func (d *docState) has(a, b int, bits uint32) bool {
	for t := d.cues.next(a, b, bits); t < b; t = d.cues.next(t+1, b, bits) {
		if d.phrase(t, b, bits) > 0 {
			return true
		}
	}
	return false
}

// properNoun: a capitalised cue word read as a name ("May", "Will") is no
// cue; "IMO" or "I" tagged as a name still is.
func properNoun(t *analysis.Token) bool {
	return (t.Tag == "NNP" || t.Tag == "NNPS") && strings.ToUpper(t.Text) != t.Text
}

// events maps every lower-cased event form and predicate of the default
// rules to its predicate, for Canonical.
var (
	eventsOnce sync.Once
	eventForms map[string]string
)

func defaultEvents() map[string]string {
	eventsOnce.Do(func() {
		eventForms = map[string]string{}
		set, err := rules.Default()
		if err != nil {
			return
		}
		cs := set.ClaimCues()
		for _, c := range append(append([]*rules.Cue{}, cs.Events...), cs.EventNouns...) {
			eventForms[c.Lemma] = c.Lemma
			for _, f := range c.Forms {
				eventForms[strings.ToLower(f)] = c.Lemma
			}
		}
	})
	return eventForms
}

// Canonical returns the grouping form of a predicate: the event predicate
// any of its forms stands for under the default rules ("laid off", "layoffs"
// → cut), else the lower-cased lemma. The extractor already emits
// predicates; this also covers gold files and other producers.
func Canonical(pred string) string {
	p := strings.ToLower(strings.TrimSpace(pred))
	if s, ok := defaultEvents()[p]; ok {
		return s
	}
	return p
}
