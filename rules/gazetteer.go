package rules

import (
	"cmp"
	"maps"
	"slices"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// Labels a gazetteer entry may carry.
var Labels = []string{"PERSON", "COMPANY", "ORG", "LOC", "PRODUCT", "EVENT", "MISC"}

// TitleLabel is the label of entries from `kind: titles` files.
const TitleLabel = "TITLE"

// Entry is one named thing a gazetteer knows.
type Entry struct {
	ID, Name, Label string
	Aliases         []string
	// Attrs holds ticker, parent, title, country, sector, category and any
	// free-form attrs the file gives.
	Attrs    map[string]string
	Priority int
	// Case is auto, sensitive or insensitive (see docs/rules.md).
	Case string
	// Origin is the file the entry came from, Line its line there.
	Origin string
	Line   int

	user       bool
	disabled   bool
	key        string // label and folded name, for overrides
	aliasCases []string
	at         pos
	parentAt   pos
}

// IsUser reports whether the entry comes from a user file, not the defaults.
func (e *Entry) IsUser() bool { return e.user }

// Parent is the entry the parent attribute names (by id, canonical name or
// alias), if any.
func (g *Gazetteer) Parent(e *Entry) *Entry {
	if e == nil {
		return nil
	}
	if p := e.Attrs["parent"]; p != "" {
		if pe := g.byID[p]; pe != nil {
			return pe
		}
		return g.Lookup(p)
	}
	return nil
}

// Match is one gazetteer hit: tokens [First, Last) and bytes [Start, End).
type Match struct {
	First, Last int
	Start, End  int
	Entry       *Entry
	// Alias is true when the text matched an alias, not the canonical name.
	Alias bool
}

// Gazetteer finds known names in token streams.
type Gazetteer struct {
	entries []*Entry
	trie    *trie
	byID    map[string]*Entry
}

func newGazetteer(entries []*Entry) *Gazetteer {
	n := 0
	for _, e := range entries {
		n += 1 + len(e.Aliases)
	}
	g := &Gazetteer{entries: entries, trie: newTrie(n), byID: make(map[string]*Entry, len(entries))}
	done := make(chan bool) // byID fills meanwhile, on another core
	go func() {
		for _, e := range entries {
			g.byID[e.ID] = e
		}
		close(done)
	}()
	g.trie.addAll(func(add func(text, mode string, val int32)) {
		for i, e := range entries {
			// The low bit of a phrase value says "alias".
			add(e.Name, e.Case, int32(i)<<1)
			for j, a := range e.Aliases {
				mode := e.Case
				if j < len(e.aliasCases) && e.aliasCases[j] != "" {
					mode = e.aliasCases[j]
				}
				add(a, mode, int32(i)<<1|1)
			}
		}
	})
	<-done
	return g
}

// Len is the number of entries.
func (g *Gazetteer) Len() int { return len(g.entries) }

// Entries returns every entry, defaults first, in file order.
func (g *Gazetteer) Entries() []*Entry { return g.entries }

// ByID returns the entry with the given id, or nil.
func (g *Gazetteer) ByID(id string) *Entry { return g.byID[id] }

// Lookup finds an entry by canonical name or alias, ignoring case and
// spacing around punctuation. A canonical name beats an alias, then a user
// entry beats a default, then higher priority wins, then the earlier entry.
func (g *Gazetteer) Lookup(name string) *Entry {
	var best *Entry
	bestScore, bestIdx := 0, 0
	for _, ph := range g.trie.lookup(name) {
		i := int(ph.val >> 1)
		e := g.entries[i]
		score := e.Priority * 4
		if ph.val&1 == 0 {
			score += 2
		}
		if e.user {
			score++
		}
		if best == nil || score > bestScore || score == bestScore && i < bestIdx {
			best, bestScore, bestIdx = e, score, i
		}
	}
	return best
}

// Match finds entries in toks. Overlaps are resolved by the longest match,
// then priority, then user over default entries, then canonical name over
// alias, then the earlier start. Matches never cross a sentence boundary
// and come back in text order.
func (g *Gazetteer) Match(toks []analysis.Token) []Match {
	sp := spanPool.Get().(*[]span)
	cands := (*sp)[:0]
	g.trie.find(toks, func(h hit) {
		e := g.entries[h.ph.val>>1]
		cands = append(cands, span{first: h.first, last: h.last, prio: e.Priority, user: e.user,
			canon: h.ph.val&1 == 0, order: int(h.ph.val >> 1)})
	})
	cands = resolveSpans(cands, len(toks), false)
	out := make([]Match, len(cands))
	for i, c := range cands {
		out[i] = Match{First: c.first, Last: c.last, Start: toks[c.first].Start, End: toks[c.last-1].End,
			Entry: g.entries[c.order], Alias: !c.canon}
	}
	*sp = cands
	spanPool.Put(sp)
	return out
}

// spanPool recycles the candidate spans of a match call and takenPool
// resolveSpans' marks: matching runs several times on every document.
var (
	spanPool  = sync.Pool{New: func() any { return new([]span) }}
	takenPool = sync.Pool{New: func() any { return new([]bool) }}
)

// span is a candidate match during overlap resolution.
type span struct {
	first, last int
	prio        int
	user, canon bool
	order       int
}

// resolveSpans keeps non-overlapping spans, preferring longer ones (or,
// with prioFirst, higher priority first), and returns them in text order.
// It reuses c's array for the result.
func resolveSpans(c []span, ntoks int, prioFirst bool) []span {
	if len(c) <= 1 || inOrder(c) {
		return c
	}
	// The slices sorts take no reflection and allocate nothing; a stable
	// sort's result is the same whichever does it.
	slices.SortStableFunc(c, func(a, b span) int {
		la, lb := a.last-a.first, b.last-b.first
		switch {
		case prioFirst && a.prio != b.prio:
			return cmp.Compare(b.prio, a.prio)
		case la != lb:
			return cmp.Compare(lb, la)
		case a.prio != b.prio:
			return cmp.Compare(b.prio, a.prio)
		case a.user != b.user:
			return firstIf(a.user)
		case a.canon != b.canon:
			return firstIf(a.canon)
		case a.first != b.first:
			return cmp.Compare(a.first, b.first)
		}
		return cmp.Compare(a.order, b.order)
	})
	tp := takenPool.Get().(*[]bool)
	if cap(*tp) < ntoks {
		*tp = make([]bool, ntoks)
	}
	taken := (*tp)[:ntoks] // all false: marks are cleared below
	out := c[:0]           // each span is read before its slot is written
	for _, s := range c {
		free := true
		for i := s.first; i < s.last; i++ {
			if taken[i] {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		for i := s.first; i < s.last; i++ {
			taken[i] = true
		}
		out = append(out, s)
	}
	for _, s := range out {
		clear(taken[s.first:s.last])
	}
	takenPool.Put(tp)
	// Kept spans are disjoint and not empty, so their firsts differ and
	// any sort gives one order.
	slices.SortFunc(out, func(a, b span) int { return cmp.Compare(a.first, b.first) })
	return out
}

// inOrder reports whether the spans of c are not empty, disjoint and in
// text order (most calls: few names overlap): resolveSpans would keep them
// all and return them so.
func inOrder(c []span) bool {
	end := 0
	for _, s := range c {
		if s.first < end || s.last <= s.first {
			return false
		}
		end = s.last
	}
	return true
}

// firstIf orders the span for which a flag is set first.
func firstIf(set bool) int {
	if set {
		return -1
	}
	return 1
}

// gazetteerDoc is one decoded `kind: gazetteer` or `kind: titles` document.
type gazetteerDoc struct {
	titles  bool
	entries []*Entry
}

func decodeGazetteer(d *decoder, doc *yaml.Node, common []field) part {
	return decodeEntries(d, doc, common, false)
}

func decodeTitles(d *decoder, doc *yaml.Node, common []field) part {
	return decodeEntries(d, doc, common, true)
}

func decodeEntries(d *decoder, doc *yaml.Node, common []field, titles bool) part {
	kind, what := "gazetteer", "gazetteer entry"
	if titles {
		kind, what = "titles", "titles entry"
	}
	p := &gazetteerDoc{titles: titles}
	var columns []strNode
	var rows *yaml.Node
	fs := with(common,
		field{"entries", func(k, v *yaml.Node) {
			for _, n := range d.seq(v, kind+" entries") {
				if e := decodeEntry(d, n, what, titles); e != nil {
					p.entries = append(p.entries, e)
				}
			}
		}},
		field{"columns", func(k, v *yaml.Node) { columns = d.strs(v, "columns") }},
		field{"rows", func(k, v *yaml.Node) { rows = v }},
	)
	seen := d.mapping(doc, kind+" document", fs)
	if seen == nil {
		return p
	}
	switch {
	case seen["rows"] != nil && seen["columns"] == nil:
		d.errf(seen["rows"], "rows need a `columns:` list saying what each cell holds, like [name, label, aliases]")
	case seen["columns"] != nil && seen["rows"] == nil:
		d.errf(seen["columns"], "columns without rows; add a `rows: |` block or remove columns")
	case rows != nil:
		p.entries = append(p.entries, decodeRows(d, columns, rows, what, titles)...)
	case seen["entries"] == nil:
		d.require(doc, seen, kind+" document", "entries")
	}
	return p
}

var (
	entryKeys = []string{"id", "name", "label", "aliases", "case", "priority", "disabled", "ticker", "parent", "title", "country", "sector", "attrs"}
	titleKeys = []string{"id", "name", "aliases", "case", "priority", "disabled", "category", "attrs"}
)

// decodeEntry reads one gazetteer or titles entry. It is the hot path when
// loading big gazetteers, so it switches on keys instead of building field
// handlers per entry.
func decodeEntry(d *decoder, n *yaml.Node, what string, titles bool) *Entry {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		d.errf(n, "%s must be a mapping (key: value lines), got %s", what, describe(n))
		return nil
	}
	e := &Entry{Case: CaseAuto, Origin: d.file, Line: n.Line, user: d.user, at: d.at(n)}
	keys := entryKeys
	if titles {
		e.Label = TitleLabel
		keys = titleKeys
	}
	var hasName, hasLabel bool
	setAttr := func(k string, v *yaml.Node) {
		if s, ok := d.nonEmpty(v, k); ok {
			if e.Attrs == nil {
				e.Attrs = make(map[string]string, 4)
			}
			if _, dup := e.Attrs[k]; dup {
				d.errf(v, "attrs sets %q, which the entry already sets; keep one", k)
				return
			}
			e.Attrs[k] = s
			if k == "parent" {
				e.parentAt = d.at(v)
			}
		}
	}
next:
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolve(n.Content[i+1])
		for j := 0; j < i; j += 2 {
			if n.Content[j].Value == k.Value {
				d.errf(k, "key %q appears twice in %s (first at line %d); remove one", k.Value, what, n.Content[j].Line)
				continue next
			}
		}
		switch k.Value {
		case "id":
			e.ID, _ = d.nonEmpty(v, "id")
		case "name":
			hasName = true
			name, ok := d.nonEmpty(v, "name")
			if ok && !hasAtoms(name) {
				d.errf(v, "name %q has no letters or digits to match", name)
			}
			e.Name = name
		case "aliases":
			items := d.seq(v, "aliases")
			if len(items) > 0 {
				e.Aliases, e.aliasCases = make([]string, 0, len(items)), make([]string, 0, len(items))
			}
			for _, a := range items {
				if text, mode := decodeAlias(d, a); text != "" {
					e.Aliases = append(e.Aliases, text)
					e.aliasCases = append(e.aliasCases, mode)
				}
			}
		case "case":
			if s, ok := d.oneOf(v, "case", CaseAuto, CaseSensitive, CaseInsensitive); ok {
				e.Case = s
			}
		case "priority":
			e.Priority, _ = d.integer(v, "priority")
		case "disabled":
			e.disabled, _ = d.boolean(v, "disabled")
		case "attrs":
			for ak, av := range d.strMap(v, "attrs") {
				setAttr(ak, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: av, Line: v.Line, Column: v.Column})
			}
		default:
			switch {
			case k.Value == "label" && !titles:
				hasLabel = true
				s, ok := d.str(v, "label")
				if ok && s == TitleLabel {
					d.errf(v, "label TITLE is for roles; put them in a `kind: titles` document instead")
				} else if ok {
					s, _ = d.oneOf(v, "label", Labels...)
				}
				e.Label = s
			case containsString(keys, k.Value):
				setAttr(k.Value, v)
			default:
				d.unknownKey(k, what, keys)
			}
		}
	}
	if !hasName {
		d.errf(n, "%s has no %q; add a line `name: ...`", what, "name")
	}
	if !titles && !hasLabel {
		d.errf(n, "%s has no %q; add a line `label: ...`", what, "label")
	}
	if e.Name == "" {
		return nil
	}
	e.setDerived()
	// A broken entry is kept so that duplicates and references are still
	// checked in this pass; no Set is built when there are errors.
	return e
}

// decodeAlias reads an alias: a string, or {text: ..., case: ...}.
func decodeAlias(d *decoder, n *yaml.Node) (string, string) {
	if n.Kind == yaml.ScalarNode {
		s, ok := d.nonEmpty(n, "alias")
		if !ok {
			return "", ""
		}
		if !hasAtoms(s) {
			d.errf(n, "alias %q has no letters or digits to match", s)
			return "", ""
		}
		return s, ""
	}
	var text, mode string
	good := true
	seen := d.mapping(n, "alias", []field{
		{"text", func(k, v *yaml.Node) {
			s, ok := d.nonEmpty(v, "alias text")
			text, good = s, good && ok
		}},
		{"case", func(k, v *yaml.Node) {
			s, ok := d.oneOf(v, "case", CaseAuto, CaseSensitive, CaseInsensitive)
			mode, good = s, good && ok
		}},
	})
	if !d.require(n, seen, "alias", "text") || !good {
		return "", ""
	}
	return text, mode
}

// setDerived fills the id (when not given) and the override key from one
// folding of the name.
func (e *Entry) setDerived() {
	var buf [128]byte
	b := append(append(buf[:0], e.Label...), 0)
	e.key = string(appendPhraseKey(b, e.Name))
	if e.ID == "" {
		b = appendLower(b[:0], e.Label)
		b = append(b, ':')
		for _, c := range []byte(e.key[len(e.Label)+1:]) {
			if c == ' ' {
				c = '-'
			}
			b = append(b, c)
		}
		e.ID = string(b)
	}
}

func (p *gazetteerDoc) count() (string, int) {
	if p.titles {
		return "titles", len(p.entries)
	}
	return "entries", len(p.entries)
}

func (p *gazetteerDoc) merge(b *builder) {
	t := b.gaz
	if p.titles {
		t = b.titles
	}
	t.reserve(len(p.entries))
	for _, e := range p.entries {
		t.put(b, e)
	}
}

// entryTable gathers gazetteer entries across files, applying overrides: a
// user entry replaces a default one with the same id or the same name and
// label; two entries from the same side sharing either is an error.
type entryTable struct {
	what   string
	order  []*Entry
	byID   map[string]*Entry
	byName map[string]*Entry
}

func newEntryTable(what string) *entryTable {
	return &entryTable{what: what, byID: map[string]*Entry{}, byName: map[string]*Entry{}}
}

func nameKey(e *Entry) string {
	if e.key == "" {
		e.key = e.Label + "\x00" + phraseKey(e.Name)
	}
	return e.key
}

func (t *entryTable) put(b *builder, e *Entry) {
	if old := t.byID[e.ID]; old != nil {
		if old.user == e.user {
			b.errAt(e.at, "duplicate %s id %q (first at %s); give one a different id", t.what, e.ID, old.at)
			return
		}
		t.remove(old)
	}
	if old := t.byName[nameKey(e)]; old != nil {
		if old.user == e.user {
			b.errAt(e.at, "duplicate %s %q with label %s (first at %s); merge the two entries", t.what, e.Name, e.Label, old.at)
			return
		}
		t.remove(old)
	}
	t.byID[e.ID] = e
	t.byName[nameKey(e)] = e
	t.order = append(t.order, e)
}

// reserve makes room for n more entries at once, so a big file does not
// regrow the maps step by step.
func (t *entryTable) reserve(n int) {
	if n <= len(t.order) {
		return
	}
	byID, byName := make(map[string]*Entry, len(t.byID)+n), make(map[string]*Entry, len(t.byName)+n)
	maps.Copy(byID, t.byID)
	maps.Copy(byName, t.byName)
	t.byID, t.byName = byID, byName
	t.order = slices.Grow(t.order, n)
}

func (t *entryTable) remove(e *Entry) {
	delete(t.byID, e.ID)
	delete(t.byName, nameKey(e))
	e.disabled = true
}

func (t *entryTable) live() []*Entry {
	out := make([]*Entry, 0, len(t.order))
	for _, e := range t.order {
		if !e.disabled && t.byID[e.ID] == e {
			out = append(out, e)
		}
	}
	return out
}
