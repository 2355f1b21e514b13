// Package claims finds checkable statements: who or what a clause is about,
// the event it asserts (cut, invest, leave, ...), the figures it carries,
// who asserts it and how firmly. It reads the entities, figures and quotes
// earlier extractors put in the document; it finds nothing of those itself.
//
// A clause is a claim when it carries an event verb with an entity or a
// figure, a figure tied to an entity, a ranking or comparison about an
// entity, or a causal link about one. Opinion, advice and rhetoric are
// dropped: first-person views, imperatives, "should"/"must".
package claims

import (
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/pipeline/analysis"
	"github.com/quarrylabs/quarry/rules"
)

// Source types.
const (
	SourceArticle  = "article"
	SourceSpeaker  = "speaker"
	SourceReported = "reported"
)

// Modalities.
const (
	Asserted    = "asserted"
	Hedged      = "hedged"
	Predicted   = "predicted"
	Negated     = "negated"
	Question    = "question"
	Conditional = "conditional"
)

// Extractor finds claims. It keeps no per-call state.
type Extractor struct {
	cues   *rules.ClaimCues
	speech *rules.QuoteCues
}

// New returns a claims extractor using the claim and quote cues of set
// (nil: the built-in lists alone).
func New(set *rules.Set) *Extractor {
	x := &Extractor{}
	if set != nil {
		x.cues = set.ClaimCues()
		x.speech = set.QuoteCues()
	}
	return x
}

// Name implements extractors.Extractor.
func (x *Extractor) Name() string { return "claims" }

// Extract implements extractors.Extractor: it sets out.Claims, ids c1, c2,
// ... in text order.
func (x *Extractor) Extract(doc *analysis.Doc, out *quarry.Document) error {
	d := newDocState(x, doc, out)
	cs := d.run()
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Start < cs[j].Start })
	for i := range cs {
		cs[i].ID = "c" + strconv.Itoa(i+1)
		cs[i].Scope = Scope(cs[i].Text)
	}
	if cs == nil {
		cs = []quarry.Claim{}
	}
	out.Claims = cs
	return nil
}

// mention is an entity mention in token terms.
type mention struct {
	first, last int // tokens
	ent         *quarry.Entity
}

type docState struct {
	x    *Extractor
	doc  *analysis.Doc
	out  *quarry.Document
	text string
	// lower[i] is token i's norm in lower case.
	lower []string
	// tokMent[i] is the mention holding token i, or -1.
	tokMent []int
	ments   []mention
	// hypo are byte ranges of imagined text (a quote after "imagine ...").
	hypo [][2]int
	// lastPerson and lastOrg resolve pronouns and "the company".
	lastPerson, lastOrg *quarry.Entity
	mainOrg             *quarry.Entity
	tableRow            map[int]bool
}

func newDocState(x *Extractor, doc *analysis.Doc, out *quarry.Document) *docState {
	d := &docState{x: x, doc: doc, out: out, text: doc.Text, tableRow: map[int]bool{}}
	d.lower = make([]string, len(doc.Tokens))
	for i, t := range doc.Tokens {
		d.lower[i] = strings.ToLower(t.Norm)
	}
	d.tokMent = make([]int, len(doc.Tokens))
	for i := range d.tokMent {
		d.tokMent[i] = -1
	}
	best := 0
	for ei := range out.Entities {
		e := &out.Entities[ei]
		if (e.Label == quarry.Company || e.Label == quarry.Org) && len(e.Mentions) > best {
			best, d.mainOrg = len(e.Mentions), e
		}
		for _, m := range e.Mentions {
			f, l := tokenRange(doc.Tokens, m.Start, m.End)
			if f >= l || l-f == 1 && !nameTag(doc.Tokens[f].Tag) {
				continue
			}
			d.ments = append(d.ments, mention{f, l, e})
			for t := f; t < l; t++ {
				d.tokMent[t] = len(d.ments) - 1
			}
		}
	}
	return d
}

// tokenRange returns the tokens inside bytes [start, end).
func tokenRange(toks []analysis.Token, start, end int) (int, int) {
	f := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= start })
	l := f
	for l < len(toks) && toks[l].End <= end {
		l++
	}
	return f, l
}

func (d *docState) run() []quarry.Claim {
	var cs []quarry.Claim
	cs = append(cs, d.tables()...)
	d.findHypothetical()
	for si := range d.doc.Sentences {
		if d.tableRow[si] {
			continue
		}
		for _, cl := range d.clauses(si) {
			if c, ok := d.claim(cl); ok {
				cs = append(cs, c)
			}
		}
		d.notePeople(si)
	}
	return cs
}

// notePeople remembers the last person named, for "he"/"she" later on.
func (d *docState) notePeople(si int) {
	s := d.doc.Sentences[si]
	for t := s.First; t < s.Last; t++ {
		if m := d.tokMent[t]; m >= 0 && d.ments[m].ent.Label == quarry.Person {
			d.lastPerson = d.ments[m].ent
		}
	}
}

// clause is a stretch of tokens analysed as one claim candidate.
type clause struct {
	sent        int
	first, last int // doc tokens
	// src is set when the clause is reported speech found here.
	src *quarry.ClaimSource
	// quote covers the clause (direct quotes, indirect speech).
	quote *quarry.Quote
	// split says the clause does not start its sentence; colon that it
	// follows a colon (a heading or a frame before it).
	split, colon bool
}

// clauses cuts sentence si into claim candidates: reported speech becomes
// its content clause; otherwise the sentence splits at ";", ":" and
// ", while/but/whereas".
func (d *docState) clauses(si int) []clause {
	s := d.doc.Sentences[si]
	toks := d.doc.Tokens
	// Indirect speech from the quotes extractor: the content is the clause.
	for qi := range d.out.Quotes {
		q := &d.out.Quotes[qi]
		if q.Kind != "indirect" || q.End <= s.Start || q.Start >= s.End {
			continue
		}
		f, l := tokenRange(toks, q.Start, q.End)
		if f < l {
			return []clause{{sent: si, first: f, last: l, quote: q, split: f > s.First}}
		}
	}
	if f, l, src := d.reportedSpeech(s.First, s.Last); src != nil {
		return []clause{{sent: si, first: f, last: l, src: src, split: true}}
	}
	var out []clause
	start := s.First
	colonBefore := false
	for t := s.First; t < s.Last; t++ {
		n := toks[t].Norm
		cut := false
		switch {
		case n == ";":
			cut = true
		case n == ":" && s.Last-t > 4 && hasVerb(toks[t+1:s.Last]):
			cut = true
		case n == "," && t+1 < s.Last && (eqFold(toks[t+1].Norm, "while") || eqFold(toks[t+1].Norm, "whereas") || eqFold(toks[t+1].Norm, "but")):
			cut = true
		}
		if cut {
			if t > start {
				out = append(out, clause{sent: si, first: start, last: t, split: start > s.First, colon: colonBefore})
			}
			start = t + 1
			colonBefore = n == ":"
		}
	}
	if start < s.Last {
		out = append(out, clause{sent: si, first: start, last: s.Last, split: start > s.First, colon: colonBefore})
	}
	for i := range out {
		out[i].quote = d.quoteAt(toks[out[i].first].Start, toks[out[i].last-1].End)
	}
	return out
}

// reportedSpeech finds "<entity> <speech verb> that <content>" when no
// quote covers it, returning the content tokens and the speaker.
func (d *docState) reportedSpeech(first, last int) (int, int, *quarry.ClaimSource) {
	if d.x.speech == nil {
		return 0, 0, nil
	}
	toks := d.doc.Tokens
	for t := first; t < last-3; t++ {
		if !strings.HasPrefix(toks[t].Tag, "VB") {
			continue
		}
		if _, ok := d.x.speech.Verb(toks[t].Norm); !ok {
			continue
		}
		// "said that", "told analysts that".
		that := t + 1
		for that < last && that < t+4 && !eqFold(toks[that].Norm, "that") {
			that++
		}
		if that >= last-1 || !eqFold(toks[that].Norm, "that") {
			continue
		}
		// The speaker: the last person or company named just before.
		var who *quarry.Entity
		for k := t - 1; k >= first && k >= t-6; k-- {
			if m := d.tokMent[k]; m >= 0 && isNamed(d.ments[m].ent.Label) {
				who = d.ments[m].ent
				break
			}
		}
		if who == nil || d.quoteAt(toks[that+1].Start, toks[last-1].End) != nil {
			return 0, 0, nil
		}
		return that + 1, last, &quarry.ClaimSource{Type: SourceSpeaker, Entity: who.ID}
	}
	return 0, 0, nil
}

// quoteAt returns the quote that holds most of bytes [start, end).
func (d *docState) quoteAt(start, end int) *quarry.Quote {
	for i := range d.out.Quotes {
		q := &d.out.Quotes[i]
		lo, hi := max(q.Start, start), min(q.End, end)
		if hi > lo && 2*(hi-lo) >= end-start {
			return q
		}
	}
	return nil
}

// nameTag: tags a one-word name can carry; "During" (IN) or "Aligning"
// (VBG) taken for a name upstream are not used as subjects.
func nameTag(tag string) bool {
	return strings.HasPrefix(tag, "NN") || tag == "JJ" || tag == "FW" || tag == ""
}

func hasVerb(toks []analysis.Token) bool {
	for _, t := range toks {
		if strings.HasPrefix(t.Tag, "VB") || t.Tag == "MD" {
			return true
		}
	}
	return false
}

func isNamed(label string) bool {
	return label == quarry.Person || label == quarry.Company || label == quarry.Org
}

func eqFold(a, b string) bool { return strings.EqualFold(a, b) }

// phrase returns the length in tokens of the longest phrase of set starting
// at token i (up to 4 tokens, not past last). Tokens glued to the previous
// one ("n't", "'s") join without a space.
func (d *docState) phrase(i, last int, set map[string]bool) int {
	last = min(last, len(d.lower))
	if i >= last || !starts()[d.lower[i]] {
		return 0
	}
	toks := d.doc.Tokens
	var buf [64]byte
	b := buf[:0]
	best := 0
	for k := i; k < last && k < i+4; k++ {
		if k > i && toks[k].SpaceBefore {
			b = append(b, ' ')
		}
		b = append(b, d.lower[k]...)
		if set[string(b)] {
			best = k - i + 1
		}
	}
	return best
}

var (
	startsOnce sync.Once
	startSet   map[string]bool
)

// starts holds the first token of every phrase in the word lists, so
// phrase can reject most tokens with one lookup. Glued forms start with the
// part before the clitic: "don't" with "do", "can't" with "ca", "i'm" with "i".
func starts() map[string]bool {
	startsOnce.Do(func() {
		startSet = map[string]bool{}
		for _, m := range phraseSets {
			for p := range m {
				w := p
				if i := strings.IndexByte(w, ' '); i >= 0 {
					w = w[:i]
				}
				startSet[w] = true
				if strings.HasSuffix(w, "n't") {
					startSet[w[:len(w)-3]] = true
				}
				if i := strings.IndexByte(w, '\''); i > 0 {
					startSet[w[:i]] = true
				}
			}
		}
	})
	return startSet
}

// findHypothetical marks the quoted text that follows a sentence framing an
// imagined scenario ("You can almost see the case study: “...”").
func (d *docState) findHypothetical() {
	for si, s := range d.doc.Sentences {
		framed := false
		for t := s.First; t < s.Last; t++ {
			if d.phrase(t, s.Last, hypotheticalFrames) > 0 {
				framed = true
				break
			}
		}
		if !framed {
			continue
		}
		// A quote opening within the frame's end or the next sentence.
		from := s.Start
		to := s.End
		if si+1 < len(d.doc.Sentences) {
			to = d.doc.Sentences[si+1].Start + 4
		}
		if r, ok := quotedAfter(d.text, from, to); ok {
			d.hypo = append(d.hypo, r)
		}
	}
}

// quotedAfter finds a quotation opening in [from, to) and returns its span up
// to the closing mark (or the end of the line).
func quotedAfter(text string, from, to int) ([2]int, bool) {
	to = min(to, len(text))
	for i := from; i < to; i++ {
		var closer string
		switch {
		case strings.HasPrefix(text[i:], "“"):
			closer = "”"
		case text[i] == '"' && (i == 0 || text[i-1] == ' ' || text[i-1] == '\n'):
			closer = `"`
		default:
			continue
		}
		end := strings.Index(text[i+1:], closer)
		nl := strings.IndexByte(text[i+1:], '\n')
		if end < 0 || (nl >= 0 && nl < end) {
			if nl < 0 {
				return [2]int{i, len(text)}, true
			}
			return [2]int{i, i + 1 + nl}, true
		}
		return [2]int{i, i + 1 + end + len(closer)}, true
	}
	return [2]int{}, false
}

func (d *docState) inHypo(start, end int) bool {
	for _, r := range d.hypo {
		if start >= r[0] && end <= r[1] {
			return true
		}
	}
	return false
}
