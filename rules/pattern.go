package rules

import (
	"fmt"
	"math/bits"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// What a pattern rule produces.
const (
	ProducesEntity = "entity"
	ProducesFigure = "figure"
	ProducesCue    = "cue"
	ProducesTitle  = "title"
)

// Pattern is one token pattern rule, in the manner of spaCy's Matcher.
type Pattern struct {
	ID       string
	Label    string
	Produces string
	Priority int
	Attrs    map[string]string
	Origin   string
	Line     int

	alts     []*alt
	user     bool
	disabled bool
	at       pos
}

// IsUser reports whether the rule comes from a user file.
func (p *Pattern) IsUser() bool { return p.user }

// PatternMatch is a rule matching tokens [First, Last), bytes [Start, End).
type PatternMatch struct {
	First, Last int
	Start, End  int
	Rule        *Pattern
}

// alt is one token sequence a rule accepts.
type alt struct {
	specs []*tokenSpec
	// A match needs a token with all the list bits in need (one of its
	// required specs' inMask; 0 if none has one) within its first span
	// tokens (span < 0: unbounded): Match tries a wild rule only where
	// one follows close enough.
	need uint64
	span int
}

// tokenSpec matches one token (or, with op/repeat, several).
type tokenSpec struct {
	preds    []pred
	min, max int // max < 0: unbounded
	neg      bool
	literals []string // lower-cased values a required first token must have, for indexing
	isMask   uint16   // isFlagBit of each `is` flag the token must have
	// The same tests split for Match: the lists a token must be in and
	// not in, whether there is an `is` test, and the other preds.
	inLists, outLists []string
	hasIs             bool
	rest              []pred
	// fast: Match can test the lists by the masks of Patterns.listBits
	// and the `is` flags by its per-token flags, then rest.
	fast            bool
	inMask, outMask uint64
}

type pred func(t *analysis.Token, low string) bool

func (s *tokenSpec) ok(t *analysis.Token, low string) bool {
	for _, p := range s.preds {
		if !p(t, low) {
			return s.neg
		}
	}
	return !s.neg
}

// Patterns matches token pattern rules.
type Patterns struct {
	rules []*Pattern
	lists map[string]map[string]bool
	// byWord numbers the lower-cased words with rules keyed on them or
	// list bits, their wordRules in ruled (ruled[0] is a word's with
	// none): one map, so a new word costs one lookup, and a number, so
	// the per-word cache entries stay small.
	byWord map[string]int32
	ruled  []wordRules
	wild   []altRef
	// wildBy holds the wild rules of each product, in the order of wild.
	wildBy map[string][]altRef
	// wildMask is the `is` flags the wild rules' first tokens test, computed
	// once per token in Match so most rules are rejected by one AND.
	wildMask uint16
	// bare and bareBy are wild and wildBy less the rules whose required
	// first token must have `is` flags: all that a token with none (most
	// tokens) can start.
	bare   []altRef
	bareBy map[string][]altRef
	// words keeps per word what Match derives from its spelling alone.
	words analysis.WordCache[patWord]
	// idle has the bit of each word with no flags, no rules keyed on it
	// and no list bit a wild rule needs (most words), which prepare passes
	// over: a bit test where a cache read costs more and stays in cache
	// less.
	idle analysis.WordBits
	// listBits numbers the lists specs test (at most 64).
	listBits map[string]int
	// wildNeed has the list bits any wild rule needs.
	wildNeed uint64
}

// wordRules is what ruled holds for a word: the rules keyed on it (whose
// required first token must be the word) and its list bits (wordRules.lists), those
// of the lists holding it.
type wordRules struct {
	first []altRef
	lists uint64
}

// ruledAs returns the wordRules of word w, adding w to byWord if new.
// The pointer is good until the next call.
func (p *Patterns) ruledAs(w string) *wordRules {
	k, ok := p.byWord[w]
	if !ok {
		if len(p.ruled) == 0 {
			p.ruled = append(p.ruled, wordRules{})
		}
		k = int32(len(p.ruled))
		p.byWord[w] = k
		p.ruled = append(p.ruled, wordRules{})
	}
	return &p.ruled[k]
}

// patWord is a word's lower-cased norm, its wildMask flags and its
// wordRules number: 24 bytes, two cache entries a cache line, where the
// word's wordRules themselves made it 64.
type patWord struct {
	low   string
	flags uint16
	ruled int32
}

type altRef struct {
	rule int
	alt  *alt
	wild int // index in Patterns.wild, for a wild rule
}

// Rules returns the loaded rules, defaults first.
func (p *Patterns) Rules() []*Pattern { return p.rules }

// List returns the words of a named list (user lists and built-in ones such
// as scales or speech-verbs), lower-cased.
func (p *Patterns) List(name string) map[string]bool { return p.lists[name] }

// Match runs every rule over toks. Overlaps are resolved among rules that
// produce the same thing: higher priority first, then the longer match,
// then user over default, then the earlier start. Matches never cross a
// sentence boundary and come back in text order.
func (p *Patterns) Match(toks []analysis.Token) []PatternMatch {
	return p.match(toks, "")
}

// match is Match over the rules that produce prod only ("": all). Overlaps
// are resolved per product, so the matches of one product do not depend
// on the rules of others.
func (p *Patterns) match(toks []analysis.Token, prod string) []PatternMatch {
	if len(p.rules) == 0 || len(toks) == 0 {
		return nil
	}
	sc := matchPool.Get().(*matchScratch)
	defer func() {
		clear(sc.starts) // don't keep rules alive in the pool
		clear(sc.wild)
		clear(sc.bare)
		matchPool.Put(sc)
	}()
	wild, bare := p.wild, p.bare
	if prod != "" {
		wild, bare = p.wildBy[prod], p.bareBy[prod]
	}
	var need uint64
	for _, r := range wild {
		need |= r.alt.need
	}
	starts, needs := p.prepare(sc, toks, need)
	sc.wild = possible(sc.wild[:0], wild, needs)
	sc.bare = possible(sc.bare[:0], bare, needs)
	wild, bare = sc.wild, sc.bare
	// Candidates per product, in the order found (overlap resolution
	// depends on it).
	var byProd []prodSpans
	m := &sc.m
	m.p = p
	// needAt[w]: the index in needs of the first token from the current
	// one on with wild rule w's need, or len(needs). Only needs can have
	// it, and most documents have none of them.
	needAt := sc.needAt[:0]
	for range p.wild {
		needAt = append(needAt, 0)
	}
	sc.needAt = needAt
	try := func(r altRef, i int) {
		if end := m.longest(r.alt, toks, nil, i); end > i {
			rule := p.rules[r.rule]
			k := 0
			for k < len(byProd) && byProd[k].prod != rule.Produces {
				k++
			}
			if k == len(byProd) {
				byProd = append(byProd, prodSpans{prod: rule.Produces})
			}
			byProd[k].spans = append(byProd[k].spans, span{first: i, last: end, prio: rule.Priority, user: rule.user, canon: true, order: r.rule})
		}
	}
	for k, i := 0, 0; i < len(toks); i++ {
		if len(bare) == 0 {
			// Then only a start can start a match: go to the next.
			if k == len(starts) {
				break
			}
			i = starts[k].i
		}
		var firsts []altRef
		var flags uint16 // token i's: only a start has any
		if k < len(starts) && starts[k].i == i {
			firsts, flags = starts[k].first, starts[k].flags
			k++
		}
		for _, r := range firsts {
			if prod == "" || p.rules[r.rule].Produces == prod {
				try(r, i)
			}
		}
		rs := wild
		if flags == 0 {
			rs = bare
		}
		for _, r := range rs {
			// A required first token that fails its spec means no match;
			// check that before setting up the matcher, by the flags if it
			// tests any (most tokens fail them), else by the spec.
			if first := r.alt.specs[0]; first.min >= 1 && !first.neg {
				if first.isMask != 0 && flags&first.isMask != first.isMask ||
					first.isMask == 0 && !m.ok(first, toks, nil, i) {
					continue
				}
			}
			if need := r.alt.need; need != 0 {
				k := needAt[r.wild]
				for k < len(needs) && (int(needs[k].i) < i || needs[k].lists&need != need) {
					k++
				}
				needAt[r.wild] = k
				if k == len(needs) || r.alt.span >= 0 && int(needs[k].i) >= i+r.alt.span {
					continue
				}
			}
			try(r, i)
		}
	}
	var out []PatternMatch
	for _, g := range byProd {
		for _, s := range resolveSpans(dedupeSpans(g.spans), len(toks), true) {
			out = append(out, PatternMatch{First: s.first, Last: s.last, Start: toks[s.first].Start, End: toks[s.last-1].End, Rule: p.rules[s.order]})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].First != out[j].First {
			return out[i].First < out[j].First
		}
		return out[i].Rule.Produces < out[j].Rule.Produces
	})
	return out
}

// prepare finds, through the word cache (after the first sight of a
// word, one array look-up), the tokens with rules keyed on them or with
// `is` flags in p.wildMask (the starts, in order): with no bare rules, no
// other token can start a match, and match visits only these. So does it
// find the tokens with a bit of need (the needs of the wild rules match
// runs), the only ones where a wild rule can find its needed token. The
// rest of what the matcher asks of a token, rarely, wordAt gives.
func (p *Patterns) prepare(sc *matchScratch, toks []analysis.Token, need uint64) ([]tokStart, []tokNeed) {
	starts, needs := sc.starts[:0], sc.needs[:0]
	ruled := p.ruled
	for i := range toks {
		if p.idle.Has(toks[i].Word) {
			continue
		}
		pw := p.words.Get(toks[i].Word)
		if pw == nil {
			w := p.wordOf(&toks[i])
			pw = &w
		}
		if pw.ruled == 0 {
			if pw.flags != 0 {
				starts = append(starts, tokStart{i: i, flags: pw.flags})
			}
			continue
		}
		wr := &ruled[pw.ruled]
		if pw.flags != 0 || len(wr.first) > 0 {
			starts = append(starts, tokStart{i: i, flags: pw.flags, first: wr.first})
		}
		if wr.lists&need != 0 {
			needs = append(needs, tokNeed{i: int32(i), lists: wr.lists})
		}
	}
	sc.starts, sc.needs = starts, needs
	return starts, needs
}

// wordAt returns token q's patWord: the cache's, where prepare has left
// it, or worked out again (word 0).
func (p *Patterns) wordAt(toks []analysis.Token, q int) patWord {
	if pw := p.words.Get(toks[q].Word); pw != nil {
		return *pw
	}
	return p.wordOf(&toks[q])
}

// listsOf returns w's list bits (wordRules.lists).
func (p *Patterns) listsOf(w patWord) uint64 {
	if w.ruled == 0 {
		return 0
	}
	return p.ruled[w.ruled].lists
}

// wordOf works out t's patWord and keeps it for t's word.
func (p *Patterns) wordOf(t *analysis.Token) patWord {
	norm := tokenNorm(t)
	var low string
	if norm == t.Norm && t.Word != 0 {
		low = t.Lower() // kept per word already, not in the document
	} else {
		low = strings.ToLower(norm)
	}
	var f uint16
	for b := p.wildMask; b != 0; b &= b - 1 {
		k := bits.TrailingZeros16(b)
		if isFlagFuncs[k](norm) {
			f |= 1 << k
		}
	}
	if t.Word != 0 && norm != t.Norm {
		// A clone: low may point into the document.
		low = strings.Clone(low)
	}
	pw := patWord{low: low, flags: f, ruled: p.byWord[low]}
	p.words.Put(t.Word, pw)
	if pw.flags == 0 && t.Word != 0 && p.idleRules(pw.ruled) {
		p.idle.Set(t.Word)
	}
	return pw
}

// idleRules reports whether wordRules number k has no rules and no list
// bit that any wild rule needs (match's need is a part of theirs).
func (p *Patterns) idleRules(k int32) bool {
	return k == 0 || len(p.ruled[k].first) == 0 && p.ruled[k].lists&p.wildNeed == 0
}

// possible appends to dst the rules of rs but those with a need no token
// in needs has: those cannot match in the document (most documents, for
// the entity rules), and leaving them out spares testing them at every
// start.
func possible(dst, rs []altRef, needs []tokNeed) []altRef {
	for _, r := range rs {
		if need := r.alt.need; need != 0 && !slices.ContainsFunc(needs, func(n tokNeed) bool { return n.lists&need == need }) {
			continue
		}
		dst = append(dst, r)
	}
	return dst
}

// tokStart is a token that may start a match, its flags and the rules
// keyed on it.
type tokStart struct {
	i     int
	flags uint16
	first []altRef
}

// tokNeed is a token with a bit of a need and its list bits (wordRules.lists).
type tokNeed struct {
	i     int32
	lists uint64
}

type prodSpans struct {
	prod  string
	spans []span
}

// matchScratch is Match's per-call working memory, reused through matchPool.
type matchScratch struct {
	starts []tokStart
	// needs are the tokens with a bit of a need of the rules asked for,
	// in order (few).
	needs  []tokNeed
	needAt []int
	// wild and bare are match's rules less those that cannot match.
	wild, bare []altRef
	m          matcher
}

var matchPool = sync.Pool{New: func() any { return new(matchScratch) }}

// asciiCase reports whether s is ASCII and whether it has an upper-case letter.
func asciiCase(s string) (ascii, upper bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return false, false
		}
		upper = upper || 'A' <= c && c <= 'Z'
	}
	return true, upper
}

// dedupeSpans keeps one span per rule and start (alternatives of one rule
// can match the same place).
func dedupeSpans(c []span) []span {
	type key struct{ first, order int }
	best := map[key]int{}
	out := c[:0]
	for _, s := range c {
		k := key{s.first, s.order}
		if i, ok := best[k]; ok {
			if s.last > out[i].last {
				out[i] = s
			}
			continue
		}
		best[k] = len(out)
		out = append(out, s)
	}
	return out
}

// matcher simulates a rule's token sequence as a set of positions, so
// optional and repeated tokens need no backtracking.
type matcher struct {
	cur, next []int
	// p, when set, gives each token's patWord (wordAt): its lower-cased
	// norm, and the flags and list bits for the specs that are fast.
	// Otherwise lows has each token's lower-cased norm.
	p *Patterns
}

// ok reports whether token q passes sp.
func (m *matcher) ok(sp *tokenSpec, toks []analysis.Token, lows []string, q int) bool {
	if m.p == nil {
		return sp.ok(&toks[q], lows[q])
	}
	w := m.p.wordAt(toks, q)
	if !sp.fast {
		return sp.ok(&toks[q], w.low)
	}
	l := m.p.listsOf(w)
	pass := l&sp.inMask == sp.inMask && l&sp.outMask == 0 && w.flags&sp.isMask == sp.isMask
	for i := 0; pass && i < len(sp.rest); i++ {
		pass = sp.rest[i](&toks[q], w.low)
	}
	return pass != sp.neg
}

func (m *matcher) longest(a *alt, toks []analysis.Token, lows []string, start int) int {
	m.cur = append(m.cur[:0], start)
	sent := toks[start].Sent
	for _, sp := range a.specs {
		m.next = m.next[:0]
		for _, p := range m.cur {
			q, k := p, 0
			for {
				if k >= sp.min {
					m.next = addPos(m.next, q)
				}
				if sp.max >= 0 && k == sp.max {
					break
				}
				if q >= len(toks) || toks[q].Sent != sent || !m.ok(sp, toks, lows, q) {
					break
				}
				q++
				k++
			}
		}
		if len(m.next) == 0 {
			return -1
		}
		m.cur, m.next = m.next, m.cur
	}
	end := -1
	for _, p := range m.cur {
		end = max(end, p)
	}
	return end
}

func addPos(ps []int, p int) []int {
	for _, x := range ps {
		if x == p {
			return ps
		}
	}
	return append(ps, p)
}

// shape is spaCy's word shape: Xxxxx, dd.d, XXX (runs cut at four).
func shape(s string) string {
	var b strings.Builder
	last, run := rune(-1), 0
	for _, r := range s {
		c := r
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		}
		if c == last {
			run++
		} else {
			last, run = c, 1
		}
		if run <= 4 {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// Flags for the `is` token key.
var isFlags = map[string]func(s string) bool{
	"title": func(s string) bool {
		for i, c := range s {
			if unicode.IsUpper(c) != (i == 0) {
				return false
			}
		}
		return s != ""
	},
	"upper": func(s string) bool { return hasLetter(s) && strings.ToUpper(s) == s },
	"lower": func(s string) bool { return hasLetter(s) && strings.ToLower(s) == s },
	"alpha": func(s string) bool { return allRunes(s, unicode.IsLetter) },
	"digit": func(s string) bool { return allRunes(s, unicode.IsDigit) },
	"num":   likeNum,
	"punct": func(s string) bool { return allRunes(s, unicode.IsPunct) },
	"capitalised": func(s string) bool {
		for _, r := range s {
			return unicode.IsUpper(r)
		}
		return false
	},
}

// isFlagFuncs is isFlags in isFlagNames order; a flag's bit in
// tokenSpec.isMask is its index here.
var isFlagFuncs = func() []func(string) bool {
	var fs []func(string) bool
	for _, k := range isFlagNames() {
		fs = append(fs, isFlags[k])
	}
	return fs
}()

func isFlagBit(name string) uint16 {
	return 1 << slices.Index(isFlagNames(), name)
}

func isFlagNames() []string {
	out := make([]string, 0, len(isFlags))
	for k := range isFlags {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func allRunes(s string, f func(rune) bool) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !f(r) {
			return false
		}
	}
	return true
}

var numRE = regexp.MustCompile(`^[-+]?(\d+([.,]\d+)*|\d*\.\d+)$`)

var numberWords = map[string]bool{"zero": true, "one": true, "two": true, "three": true, "four": true, "five": true,
	"six": true, "seven": true, "eight": true, "nine": true, "ten": true, "eleven": true, "twelve": true,
	"thirteen": true, "fourteen": true, "fifteen": true, "sixteen": true, "seventeen": true, "eighteen": true,
	"nineteen": true, "twenty": true, "thirty": true, "forty": true, "fifty": true, "sixty": true, "seventy": true,
	"eighty": true, "ninety": true, "hundred": true, "thousand": true, "million": true, "billion": true, "trillion": true}

// numberInitials has bit c-'a' set for each initial c of numberWords.
var numberInitials = func() uint32 {
	var m uint32
	for w := range numberWords {
		m |= 1 << (w[0] - 'a')
	}
	return m
}()

// isNumeral is numRE.MatchString without the regexp engine: an optional
// sign, then digit groups joined by single '.' or ',' (1,000.5), or '.'
// and digits (.5).
func isNumeral(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	if s[0] == '.' {
		return len(s) > 1 && allDigitBytes(s[1:])
	}
	prevDigit := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			prevDigit = true
		case (c == '.' || c == ',') && prevDigit:
			prevDigit = false
		default:
			return false
		}
	}
	return prevDigit
}

func allDigitBytes(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func likeNum(s string) bool {
	if s == "" {
		return false
	}
	if c := s[0]; c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' {
		return isNumeral(s)
	}
	if c := s[0] | 0x20; c < 'a' || c > 'z' || len(s) > len("seventeen") || numberInitials&(1<<(c-'a')) == 0 {
		return false
	}
	if ascii, upper := asciiCase(s); ascii && upper {
		var b [len("seventeen")]byte
		for i := 0; i < len(s); i++ {
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[i] = c
		}
		return numberWords[string(b[:len(s)])]
	}
	return numberWords[strings.ToLower(s)]
}

// listRef is an in_list reference, resolved once every file is loaded.
type listRef struct {
	name string
	at   pos
	set  *map[string]bool
}

type patternDoc struct {
	rules []*Pattern
	lists []namedList
	refs  []listRef
}

type namedList struct {
	name  string
	words []string
	at    pos
	user  bool
}

func (p *patternDoc) count() (string, int) { return "rules", len(p.rules) }

func (p *patternDoc) merge(b *builder) {
	for _, l := range p.lists {
		if builtinLists[l.name] {
			b.errAt(l.at, "list name %q is built in; choose another name", l.name)
			continue
		}
		b.patterns.lists.put(b, l.name, l.name, l, l.at, l.user)
	}
	for _, r := range p.rules {
		if b.patterns.rules.put(b, r.ID, r.ID, r, r.at, r.user) && r.disabled {
			b.patterns.rules.disable(r.ID)
		}
	}
	b.patterns.refs = append(b.patterns.refs, p.refs...)
}

func decodePatterns(d *decoder, doc *yaml.Node, common []field) part {
	p := &patternDoc{}
	seen := d.mapping(doc, "pattern document", with(common,
		field{"lists", func(k, v *yaml.Node) {
			v = resolve(v)
			if v.Kind != yaml.MappingNode {
				d.errf(v, "lists must be a mapping of name: [words], got %s", describe(v))
				return
			}
			for i := 0; i+1 < len(v.Content); i += 2 {
				kn := v.Content[i]
				l := namedList{name: kn.Value, at: d.at(kn), user: d.user}
				for _, w := range d.strs(v.Content[i+1], fmt.Sprintf("list %q", kn.Value)) {
					l.words = append(l.words, w.s)
				}
				p.lists = append(p.lists, l)
			}
		}},
		field{"rules", func(k, v *yaml.Node) {
			for _, n := range d.seq(v, "rules") {
				if r := decodePattern(d, n, p); r != nil {
					p.rules = append(p.rules, r)
				}
			}
		}},
	))
	if seen != nil && seen["rules"] == nil && seen["lists"] == nil {
		d.errf(doc, "pattern document has no \"rules\"; add a `rules:` list")
	}
	return p
}

func decodePattern(d *decoder, n *yaml.Node, doc *patternDoc) *Pattern {
	r := &Pattern{Produces: ProducesEntity, Origin: d.file, Line: n.Line, user: d.user, at: d.at(n), Attrs: map[string]string{}}
	ok := true
	var labelNode *yaml.Node
	fs := []field{
		{"id", func(k, v *yaml.Node) {
			s, good := d.nonEmpty(v, "id")
			r.ID, ok = s, ok && good
		}},
		{"produces", func(k, v *yaml.Node) {
			s, good := d.oneOf(v, "produces", ProducesEntity, ProducesFigure, ProducesCue, ProducesTitle)
			if good {
				r.Produces = s
			}
			ok = ok && good
		}},
		{"label", func(k, v *yaml.Node) {
			s, good := d.nonEmpty(v, "label")
			r.Label, ok, labelNode = s, ok && good, v
		}},
		{"priority", func(k, v *yaml.Node) {
			i, good := d.integer(v, "priority")
			r.Priority, ok = i, ok && good
		}},
		{"pattern", func(k, v *yaml.Node) {
			if a := decodeAlt(d, v, doc); a != nil {
				r.alts = append(r.alts, a)
			} else {
				ok = false
			}
		}},
		{"patterns", func(k, v *yaml.Node) {
			for _, an := range d.seq(v, "patterns") {
				if a := decodeAlt(d, an, doc); a != nil {
					r.alts = append(r.alts, a)
				} else {
					ok = false
				}
			}
		}},
		{"attrs", func(k, v *yaml.Node) {
			for ak, av := range d.strMap(v, "attrs") {
				r.Attrs[ak] = av
			}
		}},
		{"disabled", func(k, v *yaml.Node) {
			b, good := d.boolean(v, "disabled")
			r.disabled, ok = b, ok && good
		}},
	}
	seen := d.mapping(n, "pattern rule", fs)
	if seen == nil || !d.require(n, seen, "pattern rule", "id") {
		return nil
	}
	if r.disabled {
		return r
	}
	if seen["pattern"] == nil && seen["patterns"] == nil {
		d.errf(n, "pattern rule %q has no \"pattern\"; add a list of token specs like `pattern: [{lower: chief}, {lower: executive}]`", r.ID)
		return nil
	}
	if seen["pattern"] != nil && seen["patterns"] != nil {
		d.errf(seen["patterns"], "pattern rule %q has both \"pattern\" and \"patterns\"; keep one", r.ID)
		return nil
	}
	switch {
	case r.Produces == ProducesTitle && r.Label == "":
		r.Label = TitleLabel
	case r.Label == "":
		d.errf(n, "pattern rule %q has no \"label\"; say what it finds, like `label: COMPANY`", r.ID)
		return nil
	case r.Produces == ProducesEntity && !containsString(Labels, r.Label):
		if sg := suggest(r.Label, Labels); sg != "" {
			d.errf(labelNode, "label %q is not valid for entities; did you mean %q? (one of: %s)", r.Label, sg, strings.Join(Labels, ", "))
		} else {
			d.errf(labelNode, "label %q is not valid for entities; use one of: %s", r.Label, strings.Join(Labels, ", "))
		}
		return nil
	}
	if !ok {
		return nil
	}
	return r
}

func decodeAlt(d *decoder, v *yaml.Node, doc *patternDoc) *alt {
	items := d.seq(v, "pattern")
	if items == nil {
		if resolve(v).Kind == yaml.SequenceNode || resolve(v).Tag == "!!null" {
			d.errf(v, "pattern is empty; list at least one token spec")
		}
		return nil
	}
	a := &alt{}
	ok := true
	for _, it := range items {
		if sp := decodeSpec(d, it, doc); sp != nil {
			a.specs = append(a.specs, sp)
		} else {
			ok = false
		}
	}
	if !ok {
		return nil
	}
	allOptional := true
	for _, sp := range a.specs {
		if sp.min > 0 {
			allOptional = false
		}
	}
	if allOptional {
		d.errf(v, "every token in this pattern is optional, so it can match nothing; make one required")
		return nil
	}
	return a
}

func decodeSpec(d *decoder, n *yaml.Node, doc *patternDoc) *tokenSpec {
	sp := &tokenSpec{min: 1, max: 1}
	ok := true
	var opNode, repNode *yaml.Node
	set := func(vals []strNode, f func(v string) string) map[string]bool {
		m := make(map[string]bool, len(vals))
		for _, x := range vals {
			m[f(x.s)] = true
		}
		return m
	}
	id := func(s string) string { return s }
	// other adds a pred that is neither a list nor an `is` test.
	other := func(p pred) {
		sp.preds = append(sp.preds, p)
		sp.rest = append(sp.rest, p)
	}
	lit := func(vals []strNode) {
		if sp.literals == nil {
			for _, x := range vals {
				sp.literals = append(sp.literals, lower(x.s))
			}
		}
	}
	seen := d.mapping(n, "token spec", []field{
		{"text", func(k, v *yaml.Node) {
			vals := d.strs(v, "text")
			m := set(vals, foldQuotes)
			lit(vals)
			other(func(t *analysis.Token, low string) bool { return m[tokenNorm(t)] })
		}},
		{"lower", func(k, v *yaml.Node) {
			vals := d.strs(v, "lower")
			m := set(vals, lower)
			lit(vals)
			other(func(t *analysis.Token, low string) bool { return m[low] })
		}},
		{"shape", func(k, v *yaml.Node) {
			m := set(d.strs(v, "shape"), id)
			other(func(t *analysis.Token, low string) bool { return m[shape(tokenNorm(t))] })
		}},
		{"prefix", func(k, v *yaml.Node) {
			vals := d.strs(v, "prefix")
			other(func(t *analysis.Token, low string) bool {
				for _, x := range vals {
					if strings.HasPrefix(low, lower(x.s)) {
						return true
					}
				}
				return false
			})
		}},
		{"suffix", func(k, v *yaml.Node) {
			vals := d.strs(v, "suffix")
			other(func(t *analysis.Token, low string) bool {
				for _, x := range vals {
					if strings.HasSuffix(low, lower(x.s)) {
						return true
					}
				}
				return false
			})
		}},
		{"pos", func(k, v *yaml.Node) {
			var exact []string
			var prefixes []string
			for _, x := range d.strs(v, "pos") {
				if p, star := strings.CutSuffix(x.s, "*"); star {
					prefixes = append(prefixes, p)
				} else {
					exact = append(exact, x.s)
				}
			}
			other(func(t *analysis.Token, low string) bool {
				for _, x := range exact {
					if t.Tag == x {
						return true
					}
				}
				for _, x := range prefixes {
					if strings.HasPrefix(t.Tag, x) {
						return true
					}
				}
				return false
			})
		}},
		{"regex", func(k, v *yaml.Node) {
			s, good := d.nonEmpty(v, "regex")
			if !good {
				ok = false
				return
			}
			re, good := compileRegex(d, strNode{s, resolve(v)})
			if !good {
				ok = false
				return
			}
			other(func(t *analysis.Token, low string) bool { return re.MatchString(tokenNorm(t)) })
		}},
		{"in_list", func(k, v *yaml.Node) {
			s, good := d.nonEmpty(v, "in_list")
			if !good {
				ok = false
				return
			}
			ref := listRef{name: s, at: d.at(v), set: new(map[string]bool)}
			doc.refs = append(doc.refs, ref)
			sp.preds = append(sp.preds, func(t *analysis.Token, low string) bool { return (*ref.set)[low] })
			sp.inLists = append(sp.inLists, s)
		}},
		{"not_in_list", func(k, v *yaml.Node) {
			s, good := d.nonEmpty(v, "not_in_list")
			if !good {
				ok = false
				return
			}
			ref := listRef{name: s, at: d.at(v), set: new(map[string]bool)}
			doc.refs = append(doc.refs, ref)
			sp.preds = append(sp.preds, func(t *analysis.Token, low string) bool { return !(*ref.set)[low] })
			sp.outLists = append(sp.outLists, s)
		}},
		{"is", func(k, v *yaml.Node) {
			var fs []func(string) bool
			for _, x := range d.strs(v, "is") {
				f := isFlags[x.s]
				if f == nil {
					if sg := suggest(x.s, isFlagNames()); sg != "" {
						d.errf(x.n, "unknown `is` flag %q; did you mean %q?", x.s, sg)
					} else {
						d.errf(x.n, "unknown `is` flag %q; use one of: %s", x.s, strings.Join(isFlagNames(), ", "))
					}
					ok = false
					continue
				}
				fs = append(fs, f)
				sp.isMask |= isFlagBit(x.s)
			}
			sp.hasIs = true
			sp.preds = append(sp.preds, func(t *analysis.Token, low string) bool {
				s := tokenNorm(t)
				for _, f := range fs {
					if !f(s) {
						return false
					}
				}
				return true
			})
		}},
		{"op", func(k, v *yaml.Node) {
			s, good := d.oneOf(v, "op", "?", "*", "+", "!", "1")
			opNode = v
			switch s {
			case "?":
				sp.min, sp.max = 0, 1
			case "*":
				sp.min, sp.max = 0, -1
			case "+":
				sp.min, sp.max = 1, -1
			case "!":
				sp.neg = true
			}
			ok = ok && good
		}},
		{"repeat", func(k, v *yaml.Node) {
			repNode = v
			items := d.seq(v, "repeat")
			if items == nil {
				ok = false
				return
			}
			if len(items) != 2 {
				d.errf(v, "repeat must be [min, max], like [1, 3]")
				ok = false
				return
			}
			lo, g1 := d.integer(items[0], "repeat min")
			hi, g2 := d.integer(items[1], "repeat max")
			if !g1 || !g2 {
				ok = false
				return
			}
			if lo < 0 || hi < 1 || hi < lo {
				d.errf(v, "repeat [%d, %d] is not a range; use [min, max] with 0 <= min <= max and max >= 1", lo, hi)
				ok = false
				return
			}
			sp.min, sp.max = lo, hi
		}},
	})
	if seen == nil {
		return nil
	}
	if opNode != nil && repNode != nil {
		d.errf(repNode, "token spec has both op and repeat; keep one")
		ok = false
	}
	if len(sp.preds) == 0 && ok {
		if sp.neg {
			d.errf(n, "op \"!\" needs something to negate; add a key such as lower")
			return nil
		}
		// {} or {op: "*"} matches any token, as in spaCy.
		other(func(*analysis.Token, string) bool { return true })
	}
	if !ok {
		return nil
	}
	return sp
}

// builtinLists are list names in_list may use without declaring them; they
// are filled from the other kinds.
var builtinLists = map[string]bool{
	"scales": true, "currency-symbols": true, "currency-words": true, "currency-codes": true,
	"units": true, "counted": true, "speech-verbs": true, "titles": true,
	"hedges": true, "boosters": true, "predictions": true, "negations": true, "reporting": true, "comparatives": true,
}

type patternTable struct {
	rules *table[*Pattern]
	lists *table[namedList]
	refs  []listRef
}

func newPatternTable() *patternTable {
	return &patternTable{rules: newTable[*Pattern]("pattern rule id"), lists: newTable[namedList]("list")}
}

func (t *patternTable) build(b *builder, s *Set) *Patterns {
	p := &Patterns{lists: map[string]map[string]bool{}, byWord: map[string]int32{}, wildBy: map[string][]altRef{}, bareBy: map[string][]altRef{}}
	for _, l := range t.lists.values() {
		m := map[string]bool{}
		for _, w := range l.words {
			m[lower(w)] = true
		}
		p.lists[l.name] = m
	}
	addWords := func(name string, words ...string) {
		if p.lists[name] == nil {
			p.lists[name] = map[string]bool{}
		}
		for _, w := range words {
			if !strings.ContainsAny(w, " \t") {
				p.lists[name][lower(w)] = true
			}
		}
	}
	for name := range builtinLists {
		addWords(name)
	}
	for w := range s.units.Scales {
		addWords("scales", w)
	}
	for _, c := range s.units.Currencies {
		addWords("currency-symbols", c.Symbols...)
		addWords("currency-words", c.Words...)
		addWords("currency-codes", c.Code)
	}
	for _, u := range s.units.Units {
		addWords("units", u.Forms...)
	}
	addWords("counted", s.units.CountedNouns...)
	for _, c := range s.quote.Verbs {
		addWords("speech-verbs", c.Forms...)
	}
	for _, e := range s.titles.entries {
		addWords("titles", e.Name)
		addWords("titles", e.Aliases...)
	}
	for _, c := range s.claims.idx.cues {
		for _, kc := range claimCategories {
			if kc[1] == c.Category {
				addWords(kc[0], c.Forms...)
			}
		}
	}
	for _, r := range t.refs {
		m, ok := p.lists[r.name]
		if !ok {
			names := make([]string, 0, len(p.lists))
			for n := range p.lists {
				names = append(names, n)
			}
			sort.Strings(names)
			if sg := suggest(r.name, names); sg != "" {
				b.errAt(r.at, "list %q is not declared; did you mean %q? (declare lists under `lists:` in a pattern document)", r.name, sg)
			} else {
				b.errAt(r.at, "list %q is not declared; declare it under `lists:` in a pattern document or use a built-in one (%s)", r.name, strings.Join(sortedKeys(builtinLists), ", "))
			}
			continue
		}
		*r.set = m
	}
	p.rules = t.rules.values()
	for i, r := range p.rules {
		for _, a := range r.alts {
			ref := altRef{rule: i, alt: a}
			first := a.specs[0]
			if first.min >= 1 && !first.neg && len(first.literals) > 0 {
				for _, l := range first.literals {
					wr := p.ruledAs(l)
					wr.first = append(wr.first, ref)
				}
			} else {
				ref.wild = len(p.wild)
				p.wild = append(p.wild, ref)
				p.wildBy[r.Produces] = append(p.wildBy[r.Produces], ref)
				if first.min >= 1 && !first.neg {
					p.wildMask |= first.isMask
				}
				if first.min < 1 || first.neg || first.isMask == 0 {
					p.bare = append(p.bare, ref)
					p.bareBy[r.Produces] = append(p.bareBy[r.Produces], ref)
				}
			}
		}
	}
	p.fastSpecs()
	for _, r := range p.wild {
		p.wildNeed |= r.alt.need
	}
	return p
}

// fastSpecs numbers the lists the specs test, fills the list bits (wordRules.lists) of
// ruled and marks the specs Match can test by masks: those whose lists all have a bit and
// whose `is` flags prepare works out.
func (p *Patterns) fastSpecs() {
	p.listBits = map[string]int{}
	addBit := func(w string, b int) { p.ruledAs(w).lists |= 1 << b }
	bit := func(name string) (uint64, bool) {
		b, ok := p.listBits[name]
		if !ok {
			if len(p.listBits) == 64 {
				return 0, false
			}
			b = len(p.listBits)
			p.listBits[name] = b
			for w := range p.lists[name] {
				addBit(w, b)
			}
		}
		return 1 << b, true
	}
	for _, r := range p.rules {
		for _, a := range r.alts {
			for _, sp := range a.specs {
				sp.fast = !sp.hasIs || sp.isMask&^p.wildMask == 0
				for _, name := range sp.inLists {
					b, ok := bit(name)
					sp.inMask |= b
					sp.fast = sp.fast && ok
				}
				for _, name := range sp.outLists {
					b, ok := bit(name)
					sp.outMask |= b
					sp.fast = sp.fast && ok
				}
			}
		}
	}
	// Every token a spec's text or lower values accept has one of its
	// literals as lower-case norm: as a list of its own, they turn the
	// other tokens away by the mask, before the predicates run. These
	// lists take only the bits the named ones left.
	for _, r := range p.rules {
		for _, a := range r.alts {
			for _, sp := range a.specs {
				if !sp.fast || len(sp.literals) == 0 {
					continue
				}
				name := "\x00" + strings.Join(sp.literals, "\x00") // no list name starts so
				if _, ok := p.listBits[name]; !ok {
					if len(p.listBits) == 64 {
						continue
					}
					p.listBits[name] = len(p.listBits)
					for _, w := range sp.literals {
						addBit(w, p.listBits[name])
					}
				}
				sp.inMask |= 1 << p.listBits[name]
			}
		}
	}
	for _, r := range p.rules {
		for _, a := range r.alts {
			for _, sp := range a.specs {
				if sp.fast && sp.min >= 1 && !sp.neg && sp.inMask != 0 {
					a.need = sp.inMask
				}
				if sp.max < 0 || a.span < 0 {
					a.span = -1
				} else {
					a.span += sp.max
				}
			}
		}
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
