package rules

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// Claim cue categories: what Cue.Category says for a claim cue.
const (
	ClaimHedge         = "hedge"          // softens a claim: may, in talks
	ClaimBooster       = "booster"        // hardens it: clearly, in fact
	ClaimPrediction    = "prediction"     // moves it into the future: will, is set to
	ClaimNegation      = "negation"       // flips it: not, never, denied
	ClaimReporting     = "reporting"      // ties it to evidence: showed, survey
	ClaimComparative   = "comparative"    // makes it relative: more than, up from
	ClaimRanking       = "ranking"        // puts its subject in an order: largest, record
	ClaimConditional   = "conditional"    // makes it hypothetical: if, would
	ClaimHypothetical  = "hypothetical"   // frames an imagined text: imagine, case study
	ClaimOpinion       = "opinion"        // the writer's view or advice: I, should
	ClaimImperative    = "imperative"     // a bare verb opening advice: stay, focus
	ClaimCausal        = "causal"         // a causal link: because, due to
	ClaimUnnamedSource = "unnamed_source" // attribution to nobody named: reportedly
	ClaimCompanyNoun   = "company_noun"   // refers back to a company: the airline
	ClaimMetric        = "metric"         // what a claim without a name is about: profit
	ClaimEvent         = "event"          // an event verb; Lemma is its predicate
	ClaimEventNoun     = "event_noun"     // an event noun; Lemma is its predicate
)

// claimCategories pairs the list keys of a claim-cues document with the
// category their cues carry. Pattern rules see each as a list of that name
// (in_list: hedges); events and event_nouns hold the event forms.
var claimCategories = [][2]string{
	{"hedges", ClaimHedge}, {"boosters", ClaimBooster}, {"predictions", ClaimPrediction},
	{"negations", ClaimNegation}, {"reporting", ClaimReporting}, {"comparatives", ClaimComparative},
	{"rankings", ClaimRanking}, {"conditionals", ClaimConditional}, {"hypotheticals", ClaimHypothetical},
	{"opinion", ClaimOpinion}, {"imperatives", ClaimImperative}, {"causal", ClaimCausal},
	{"unnamed_sources", ClaimUnnamedSource}, {"company_nouns", ClaimCompanyNoun}, {"metrics", ClaimMetric},
	// Not document keys: events holds verbs and nouns by predicate.
	{"events", ClaimEvent}, {"event_nouns", ClaimEventNoun},
}

// listKeys are the claimCategories that are plain lists in a document.
var listKeys = claimCategories[:len(claimCategories)-2]

// exceptPrefix marks the category of an exception phrase: a cue of category
// C inside a match of exceptPrefix+C does not count ("not" in "not just").
const exceptPrefix = "except:"

// ClaimCues holds the words and phrases that shape a claim.
type ClaimCues struct {
	Hedges, Boosters, Predictions, Negations, Reporting, Comparatives []*Cue
	Rankings, Conditionals, Hypotheticals, Opinion, Imperatives       []*Cue
	Causal, UnnamedSources, CompanyNouns, Metrics                     []*Cue
	// Events and EventNouns carry their predicate as Lemma: the forms of
	// "lay off", "slash" and "layoffs" all have the lemma "cut".
	Events, EventNouns []*Cue
	// Exceptions are phrases in which a cue does not count; their category
	// is "except:" followed by the category they except.
	Exceptions []*Cue
	idx        *cueIndex
	tm         tokenMatcher
}

// Lookup returns the cues a single word form belongs to (one per category).
func (c *ClaimCues) Lookup(form string) []*Cue {
	cs := c.idx.forms[lower(form)]
	for i, x := range cs {
		if strings.HasPrefix(x.Category, exceptPrefix) {
			out := append([]*Cue{}, cs[:i]...)
			for _, y := range cs[i+1:] {
				if !strings.HasPrefix(y.Category, exceptPrefix) {
					out = append(out, y)
				}
			}
			return out
		}
	}
	return cs
}

// Match finds claim cues; each match's Cue.Category says which kind.
// Overlaps are resolved within a category only, longest first; cues inside
// one of their exceptions are dropped.
func (c *ClaimCues) Match(toks []analysis.Token) []CueMatch {
	byCat := map[string][]span{}
	all := c.Scan(toks)
	for i, m := range all {
		byCat[m.Cue.Category] = append(byCat[m.Cue.Category], span{first: m.First, last: m.Last, user: m.Cue.user, canon: true, order: i})
	}
	var out []CueMatch
	for _, cands := range byCat {
		for _, s := range resolveSpans(cands, len(toks), false) {
			out = append(out, all[s.order])
		}
	}
	sortCueMatches(out)
	return out
}

// Scan finds every claim cue occurrence in one pass over toks: each start
// token with every length that matches, overlaps kept, in token order (then
// shorter first). Cues inside one of their exceptions are dropped. It is
// for extractors that ask many questions of the same tokens.
func (c *ClaimCues) Scan(toks []analysis.Token) []CueMatch {
	// Sized for most documents: growing by appends copied the matches of
	// a long one over and over.
	return dropExcepted(c.tm.scan(c.idx.cues, toks, make([]CueMatch, 0, len(toks)/8)))
}

// tokenMatcher finds cue forms on token norms with one map look-up per
// token: a form matches the tokens whose lower-cased norms, joined by a
// space where the text has one, spell it ("is expected to"; "don't" as
// "do" + "n't"; "year-on-year" whole or in pieces).
type tokenMatcher struct {
	// byFirst numbers, under each way a form's first token may read, the
	// list in lists of the forms starting so, sorted.
	byFirst map[string]int32
	lists   []tmList
	// seen holds the keys of byFirst, so most tokens are turned away
	// without a map look-up.
	seen keySet
	// words keeps per word its byFirst number and reading, so a token
	// costs one array look-up after its word's first.
	words *analysis.WordCache[tmWord]
	// none has the words that start no form (list -1): most words. scan
	// tests it first; 16 KB stay in cache where the words' entries would
	// not.
	none *analysis.WordBits
}

// tmWord is what scan needs of a word: the number of its list in lists
// (-1 for none) and its norm as appendNorm reads it.
type tmWord struct {
	list int32
	low  string
}

// tmHash is FNV-1a folded to 16 bits.
func tmHash(b string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(b); i++ {
		h = (h ^ uint32(b[i])) * 16777619
	}
	return (h ^ h>>16) & 0xffff
}

// keySet has the bit tmHash(k) set for each key k added (8 KB): a string
// whose bit is clear is no key, found without a map look-up.
type keySet [1 << 10]uint64

func (s *keySet) add(k string) { h := tmHash(k); s[h>>6] |= 1 << (h & 63) }

func (s *keySet) mayHave(k string) bool { h := tmHash(k); return s[h>>6]&(1<<(h&63)) != 0 }

type tmForm struct {
	form string
	cues []int32
}

// tmList is the forms that start with one first token's reading, n bytes.
// next has bit c set for each byte c a form has after them, or after them
// and a space: a second token whose reading starts with another byte
// continues none (most, after "the" or "in").
type tmList struct {
	forms []tmForm
	next  [4]uint64
}

func newTokenMatcher(cues []*Cue) tokenMatcher {
	forms := map[string][]int32{}
	for i, c := range cues {
		for _, f := range c.Forms {
			k := strings.Join(strings.Fields(lower(f)), " ")
			if k != "" && !containsIndex(forms[k], int32(i)) {
				forms[k] = append(forms[k], int32(i))
			}
		}
	}
	byFirst := map[string][]tmForm{}
	for k, cs := range forms {
		for _, first := range firstTokens(k) {
			byFirst[first] = append(byFirst[first], tmForm{k, cs})
		}
	}
	m := tokenMatcher{byFirst: map[string]int32{}, words: new(analysis.WordCache[tmWord]), none: new(analysis.WordBits)}
	for first, fs := range byFirst {
		sort.Slice(fs, func(i, j int) bool { return fs[i].form < fs[j].form })
		m.byFirst[first] = int32(len(m.lists))
		l := tmList{forms: fs}
		for _, f := range fs {
			if n := len(first); len(f.form) > n {
				c := f.form[n]
				if c == ' ' && len(f.form) > n+1 {
					c = f.form[n+1]
				}
				l.next[c>>6] |= 1 << (c & 63)
			}
		}
		m.lists = append(m.lists, l)
		m.seen.add(first)
	}
	return m
}

// firstTokens are the ways a tokenizer may cut the first token of form k:
// its first word ("year-on-year"), the word up to a mark ("year", "vs"),
// and before a clitic ("do" of "don't", "ca" of "can't").
func firstTokens(k string) []string {
	w := k
	if i := strings.IndexByte(w, ' '); i >= 0 {
		w = w[:i]
	}
	out := []string{w}
	if i := strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }); i > 0 {
		out = append(out, w[:i])
	}
	if strings.HasSuffix(w, "n't") && len(w) > 3 && w[:len(w)-3] != out[len(out)-1] {
		out = append(out, w[:len(w)-3])
	}
	return out
}

func containsIndex(xs []int32, x int32) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// add works out t's tmWord and keeps it for t's word; scan asks the cache
// first (a call to a function doing both would not be inlined).
func (m *tokenMatcher) add(t *analysis.Token) tmWord {
	w := tmWord{list: -1}
	// Most norms (ASCII, no backtick) read as Lower does; that string is
	// kept per word already.
	if w.low = t.Lower(); t.Norm == "" || !plainNorm(t.Norm) {
		var a [32]byte
		w.low = string(appendNorm(a[:0], t))
	}
	if m.seen.mayHave(w.low) {
		if k, ok := m.byFirst[w.low]; ok {
			w.list = k
		}
	}
	m.words.Put(t.Word, w)
	if w.list < 0 && t.Word != 0 {
		m.none.Set(t.Word)
	}
	return w
}

// scan appends to out every form occurrence in toks, within a sentence.
func (m *tokenMatcher) scan(cues []*Cue, toks []analysis.Token, out []CueMatch) []CueMatch {
	for i := range toks {
		if m.none.Has(toks[i].Word) {
			continue
		}
		var w tmWord
		if c := m.words.Get(toks[i].Word); c != nil {
			w = *c
		} else {
			w = m.add(&toks[i])
		}
		if w.list < 0 {
			continue
		}
		// fs keeps the forms that start with the tokens read so far, n
		// bytes; every form of the list starts with the first token's
		// reading, and the first one kept may be just those bytes.
		l := &m.lists[w.list]
		fs := l.forms
		for j, n := i, len(w.low); len(fs) > 0; {
			if len(fs[0].form) == n {
				for _, ci := range fs[0].cues {
					out = append(out, CueMatch{First: i, Last: j + 1, Start: toks[i].Start, End: toks[j].End, Cue: cues[ci]})
				}
				fs = fs[1:]
			}
			if j++; len(fs) == 0 || j >= len(toks) || toks[j].Sent != toks[i].Sent {
				break
			}
			var low string
			if c := m.words.Get(toks[j].Word); c != nil {
				low = c.low
			} else {
				low = m.add(&toks[j]).low
			}
			if j == i+1 && low != "" && l.next[low[0]>>6]&(1<<(low[0]&63)) == 0 {
				break
			}
			fs, n = narrow(fs, n, toks[j].SpaceBefore, low)
		}
	}
	return out
}

// narrow returns the forms of fs (sorted, sharing their first n bytes)
// that go on with a space, if space, and then low, and the length of what
// they now share. Those forms follow each other in fs: checking each in
// turn, by its first new byte before a call to compare strings, beats
// building the joined reading and searching for it.
func narrow(fs []tmForm, n int, space bool, low string) ([]tmForm, int) {
	if space {
		n++
	}
	next := n + len(low)
	ok := func(f string) bool {
		return len(f) >= next && (!space || f[n-1] == ' ') && (len(low) == 0 || f[n] == low[0]) && f[n:next] == low
	}
	a := 0
	for a < len(fs) && !ok(fs[a].form) {
		a++
	}
	b := a
	for b < len(fs) && ok(fs[b].form) {
		b++
	}
	return fs[a:b], next
}

// appendNorm appends a token's norm, quotes folded and lower-cased.
func appendNorm(dst []byte, t *analysis.Token) []byte {
	s := t.Norm
	if s == "" {
		s = t.Text
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c == '`' {
			return append(dst, lower(s)...)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// dropExcepted removes exception matches and the cues of their category
// they overlap ("isn't" in "isn't just").
func dropExcepted(ms []CueMatch) []CueMatch {
	var ex []CueMatch
	for _, m := range ms {
		if strings.HasPrefix(m.Cue.Category, exceptPrefix) {
			ex = append(ex, m)
		}
	}
	if ex == nil {
		return ms
	}
	out := ms[:0]
	for _, m := range ms {
		if strings.HasPrefix(m.Cue.Category, exceptPrefix) {
			continue
		}
		covered := false
		for _, e := range ex {
			if e.First < m.Last && m.First < e.Last && e.Cue.Category[len(exceptPrefix):] == m.Cue.Category {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, m)
		}
	}
	return out
}

// Len is the number of claim cues, exceptions included.
func (c *ClaimCues) Len() int { return len(c.idx.cues) }

// claimCue is a decoded claim cue with the key it overrides by: the
// category and the cue's own lemma (for events, the verb or noun, not the
// predicate).
type claimCue struct {
	key, shown string
	cue        *Cue
}

type claimDoc struct{ cues []claimCue }

func (p *claimDoc) count() (string, int) { return "cues", len(p.cues) }

func (p *claimDoc) merge(b *builder) {
	t := b.claims.cues
	for _, c := range p.cues {
		if t.put(b, c.key, c.shown, c.cue, c.cue.at, c.cue.user) && c.cue.disabled {
			t.disable(c.key)
		}
	}
}

func (p *claimDoc) add(c *Cue) {
	if c != nil {
		p.cues = append(p.cues, claimCue{key: c.Category + "\x00" + phraseKey(c.Lemma), shown: c.Lemma, cue: c})
	}
}

func decodeClaimCues(d *decoder, doc *yaml.Node, common []field) part {
	p := &claimDoc{}
	fs := common
	for _, kc := range listKeys {
		key, cat := kc[0], kc[1]
		fs = with(fs, field{key, func(k, v *yaml.Node) {
			for _, n := range d.seq(v, key) {
				p.add(decodeCue(d, n, key+" item", cat, false))
			}
		}})
	}
	fs = with(fs,
		field{"events", func(k, v *yaml.Node) { decodeEvents(d, v, p) }},
		field{"exceptions", func(k, v *yaml.Node) { decodeExceptions(d, v, p) }},
	)
	d.mapping(doc, "claim-cues document", fs)
	return p
}

// decodeEvents reads `events: {PREDICATE: {verbs: [...], nouns: [...]}}`.
// A bare verb gets its regular forms, as quote-cue verbs do; nouns match as
// written. Each cue is keyed by its own lemma, so a user file can move
// "trim" from cut to reduce, or disable it, without repeating the rest.
func decodeEvents(d *decoder, v *yaml.Node, p *claimDoc) {
	v = resolve(v)
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return
	}
	if v.Kind != yaml.MappingNode {
		d.errf(v, "events must be a mapping of predicate to verbs and nouns (cut: {verbs: [...], nouns: [...]}), got %s", describe(v))
		return
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], resolve(v.Content[i+1])
		pred, ok := d.nonEmpty(k, "event predicate")
		if !ok {
			continue
		}
		if first := seen[pred]; first != nil {
			d.errf(k, "event %q appears twice in events (first at line %d); merge them", pred, first.Line)
			continue
		}
		seen[pred] = k
		what := "event " + pred
		keys := d.mapping(val, what, []field{
			{"verbs", func(_, v *yaml.Node) {
				for _, n := range d.seq(v, what+" verbs") {
					p.addEvent(decodeCue(d, n, what+" verb", ClaimEvent, true), pred)
				}
			}},
			{"nouns", func(_, v *yaml.Node) {
				for _, n := range d.seq(v, what+" nouns") {
					p.addEvent(decodeCue(d, n, what+" noun", ClaimEventNoun, false), pred)
				}
			}},
		})
		if keys != nil && len(keys) == 0 {
			d.errf(val, "%s has neither verbs nor nouns; add `verbs: [...]` or `nouns: [...]`", what)
		}
	}
}

// eventCue names the predicate as c's Lemma; the key stays c's own lemma.
func (p *claimDoc) addEvent(c *Cue, pred string) {
	if c != nil {
		own := c.Lemma
		c.Lemma = pred
		p.cues = append(p.cues, claimCue{key: c.Category + "\x00" + phraseKey(own), shown: own, cue: c})
	}
}

// decodeExceptions reads `exceptions: {negations: [not just], ...}`: per
// list key, phrases in which that list's cues do not count.
func decodeExceptions(d *decoder, v *yaml.Node, p *claimDoc) {
	var fs []field
	for _, kc := range claimCategories {
		key, cat := kc[0], kc[1]
		fs = append(fs, field{key, func(k, v *yaml.Node) {
			for _, n := range d.seq(v, "exceptions to "+key) {
				p.add(decodeCue(d, n, "exception to "+key, exceptPrefix+cat, false))
			}
		}})
	}
	d.mapping(v, "exceptions", fs)
}

type claimTable struct{ cues *table[*Cue] }

func newClaimTable() *claimTable { return &claimTable{cues: newTable[*Cue]("claim cue")} }

func (t *claimTable) build() *ClaimCues {
	c := &ClaimCues{}
	cues := t.cues.values()
	lists := map[string]*[]*Cue{
		ClaimHedge: &c.Hedges, ClaimBooster: &c.Boosters, ClaimPrediction: &c.Predictions,
		ClaimNegation: &c.Negations, ClaimReporting: &c.Reporting, ClaimComparative: &c.Comparatives,
		ClaimRanking: &c.Rankings, ClaimConditional: &c.Conditionals, ClaimHypothetical: &c.Hypotheticals,
		ClaimOpinion: &c.Opinion, ClaimImperative: &c.Imperatives, ClaimCausal: &c.Causal,
		ClaimUnnamedSource: &c.UnnamedSources, ClaimCompanyNoun: &c.CompanyNouns, ClaimMetric: &c.Metrics,
		ClaimEvent: &c.Events, ClaimEventNoun: &c.EventNouns,
	}
	for _, x := range cues {
		if l := lists[x.Category]; l != nil {
			*l = append(*l, x)
		} else {
			c.Exceptions = append(c.Exceptions, x)
		}
	}
	// Claim cues are matched on tokens (tm); idx serves Lookup and the
	// pattern lists.
	c.idx = &cueIndex{cues: cues, forms: map[string][]*Cue{}}
	for _, x := range cues {
		for _, f := range x.Forms {
			if k := lower(f); !strings.ContainsAny(k, " \t") && !containsCue(c.idx.forms[k], x) {
				c.idx.forms[k] = append(c.idx.forms[k], x)
			}
		}
	}
	c.tm = newTokenMatcher(cues)
	return c
}
