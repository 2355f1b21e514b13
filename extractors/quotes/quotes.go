// Package quotes finds reported speech: every quotation in an article with
// the quoted words, who said them, the cue that attributes them and the
// entity the speaker resolves to; and indirect speech ("Jassy noted that
// ...") when its cue and speaker are clear.
//
// Span convention: a quote's Start/End cover the content inside the
// quotation marks, without the marks and without a trailing comma that
// belongs to the attribution ("“We are ready,” she said" gives "We are
// ready"). A quote that runs across paragraphs is one record from the first
// paragraph's content to the last closing mark, the intervening paragraph
// breaks and opening marks included; inside one line an opening mark that
// starts a sentence starts a new quote (a lost paragraph break). An indirect quote covers the reported
// clause ("increased AI efficiency will reduce ...") without the sentence's
// final period.
//
// Kinds: "direct" (a quoted sentence or clause), "partial" (a quoted
// fragment inside the writer's own sentence), "term" (scare quotes, names
// and coined terms: never attributed), "indirect" (reported speech without
// marks).
package quotes

import (
	"cmp"
	"slices"
	"strconv"
	"sync"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/pipeline/analysis"
	"github.com/quarrylabs/quarry/rules"
)

// Kinds of quote.
const (
	Direct   = "direct"
	Partial  = "partial"
	Term     = "term"
	Indirect = "indirect"
)

// Option configures an Extractor.
type Option func(*config)

type config struct {
	terms    bool
	indirect bool
}

// WithTerms keeps quoted terms and scare quotes as records of kind "term"
// with no speaker (the default) or, off, leaves them out.
func WithTerms(on bool) Option { return func(c *config) { c.terms = on } }

// WithIndirect turns indirect speech records on (the default) or off.
func WithIndirect(on bool) Option { return func(c *config) { c.indirect = on } }

// Extractor finds quotes. It reads out.Entities, so it runs after the
// entity extractor. It is safe for concurrent use.
type Extractor struct {
	cues *rules.QuoteCues
	cfg  config
}

// New returns a quote extractor using the quote cues of set (a nil set
// uses the default rules).
func New(set *rules.Set, opts ...Option) *Extractor {
	c := config{terms: true, indirect: true}
	for _, o := range opts {
		o(&c)
	}
	x := &Extractor{cfg: c}
	if set == nil {
		set, _ = rules.Default()
	}
	if set != nil {
		x.cues = set.QuoteCues()
	}
	return x
}

// Name implements extractors.Extractor.
func (x *Extractor) Name() string { return "quotes" }

// Extract fills out.Quotes, reading out.Entities.
func (x *Extractor) Extract(doc *analysis.Doc, out *quarry.Document) error {
	out.Quotes = x.Find(doc, out.Entities)
	return nil
}

// Find returns the quotes of doc, ids q1, q2, ... in text order. ents are the
// document's entities, used to resolve speakers; nil is allowed.
func (x *Extractor) Find(doc *analysis.Doc, ents []quarry.Entity) []quarry.Quote {
	r := newRun(x, doc, ents)
	recs := r.quotes()
	if x.cfg.indirect {
		recs = r.indirect(recs)
	}
	slices.SortStableFunc(recs, func(a, b quarry.Quote) int { return cmp.Compare(a.Start, b.Start) })
	out := make([]quarry.Quote, 0, len(recs))
	for _, q := range recs {
		if q.Kind == Term && !x.cfg.terms {
			continue
		}
		if q.Sentence < len(doc.Sentences) && doc.Sentences[q.Sentence].Furniture {
			continue // a related link's headline quotes no one here
		}
		q.ID = "q" + strconv.Itoa(len(out)+1)
		out = append(out, q)
	}
	clear(recs) // they point into the document
	r.buf.recs = recs[:0]
	r.buf.put()
	return out
}

// mention is an entity mention mapped onto tokens [first, last).
type mention struct {
	start, end  int
	first, last int
	ent         int
}

// run holds the per-document state of one Find call.
type run struct {
	x     *Extractor
	doc   *analysis.Doc
	text  string
	toks  []analysis.Token
	ents  []quarry.Entity
	ments []mention
	entAt []int32 // token → index into ments, or -1
	cueAt []int32 // token → index into cues of a cue starting there, or -1
	cues  []rules.CueMatch
	// quoted marks tokens inside quotation content (outer spans).
	quoted []bool
	spans  []span
	gender []int8 // entity → female, male or 0, computed on first use
	buf    *scratch
}

// scratch holds a run's per-token and per-mention arrays, reused from
// article to article: allocated afresh they were most of what a run
// allocated. None of them reaches the output: Find copies the records
// out of recs.
type scratch struct {
	at           []int32
	quoted       []bool
	ments, moved []mention
	keys         []uint64
	marks        []mark
	spans        []span
	// recs holds the records before they are sorted and numbered.
	recs []quarry.Quote
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// put pools b unless it holds a long article's arrays.
func (b *scratch) put() {
	if cap(b.at) <= 2*analysis.MaxPooledTokens && cap(b.ments) <= analysis.MaxPooledTokens {
		scratchPool.Put(b)
	}
}

func newRun(x *Extractor, doc *analysis.Doc, ents []quarry.Entity) *run {
	r := &run{x: x, doc: doc, text: doc.Text, toks: doc.Tokens, ents: ents, buf: scratchPool.Get().(*scratch)}
	n := len(r.toks)
	at := slices.Grow(r.buf.at[:0], 2*n)[:2*n]
	r.buf.at = at
	// -1 everywhere, by doubling copies: a loop of stores cost more.
	if len(at) > 0 {
		at[0] = -1
		for k := 1; k < len(at); k *= 2 {
			copy(at[k:], at[:k])
		}
	}
	r.entAt, r.cueAt = at[:n:n], at[n:]
	nm := 0
	for _, e := range ents {
		nm += len(e.Mentions)
	}
	// Sized once: growing it by appends was most of newRun's time.
	r.ments = slices.Grow(r.buf.ments[:0], nm)[:0]
	r.buf.ments = r.ments
	for ei, e := range ents {
		for _, m := range e.Mentions {
			r.ments = append(r.ments, mention{start: m.Start, end: m.End, ent: ei})
		}
	}
	r.ments = r.placeMentions(r.ments)
	for mi, m := range r.ments {
		for k := m.first; k < m.last; k++ {
			if r.entAt[k] < 0 {
				r.entAt[k] = int32(mi)
			}
		}
	}
	r.cues = r.findCues()
	for ci, c := range r.cues {
		if r.cueAt[c.First] < 0 {
			r.cueAt[c.First] = int32(ci)
		}
	}
	r.buf.marks = scanMarks(r.text, r.buf.marks[:0])
	r.buf.spans = pairMarks(r.text, r.buf.marks, r.buf.spans)
	r.spans = outerSpans(r.buf.spans)
	r.quoted = slices.Grow(r.buf.quoted[:0], n)[:n]
	clear(r.quoted)
	r.buf.quoted = r.quoted
	for _, s := range r.spans {
		for k := r.tokAt(s.start); k < n && r.toks[k].Start < s.end; k++ {
			r.quoted[k] = true
		}
	}
	return r
}

// placeMentions sets the tokens of ms, drops those that cover none and
// sorts the rest by start. With no two starts equal (nearly always), the
// order is the only one: sorting start<<32|index keys is cheaper than
// moving the records, and walking them each search starts where the last
// one ended and a mention's last token is a short step from its first.
// Otherwise ties keep the order slices.SortFunc (pdqsort, as sort.Slice
// before it) gives them.
func (r *run) placeMentions(ms []mention) []mention {
	keys := startKeys(ms, r.buf)
	if keys == nil {
		kept := ms[:0]
		for _, m := range ms {
			m.first, m.last = r.tokAt(m.start), r.tokAt(m.end)
			if m.first < m.last {
				kept = append(kept, m)
			}
		}
		slices.SortFunc(kept, byStart)
		return kept
	}
	out := slices.Grow(r.buf.moved[:0], len(ms))[:0]
	r.buf.moved = out
	toks, k := r.toks, 0
	for _, key := range keys {
		m := ms[uint32(key)]
		k = r.tokFrom(k, m.start)
		l := k
		for l < len(toks) && toks[l].Start < m.end {
			l++
		}
		if k < l {
			m.first, m.last = k, l
			out = append(out, m)
		}
	}
	return out
}

func byStart(a, b mention) int { return cmp.Compare(a.start, b.start) }

// startKeys returns ms's start<<32|index keys sorted, in buf's array, or
// nil when two starts are equal (or do not fit).
func startKeys(ms []mention, buf *scratch) []uint64 {
	keys := slices.Grow(buf.keys[:0], len(ms))[:len(ms)]
	buf.keys = keys
	for i, m := range ms {
		if uint64(m.start) >= 1<<32 || uint64(i) >= 1<<32 {
			return nil
		}
		keys[i] = uint64(m.start)<<32 | uint64(i)
	}
	slices.Sort(keys)
	for i := 1; i < len(keys); i++ {
		if keys[i]>>32 == keys[i-1]>>32 {
			return nil
		}
	}
	return keys
}

// tokAt is the index of the first token starting at or after byte off.
func (r *run) tokAt(off int) int { return r.tokFrom(0, off) }

// tokFrom is tokAt for an off that no token before lo starts at or after.
func (r *run) tokFrom(lo, off int) int {
	// sort.Search written out: this runs for every mention and quote.
	hi := len(r.toks)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if r.toks[m].Start < off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// findCues matches the rule cues. Where cues of several categories start
// at one token, a speech verb wins over a phrase and a phrase over a
// naming verb.
func (r *run) findCues() []rules.CueMatch {
	if r.x.cues == nil {
		return nil
	}
	ms := r.x.cues.Match(r.toks)
	slices.SortStableFunc(ms, func(a, b rules.CueMatch) int {
		if a.First != b.First {
			return cmp.Compare(a.First, b.First)
		}
		return cmp.Compare(catRank(a.Cue.Category), catRank(b.Cue.Category))
	})
	return ms
}

func catRank(category string) int {
	switch category {
	case "phrase":
		return 1
	case "naming":
		return 2
	}
	return 0
}

// isVerb reports a speech or naming verb (not an attribution phrase).
func isVerb(c rules.CueMatch) bool { return c.Cue.Category == "verb" || c.Cue.Category == "naming" }

// cueKind is "verb", "phrase" or "" for the cue starting at token k.
func (r *run) cueKind(k int) (rules.CueMatch, bool) {
	if k < 0 || k >= len(r.toks) || r.cueAt[k] < 0 {
		return rules.CueMatch{}, false
	}
	return r.cues[r.cueAt[k]], true
}
