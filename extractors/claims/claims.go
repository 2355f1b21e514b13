// Package claims finds checkable statements: who or what a clause is about,
// the event it asserts (cut, invest, leave, ...), the figures it carries,
// who asserts it and how firmly. It reads the entities, figures and quotes
// earlier extractors put in the document; it finds nothing of those itself.
//
// A clause is a claim when it carries an event with an entity, a figure,
// a metric ("profit to fall") or a named object; a precise figure and a
// verb; a ranking or comparison; a causal link or a tenure about a named
// entity; or a named speaker's word about one. Opinion, advice and rhetoric
// are dropped: first-person views, imperatives, "should"/"must" in the
// writer's voice. Reported speech is cut from its attribution ("X said on
// Tuesday it will ...", "..., a spokesperson said.") and sourced to it.
//
// Every word list (events, hedges, conditionals, opinion, company nouns,
// ...) comes from the claim-cues rules (rules/default/claim-cues.yaml); the
// package keeps only grammar.
package claims

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

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
	// verbs says per word whether it is a speech verb: 1 no, 2 yes.
	verbs *analysis.WordCache[uint8]
	// redos keeps redoLemma per word.
	redos *analysis.WordCache[string]
}

// New returns a claims extractor using the claim and quote cues of set
// (nil: the default rules).
func New(set *rules.Set) *Extractor {
	if set == nil {
		def, err := rules.Default()
		if err != nil {
			// The defaults are embedded and tested; failing here is a build bug.
			panic("claims: default rules: " + err.Error())
		}
		set = def
	}
	return &Extractor{cues: set.ClaimCues(), speech: set.QuoteCues(), verbs: new(analysis.WordCache[uint8]),
		redos: new(analysis.WordCache[string])}
}

// Name implements extractors.Extractor.
func (x *Extractor) Name() string { return "claims" }

// Extract implements extractors.Extractor: it sets out.Claims, ids c1, c2,
// ... in text order.
func (x *Extractor) Extract(doc *analysis.Doc, out *quarry.Document) error {
	d := newDocState(x, doc, out)
	cs := d.run()
	d.keep()
	// Not sort.SliceStable: its reflect swapper allocated on every call.
	slices.SortStableFunc(cs, func(a, b quarry.Claim) int { return cmp.Compare(a.Start, b.Start) })
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
	cues cueIndex
	// tokMent[i] is the mention holding token i, or -1.
	tokMent []int
	ments   []mention
	// hypo are byte ranges of imagined text (a quote after "imagine ...").
	hypo [][2]int
	// lastPerson and lastOrg resolve pronouns and "the company".
	lastPerson, lastOrg *quarry.Entity
	mainOrg             *quarry.Entity
	tableRow            map[int]bool
	// figs, sentQuotes and allQuotes index the figures and quotes (index.go).
	figs       []quarry.Figure
	sentQuotes [][]int32
	allQuotes  []int32
	buf        *scratch
	verb       verbMemo
	// seen is entitiesIn's list of ids, reused from clause to clause.
	seen []string
}

// scratch holds a docState's per-token arrays, reused from article to
// article: allocated afresh they were most of what claims allocated. None
// of them reaches a claim.
type scratch struct {
	tokMent []int
	ments   []mention
	hits    []cueHit
	at      []int32
	mask    []uint32
	block   []uint32
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// keep returns d's arrays to the pool, the mentions cleared: their
// entities would keep the document alive. Mentions are only appended, so
// clearing those of this document clears all the array holds.
func (d *docState) keep() {
	if cap(d.tokMent) > analysis.MaxPooledTokens || cap(d.ments) > analysis.MaxPooledTokens {
		return
	}
	clear(d.ments)
	*d.buf = scratch{tokMent: d.tokMent[:0], ments: d.ments[:0], hits: d.cues.hits[:0], at: d.cues.at[:0], mask: d.cues.mask[:0], block: d.cues.block[:0]}
	scratchPool.Put(d.buf)
}

func newDocState(x *Extractor, doc *analysis.Doc, out *quarry.Document) *docState {
	buf := scratchPool.Get().(*scratch)
	d := &docState{x: x, doc: doc, out: out, text: doc.Text, tableRow: map[int]bool{}, cues: newCueIndex(x.cues, doc.Tokens, buf), buf: buf}
	d.tokMent = slices.Grow(buf.tokMent, len(doc.Tokens))[:len(doc.Tokens)]
	if len(d.tokMent) > 0 {
		// All -1, by doubling copies rather than a store per token.
		d.tokMent[0] = -1
		for n := 1; n < len(d.tokMent); n *= 2 {
			copy(d.tokMent[n:], d.tokMent[:n])
		}
	}
	best, n := 0, 0
	for _, e := range out.Entities {
		n += len(e.Mentions)
	}
	d.ments = slices.Grow(buf.ments, n) // room for all, rather than growing
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
	d.figs = sortedFigures(out.Figures)
	d.indexQuotes()
	d.splitHeadlines()
	return d
}

// splitHeadlines undoes a name that swallowed a headline's verb ("Top
// Scientist Leaves Veridian Labs" as one company): the verb leaves the
// name, and each side becomes a mention of the entity whose name it spells,
// or the left side stays with the swallowing entity.
func (d *docState) splitHeadlines() {
	toks := d.doc.Tokens
	var names map[string]*quarry.Entity
	for _, s := range d.doc.Sentences {
		if n := toks[s.Last-1].Norm; n == "." || n == "?" || n == "!" {
			continue
		}
		for t := s.First; t < s.Last; t++ {
			mi := d.tokMent[t]
			if mi < 0 || d.ments[mi].first != t {
				continue
			}
			m := d.ments[mi]
			if len(m.ent.Mentions) != 1 {
				continue
			}
			k := m.first + 1
			for k < m.last && d.cues.mask[k]&cEvent == 0 {
				k++
			}
			if k >= m.last {
				continue
			}
			if names == nil {
				names = d.names()
			}
			for j := m.first; j < m.last; j++ {
				d.tokMent[j] = -1
			}
			f := m.first
			for f > s.First && d.tokMent[f-1] < 0 && toks[f-1].Tag == "NNP" && f > m.first-2 {
				f--
			}
			switch e := names[strings.ToLower(d.text[toks[f].Start:toks[k-1].End])]; {
			case e != nil && e != m.ent:
				d.addMention(f, k, e)
			default:
				d.addMention(m.first, k, m.ent)
			}
			if k+1 < m.last {
				if e := names[strings.ToLower(d.text[toks[k+1].Start:toks[m.last-1].End])]; e != nil && e != m.ent {
					d.addMention(k+1, m.last, e)
				}
			}
			t = m.last - 1
		}
	}
}

func (d *docState) addMention(f, l int, e *quarry.Entity) {
	d.ments = append(d.ments, mention{f, l, e})
	for t := f; t < l; t++ {
		d.tokMent[t] = len(d.ments) - 1
	}
}

// names maps the lower-cased names and mention texts of named entities to
// the entity.
func (d *docState) names() map[string]*quarry.Entity {
	out := map[string]*quarry.Entity{}
	for i := range d.out.Entities {
		e := &d.out.Entities[i]
		if !isNamed(e.Label) {
			continue
		}
		out[strings.ToLower(e.Name)] = e
		for _, m := range e.Mentions {
			out[strings.ToLower(m.Text)] = e
		}
	}
	return out
}

// low returns token t's norm in lower case.
func (d *docState) low(t int) string {
	return d.doc.Tokens[t].Lower()
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
	var cls []clause // one array for every sentence's clauses
	for si, s := range d.doc.Sentences {
		if d.tableRow[si] || s.Furniture {
			continue // a related link ("Related: Orvane to cut 400 jobs") claims nothing here
		}
		cls = d.clauses(si, cls)
		for _, cl := range cls {
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
	for t := s.Last - 1; t >= s.First; t-- {
		if m := d.tokMent[t]; m >= 0 && d.ments[m].ent.Label == quarry.Person {
			d.lastPerson = d.ments[m].ent
			return
		}
	}
}

// clause is a stretch of tokens analysed as one claim candidate.
type clause struct {
	sent        int
	first, last int // doc tokens
	// src is set when the clause is reported speech found here; denied
	// when the verb reporting it denies it ("denied that ...").
	src    *quarry.ClaimSource
	denied bool
	// quote covers the clause (direct quotes, indirect speech).
	quote *quarry.Quote
	// rel is the mention a relative clause (", who left ...") is about.
	rel *mention
	// split says the clause does not start its sentence; colon that it
	// follows a colon (a heading or a frame before it).
	split, colon bool
}

// reported: the clause is what somebody said, found here or by the quotes
// extractor as indirect speech.
func (c clause) reported() bool { return c.src != nil || c.quote != nil && c.quote.Kind == "indirect" }

// clauses cuts sentence si into claim candidates: reported speech becomes
// its content clause; otherwise the sentence splits at ";", ":",
// ", while/but/whereas" and before ", who/which" after a name. The clauses
// go in buf's array.
func (d *docState) clauses(si int, buf []clause) []clause {
	out := buf[:0]
	s := d.doc.Sentences[si]
	toks := d.doc.Tokens
	// Indirect speech from the quotes extractor: the content is the clause.
	for _, qi := range d.sentQuotes[si] {
		q := &d.out.Quotes[qi]
		if q.Kind != "indirect" || q.End <= s.Start || q.Start >= s.End {
			continue
		}
		f, l := tokenRange(toks, q.Start, q.End)
		if f < l {
			// "The company denied that ...": the content is denied.
			denied := false
			if q.Cue != nil {
				c, _ := tokenRange(toks, q.Cue.Start, q.Cue.End)
				denied = c < len(toks) && d.cues.mask[c]&cNegation != 0
			}
			return append(out, clause{sent: si, first: f, last: l, quote: q, denied: denied, split: f > s.First})
		}
	}
	if cl, ok := d.reportedSpeech(si); ok {
		return append(out, cl)
	}
	last := s.Last
	var tail *clause
	if cl, ok := d.trailingSpeaker(si); ok {
		tail, last = &cl, cl.last
	}
	start := s.First
	colonBefore := false
	var rel *mention
	for t := s.First; t < last; t++ {
		n := toks[t].Norm
		if len(n) != 1 {
			continue // every cut is at ";", ":" or ","
		}
		cut, relCut := false, false
		switch {
		case n == ";":
			cut = true
		case n == ":" && last-t > 4 && hasVerb(toks[t+1:last]):
			cut = true
		case n == "," && t+1 < last && (eqFold(toks[t+1].Norm, "while") || eqFold(toks[t+1].Norm, "whereas") || eqFold(toks[t+1].Norm, "but")):
			cut = true
		case n == "," && t+2 < last && (toks[t+1].Tag == "WP" || toks[t+1].Tag == "WDT") && t > start && d.tokMent[t-1] >= 0 && hasVerb(toks[t+2:last]):
			// "Tom Reyes, who left the company": a claim about Tom Reyes.
			cut, relCut = true, true
		}
		if cut {
			if t > start {
				out = append(out, clause{sent: si, first: start, last: t, split: start > s.First, colon: colonBefore, rel: rel})
			}
			rel = nil
			if relCut {
				// Only this case checked that a mention ends before the
				// comma; a ", whereas" cut the tagger calls WP may have
				// none, and is no relative clause anyway.
				m := d.ments[d.tokMent[t-1]]
				rel = &m
			}
			start = t + 1
			colonBefore = n == ":"
		}
	}
	if start < last {
		out = append(out, clause{sent: si, first: start, last: last, split: start > s.First, colon: colonBefore, rel: rel})
	}
	for i := range out {
		out[i].quote = d.quoteAt(toks[out[i].first].Start, toks[out[i].last-1].End)
		if tail != nil && out[i].quote == nil {
			out[i].src = tail.src
		}
	}
	return out
}

// reportedSpeech finds "<speaker> <speech or reporting verb> (that)
// <content>" in sentence si when no quote covers it: the content is the
// clause and the speaker its source. The verb may be followed by a time
// phrase ("said on Tuesday it will ...").
func (d *docState) reportedSpeech(si int) (clause, bool) {
	s := d.doc.Sentences[si]
	first, last := s.First, s.Last
	toks := d.doc.Tokens
	for t := first + 1; t < last-3; t++ {
		if !strings.HasPrefix(toks[t].Tag, "VB") || !d.speechVerb(t) {
			continue
		}
		c := d.contentStart(t+1, last)
		if c < 0 {
			continue
		}
		src, ok := d.speaker(first, t)
		if !ok || d.quoteAt(toks[c].Start, toks[last-1].End) != nil {
			return clause{}, false
		}
		return clause{sent: si, first: c, last: last, src: src, denied: d.cues.mask[t]&cNegation != 0, split: true}, true
	}
	return clause{}, false
}

// speechVerb: a speech verb of the quote cues or a reporting verb of the
// claim cues ("found", "ruled", "showed").
func (d *docState) speechVerb(t int) bool {
	return d.isSpeechVerb(t) || d.phrase(t, t+1, cReporting) > 0
}

// isSpeechVerb: token t is a speech verb of the quote cues.
func (d *docState) isSpeechVerb(t int) bool {
	tok := &d.doc.Tokens[t]
	if v := d.x.verbs.Get(tok.Word); v != nil {
		return *v == 2
	}
	_, ok := d.x.speech.Verb(tok.Lower())
	v := uint8(1)
	if ok {
		v = 2
	}
	d.x.verbs.Put(tok.Word, v)
	return ok
}

// contentStart returns where reported content after a speech verb starts:
// after "that" (within a few words: "told analysts that"), or at a clause
// that follows at once or after a time phrase ("on Tuesday"); -1 if none.
func (d *docState) contentStart(t, last int) int {
	toks := d.doc.Tokens
	for k := t; k < last-1 && k < t+4; k++ {
		// "that" opens the content unless it is a determiner ("that plan").
		if eqFold(toks[k].Norm, "that") && (toks[k].Tag != "DT" || k+1 < last && !strings.HasPrefix(toks[k+1].Tag, "NN")) {
			return k + 1
		}
		if isPunctTok(&toks[k]) {
			break
		}
	}
	k := t
	if k < last && toks[k].Tag == "IN" {
		// A time phrase: "on Tuesday", "in a statement", "last week".
		k++
		for k < last && k < t+4 && (toks[k].Tag == "NNP" || toks[k].Tag == "DT" || toks[k].Tag == "CD" || toks[k].Tag == "JJ" || toks[k].Tag == "NN") {
			k++
		}
	}
	if k < last && d.clauseAt(k, last) {
		return k
	}
	return -1
}

// clauseAt: tokens from k read as a clause, a subject then a finite verb
// ("it will cut", "Norvik would save", "14,000 jobs would go").
func (d *docState) clauseAt(k, last int) bool {
	toks := d.doc.Tokens
	switch tg := toks[k].Tag; {
	case tg == "PRP" || tg == "EX" || d.tokMent[k] >= 0:
	case tg == "DT" || tg == "CD" || strings.HasPrefix(tg, "NN") || tg == "PRP$" || tg == "$":
	default:
		return false
	}
	for j := k + 1; j < last && j < k+8; j++ {
		switch tg := toks[j].Tag; {
		case tg == "MD" || tg == "VBZ" || tg == "VBP" || tg == "VBD":
			return true
		case isPunctTok(&toks[j]) || tg == "IN" && j == k+1 || tg == "WDT" || tg == "WP":
			return false
		}
	}
	return false
}

// speaker finds who says what a verb at t reports: the last person or
// company named before it in the clause, a pronoun or "the company" for
// one, or else an unnamed speaker ("a spokesperson") named by no entity.
func (d *docState) speaker(first, t int) (*quarry.ClaimSource, bool) {
	toks := d.doc.Tokens
	lo := first
	for k := t - 1; k >= first; k-- {
		if n := toks[k].Norm; n == ";" || n == ":" {
			lo = k + 1
			break
		}
	}
	for k := t - 1; k >= lo && k >= t-10; k-- {
		if m := d.tokMent[k]; m >= 0 && isNamed(d.ments[m].ent.Label) {
			return &quarry.ClaimSource{Type: SourceSpeaker, Entity: d.ments[m].ent.ID}, true
		}
	}
	for k := lo; k < t; k++ {
		w := d.low(k)
		switch {
		case toks[k].Tag == "PRP" && d.class(k)&wPersonPronoun != 0 && d.lastPerson != nil:
			return &quarry.ClaimSource{Type: SourceSpeaker, Entity: d.lastPerson.ID}, true
		case toks[k].Tag == "PRP" && w == "it" || d.phrase(k, t, cCompanyNoun) > 0 && k > lo && eqFold(toks[k-1].Norm, "the"):
			if e := d.orgRef(clause{}); e != nil {
				return &quarry.ClaimSource{Type: SourceSpeaker, Entity: e.ID}, true
			}
		}
	}
	// An unnamed speaker: a noun phrase right before the verb ("a
	// spokesperson", or a name no entity holds).
	for k := t - 1; k >= lo && k >= t-6; k-- {
		if strings.HasPrefix(toks[k].Tag, "NN") {
			if d.phrase(k, k+1, cUnnamedSource) > 0 {
				return &quarry.ClaimSource{Type: SourceReported}, true
			}
			return &quarry.ClaimSource{Type: SourceSpeaker}, true
		}
	}
	return nil, false
}

// trailingSpeaker finds an attribution closing sentence si (", a
// spokesperson said.", ", chief executive Oren Vale told reporters."): the
// clause before it is the content.
func (d *docState) trailingSpeaker(si int) (clause, bool) {
	s := d.doc.Sentences[si]
	toks := d.doc.Tokens
	end := s.Last
	for end > s.First && isPunctTok(&toks[end-1]) {
		end--
	}
	if end-s.First < 5 {
		return clause{}, false
	}
	c := end - 1
	for c > s.First+2 && c >= end-10 && toks[c].Norm != "," {
		c--
	}
	if toks[c].Norm != "," || !d.finiteBetween(s.First, c) {
		return clause{}, false
	}
	for t := c + 1; t < end; t++ {
		if !strings.HasPrefix(toks[t].Tag, "VB") {
			continue
		}
		// The speech verb ends the sentence but for its hearer or a time
		// phrase: "told reporters", "said on Monday".
		if !d.isSpeechVerb(t) || end-t > 5 || hasVerb(toks[t+1:end]) {
			return clause{}, false
		}
		if src, ok := d.speaker(c+1, t); ok {
			return clause{sent: si, first: s.First, last: c, src: src}, true
		}
		break
	}
	return clause{}, false
}

// quoteAt returns the quote that holds most of bytes [start, end).
func (d *docState) quoteAt(start, end int) *quarry.Quote {
	for _, qi := range d.quotesOver(start, end) {
		q := &d.out.Quotes[qi]
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
	for i := range toks {
		if t := toks[i].Tag; strings.HasPrefix(t, "VB") || t == "MD" {
			return true
		}
	}
	return false
}

func isNamed(label string) bool {
	return label == quarry.Person || label == quarry.Company || label == quarry.Org
}

// eqFold is strings.EqualFold(a, b) for a lower-case ASCII b. The runes
// that fold to an ASCII letter take one byte, or two (ſ) or three (the
// Kelvin sign), so a shorter or much longer a never matches; ASCII a of
// b's length is compared byte by byte.
func eqFold(a, b string) bool {
	return len(a) >= len(b) && len(a) <= 3*len(b) && eqFoldLen(a, b)
}

func eqFoldLen(a, b string) bool {
	if len(a) == len(b) {
		for i := 0; i < len(a); i++ {
			c := a[i]
			if c >= utf8.RuneSelf {
				return strings.EqualFold(a, b)
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != b[i] {
				return false
			}
		}
		return true
	}
	// Of another length, a matches only through a non-ASCII rune: an
	// ASCII first byte that differs settles it without EqualFold.
	if c := a[0]; c < utf8.RuneSelf {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != b[0] {
			return false
		}
	}
	return strings.EqualFold(a, b)
}

// findHypothetical marks the quoted text that follows a sentence framing an
// imagined scenario ("You can almost see the case study: “...”").
func (d *docState) findHypothetical() {
	if d.cues.all&cHypothetical == 0 {
		return
	}
	for si, s := range d.doc.Sentences {
		framed := false
		for t := d.cues.next(s.First, s.Last, cHypothetical); t < s.Last; t = d.cues.next(t+1, s.Last, cHypothetical) {
			if d.phrase(t, s.Last, cHypothetical) > 0 {
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
