package rules

import (
	"cmp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// Cue is a word or phrase with its forms: a speech verb, an attribution
// phrase, a hedge, a negation, ...
type Cue struct {
	// Lemma is the base form ("say") or, for a phrase, the phrase itself.
	Lemma string
	// Forms are every form that matches, the lemma included.
	Forms []string
	// Category is verb, phrase or naming for quote cues; one of the Claim*
	// constants (hedge, negation, event, ...) for claim cues.
	Category string
	Origin   string
	Line     int

	user     bool
	disabled bool
	at       pos
}

// CueMatch is a cue found in tokens [First, Last), bytes [Start, End).
type CueMatch struct {
	First, Last int
	Start, End  int
	Cue         *Cue
}

// cueIndex finds cues in token streams, ignoring case.
type cueIndex struct {
	cues  []*Cue
	trie  *trie
	forms map[string][]*Cue // lower-cased single-token form → cues
	// cat numbers each cue's category, ncat of them.
	cat  []int
	ncat int
}

func newCueIndex(cues []*Cue) *cueIndex {
	x := &cueIndex{cues: cues, trie: newTrie(4 * len(cues)), forms: map[string][]*Cue{}, cat: make([]int, len(cues))}
	cats := map[string]int{}
	for i, c := range cues {
		k, ok := cats[c.Category]
		if !ok {
			k = len(cats)
			cats[c.Category] = k
		}
		x.cat[i] = k
		for _, f := range c.Forms {
			x.trie.add(f, CaseInsensitive, int32(i))
			low := lower(f)
			if !strings.ContainsAny(low, " \t") && !containsCue(x.forms[low], c) {
				x.forms[low] = append(x.forms[low], c)
			}
		}
	}
	x.ncat = len(cats)
	return x
}

func containsCue(cs []*Cue, c *Cue) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

// match finds cues; overlaps are resolved per category, longest first.
func (x *cueIndex) match(toks []analysis.Token) []CueMatch {
	sp, kp := spanPool.Get().(*[]span), spanPool.Get().(*[]span)
	cands := (*sp)[:0]
	x.trie.find(toks, func(h hit) {
		c := x.cues[h.ph.val]
		cands = append(cands, span{first: h.first, last: h.last, user: c.user, canon: true, order: int(h.ph.val)})
	})
	// A category's candidates are moved to the end of kept and resolved
	// there; resolveSpans' result does not depend on their order.
	kept := (*kp)[:0]
	for k := 0; k < x.ncat && len(cands) > 0; k++ {
		n := len(kept)
		for _, s := range cands {
			if x.cat[s.order] == k {
				kept = append(kept, s)
			}
		}
		kept = append(kept[:n], resolveSpans(kept[n:], len(toks), false)...)
	}
	var out []CueMatch
	if len(kept) > 0 {
		out = make([]CueMatch, len(kept))
	}
	for i, s := range kept {
		out[i] = CueMatch{First: s.first, Last: s.last, Start: toks[s.first].Start, End: toks[s.last-1].End, Cue: x.cues[s.order]}
	}
	*sp, *kp = cands, kept
	spanPool.Put(sp)
	spanPool.Put(kp)
	sortCueMatches(out)
	return out
}

// sortCueMatches orders matches by first token, then category, stably.
// The categories come interleaved, so insertion, cheapest for an
// article's few dozen, was quadratic for a long one.
func sortCueMatches(ms []CueMatch) {
	if len(ms) <= 32 {
		for i := 1; i < len(ms); i++ {
			for j := i; j > 0 && compareCueMatches(ms[j], ms[j-1]) < 0; j-- {
				ms[j], ms[j-1] = ms[j-1], ms[j]
			}
		}
		return
	}
	slices.SortStableFunc(ms, compareCueMatches)
}

func compareCueMatches(a, b CueMatch) int {
	if c := cmp.Compare(a.First, b.First); c != 0 {
		return c
	}
	return strings.Compare(a.Cue.Category, b.Cue.Category)
}

// QuoteCues holds speech verbs, attribution phrases and naming verbs.
type QuoteCues struct {
	Verbs   []*Cue
	Phrases []*Cue
	// Naming are verbs that attribute a quoted phrase inside the writer's
	// own sentence ("called the plan “a disaster”", "accused him of
	// “stalling”") but do not introduce a quotation of their own.
	Naming []*Cue
	idx    *cueIndex
}

// Verb returns the lemma of a speech verb form ("said" → "say").
func (q *QuoteCues) Verb(form string) (string, bool) {
	for _, c := range q.idx.forms[lower(form)] {
		if c.Category == "verb" {
			return c.Lemma, true
		}
	}
	return "", false
}

// Match finds speech verbs (category verb), attribution phrases (category
// phrase) and naming verbs (category naming), including multi-word forms
// such as "according to" or "pointed out".
func (q *QuoteCues) Match(toks []analysis.Token) []CueMatch { return q.idx.match(toks) }

// regularForms inflects a regular English verb: says/said/saying style
// forms without consonant doubling, which must be listed by hand.
func regularForms(lemma string) []string {
	if strings.Contains(lemma, " ") {
		return []string{lemma}
	}
	l := lemma
	n := len(l)
	consY := n > 1 && l[n-1] == 'y' && !strings.ContainsRune("aeiou", rune(l[n-2]))
	var s, ed, ing string
	switch {
	case consY:
		s, ed = l[:n-1]+"ies", l[:n-1]+"ied"
	case strings.HasSuffix(l, "s") || strings.HasSuffix(l, "x") || strings.HasSuffix(l, "z") ||
		strings.HasSuffix(l, "ch") || strings.HasSuffix(l, "sh"):
		s, ed = l+"es", l+"ed"
	case strings.HasSuffix(l, "e"):
		s, ed = l+"s", l+"d"
	default:
		s, ed = l+"s", l+"ed"
	}
	switch {
	case strings.HasSuffix(l, "ie"):
		ing = l[:n-2] + "ying"
	case strings.HasSuffix(l, "e") && !strings.HasSuffix(l, "ee") && !strings.HasSuffix(l, "ye") && !strings.HasSuffix(l, "oe") && n > 2:
		ing = l[:n-1] + "ing"
	default:
		ing = l + "ing"
	}
	return []string{l, s, ed, ing}
}

// decodeCue reads a cue item: a string, or {lemma, forms, regular}. A
// string is a verb with regular forms when regular is set, else a literal.
func decodeCue(d *decoder, n *yaml.Node, what, category string, regular bool) *Cue {
	c := &Cue{Category: category, Origin: d.file, Line: n.Line, user: d.user, at: d.at(n)}
	if n.Kind == yaml.ScalarNode {
		s, ok := d.nonEmpty(n, what)
		if !ok {
			return nil
		}
		c.Lemma = s
		if regular {
			c.Forms = regularForms(s)
		} else {
			c.Forms = []string{s}
		}
		return c
	}
	ok := true
	var forms []string
	seen := d.mapping(n, what, []field{
		{"lemma", func(k, v *yaml.Node) {
			s, good := d.nonEmpty(v, "lemma")
			c.Lemma, ok = s, ok && good
		}},
		{"forms", func(k, v *yaml.Node) {
			for _, f := range d.strs(v, "forms") {
				forms = append(forms, f.s)
			}
		}},
		{"regular", func(k, v *yaml.Node) {
			b, good := d.boolean(v, "regular")
			regular, ok = b, ok && good
		}},
		{"disabled", func(k, v *yaml.Node) {
			b, good := d.boolean(v, "disabled")
			c.disabled, ok = b, ok && good
		}},
	})
	if seen == nil || !d.require(n, seen, what, "lemma") || !ok {
		return nil
	}
	if seen["forms"] != nil && seen["regular"] != nil && regular {
		d.errf(seen["regular"], "%s lists forms and sets regular: true; keep one of them", what)
		return nil
	}
	if regular && seen["forms"] == nil {
		c.Forms = regularForms(c.Lemma)
	} else {
		c.Forms = append([]string{c.Lemma}, forms...)
	}
	c.Forms = dedupeFolded(c.Forms)
	return c
}

func dedupeFolded(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		k := phraseKey(s)
		if !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}

type cueDoc struct {
	quote bool
	cues  []*Cue
}

func (p *cueDoc) count() (string, int) { return "cues", len(p.cues) }

func (p *cueDoc) merge(b *builder) {
	t := b.claims.cues
	if p.quote {
		t = b.quote.cues
	}
	for _, c := range p.cues {
		key := c.Category + "\x00" + phraseKey(c.Lemma)
		if t.put(b, key, c.Lemma, c, c.at, c.user) && c.disabled {
			t.disable(key)
		}
	}
}

func decodeQuoteCues(d *decoder, doc *yaml.Node, common []field) part {
	p := &cueDoc{quote: true}
	d.mapping(doc, "quote-cues document", with(common,
		field{"verbs", func(k, v *yaml.Node) {
			for _, n := range d.seq(v, "verbs") {
				if c := decodeCue(d, n, "verb", "verb", true); c != nil {
					p.cues = append(p.cues, c)
				}
			}
		}},
		field{"phrases", func(k, v *yaml.Node) {
			for _, n := range d.seq(v, "phrases") {
				if c := decodeCue(d, n, "phrase", "phrase", false); c != nil {
					p.cues = append(p.cues, c)
				}
			}
		}},
		field{"naming", func(k, v *yaml.Node) {
			for _, n := range d.seq(v, "naming") {
				if c := decodeCue(d, n, "naming verb", "naming", true); c != nil {
					p.cues = append(p.cues, c)
				}
			}
		}},
	))
	return p
}

type quoteTable struct{ cues *table[*Cue] }

func newQuoteTable() *quoteTable { return &quoteTable{cues: newTable[*Cue]("quote cue")} }

func (t *quoteTable) build() *QuoteCues {
	q := &QuoteCues{}
	cues := t.cues.values()
	for _, c := range cues {
		switch c.Category {
		case "verb":
			q.Verbs = append(q.Verbs, c)
		case "naming":
			q.Naming = append(q.Naming, c)
		default:
			q.Phrases = append(q.Phrases, c)
		}
	}
	q.idx = newCueIndex(cues)
	return q
}
