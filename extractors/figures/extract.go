package figures

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// Extract implements extractors.Extractor: it appends the figures of every
// sentence to out.Figures with ids f1, f2, ... in text order. Entities must
// already be in out for figures to be tied to them.
//
// Only windows of text around the tokens that hold a digit or a number word
// are read: every figure has one, and nothing the grammar looks at lies
// further than a few tokens from it.
func (x *Extractor) Extract(doc *analysis.Doc, out *quarry.Document) error {
	return x.extract(doc, out, reach)
}

// extract reads windows of around tokens either side of each digit or
// number word; an around beyond the sentence length reads whole sentences.
func (x *Extractor) extract(doc *analysis.Doc, out *quarry.Document, around int) error {
	sents := doc.Sentences
	if len(sents) == 0 && doc.Text != "" {
		s := analysis.Sentence{Start: 0, End: len(doc.Text), First: 0, Last: len(doc.Tokens)}
		s.Furniture = analysis.Furniture(doc.Text, s)
		sents = []analysis.Sentence{s}
	}
	// The pipeline hands in an empty, non-nil slice: presize by capacity.
	if cap(out.Figures) == 0 {
		out.Figures = make([]quarry.Figure, 0, len(doc.Text)/256+4) // news: a figure every few hundred bytes
	}
	buf := scratchPool.Get().(*scratch)
	wins, toks, amounts, flags := buf.wins, buf.toks, buf.amounts, buf.flags
	var (
		vals  []float64
		ments mentions
		ends  mentions
	)
	first := len(out.Figures)
	indexed := false
	// Sentence by sentence, so that its tokens are still in cache when the
	// figures' context is read.
	for si, sn := range sents {
		if sn.Furniture {
			continue // "11 mins read"
		}
		stoks := doc.Tokens[sn.First:sn.Last]
		if len(doc.Tokens) == 0 {
			wins = append(wins[:0], span{sn.Start, sn.End})
		} else {
			wins = x.windows(doc.Text, stoks, sn, around, wins[:0])
		}
		c := context{lx: x.lx, text: doc.Text, toks: stoks}
		for _, w := range wins {
			toks = lex(doc.Text, w.start, w.end, stoks, toks[:0])
			sc := scanner{lx: x.lx, text: doc.Text, t: toks, open: w.start == sn.Start, sent: sn.Start, fl: flags[:0]}
			amounts = sc.scan(amounts[:0])
			flags = sc.fl
			for _, a := range amounts {
				// A window may reach into a neighbour sentence when the
				// segmenter cut inside a word ("v2." | "1.3"); each figure
				// belongs to the sentence it starts in.
				if st := toks[a.i].s; st < sn.Start || st >= sn.End {
					continue
				}
				if !indexed {
					ments, indexed = buf.indexMentions(out.Entities), true
					ends = ments.byEnd()
				}
				c.ments, c.ends = ments, ends
				f := sc.record(a, &vals)
				f.Sentence = si
				c.fill(&f)
				out.Figures = append(out.Figures, f)
			}
		}
	}
	setIDs(out.Figures[first:])
	buf.keep(wins, toks, amounts, flags)
	return nil
}

// scratch holds the working buffers of an extraction, reused from article
// to article: grown afresh for each, they cost a growslice every few
// windows.
type scratch struct {
	wins    []span
	toks    []tok
	amounts []amount
	flags   []uint32
	// The mentions indexMentions lists and sorts, and its sort keys.
	ments, sorted []mention
	keys          []uint64
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// keep puts the buffers, as grown, back in the pool, the tokens and amounts
// cleared: their strings would keep the article's text alive. A long
// article's are dropped instead.
func (b *scratch) keep(wins []span, toks []tok, amounts []amount, flags []uint32) {
	if cap(b.ments) > analysis.MaxPooledTokens || cap(toks) > analysis.MaxPooledTokens {
		return
	}
	clear(toks[:cap(toks)])
	clear(amounts[:cap(amounts)])
	clear(b.ments) // as long as this article's, like sorted
	clear(b.sorted)
	*b = scratch{wins[:0], toks[:0], amounts[:0], flags[:0], b.ments[:0], b.sorted[:0], b.keys[:0]}
	scratchPool.Put(b)
}

// setIDs numbers figures f1, f2, ... with the ids sharing one string.
func setIDs(figs []quarry.Figure) {
	b := make([]byte, 0, len(figs)*idLen(len(figs)))
	for i := range figs {
		b = append(b, 'f')
		b = strconv.AppendInt(b, int64(i+1), 10)
	}
	all, start := string(b), 0
	for i := range figs {
		n := idLen(i + 1)
		figs[i].ID = all[start : start+n]
		start += n
	}
}

// idLen is the length of the id of the n'th figure: "f" and n's digits.
func idLen(n int) int {
	l := 2
	for ; n >= 10; n /= 10 {
		l++
	}
	return l
}

// span is a byte range of the text.
type span struct{ start, end int }

// reach is how many analysed tokens before and after a digit or number
// word a window takes in: the longest hedge, currency or unit phrase, and
// the words keep and ordinalOK look back at. Four is enough for every BBC
// article (TestWindows); six leaves room.
const reach = 6

// windows returns the byte ranges of sentence sn worth scanning: the
// tokens around each token holding a digit or a number word, merged where
// they touch and widened to whitespace so that no word is cut.
func (x *Extractor) windows(text string, toks []analysis.Token, sn analysis.Sentence, around int, out []span) []span {
	k := x.nextTrigger(toks, 0)
	for k < len(toks) {
		lo, hi := max(0, k-around), min(len(toks)-1, k+around)
		for k = x.nextTrigger(toks, k+1); k < len(toks) && k-around <= hi+1; k = x.nextTrigger(toks, k+1) {
			hi = min(len(toks)-1, k+around)
		}
		for lo > 0 && !toks[lo].SpaceBefore {
			lo--
		}
		for hi+1 < len(toks) && !toks[hi+1].SpaceBefore {
			hi++
		}
		start, end := toks[lo].Start, toks[hi].End
		if lo == 0 {
			start = min(start, sn.Start)
			for start > 0 && !isSpaceByte(text[start-1]) {
				start--
			}
		}
		if hi == len(toks)-1 {
			end = max(end, sn.End)
			for end < len(text) && !isSpaceByte(text[end]) {
				end++
			}
		}
		out = append(out, span{start, end})
	}
	return out
}

// nextTrigger returns the index of the first token from k on that holds a
// digit or a number word, or len(toks). A loop of its own, most tokens
// being none, with nothing else to keep in registers.
func (x *Extractor) nextTrigger(toks []analysis.Token, k int) int {
	lx := x.lx
	for ; k < len(toks); k++ {
		w := toks[k].Word
		if lx.nones.Has(w) {
			continue
		}
		if lx.triggers.Has(w) || lx.learnTrigger(&toks[k]) {
			return k
		}
	}
	return k
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

// mention is one entity mention, for finding the entity a figure belongs to.
type mention struct {
	start, end int
	id, label  string
}

type mentions []mention // sorted by start

func (b *scratch) indexMentions(ents []quarry.Entity) mentions {
	ms := b.ments[:0]
	for _, e := range ents {
		for _, m := range e.Mentions {
			ms = append(ms, mention{m.Start, m.End, e.ID, e.Label})
		}
	}
	b.ments = ms
	// Ties keep the order sort.Slice gave them (see sortByStart).
	return b.sortByStart(ms)
}

// sortByStart sorts ms by start as slices.SortFunc comparing starts does
// (the same pdqsort as sort.Slice, which this code used before).
// When no two starts are equal that order is the only one, and sorting
// start<<32|index keys is cheaper than moving the records; otherwise ties
// are left to the same sort as before.
func (b *scratch) sortByStart(ms []mention) []mention {
	keys := slices.Grow(b.keys[:0], len(ms))[:len(ms)]
	b.keys = keys
	for i, m := range ms {
		if uint64(m.start) >= 1<<32 || uint64(i) >= 1<<32 {
			keys = nil
			break
		}
		keys[i] = uint64(m.start)<<32 | uint64(i)
	}
	if keys != nil {
		slices.Sort(keys)
		for i := 1; i < len(keys); i++ {
			if keys[i]>>32 == keys[i-1]>>32 {
				keys = nil
				break
			}
		}
	}
	if keys == nil {
		slices.SortFunc(ms, func(a, b mention) int { return cmp.Compare(a.start, b.start) })
		return ms
	}
	out := slices.Grow(b.sorted[:0], len(ms))[:len(ms)]
	b.sorted = out
	for i, k := range keys {
		out[i] = ms[uint32(k)]
	}
	return out
}

// byEnd returns the mentions sorted by end, those ending at one offset in
// start order, for endingAt to search: a scan of the mentions for every
// figure would be quadratic in a long article. Mentions seldom overlap, so
// the start order is mostly the end order already and needs no copy (a map
// by end cost more to build than all the searches).
func (ms mentions) byEnd() mentions {
	byEnd := func(a, b mention) int { return cmp.Compare(a.end, b.end) }
	if slices.IsSortedFunc(ms, byEnd) {
		return ms
	}
	ends := slices.Clone(ms)
	slices.SortStableFunc(ends, byEnd)
	return ends
}

// endingAt returns the first mention (by start) that ends at byte end.
func (c *context) endingAt(end int) (mention, bool) {
	i := sort.Search(len(c.ends), func(i int) bool { return c.ends[i].end >= end })
	if i < len(c.ends) && c.ends[i].end == end {
		return c.ends[i], true
	}
	return mention{}, false
}

// within returns the first mention inside [start, end).
func (ms mentions) within(start, end int) (mention, bool) {
	i := sort.Search(len(ms), func(i int) bool { return ms[i].start >= start })
	if i < len(ms) && ms[i].end <= end {
		return ms[i], true
	}
	return mention{}, false
}

// lastBefore returns the last organisation mention that ends by end and
// starts at or after from.
func (ms mentions) lastBefore(from, end int) (mention, bool) {
	i := sort.Search(len(ms), func(i int) bool { return ms[i].start >= end })
	for i--; i >= 0 && ms[i].start >= from; i-- {
		if ms[i].end <= end && (ms[i].label == quarry.Company || ms[i].label == quarry.Org) {
			return ms[i], true
		}
	}
	return mention{}, false
}

// context reads what surrounds a figure in its sentence's analysed tokens.
type context struct {
	lx    *lexicon
	text  string
	toks  []analysis.Token
	ments mentions
	ends  mentions // sorted by end, see byEnd
	pos   int      // the first token ending after the last figure's start
}

func (c *context) word(i int) string {
	if i < 0 || i >= len(c.toks) {
		return ""
	}
	return c.toks[i].Lower() // strings.ToLower(Norm), kept per word
}

func (c *context) fill(f *quarry.Figure) {
	// Figures come in text order: a cursor finds the tokens around each.
	if c.pos > 0 && c.pos <= len(c.toks) && c.toks[c.pos-1].End > f.Start {
		c.pos = 0
	}
	rest := c.toks[c.pos:]
	c.pos += sort.Search(len(rest), func(i int) bool { return rest[i].End > f.Start })
	before, after := c.pos-1, c.pos
	for after < len(c.toks) && c.toks[after].Start < f.End {
		after++
	}

	headEnd := after
	if f.Counts == "" && (f.Kind == Number || (f.Kind == Quantity && c.word(after) == "of")) {
		if s, e, ok := c.counted(after, f); ok {
			f.Counts = c.text[c.toks[s].Start:c.toks[e].End]
			headEnd = e + 1
			if d, ok := direction(c.word(e)); ok && c.isNoun(e) {
				f.Direction = d
			}
			if m, ok := c.ments.within(c.toks[s].Start, c.toks[e].End); ok {
				f.Entity = m.id
			}
		}
	}
	verb := -1
	if f.Kind == Ordinal || f.Kind == Year || f.Kind == Date {
		return
	}
	if f.Direction == "" {
		f.Direction, verb = c.directionBefore(before)
	}
	if f.Direction == "" {
		for k := headEnd; k < headEnd+2 && k < len(c.toks); k++ {
			if d, ok := direction(c.word(k)); ok && c.isNoun(k) {
				f.Direction = d
				break
			}
		}
	}
	if f.Entity == "" {
		f.Entity = c.owner(before, verb)
	}
}

// counted finds the noun phrase a count counts: "14,000 corporate jobs",
// "hundreds of jobs", "14,000 of its employees". It returns token indexes
// [s, e] of the phrase.
func (c *context) counted(i int, f *quarry.Figure) (int, int, bool) {
	if c.word(i) == "of" && !strings.HasSuffix(f.Text, " of") {
		i++
		switch c.word(i) {
		case "the", "its", "their", "his", "her", "our", "these", "those", "all":
			i++
		}
	}
	s, head := i, -1
	for k := i; k < len(c.toks) && k < i+5; k++ {
		t := c.toks[k]
		if k > i && t.Start > c.toks[k-1].End && strings.ContainsRune(c.text[c.toks[k-1].End:t.Start], '\n') {
			break
		}
		if c.isNoun(k) {
			head = k
			if c.plural(k) {
				break
			}
			continue
		}
		if head >= 0 {
			break
		}
		if c.isAdj(k) || (strings.HasPrefix(t.Tag, "RB") && c.isAdj(k+1)) {
			continue
		}
		break
	}
	if head < 0 {
		return 0, 0, false
	}
	one := f.Value != nil && *f.Value == 1
	if !one && !c.plural(head) && !c.lx.counted[c.word(head)] {
		return 0, 0, false
	}
	return s, head, true
}

func (c *context) isNoun(k int) bool {
	if k < 0 || k >= len(c.toks) {
		return false
	}
	t := c.toks[k]
	if t.Tag != "" {
		return strings.HasPrefix(t.Tag, "NN")
	}
	w := c.word(k)
	return w != "" && isLetterByte(w[0]) && !functionWords[w]
}

func (c *context) isAdj(k int) bool {
	if k < 0 || k >= len(c.toks) {
		return false
	}
	tag := c.toks[k].Tag
	return strings.HasPrefix(tag, "JJ") || tag == "VBN" || tag == "VBG"
}

func (c *context) plural(k int) bool {
	t := c.toks[k]
	if t.Tag == "NNS" || t.Tag == "NNPS" || c.lx.counted[c.word(k)] {
		return true
	}
	w := c.word(k)
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss")
}

// directionBefore reads the change verb before a figure: "rose 8%", "cut
// 14,000 jobs", "the layoff of 14,000". It returns the direction and the
// verb's token index.
func (c *context) directionBefore(k int) (string, int) {
	for n := 0; k >= 0 && n < 4; k, n = k-1, n+1 {
		w := c.word(k)
		if d, ok := direction(w); ok {
			if (w == "up" || w == "down") && n > 0 {
				return "", -1
			}
			return d, k
		}
		switch {
		case w == "from" && n == 0: // "rose from 4.9% to 5.8%"
			continue
		case w == "from":
			return "", -1
		case n <= 1 && lyAdverb(w): // "rose sharply from 4.9%"
			continue
		}
		switch w {
		case "by", "to", "a", "an", "the", "another", "additional", "further", "some", "its", "their",
			"more", "than", "of", "nearly", "about", "roughly", "around", "almost", "over", "least", "at":
			continue
		}
		return "", -1
	}
	return "", -1
}

// owner finds the entity a figure belongs to when the sentence says so:
// "Amazon’s $8 billion stake", "its $4 billion investment" (the last
// company named before), "Amazon to cut 14,000 jobs".
func (c *context) owner(before, verb int) string {
	k := before
	for n := 0; k >= 0 && n < 2 && (c.isAdj(k) || strings.HasPrefix(c.toks[k].Tag, "RB")); n++ {
		k--
	}
	if k >= 0 {
		switch c.word(k) {
		case "'s", "'":
			if m, ok := c.endingAt(c.toks[k].Start); ok {
				return m.id
			}
			if k > 0 {
				if m, ok := c.endingAt(c.toks[k-1].End); ok {
					return m.id
				}
			}
		case "its", "their":
			from := 0
			if len(c.toks) > 0 {
				from = c.toks[0].Start
			}
			if m, ok := c.ments.lastBefore(from, c.toks[k].Start); ok {
				return m.id
			}
		}
	}
	if verb > 0 {
		k = verb - 1
		for n := 0; k >= 0 && n < 4 && subjectGlue[c.word(k)]; n++ {
			k--
		}
		if k >= 0 {
			if m, ok := c.endingAt(c.toks[k].End); ok {
				return m.id
			}
		}
	}
	return ""
}
