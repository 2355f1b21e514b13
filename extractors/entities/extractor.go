package entities

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// Extractor finds people, companies, organisations, places and other names.
// The model tags the text, seeing rule-set matches as features; rule hits
// the model does not contradict then take precedence (see keepHits), and a
// document-level pass merges mentions into entities.
//
// Stoplists remove model spans only; a kept rule hit always stands.
type Extractor struct {
	model *Model
	rules ruleSource
	// stops keeps rules.stopped of one-word model spans per word, one
	// cache per label of stopLabels (8 bytes a word each): the stoplist
	// was asked again for every mention of a word.
	stops [len(stopLabels)]analysis.WordCache[bool]
}

// stopLabels are the labels whose stoplist answers are kept per word.
var stopLabels = [...]string{quarry.Person, quarry.Org, quarry.Loc, quarry.Misc, quarry.Company}

// Name implements extractors.Extractor.
func (e *Extractor) Name() string { return "entities" }

// Extract fills out.Entities.
func (e *Extractor) Extract(doc *analysis.Doc, out *quarry.Document) error {
	out.Entities = e.Find(doc)
	return nil
}

// hitEntry is a gazetteer entry as the resolver sees it.
type hitEntry struct {
	ID, Name, Label string
	Attrs           map[string]string
}

// ruleHit is a gazetteer or pattern match over tokens [first,last).
type ruleHit struct {
	first, last int
	label       string
	entry       *hitEntry // nil for pattern hits
	pattern     bool
	alias       bool // matched an alias, not the canonical name
}

// ruleSource is what the extractor needs from a rule set.
type ruleSource interface {
	// hits keeps its result in s when s is not nil, until s is put back.
	hits(doc *analysis.Doc, s *scratch) []ruleHit
	stopped(label, text string) bool
	// roles flags tokens inside known titles ("chief operating officer").
	roles(doc *analysis.Doc, flags []bool)
	// lookup finds a gazetteer entry by name or alias.
	lookup(name string) *hitEntry
}

const (
	oModel uint8 = 1 << iota
	oRules
)

// emitted maps rule labels to output labels; others are dropped but still
// block the model (a product name is not a person).
var emitted = map[string]string{
	quarry.Person: quarry.Person, quarry.Company: quarry.Company, quarry.Org: quarry.Org,
	quarry.Loc: quarry.Loc, quarry.Misc: quarry.Misc, "PRODUCT": quarry.Misc, "EVENT": quarry.Misc,
	"GPE": quarry.Loc,
}

type cand struct {
	first, last int // tokens
	start, end  int // bytes
	label       string
	origin      uint8
	weight      int // label vote weight
	entry       *hitEntry
	key         string
	kid         int32 // key's number in the document (see keyNum)
	head        bool
	parent      int
	alias       bool
	conf        float32 // model margin
}

type resolver struct {
	doc   *analysis.Doc
	toks  []analysis.Token
	rules ruleSource
	head  []bool // per token: in a headline
	caps  []bool // per token: in an all-caps headline
	role  []bool // per token: part of a title
	lex   []lexBits
	stops *[len(stopLabels)]analysis.WordCache[bool] // the Extractor's, set by linked
	cands []*cand
	cover []int32 // per token: cand index + 1
	// surnames are the last words of multi-word model person names.
	surnames map[string]bool
	free     []cand // room for new cands (see newCand)
	// kids numbers the keys of the document's mentions, so the passes
	// over them index slices instead of each building maps of strings.
	kids map[string]int32
	keys []string // by number
	// For companyish: by key number, 1 when some mention looks like a
	// company, -1 when none does; the first mention of each key and the
	// next of the same key after each mention.
	bizKey   []int8
	byKey    []int
	nextSame []int
	// work counts the steps of partials, so tests can see it stays linear.
	work int

	// Kept from article to article (see getResolver): the per-token
	// arrays above are cut from these, and build's working arrays too.
	flags   []bool  // head, caps and role
	spanAt  []int32 // keepHits: model span index + 1 per token
	slabs   [][]cand
	nslabs  int   // slabs in use
	ints    []int // for perKey
	tallies []tally
	want    []bool
	sorted  []string
	at      []int32
	groups  []entGroup
	members []*cand
	byEnt   [][]*cand
}

// resolverPool keeps resolvers with their arrays, as scratchPool keeps the
// model's: made afresh for each article they were most of what resolving
// allocated. None of them reaches a record; build copies what does.
var resolverPool = sync.Pool{New: func() any { return new(resolver) }}

// slabSize is the number of cands newCand takes room for at a time.
const slabSize = 64

// getResolver returns a resolver for doc from the pool.
func getResolver(doc *analysis.Doc, rules ruleSource) *resolver {
	r := resolverPool.Get().(*resolver)
	r.doc, r.toks, r.rules = doc, doc.Tokens, rules
	n := len(doc.Tokens)
	r.lex = slices.Grow(r.lex[:0], n)[:n]
	r.flags = slices.Grow(r.flags[:0], 3*n)[:3*n]
	clear(r.flags)
	r.head, r.caps, r.role = r.flags[:n:n], r.flags[n:2*n:2*n], r.flags[2*n:]
	r.cover = slices.Grow(r.cover[:0], n)[:n]
	clear(r.cover)
	return r
}

// putResolver returns r to the pool unless its article was long (see
// analysis.MaxPooledTokens), dropping what would keep the article alive.
func putResolver(r *resolver) {
	if cap(r.cover) > analysis.MaxPooledTokens {
		return
	}
	for _, s := range r.slabs[:r.nslabs] {
		clear(s) // keys may be slices of the text
	}
	clear(r.keys)
	clear(r.sorted)
	clear(r.kids)
	clear(r.surnames)
	clear(r.cands)
	*r = resolver{
		lex: r.lex, cover: r.cover, flags: r.flags, spanAt: r.spanAt,
		cands: r.cands[:0], kids: r.kids, keys: r.keys[:0], surnames: r.surnames,
		slabs: r.slabs, ints: r.ints[:0], tallies: r.tallies, want: r.want, sorted: r.sorted[:0],
		at: r.at, groups: r.groups, members: r.members, byEnt: r.byEnt,
	}
	resolverPool.Put(r)
}

// keyNum returns the number of key in the document, numbering new keys in
// order.
func (r *resolver) keyNum(key string) int32 {
	n, ok := r.kids[key]
	if !ok {
		if r.kids == nil {
			r.kids = make(map[string]int32, 16)
		}
		n = int32(len(r.keys))
		r.kids[key] = n
		r.keys = append(r.keys, key)
	}
	return n
}

// perKey returns a slice with v for each key numbered so far, cut from
// r.ints.
func (r *resolver) perKey(v int) []int {
	n, used := len(r.keys), len(r.ints)
	if cap(r.ints)-used < n {
		// The slices cut before keep the old array.
		used = 0
		r.ints = make([]int, 0, max(2*cap(r.ints), 4*n+64))
	}
	r.ints = r.ints[:used+n]
	s := r.ints[used : used+n : used+n]
	for i := range s {
		s[i] = v
	}
	return s
}

// Find returns the entities of doc, ids e1, e2... in order of first mention.
func (e *Extractor) Find(doc *analysis.Doc) []quarry.Entity {
	s := getScratch()
	defer putScratch(s)
	var hits []ruleHit
	if e.rules != nil {
		hits = e.rules.hits(doc, s)
	}
	var spans []tokSpan
	var infos []tokInfo
	var types []string
	if e.model != nil {
		spans = e.model.tagTokens(doc, s, hits)
		types = e.model.Types
		infos = s.infos
	}
	return e.resolve(doc, spans, types, hits, infos)
}

// resolve applies rules and document-level resolution to model spans.
// infos are the model's infos of doc's tokens, or nil.
func (e *Extractor) resolve(doc *analysis.Doc, spans []tokSpan, types []string, hits []ruleHit, infos []tokInfo) []quarry.Entity {
	r := e.linked(doc, spans, types, hits, infos)
	r.propagate()
	ents := r.build()
	putResolver(r)
	return ents
}

// linked is resolve up to the mentions joined into entities.
func (e *Extractor) linked(doc *analysis.Doc, spans []tokSpan, types []string, hits []ruleHit, infos []tokInfo) *resolver {
	r := getResolver(doc, e.rules)
	r.stops = &e.stops
	toks := doc.Tokens
	lex, role := r.lex[:len(toks)], r.role[:len(toks)]
	if len(infos) == len(toks) {
		// The flags prepare copied with each word's fields: cheaper
		// than a lookup per token.
		for i := range infos {
			x := infos[i].lex
			lex[i] = x
			role[i] = x&lRole != 0
		}
	} else {
		for i := range toks {
			x := lexOf(&toks[i])
			lex[i] = x
			role[i] = x&lRole != 0
		}
	}
	r.headlines()
	if e.rules != nil {
		e.rules.roles(doc, r.role)
		r.addHits(r.keepHits(hits, spans, types))
	}
	for _, sp := range spans {
		r.addModel(sp.first, sp.last, types[sp.typ], sp.conf)
	}
	r.vote()
	r.link()
	return r
}

// headlines flags tokens in all-caps or title-case lines, where case says
// little about names.
func (r *resolver) headlines() {
	for si, s := range r.doc.Sentences {
		cs := r.caseOf(s.First, s.Last)
		caps := cs.allCaps && cs.words > 0
		title := !caps && cs.titleCase(3) && !endsSentence(r.toks[s.First:s.Last]) && r.alone(si)
		first, last := s.First, s.Last
		if !caps && !title && !s.Furniture {
			// A list item's run-in heading: "2. Developer Tools and
			// Automation: Amazon is building ...".
			first, last = r.runIn(s)
		}
		for i := first; i < last; i++ {
			r.head[i] = true
			r.caps[i] = caps
		}
	}
}

// caseCounts are the words of a stretch of tokens by case.
type caseCounts struct {
	words, lower, small int
	allCaps, listy      bool
}

// titleCase: at least min capitalised words, a lower-case "of" or "the"
// between them, no list punctuation.
func (c caseCounts) titleCase(min int) bool {
	return c.words >= min && c.lower == 0 && c.small > 0 && !c.listy
}

// caseOf counts the words of tokens first to last; it stops at the first
// lower-case word once the stretch is not all caps.
func (r *resolver) caseOf(first, last int) caseCounts {
	c := caseCounts{allCaps: true}
	for i := first; i < last; i++ {
		x := r.lex[i]
		if x&lLetter == 0 {
			// Lists and tables, not headlines.
			c.listy = c.listy || x&lListy != 0
			if r.toks[i].Text == "&" {
				c.small++ // "Risks & Rewards"
			}
			continue
		}
		if x&lHasLower != 0 {
			c.allCaps = false
		}
		if x&lSmall != 0 {
			if x&lUpper == 0 {
				c.small++
			}
			continue
		}
		c.words++
		if x&lUpper == 0 {
			c.lower++
			if !c.allCaps {
				// Neither all caps nor title case: most lines stop here.
				break
			}
		}
	}
	return c
}

var personPronoun = map[string]bool{"He": true, "She": true, "They": true, "His": true, "Her": true, "Their": true}

// maxRunIn is the most tokens a run-in heading takes before its colon.
const maxRunIn = 12

// runIn returns the tokens of sentence s's run-in heading, or an empty
// range: after a list marker that opens the sentence ("•", "2."), title
// case up to a colon, and a sentence of prose after it.
func (r *resolver) runIn(s analysis.Sentence) (int, int) {
	k := r.afterMarkers(s.First, s.Last)
	if k == s.First {
		return 0, 0
	}
	for j := k + 1; j < s.Last && j <= k+maxRunIn; j++ {
		if r.toks[j].Text == ":" {
			// Prose follows a heading; a name in a list of people takes
			// a role or a note ("• Ilsa Varga of Pellam: chair").
			// Two words will do there: "2. Pricing and Access: ...".
			// Prose that opens on a pronoun speaks of the item's person
			// ("• Bram Oster of Pellam: He will chair ...").
			if r.caseOf(k, j).titleCase(2) && prose(r.toks[j+1:s.Last]) && !personPronoun[r.toks[j+1].Text] {
				return k, j
			}
			break
		}
	}
	return 0, 0
}

// afterMarkers returns the first token from first on that is no list
// marker ("•", "2.", or "2" and "." apart).
func (r *resolver) afterMarkers(first, last int) int {
	k := first
	for k < last {
		t := r.toks[k].Text
		switch {
		case analysis.IsBulletMark(t) || isListNumber(t):
			k++
		case k+1 < last && listNumeral(t) && (r.toks[k+1].Text == "." || r.toks[k+1].Text == ")") && r.toks[k+1].Start == r.toks[k].End:
			k += 2
		default:
			return k
		}
	}
	return k
}

// isListNumber reports a list item's number: "2.", "3)", "iv.".
func isListNumber(t string) bool {
	n := len(t) - 1
	return n > 0 && (t[n] == '.' || t[n] == ')') && listNumeral(t[:n])
}

// listNumeral reports a number of a list item: up to three digits or
// lower-case roman numerals.
func listNumeral(t string) bool {
	if len(t) == 0 || len(t) > 3 {
		return false
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; (c < '0' || c > '9') && c != 'i' && c != 'v' && c != 'x' {
			return false
		}
	}
	return true
}

// alone reports whether sentence si stands as a title line: the first
// line, or a paragraph of its own, or a line of its own above a paragraph
// (web text puts each heading on one line with no blank line around it)
// and below one: the last row of a table or list, a byline or a caption
// under the title is no heading. Elsewhere a line break can fall
// mid-sentence.
func (r *resolver) alone(si int) bool {
	ss := r.doc.Sentences
	s := ss[si]
	return si == 0 || ownLine(r.doc.Text, s, r.toks[s.First].Text) && endsProse(r.doc.SentenceTokens(si-1)) && r.proseNext(si) ||
		(si+1 == len(ss) || ss[si+1].Para != s.Para) && ss[si-1].Para != s.Para
}

// ownLine reports whether sentence s, whose first token is first, fills a
// line of its own (the segmenter ended it at both line breaks). A bulleted
// line is a list item ("- Best Revival - Hamlet by William Shakespeare"),
// where case still marks names.
func ownLine(text string, s analysis.Sentence, first string) bool {
	return !analysis.IsBulletMark(first) && analysis.WholeLine(text, s)
}

// proseNext reports whether the sentence after sentence si reads as body
// text: a capital first, six tokens or more, a full stop at the end. Below
// a heading comes a paragraph; below a table row, another row, and below a
// line of hard-wrapped prose, its lower-case continuation.
func (r *resolver) proseNext(si int) bool {
	if si+1 >= len(r.doc.Sentences) {
		return false
	}
	return prose(r.doc.SentenceTokens(si + 1))
}

// prose reports whether toks read as a sentence of body text: a capital
// first, six tokens or more, a full stop at the end.
func prose(toks []analysis.Token) bool {
	if len(toks) < 6 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(toks[0].Text)
	return !unicode.IsLower(first) && endsProse(toks)
}

// endsProse reports whether toks end as prose does: a full stop, a
// question or exclamation mark, before any closing quotes or brackets.
func endsProse(toks []analysis.Token) bool {
	last := len(toks) - 1
	for last > 0 && analysis.IsCloser(toks[last].Text) {
		last--
	}
	switch toks[last].Text {
	case ".", "!", "?":
		return true
	}
	return false
}

var smallWords = setOf(`a an the and or but nor of for to in on at by with from as vs vs. via into onto over per up is are was be it its`)

func endsSentence(toks []analysis.Token) bool {
	if len(toks) == 0 {
		return false
	}
	switch toks[len(toks)-1].Text {
	case ".", "!", "?":
		// A short all-words line ending in a period is still a sentence.
		return len(toks) > 6
	}
	return false
}

func hasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

func isCap(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

func lowerNorm(t *analysis.Token) string {
	if t.Norm != "" {
		return t.Lower() // cached per word
	}
	return strings.ToLower(t.Text)
}

// keyOf folds text for matching: lower case, ASCII apostrophes, no spaces.
func keyOf(s string) string {
	fold := false // upper case or spaces
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return keyOfRunes(s)
		case 'A' <= c && c <= 'Z' || c == ' ' || '\t' <= c && c <= '\r':
			fold = true
		}
	}
	if !fold {
		return s
	}
	// ASCII: folded byte by byte (a multi-word name need not go rune by
	// rune through a growing Builder).
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || '\t' <= c && c <= '\r':
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}

// tokKeys keeps keyOf(Text) per word, for tokens whose Text is their Norm
// (Word numbers Norm).
var tokKeys analysis.WordCache[string]

// tokKey is keyOf(t.Text).
func tokKey(t *analysis.Token) string {
	if t.Text != t.Norm {
		return keyOf(t.Text)
	}
	if c := tokKeys.Get(t.Word); c != nil {
		return *c
	}
	k := keyOf(t.Text)
	if t.Word != 0 {
		// A clone: k may be t.Text, a slice of the document.
		tokKeys.Put(t.Word, strings.Clone(k))
	}
	return k
}

func keyOfRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			continue
		case r == '’' || r == '‘':
			r = '\''
		case r == '“' || r == '”':
			r = '"'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func (r *resolver) newCand(first, last int, label string, origin uint8, weight int) *cand {
	// Cands are allocated a batch at a time; one that comes to nothing
	// leaves its slot for the next.
	if len(r.free) == 0 {
		if r.nslabs == len(r.slabs) {
			r.slabs = append(r.slabs, make([]cand, slabSize))
		}
		r.free = r.slabs[r.nslabs]
		r.nslabs++
	}
	c := &r.free[0]
	*c = cand{first: first, last: last, start: r.toks[first].Start, end: r.toks[last-1].End, label: label, origin: origin, weight: weight}
	c.head = r.head[first]
	if r.doc.Sentences[r.toks[first].Sent].Furniture {
		return nil // page furniture names nothing: "Facebook · Twitter · Email"
	}
	r.trimPossessive(c)
	if c.last <= c.first || c.end <= c.start {
		return nil
	}
	if t := &r.toks[c.first]; c.last-c.first == 1 && c.end == t.End && t.Text == r.doc.Text[c.start:c.end] {
		c.key = tokKey(t) // kept per word
	} else {
		c.key = keyOf(r.doc.Text[c.start:c.end])
	}
	r.free = r.free[1:]
	return c
}

// trimPossessive drops a trailing "'s" token or suffix ("Amazon’s" gives
// "Amazon").
func (r *resolver) trimPossessive(c *cand) {
	for c.last > c.first {
		// Nor does a name end in a "." set off by a space, as
		// pre-tokenised text writes "Warner Bros .".
		last := &r.toks[c.last-1]
		if r.lex[c.last-1]&lPossessive == 0 && !(c.last-1 > c.first && last.Text == "." && last.SpaceBefore) {
			break
		}
		c.last--
	}
	if c.last <= c.first {
		return
	}
	c.end = r.toks[c.last-1].End
	t := r.toks[c.last-1].Text
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if len(t) > len(suf) && strings.HasSuffix(t, suf) {
			c.end -= len(suf)
			break
		}
	}
}

func (r *resolver) add(c *cand) {
	if c == nil {
		return
	}
	for i := c.first; i < c.last; i++ {
		if r.cover[i] != 0 {
			return
		}
	}
	c.parent = len(r.cands)
	c.kid = r.keyNum(c.key)
	r.cands = append(r.cands, c)
	for i := c.first; i < c.last; i++ {
		r.cover[i] = int32(c.parent + 1)
	}
}

// hitMargin: a model span surer than this keeps its label against a
// gazetteer alias of another type over the same words ("RBI" in a box
// score is not the Reserve Bank of India). Chosen by cross-validation on
// CoNLL train, above the margins of the seed articles' wrong readings.
var hitMargin float32 = 25

// keepHits drops rule hits the model reads otherwise: a longer name around
// the hit ("Toyota Celica"), a person the article names so ("Yuichi
// Takeda"), a confident label of another type over an alias, or any model
// span over a pattern hit. A listed canonical name beats another label on
// the same words, and a hit around shorter model spans is a longer known
// name; both stay.
func (r *resolver) keepHits(hits []ruleHit, spans []tokSpan, types []string) []ruleHit {
	if len(spans) == 0 {
		return hits
	}
	at := slices.Grow(r.spanAt[:0], len(r.toks))[:len(r.toks)] // model span index + 1 per token
	clear(at)
	r.spanAt = at
	if r.surnames == nil {
		r.surnames = map[string]bool{}
	}
	for k, sp := range spans {
		for i := sp.first; i < sp.last; i++ {
			at[i] = int32(k + 1)
		}
		if types[sp.typ] == quarry.Person && sp.last-sp.first > 1 {
			r.surnames[tokKey(&r.toks[sp.last-1])] = true
		}
	}
	out := hits[:0]
	for _, h := range hits {
		if r.keepHit(h, spans, types, at) {
			out = append(out, h)
		}
	}
	return out
}

func (r *resolver) keepHit(h ruleHit, spans []tokSpan, types []string, at []int32) bool {
	label := emitted[h.label]
	var over []tokSpan
	for i := h.first; i < h.last; i++ {
		if k := at[i]; k != 0 && (len(over) == 0 || over[len(over)-1] != spans[k-1]) {
			over = append(over, spans[k-1])
		}
	}
	if len(over) == 0 {
		return true
	}
	for _, sp := range over {
		if (sp.first < h.first || sp.last > h.last) && r.nameAround(sp, h) {
			return false
		}
	}
	if len(over) == 1 && over[0].first == h.first && over[0].last == h.last {
		ml := types[over[0].typ]
		org := func(l string) bool { return l == quarry.Org || l == quarry.Company }
		if ml == label || org(ml) && org(label) {
			return true
		}
		// A person named so in the article ("Yuichi Takeda") keeps the
		// model's reading.
		if ml == quarry.Person && h.last-h.first == 1 && r.surnames[tokKey(&r.toks[h.first])] {
			return false
		}
		// A listed name beats the model, which learnt from old news where
		// Amazon is a river; a short alias ("RBI" in a box score) only
		// beats an unsure model.
		return !h.alias || over[0].conf < hitMargin
	}
	return !h.pattern
}

// nameAround reports whether the model span reads on past the hit with
// name words only: capitals, "&", "-", small words, no business titles
// ("Amazon CEO Andy Jassy" is two names).
func (r *resolver) nameAround(sp tokSpan, h ruleHit) bool {
	for i := sp.first; i < sp.last; i++ {
		if i >= h.first && i < h.last {
			continue
		}
		t := r.toks[i].Text
		if t == "&" || t == "-" {
			continue
		}
		if x := r.lex[i]; x&(lBusiness|lPunct) != 0 || x&(lCap|lSmall) == 0 {
			return false
		}
	}
	return true
}

// addHits accepts gazetteer hits before patterns, longer before shorter.
func (r *resolver) addHits(hits []ruleHit) {
	slices.SortStableFunc(hits, func(a, b ruleHit) int {
		if a.pattern != b.pattern {
			if !a.pattern {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(b.last-b.first, a.last-a.first); c != 0 {
			return c
		}
		return cmp.Compare(a.first, b.first)
	})
	for _, h := range hits {
		if h.first >= h.last {
			continue
		}
		label, ok := emitted[h.label]
		w := 100
		if h.pattern {
			w = 10
		}
		// Mentions leave out determiners ("the Fed" gives "Fed").
		// A capitalised "The" goes too unless the name has it ("The Times").
		for h.last-h.first > 1 && r.lex[h.first]&lSmall != 0 &&
			(r.lex[h.first]&lCap == 0 || h.entry != nil && !strings.HasPrefix(strings.ToLower(h.entry.Name), lowerNorm(&r.toks[h.first])+" ")) {
			h.first++
		}
		if label != quarry.Company && label != quarry.Org && h.entry != nil && r.rules != nil {
			// "GitHub Copilot": the maker, then the product.
			for k := h.last - 1; k > h.first; k-- {
				e := r.rules.lookup(r.doc.Text[r.toks[h.first].Start:r.toks[k-1].End])
				if e != nil && (e.Label == quarry.Company || e.Label == quarry.Org) {
					if c := r.newCand(h.first, k, e.Label, oRules, w); c != nil {
						c.entry = e
						r.add(c)
					}
					h.first = k
					break
				}
			}
		}
		entry := h.entry
		if (label == quarry.Company || label == quarry.Org) && r.indexAfter(h.last) {
			// "the Dow Jones industrial average", "the Nasdaq composite":
			// the market index, not the company.
			label, entry = quarry.Misc, nil
		}
		c := r.newCand(h.first, h.last, label, oRules, w)
		if c == nil {
			continue
		}
		c.entry = entry
		if !ok {
			// Blocks the model but is not emitted.
			c.label = ""
		}
		r.add(c)
	}
}

// addModel adds a model span, cut around rule hits and cleaned of titles.
func (r *resolver) addModel(first, last int, label string, conf float32) {
	if (label == quarry.Org || label == quarry.Company) && r.indexAfter(last) {
		label = quarry.Misc // "the Nikkei average"
	}
	if (label == quarry.Loc || label == quarry.Misc || label == quarry.Person && (first == 0 || !r.role[first-1])) && last-first >= 2 && r.lex[last-1]&lCorp != 0 {
		// "Halvern Systems", "Sudan Airways", "Kellin Pharma": a name
		// ending in a business word is an organisation, whatever its first
		// words suggest.
		label = quarry.Org
	}
	if r.extendsHits(first, last, label) {
		for i := first; i < last; i++ {
			if o := r.cover[i]; o != 0 {
				r.cands[o-1].label = ""
				r.cover[i] = 0
			}
		}
	}
	for i := first; i < last; {
		if r.cover[i] != 0 {
			i++
			continue
		}
		j := i
		for j < last && r.cover[j] == 0 {
			j++
		}
		r.addPiece(i, j, label, i > first || j < last, conf)
		i = j
	}
}

// indexWords after a name make it a market index ("Nasdaq composite").
var indexWords = setOf(`index indexes indices composite average averages industrial industrials`)

// indexAfter reports whether token k names a market index for the name
// before it.
func (r *resolver) indexAfter(k int) bool {
	return k < len(r.toks) && r.lex[k]&(lIndex|lCap) == lIndex
}

// extendsHits reports whether a model span is a longer name around rule hits
// of a compatible label ("Kurdistan Democratic Party" around "Democratic
// Party"): then the model's span wins. Titles or punctuation outside the
// hits ("Amazon CEO Andy Jassy") mean separate names.
func (r *resolver) extendsHits(first, last int, label string) bool {
	hit, free := false, false
	for i := first; i < last; i++ {
		o := r.cover[i]
		if o == 0 {
			t, x := r.toks[i].Text, r.lex[i]
			if r.role[i] || x&lPunct != 0 && t != "&" && t != "-" || x&(lCap|lSmall) == 0 {
				return false
			}
			free = true
			continue
		}
		c := r.cands[o-1]
		if c.first < first || c.last > last || c.entry == nil {
			return false
		}
		org := func(l string) bool { return l == quarry.Org || l == quarry.Company }
		if c.label != label && !(org(c.label) && org(label)) {
			return false
		}
		hit = true
	}
	return hit && free
}

func (r *resolver) addPiece(first, last int, label string, cut bool, conf float32) {
	// Leading titles and lower-case words are context, not name
	// ("CEO Andy Jassy", "the Anthropic").
	for first < last {
		x := r.lex[first]
		lead := x&lCap == 0 && !r.head[first]
		if lead && (x&lHasUpper != 0 || x&lParticle != 0 && first+1 < last && r.lex[first+1]&lCap != 0) {
			// "neo-Nazi", "de Klerk".
			lead = false
		}
		if r.role[first] && (label == quarry.Person || cut) && last-first > 1 || lead || x&lPunct != 0 {
			first++
			continue
		}
		break
	}
	for last > first && r.lex[last-1]&(lPunct|lPossessive) == lPunct && !r.closes(first, last-1) {
		last--
	}
	if first >= last {
		return
	}
	if pluralAcronym(r.toks[first].Text) && last-first == 1 && label != quarry.Misc {
		// "SMBs", "LLMs": a class of things, not a name.
		return
	}
	c := r.newCand(first, last, label, oModel, 1)
	if c == nil {
		return
	}
	c.conf = conf
	text := r.doc.Text[c.start:c.end]
	if r.rules != nil && r.stopped(c, label, text) {
		return
	}
	if r.lex[c.last-1]&lStrong != 0 && c.last-c.first > 1 {
		c.label = quarry.Company
	}
	allRole, roleWord := true, false
	for i := c.first; i < c.last; i++ {
		if !r.role[i] {
			allRole = false
		}
		roleWord = roleWord || r.lex[i]&lRole != 0
	}
	if label == quarry.Misc && !roleWord {
		// "European" in "European Commissioner" is a name inside a title.
		allRole = false
	}
	if allRole || !hasUpperOrDigit(text) {
		return
	}
	if label != quarry.Person && r.lex[c.last-1]&lRole != 0 && r.inByline(c.first) {
		return // "By Ilsa Varga, Health Correspondent"
	}
	r.add(c)
}

// inByline reports whether token k follows a comma in a byline, a line
// that opens "By" and a name: what follows the name is the writer's beat
// and role.
func (r *resolver) inByline(k int) bool {
	s := r.doc.Sentences[r.toks[k].Sent]
	if r.toks[s.First].Text != "By" || !analysis.WholeLine(r.doc.Text, s) || endsProse(r.toks[s.First:s.Last]) {
		return false // "By Friday, the Ministry of Justice said ... ." is prose
	}
	for i := s.First + 1; i < k; i++ {
		if r.toks[i].Text == "," {
			return i > s.First+1
		}
		if r.lex[i]&(lCap|lSmall) == 0 {
			return false // "By contrast, ...": no name after "By"
		}
	}
	return false
}

// stopped is r.rules.stopped(label, text) for c's text, kept per word
// when c is one whole token spelt as its Norm (which Word numbers).
func (r *resolver) stopped(c *cand, label, text string) bool {
	t := &r.toks[c.first]
	if c.last-c.first != 1 || text != t.Text || t.Text != t.Norm {
		return r.rules.stopped(label, text)
	}
	li := slices.Index(stopLabels[:], label)
	if li < 0 {
		return r.rules.stopped(label, text)
	}
	cache := &r.stops[li]
	if v := cache.Get(t.Word); v != nil {
		return *v
	}
	v := r.rules.stopped(label, text)
	cache.Put(t.Word, v)
	return v
}

// closes reports whether token k is a ")" that closes a "(" in [first,k):
// "Mladost ( L )" keeps its bracket.
func (r *resolver) closes(first, k int) bool {
	if r.toks[k].Text != ")" {
		return false
	}
	for i := first; i < k; i++ {
		if r.toks[i].Text == "(" {
			return true
		}
	}
	return false
}

func pluralAcronym(s string) bool {
	return len(s) >= 3 && s[len(s)-1] == 's' && upperCount(s[:len(s)-1]) == len(s)-1
}

func hasUpperOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func isPunct(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// voteMargin: a model mention surer than this keeps its own label, since
// its context clearly says what it is. The second pass already makes
// labels consistent, so only unsure mentions vote.
var voteMargin float32 = 4

// vote gives every model mention of one string the label most mentions of
// that string carry; rule hits count more.
func (r *resolver) vote() {
	// Only the strings of unsure model mentions need a tally.
	var votes []tally
	var want []bool
	for _, c := range r.cands {
		if c.origin == oModel && c.conf < voteMargin {
			if want == nil {
				n := len(r.keys)
				votes = slices.Grow(r.tallies[:0], n)[:n]
				for k := range votes {
					votes[k] = votes[k][:0]
				}
				want = slices.Grow(r.want[:0], n)[:n]
				clear(want)
				r.tallies, r.want = votes, want
			}
			want[c.kid] = true
		}
	}
	if want == nil {
		return
	}
	for _, c := range r.cands {
		if c.label != "" && want[c.kid] {
			votes[c.kid] = votes[c.kid].add(c.label, c.weight)
		}
	}
	for _, c := range r.cands {
		if c.origin == oModel && c.conf < voteMargin {
			c.label = votes[c.kid].best(c.label)
		}
	}
}

// tally adds up votes for labels; with the few labels there are, a list
// is cheaper than a map.
type tally []labelVotes

type labelVotes struct {
	label string
	votes int
}

func (t tally) add(label string, votes int) tally {
	for i := range t {
		if t[i].label == label {
			t[i].votes += votes
			return t
		}
	}
	return append(t, labelVotes{label, votes})
}

// best is the label with most votes, ties going to the first in
// alphabetical order, or def when no label has more votes than it.
func (t tally) best(def string) string {
	bl, bw := def, 0
	for _, v := range t {
		if v.label == def {
			bw = v.votes
		}
	}
	for _, v := range t {
		if v.votes > bw || v.votes == bw && v.label < bl {
			bl, bw = v.label, v.votes
		}
	}
	return bl
}

func (r *resolver) find(i int) int {
	for r.cands[i].parent != i {
		r.cands[i].parent = r.cands[r.cands[i].parent].parent
		i = r.cands[i].parent
	}
	return i
}

func (r *resolver) union(a, b int) {
	a, b = r.find(a), r.find(b)
	if a == b {
		return
	}
	if b < a {
		a, b = b, a
	}
	r.cands[b].parent = a
}

// sameThing says whether two mentions of one key and one label name one
// thing: two gazetteer entries must be the same entry.
func sameThing(a, b *cand) bool {
	return a.entry == nil || b.entry == nil || a.entry.ID == b.entry.ID
}

type kidLabel struct {
	kid   int32
	label string
}

// link joins mentions of one thing: same string, same gazetteer entry,
// defined aliases, surnames and names without their corporate suffix.
func (r *resolver) link() {
	byKey := r.perKey(-1) // the first labelled mention of each key
	// The first of each other label, for keys whose mentions carry more
	// than one: "Time Warner" read as a person first must not keep the
	// seven "TimeWarner" organisations after it apart from each other.
	var byLabel map[kidLabel]int
	// A key the model alone read as a person and as something else names
	// one thing, whose label build votes on: over BBC nearly every such
	// pair was one ("Chelsea" a club and a person, "Maruti" a company and
	// a person), and CoNLL dev scores did not move. The person joins the
	// first other label only, so a place and an organisation of one name
	// stay apart ("Wales" the country and the team): merging those too
	// cost 0.6 F1.
	person, other := r.perKey(-1), r.perKey(-1) // first such mention of each key
	byID := map[string]int{}
	for i, c := range r.cands {
		if c.label == "" {
			continue
		}
		switch j := byKey[c.kid]; {
		case j < 0:
			byKey[c.kid] = i
		case r.cands[j].label == c.label:
			if sameThing(r.cands[j], c) {
				r.union(j, i)
			}
		case c.entry == nil:
			k := kidLabel{c.kid, c.label}
			if j, ok := byLabel[k]; ok {
				r.union(j, i)
			} else {
				if byLabel == nil {
					byLabel = map[kidLabel]int{}
				}
				byLabel[k] = i
			}
		}
		if c.entry == nil && c.origin == oModel {
			at := other
			if c.label == quarry.Person {
				at = person
			}
			if at[c.kid] < 0 {
				at[c.kid] = i
			}
		}
		if c.entry != nil && c.entry.ID != "" {
			if j, ok := byID[c.entry.ID]; ok {
				r.union(j, i)
			} else {
				byID[c.entry.ID] = i
			}
		}
	}
	for kid, p := range person {
		if p >= 0 && other[kid] >= 0 {
			r.union(p, other[kid])
		}
	}
	r.aliases()
	r.partials()
	r.firstNames()
}

// aliases handles "Amazon Web Services (AWS)": the bracketed short form
// names the same thing.
func (r *resolver) aliases() {
	n := len(r.cands)
	for i := 0; i < n; i++ {
		c := r.cands[i]
		if c.label == "" || c.last+2 >= len(r.toks) || r.toks[c.last].Text != "(" {
			continue
		}
		j := c.last + 1
		k := j
		for k < len(r.toks) && k-j < 3 && r.toks[k].Text != ")" {
			k++
		}
		if k >= len(r.toks) || r.toks[k].Text != ")" || k == j {
			continue
		}
		text := r.doc.Text[r.toks[j].Start:r.toks[k-1].End]
		if c.label == quarry.Person || !abbreviates(text, r.doc.Text[c.start:c.end]) {
			continue
		}
		if o := r.cover[j]; o != 0 {
			a := r.cands[o-1]
			if a.first == j && a.last == k && (a.entry == nil || c.entry == nil || a.entry.ID == c.entry.ID) {
				if a.origin == oModel {
					a.label = c.label
				}
				a.alias = true
				r.union(i, int(o-1))
			}
			continue
		}
		a := r.newCand(j, k, c.label, c.origin, 0)
		if a == nil {
			continue
		}
		a.alias = true
		r.add(a)
		if len(r.cands) > 0 && r.cands[len(r.cands)-1] == a {
			r.union(i, len(r.cands)-1)
		}
	}
}

// abbreviates reports whether short is an acronym of name: its capitals
// appear in order in name, starting with name's first letter
// ("AWS" of "Amazon Web Services", "SEC" of "Securities and Exchange Commission").
func abbreviates(short, name string) bool {
	var caps []rune
	for _, r := range short {
		if unicode.IsUpper(r) {
			caps = append(caps, r)
		} else if !unicode.IsLower(r) && r != '.' && r != '&' {
			return false
		}
	}
	if len(caps) < 2 {
		return false
	}
	name = strings.ToUpper(name)
	first, _ := utf8.DecodeRuneInString(name)
	if first != caps[0] {
		return false
	}
	i := 0
	for _, r := range name {
		if i < len(caps) && r == caps[i] {
			i++
		}
	}
	return i == len(caps)
}

func upperCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n
}

// surnameKey is the last name of a multi-word person name, or "".
func (r *resolver) surnameKey(c *cand) string {
	last := c.last - 1
	for last > c.first && r.lex[last]&lNameSuffix != 0 {
		last--
	}
	if last <= c.first || !isCap(r.toks[last].Text) {
		return ""
	}
	k := tokKey(&r.toks[last])
	if len(k) < 2 {
		return ""
	}
	return k
}

var nameSuffixes = setOf(`jr sr ii iii iv`)

// honorifics may precede a surname that stands for a full name.
var honorifics = setOf(`mr mrs ms miss dr prof sir dame lord lady`)

// partials joins "Jassy" to "Andy Jassy" and "Pirelli" to "Pirelli SpA".
// Full names are indexed by the key and length a shorter mention would
// have, and which of them a mention may join depends only on that key,
// length and whether the mention is an organisation; so each such group is
// worked out once and sorted by position, and the pass stays n log n in the
// number of mentions (a surname said thousands of times in a long article
// against hundreds of full names was quadratic).
func (r *resolver) partials() {
	// index numbers the lists of full names by the key of their short
	// forms, from 1.
	index := map[string]int32{}
	var lists []fullNames
	add := func(key string, fu fullName) {
		li := index[key]
		if li == 0 {
			lists = append(lists, fullNames{})
			li = int32(len(lists))
			index[key] = li
		}
		lists[li-1].names = append(lists[li-1].names, fu)
	}
	var b strings.Builder
	prefixes := map[string]string{} // prefix key -> the full name's key, "" when two names share it
	// Every key numbered so far is some mention's.
	seen := r.perKey(0)              // labelled mentions per key
	firstAt := r.perKey(math.MaxInt) // where the key is first mentioned
	for _, c := range r.cands {
		if c.label != "" {
			seen[c.kid]++
		}
		firstAt[c.kid] = min(firstAt[c.kid], c.start)
	}
	// firstOf is where key is first mentioned, or 0 when it is not.
	firstOf := func(key string) int {
		if n, ok := r.kids[key]; ok {
			return firstAt[n]
		}
		return 0
	}
	for j, f := range r.cands {
		if f.label == "" || f.last-f.first < 2 {
			continue
		}
		switch f.label {
		case quarry.Person:
			if k := r.surnameKey(f); k != "" {
				add(k, fullName{j, 1, true, false})
			}
		case quarry.Org, quarry.Company:
			// Every stem that leaves only corporate suffixes behind.
			n := f.last - f.first
			legal := true
			core := f.key // the name without its suffixes, to tell names apart
			for n > 1 && r.lex[f.first+n-1]&(lCorp|lPunct) != 0 {
				legal = legal && r.lex[f.first+n-1]&(lStrong|lPunct) != 0
				n--
				b.Reset()
				for k := f.first; k < f.first+n; k++ {
					b.WriteString(tokKey(&r.toks[k]))
				}
				core = b.String()
				add(core, fullName{j, n, legal, false})
			}
			// A span in a headline may run past the name ("Tarnby Unveils
			// Foldable Phone"): only a name that ends in a business word
			// or recurs gives short forms. Every name still makes the
			// prefixes it shares with others ambiguous.
			business := r.lex[f.last-1]&lCorp != 0
			gives := !f.head && (business || seen[f.kid] >= 2)
			b.Reset()
			for n := 1; n < f.last-f.first; n++ {
				t := &r.toks[f.first+n-1]
				b.WriteString(tokKey(t))
				// Not "Bank" of "Bank of England", nor "Pell" of "Pell & Varga".
				if r.lex[f.first+n-1]&(lCap|lConnector) != lCap || r.lex[f.first+n]&lConnector != 0 {
					continue
				}
				k := b.String()
				if prev, ok := prefixes[k]; ok && prev != core {
					prefixes[k] = ""
				} else if !ok {
					prefixes[k] = core
				}
				if gives {
					add(k, fullName{j, n, business, true})
				}
			}
		}
	}
	if len(index) == 0 {
		return
	}
	// joins reports whether a mention with key, n words and org may join
	// the full name fu.
	joins := func(fu fullName, key string, n int, org bool) bool {
		if !fu.prefix {
			return fu.legal || org
		}
		// A first-words short form: unambiguous, after the full name (as
		// news writing introduces them), and an organisation, or one word
		// written like a company somewhere, of a name ending in a
		// business word ("Halvern" of "Halvern Systems"; not "New York"
		// of "New York Times"). fu.legal marks that ending here.
		f := r.cands[fu.idx]
		return prefixes[key] != "" && f.key != key && firstAt[f.kid] <= firstOf(key) &&
			(org || n == 1 && fu.legal && r.companyish(key))
	}
	// listOf: by key number, index[key] for a mention's own key once
	// looked up (-1 before), as most keys are said more than once.
	listOf := r.perKey(-1)
	for i, c := range r.cands {
		if c.entry != nil || c.label == "" || c.alias {
			continue
		}
		key, n := c.key, c.last-c.first
		var li int32
		if c.label == quarry.Person && n >= 2 && n <= 3 && r.lex[c.first]&lHonorific != 0 &&
			(n == 2 || r.toks[c.first+1].Text == ".") {
			// "Dr. Okafor" joins "Dana Okafor" as "Okafor" would.
			key, n = tokKey(&r.toks[c.last-1]), 1
			li = index[key]
		} else if l := listOf[c.kid]; l >= 0 {
			li = int32(l)
		} else {
			li = index[key]
			listOf[c.kid] = int(li)
		}
		if li == 0 {
			continue
		}
		l := &lists[li-1]
		org := c.label == quarry.Org || c.label == quarry.Company
		g := l.group(n, org)
		if g == nil {
			l.groups = append(l.groups, fullGroup{n: n, org: org})
			g = &l.groups[len(l.groups)-1]
			for _, fu := range l.names {
				r.work++
				if fu.n == n && joins(fu, key, n, org) {
					g.add(fu.idx, r.cands[fu.idx].start)
				}
			}
			g.sort()
		}
		if best := g.pick(i, c.start, &r.work); best >= 0 {
			c.label = r.cands[best].label
			r.union(best, i)
		}
	}
}

// firstNames joins "Ozzy" to "Ozzy Osbourne": a person named by one word
// after a full name that starts with it is that person, when no other
// person's full name starts with it and none ends with it (a surname
// belongs to partials). Mentions of one key are linked already, so one
// such mention after the full name joins them all ("Ozzy. Ozzy Osbourne.
// Ozzy." is one person). Over BBC one first name in six stood apart,
// mostly in quotes and in sport.
func (r *resolver) firstNames() {
	// By the key number of a first name: the first mention of the one
	// full name it opens, -1 for none, -2 once two people share it.
	full, surname := r.perKey(-1), r.perKey(0)
	for j, f := range r.cands {
		if f.label != quarry.Person || f.last-f.first < 2 {
			continue
		}
		if k := r.surnameKey(f); k != "" {
			if n, ok := r.kids[k]; ok {
				surname[n] = 1
			}
		}
		if r.lex[f.first]&(lHonorific|lCap) != lCap {
			continue // "Mr Blair": the honorific is no first name
		}
		n, ok := r.kids[tokKey(&r.toks[f.first])]
		if !ok {
			continue // no mention is the first name alone
		}
		switch fu := full[n]; {
		case fu == -1:
			full[n] = j
		case fu == -2:
		case r.cands[fu].kid != f.kid:
			full[n] = -2
		case f.start < r.cands[fu].start:
			full[n] = j
		}
	}
	for i, c := range r.cands {
		if c.label != quarry.Person || c.last-c.first != 1 || c.entry != nil || c.alias {
			continue
		}
		if fu := full[c.kid]; fu >= 0 && surname[c.kid] == 0 && r.cands[fu].start < c.start {
			r.union(fu, i)
		}
	}
}

// fullName is a full name a short form may stand for. legal: only legal
// forms were cut ("Pirelli SpA"), for a stem; a stem of "Sudan Airways"
// may well be the country. For a prefix (the name's first words,
// "Quillmore" of "Quillmore Vantage Holdings", not a cut of its legal
// form), legal says the name ends in a business word.
type fullName struct {
	idx, n        int // n: the short form's words
	legal, prefix bool
}

// fullNames are the full names with short forms of one key, and the
// groups of them that short forms asked for.
type fullNames struct {
	names  []fullName
	groups []fullGroup
}

// group returns the full names a short form of n words may join, or nil
// when not yet worked out.
func (l *fullNames) group(n int, org bool) *fullGroup {
	for k := range l.groups {
		if l.groups[k].n == n && l.groups[k].org == org {
			return &l.groups[k]
		}
	}
	return nil
}

// fullGroup is the full names one kind of short form may join (of n
// words, an organisation or not), in the order of the mentions (see pick).
type fullGroup struct {
	n       int
	org     bool
	names   []fullAt // in order
	byStart []fullAt // by start; among equal starts, the last in order first
}

type fullAt struct{ start, idx int }

func (g *fullGroup) add(idx, start int) {
	g.names = append(g.names, fullAt{start, idx})
}

func (g *fullGroup) sort() {
	if len(g.names) < 2 {
		g.byStart = g.names
		return
	}
	g.byStart = make([]fullAt, len(g.names))
	for k, f := range g.names {
		// Numbered by order, to break ties between equal starts.
		g.byStart[k] = fullAt{f.start, k}
	}
	slices.SortFunc(g.byStart, func(a, b fullAt) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		return cmp.Compare(b.idx, a.idx)
	})
	for k := range g.byStart {
		g.byStart[k].idx = g.names[g.byStart[k].idx].idx
	}
}

// pick returns the full name mention i at start joins, or -1: the nearest
// before the mention (the first in order among equal starts), else the
// first in order, as the walk over all of them that this replaces chose;
// that walk also kept a first one that starts where the mention does.
// work counts the steps.
func (g *fullGroup) pick(i, start int, work *int) int {
	first := -1
	for _, f := range g.names {
		*work++
		if f.idx != i {
			first = f.idx
			if f.start == start {
				return first
			}
			break
		}
	}
	if first < 0 {
		return -1
	}
	// A mention never starts before itself, so i is not among these.
	p, _ := slices.BinarySearchFunc(g.byStart, start, func(f fullAt, s int) int { return cmp.Compare(f.start, s) })
	*work++
	if p == 0 {
		return first
	}
	return g.byStart[p-1].idx
}

// companyish reports whether some mention of key has business words around
// it; asked only of place-like short forms, so worked out when asked.
func (r *resolver) companyish(key string) bool {
	kid, ok := r.kids[key]
	if !ok {
		return false
	}
	if r.bizKey == nil {
		// Mentions chained by key, so each key's are looked at once.
		r.bizKey = make([]int8, len(r.keys))
		r.byKey = r.perKey(-1)
		r.nextSame = make([]int, len(r.cands))
		for i := len(r.cands) - 1; i >= 0; i-- {
			c := r.cands[i]
			r.nextSame[i] = r.byKey[c.kid]
			r.byKey[c.kid] = i
		}
	}
	if r.bizKey[kid] == 0 {
		r.bizKey[kid] = -1
		for i := r.byKey[kid]; i >= 0; i = r.nextSame[i] {
			r.work++
			if r.looksLikeCompany(r.cands[i : i+1]) {
				r.bizKey[kid] = 1
				break
			}
		}
	}
	return r.bizKey[kid] > 0
}

// propagate adds unlabelled occurrences of known names (and of person
// surnames), so one string gets one entity throughout the article.
func (r *resolver) propagate() {
	// src: by key number, the mention a name is copied from, or -1.
	src := r.perKey(-1)
	nkeys, maxLen := 0, 0
	for i, c := range r.cands {
		if c.label == "" || c.head {
			continue
		}
		if src[c.kid] < 0 {
			src[c.kid] = i
			nkeys++
		}
		if c.last-c.first > maxLen {
			maxLen = c.last - c.first
		}
	}
	for i, c := range r.cands {
		if c.label == quarry.Person && c.entry == nil && !c.head {
			if k := r.surnameKey(c); k != "" {
				n := int(r.keyNum(k))
				for len(src) <= n {
					src = append(src, -1)
				}
				if src[n] < 0 {
					src[n] = i
					nkeys++
				}
			}
		}
	}
	// In headlines, a model span must name something the body names, unless
	// the line is all caps (the model has learnt those).
	for _, c := range r.cands {
		if c.head && c.origin == oModel && !r.caps[c.first] && src[c.kid] < 0 {
			c.label = ""
		}
	}
	if nkeys == 0 {
		return
	}
	// sorted lets a run of tokens stop as soon as it starts no key.
	sorted := slices.Grow(r.sorted[:0], nkeys)
	for n, i := range src {
		if i >= 0 {
			sorted = append(sorted, r.keys[n])
		}
	}
	slices.Sort(sorted)
	r.sorted = sorted
	var b []byte // string(b) in an index or comparison does not allocate
	// Cut to one length, so the scan of every token checks no bounds.
	lex := r.lex[:len(r.toks)]
	head, cover := r.head[:len(lex)], r.cover[:len(lex)]
	next := 0 // the token after the last name added
	for i := range lex {
		if lex[i]&lCap == 0 && !head[i] || cover[i] != 0 || i < next {
			continue
		}
		b = b[:0]
		for n := 1; n <= maxLen && i+n <= len(lex); n++ {
			j := i + n - 1
			if cover[j] != 0 {
				break
			}
			b = append(b, tokKey(&r.toks[j])...)
			// Mentions added below are numbered past src.
			kid, ok := r.kids[string(b)]
			ok = ok && int(kid) < len(src) && src[kid] >= 0
			if !ok {
				if !startsSome(sorted, b) {
					break
				}
				continue
			}
			// The whole token must be the name, or the name plus "'s".
			f := r.cands[src[kid]]
			c := r.newCand(i, i+n, f.label, f.origin, 0)
			if c == nil || c.key != string(b) && !(len(b) == len(c.key)+2 && string(b[len(c.key):]) == "'s" && string(b[:len(c.key)]) == c.key) {
				continue
			}
			c.entry = f.entry
			r.add(c)
			r.union(src[kid], len(r.cands)-1)
			next = j + 1
			break
		}
	}
}

// startsSome reports whether some string of sorted starts with b.
func startsSome(sorted []string, b []byte) bool {
	lo, hi := 0, len(sorted)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if sorted[m] < string(b) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(sorted) && strings.HasPrefix(sorted[lo], string(b))
}

var businessRoles = setOf(`ceo cfo cto coo cmo cio founder co-founder cofounder chairman chairwoman chief executive`)

// entGroup is the mentions under one root, in build.
type entGroup struct{ root, size, first int }

// build groups mentions into entities.
func (r *resolver) build() []quarry.Entity {
	// at[root]-1 is the root's group; groups are put in order of first
	// mention before they are filled, so each fills its entity in place.
	at := slices.Grow(r.at[:0], len(r.cands))[:len(r.cands)]
	clear(at)
	r.at = at
	gs := r.groups[:0]
	for i, c := range r.cands {
		if c.label == "" {
			continue
		}
		root := r.find(i)
		if at[root] == 0 {
			gs = append(gs, entGroup{root: root, first: c.start})
			at[root] = int32(len(gs))
		}
		g := &gs[at[root]-1]
		g.size++
		g.first = min(g.first, c.start)
	}
	r.groups = gs
	slices.SortStableFunc(gs, func(a, b entGroup) int { return cmp.Compare(a.first, b.first) })
	// The groups, counted first, share one array rather than each growing
	// its own; so do the entities' mentions.
	groups := slices.Grow(r.byEnt[:0], len(gs))[:len(gs)]
	members := slices.Grow(r.members[:0], len(r.cands))[:len(r.cands)]
	r.byEnt, r.members = groups, members
	n := 0
	for k, g := range gs {
		at[g.root] = int32(k + 1)
		groups[k] = members[n : n : n+g.size]
		n += g.size
	}
	for i, c := range r.cands {
		if c.label != "" {
			g := at[r.find(i)] - 1
			groups[g] = append(groups[g], c)
		}
	}
	ents := make([]quarry.Entity, len(gs))
	mentions := make([]quarry.Mention, 0, n)
	var votes tally
	for k, cs := range groups {
		// Labelled mentions cover different tokens, so starts differ.
		slices.SortFunc(cs, func(a, b *cand) int { return cmp.Compare(a.start, b.start) })
		e := &ents[k]
		e.ID = entityID(k)
		votes = votes[:0]
		var origin uint8
		var entry *hitEntry
		for _, c := range cs {
			votes = votes.add(c.label, c.weight+1)
			origin |= c.origin
			if c.entry != nil && entry == nil {
				entry = c.entry
			}
			mentions = append(mentions, quarry.Mention{Start: c.start, End: c.end, Text: r.doc.Text[c.start:c.end]})
		}
		// Capped, so that appending to one entity's mentions copies them.
		e.Mentions = mentions[len(mentions)-len(cs) : len(mentions) : len(mentions)]
		e.Label = votes.best(cs[0].label)
		if entry != nil {
			e.Name = entry.Name
			if len(entry.Attrs) > 0 {
				e.Attrs = map[string]string{}
				for k, v := range entry.Attrs {
					e.Attrs[k] = v
				}
			}
		} else {
			e.Name = r.bestName(cs)
		}
		switch origin {
		case oModel:
			e.Origin = "model"
		case oRules:
			e.Origin = "rules"
		default:
			e.Origin = "model+rules"
		}
	}
	// Titles and affiliations, then companies told from other organisations.
	entOf := func(tok int) *quarry.Entity {
		if tok < 0 || tok >= len(r.cover) || r.cover[tok] == 0 {
			return nil
		}
		c := r.cands[r.cover[tok]-1]
		if c.label == "" {
			return nil
		}
		return &ents[at[r.find(int(r.cover[tok]-1))]-1]
	}
	business := map[*quarry.Entity]bool{}
	for k := range ents {
		e := &ents[k]
		if e.Label != quarry.Person {
			continue
		}
		for _, c := range groups[k] {
			title, aff := r.titleOf(c, func(tok int) *quarry.Entity {
				if a := entOf(tok); a != nil && (a.Label == quarry.Org || a.Label == quarry.Company) {
					return a
				}
				return nil
			})
			if title == "" && aff == nil {
				continue
			}
			if e.Title == "" {
				e.Title = title
			}
			if e.Affiliation == "" && aff != nil {
				e.Affiliation = aff.ID
				if title != "" && r.isBusinessTitle(title) {
					business[aff] = true
				}
			}
			if e.Title != "" && e.Affiliation != "" {
				break
			}
		}
	}
	for k := range ents {
		e := &ents[k]
		if e.Label == quarry.Org && (business[e] || r.looksLikeCompany(groups[k])) {
			hasEntry := false
			for _, c := range groups[k] {
				if c.entry != nil {
					hasEntry = true
				}
			}
			if !hasEntry {
				e.Label = quarry.Company
			}
		}
	}
	return ents
}

// entityIDs are the ids most articles need, made once.
var entityIDs = func() []string {
	ids := make([]string, 128)
	for i := range ids {
		ids[i] = "e" + strconv.Itoa(i+1)
	}
	return ids
}()

// entityID is the id of the i'th entity (from 0).
func entityID(i int) string {
	if i < len(entityIDs) {
		return entityIDs[i]
	}
	return "e" + strconv.Itoa(i+1)
}

func (r *resolver) isBusinessTitle(title string) bool {
	for _, w := range strings.Fields(strings.ToLower(title)) {
		if businessRoles[w] {
			return true
		}
	}
	return false
}

// bestName is the longest mention outside headlines, spaces collapsed.
func (r *resolver) bestName(cs []*cand) string {
	var name string
	head := true
	for _, c := range cs {
		// Collapsing never lengthens a mention, so one no longer than the
		// name so far in the same kind of line need not be collapsed.
		if head && !c.head || head == c.head && c.end-c.start > len(name) {
			if t := collapseSpaces(r.doc.Text[c.start:c.end]); head && !c.head || len(t) > len(name) {
				name, head = t, c.head
			}
		}
	}
	return name
}

// collapseSpaces is strings.Join(strings.Fields(s), " "), without
// allocating for the usual name of ASCII words one space apart.
func collapseSpaces(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || '\t' <= c && c <= '\r' ||
			c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' ') {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

// looksLikeCompany: a corporate suffix in a name or business words around a
// mention ("a stake in X", "X shares").
func (r *resolver) looksLikeCompany(cs []*cand) bool {
	for _, c := range cs {
		if r.lex[c.last-1]&lCorp != 0 {
			return true
		}
		for k := c.first - 1; k >= 0 && k >= c.first-2; k-- {
			x := r.lex[k]
			if x&lCueBefore != 0 {
				return true
			}
			if x&lFiller == 0 {
				break
			}
		}
		k := c.last
		if k < len(r.toks) && r.lex[k]&lPossessive != 0 {
			k++
		}
		if k < len(r.toks) && r.lex[k]&lCueAfter != 0 {
			return true
		}
	}
	return false
}

// titleOf finds a person's role and organisation around one mention:
// "Amazon CEO Andy Jassy", "AWS's chief executive Matt Garman",
// "Janelle Cruz, a digital transformation consultant",
// "Jo Bloggs, chief executive of Acme".
func (r *resolver) titleOf(c *cand, org func(tok int) *quarry.Entity) (string, *quarry.Entity) {
	// Before the name.
	k := c.first - 1
	for k >= 0 && c.first-k <= 5 && r.role[k] && r.cover[k] == 0 {
		k--
	}
	if k < c.first-1 {
		// Up to two lower-case words before the role belong to it when an
		// organisation stands before them ("National Theatre artistic
		// director", "BBC political editor").
		m := k
		for m >= 0 && k-m < 2 && r.modifier(m) {
			m--
		}
		if m < k && m >= 0 && (org(m) != nil || r.lex[m]&lPossessive != 0 && org(m-1) != nil) {
			k = m
		}
		title := r.doc.Text[r.toks[k+1].Start:r.toks[c.first-1].End]
		if k >= 0 && possessives[lowerNorm(&r.toks[k])] {
			k--
		}
		return title, org(k)
	}
	// After the name: ", [a|an|the] [words] ROLE [of|at|with|for ORG]".
	i := c.last
	if i >= len(r.toks) || r.toks[i].Text != "," {
		return "", nil
	}
	i++
	var aff *quarry.Entity
	if a := org(i); a != nil {
		// "Matt Lee, Acme's CEO" / "Matt Lee, Acme CEO".
		for i < len(r.toks) && r.cover[i] != 0 {
			i++
		}
		if i < len(r.toks) && possessives[lowerNorm(&r.toks[i])] {
			i++
		}
		aff = a
	} else if i < len(r.toks) {
		switch lowerNorm(&r.toks[i]) {
		case "a", "an", "the", "its", "his", "her", "their":
			i++
		}
	}
	start, head := i, -1
	for j := i; j < len(r.toks) && j-start < 6; j++ {
		t := r.toks[j].Text
		l := lowerNorm(&r.toks[j])
		if r.cover[j] != 0 || isPunct(t) && t != "-" || smallWords[l] {
			break
		}
		if roleHeads[l] || r.role[j] && !roleWords[l] {
			head = j
		} else if isCap(t) && !r.role[j] && upperCount(t) < 2 {
			break
		}
	}
	if head < 0 {
		return "", nil
	}
	title := r.doc.Text[r.toks[start].Start:r.toks[head].End]
	if aff == nil {
		j := head + 1
		if j+1 < len(r.toks) {
			switch lowerNorm(&r.toks[j]) {
			case "of", "at", "with", "for":
				aff = org(j + 1)
				if aff == nil && j+2 < len(r.toks) && lowerNorm(&r.toks[j+1]) == "the" {
					aff = org(j + 2)
				}
			}
		}
	}
	return title, aff
}

// modifier reports whether token k may qualify the role after it: a
// lower-case adjective or noun ("political", "energy"), not a verb or a
// preposition ("forced coach", "under President"), on the role's line.
func (r *resolver) modifier(k int) bool {
	t := &r.toks[k]
	if r.cover[k] != 0 || r.lex[k]&lSmall != 0 || !isLowerWord(t.Text) {
		return false
	}
	switch t.Tag {
	case "JJ", "JJR", "JJS", "NN", "NNS", "VBN", "":
		// "" when the text was not tagged: any lower-case word.
	default:
		return false // "forced coach", "under President", "including captain"
	}
	return !strings.Contains(r.doc.Text[t.End:r.toks[k+1].Start], "\n")
}

// isLowerWord reports whether s is a word of lower-case letters (and
// hyphens): a modifier, not a name.
func isLowerWord(s string) bool {
	if s == "" || s[0] == '-' {
		return false
	}
	for _, r := range s {
		if !unicode.IsLower(r) && r != '-' {
			return false
		}
	}
	return true
}

// particles open surnames ("de Klerk", "van der Pas").
var particles = setOf(`de van von der den da di du la le al el bin ibn dos das del della ter ten`)
