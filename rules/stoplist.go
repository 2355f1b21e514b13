package rules

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// AnyLabel in a stoplist's labels stops the words for every label.
const AnyLabel = "*"

// Stoplist says which strings must never carry a label ("AI" is not a
// company, "Monday" is nobody).
type Stoplist struct {
	groups []*stopGroup
	fold   map[string]labelSet // folded text → the labels it is stopped for
	exact  map[string]labelSet
	res    []*stopGroup
}

// labelSet has bit i set for stopLabels[i]; one map lookup per text then
// answers for the label and AnyLabel together.
type labelSet uint16

// stopLabels are the labels a stoplist entry may name.
var stopLabels = append([]string{AnyLabel, TitleLabel}, Labels...)

func labelBit(label string) labelSet {
	for i, l := range stopLabels {
		if l == label {
			return 1 << i
		}
	}
	return 0
}

type stopGroup struct {
	id       string
	labels   []string
	words    []string
	patterns []*regexp.Regexp
	sources  []string
	caseMode string
	user     bool
	disabled bool
	at       pos
	// digits: every pattern needs an ASCII digit to match (see needsDigit).
	digits bool
}

// Stopped reports whether text must never be an entity with this label.
// Words compare whole, ignoring case unless the group says case: sensitive;
// patterns must match the whole text.
func (s *Stoplist) Stopped(label, text string) bool {
	if s == nil {
		return false
	}
	set := labelBit(label) | labelBit(AnyLabel)
	t := text
	var buf [64]byte
	lt, plain := plainLower(buf[:0], t)
	if !plain {
		t = spaced(foldQuotes(text))
	}
	if s.exact[t]&set != 0 {
		return true
	}
	if !plain {
		lt, plain = asciiLower(buf[:0], t)
	}
	if plain {
		// string(lt) in an index does not allocate.
		if s.fold[string(lt)]&set != 0 {
			return true
		}
	} else if s.fold[strings.ToLower(t)]&set != 0 {
		return true
	}
	digit := hasDigit(t)
	for _, g := range s.res {
		if g.digits && !digit || !containsString(g.labels, label) && !containsString(g.labels, AnyLabel) {
			continue
		}
		for _, re := range g.patterns {
			if re.MatchString(t) {
				return true
			}
		}
	}
	return false
}

// spaced is strings.Join(strings.Fields(s), " "), without copying s when
// it is so already.
func spaced(s string) string {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r',
			c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' '):
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

// plainLower is asciiLower for s that foldQuotes and spaced leave as it is
// (most names, in one pass); ok is false for any other s.
func plainLower(dst []byte, s string) (_ []byte, ok bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf, c == '`', '\t' <= c && c <= '\r',
			c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' '):
			return dst, false
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst, true
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	return false
}

// asciiLower appends strings.ToLower(s) to dst when s is ASCII; ok is false
// otherwise.
func asciiLower(dst []byte, s string) (_ []byte, ok bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return dst, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst, true
}

// needsDigit reports whether every string re matches has an ASCII digit,
// so texts without one need not be tried.
func needsDigit(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if '0' <= r && r <= '9' {
				return true
			}
		}
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i] < '0' || re.Rune[i+1] > '9' {
				return false
			}
		}
		return len(re.Rune) > 0
	case syntax.OpCapture:
		return needsDigit(re.Sub[0])
	case syntax.OpPlus:
		return needsDigit(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min >= 1 && needsDigit(re.Sub[0])
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if needsDigit(sub) {
				return true
			}
		}
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !needsDigit(sub) {
				return false
			}
		}
		return len(re.Sub) > 0
	}
	return false
}

// Len is the number of stopped words and patterns.
func (s *Stoplist) Len() int {
	n := 0
	for _, g := range s.groups {
		n += len(g.words) + len(g.patterns)
	}
	return n
}

type stoplistDoc struct{ groups []*stopGroup }

func (p *stoplistDoc) count() (string, int) {
	n := 0
	for _, g := range p.groups {
		n += len(g.words) + len(g.patterns)
	}
	return "stop words", n
}

func (p *stoplistDoc) merge(b *builder) {
	for _, g := range p.groups {
		b.stop.put(b, g)
	}
}

func decodeStoplist(d *decoder, doc *yaml.Node, common []field) part {
	p := &stoplistDoc{}
	seen := d.mapping(doc, "stoplist document", with(common, field{"entries", func(k, v *yaml.Node) {
		for _, n := range d.seq(v, "stoplist entries") {
			if g := decodeStopGroup(d, n); g != nil {
				p.groups = append(p.groups, g)
			}
		}
	}}))
	d.require(doc, seen, "stoplist document", "entries")
	return p
}

func decodeStopGroup(d *decoder, n *yaml.Node) *stopGroup {
	g := &stopGroup{caseMode: CaseInsensitive, user: d.user, at: d.at(n)}
	ok := true
	seen := d.mapping(n, "stoplist entry", []field{
		{"id", func(k, v *yaml.Node) {
			s, good := d.nonEmpty(v, "id")
			g.id, ok = s, ok && good
		}},
		{"labels", func(k, v *yaml.Node) {
			for _, l := range d.strs(v, "labels") {
				if !containsString(stopLabels, l.s) {
					if sg := suggest(l.s, stopLabels); sg != "" {
						d.errf(l.n, "label %q is not valid; did you mean %q? (one of: %s)", l.s, sg, strings.Join(stopLabels, ", "))
					} else {
						d.errf(l.n, "label %q is not valid; use one of: %s", l.s, strings.Join(stopLabels, ", "))
					}
					ok = false
					continue
				}
				g.labels = append(g.labels, l.s)
			}
		}},
		{"words", func(k, v *yaml.Node) {
			for _, w := range d.strs(v, "words") {
				g.words = append(g.words, w.s)
			}
		}},
		{"patterns", func(k, v *yaml.Node) {
			for _, r := range d.strs(v, "patterns") {
				re, good := compileRegex(d, r)
				if good {
					g.patterns = append(g.patterns, re)
					g.sources = append(g.sources, r.s)
				}
				ok = ok && good
			}
		}},
		{"case", func(k, v *yaml.Node) {
			s, good := d.oneOf(v, "case", CaseSensitive, CaseInsensitive)
			if good {
				g.caseMode = s
			}
			ok = ok && good
		}},
		{"disabled", func(k, v *yaml.Node) {
			b, good := d.boolean(v, "disabled")
			g.disabled, ok = b, ok && good
		}},
	})
	if seen == nil || !d.require(n, seen, "stoplist entry", "labels") {
		return nil
	}
	if seen["words"] == nil && seen["patterns"] == nil && !g.disabled {
		d.errf(n, "stoplist entry has neither \"words\" nor \"patterns\"; add one of them")
		return nil
	}
	if !ok {
		return nil
	}
	return g
}

// compileRegex compiles a user regex anchored to the whole text.
func compileRegex(d *decoder, r strNode) (*regexp.Regexp, bool) {
	re, err := regexp.Compile(`^(?:` + r.s + `)$`)
	if err != nil {
		msg := err.Error()
		if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, "error parsing regexp") {
			msg = msg[i+2:]
		}
		d.errf(r.n, "bad regex %q: %s; fix it (Go RE2 syntax: no lookarounds or backreferences)", r.s, msg)
		return nil, false
	}
	return re, true
}

type stopTable struct {
	groups []*stopGroup
	byID   map[string]*stopGroup
}

func newStopTable() *stopTable { return &stopTable{byID: map[string]*stopGroup{}} }

func (t *stopTable) put(b *builder, g *stopGroup) {
	if g.id != "" {
		if old := t.byID[g.id]; old != nil {
			if old.user == g.user {
				b.errAt(g.at, "duplicate stoplist id %q (first at %s); give one a different id", g.id, old.at)
				return
			}
			old.disabled = true
		}
		t.byID[g.id] = g
	}
	t.groups = append(t.groups, g)
}

func (t *stopTable) build() *Stoplist {
	s := &Stoplist{fold: map[string]labelSet{}, exact: map[string]labelSet{}}
	for _, g := range t.groups {
		if g.disabled {
			continue
		}
		s.groups = append(s.groups, g)
		for _, l := range g.labels {
			for _, w := range g.words {
				w = strings.Join(strings.Fields(foldQuotes(w)), " ")
				m := s.fold
				if g.caseMode == CaseSensitive {
					m = s.exact
				} else {
					w = strings.ToLower(w)
				}
				m[w] |= labelBit(l)
			}
		}
		if len(g.patterns) > 0 {
			g.digits = true
			for _, re := range g.patterns {
				tree, err := syntax.Parse(re.String(), syntax.Perl)
				g.digits = g.digits && err == nil && needsDigit(tree)
			}
			s.res = append(s.res, g)
		}
	}
	return s
}
