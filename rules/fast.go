package rules

import (
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// The fast path reads the shape big gazetteers are written in without
// yaml.v3, which spends most of a 100,000-entry load building nodes:
//
//	kind: gazetteer            # or titles; description: may follow
//	entries:
//	  - name: Quillmore Vantage Holdings
//	    label: COMPANY
//	    aliases: [QVH, "Quillmore"]
//
// or the table form (columns: [...] and a plain `rows: |` block). Keys,
// plain or quoted one-line scalars and one-line flow lists of them are all
// it knows. It builds the nodes yaml.v3 would and decodes them with the
// usual code; entries go one at a time through reused nodes. Anything else,
// or any problem found, sends the whole file to yaml.v3, so results and
// messages never differ.

// fastLoad lets tests compare the fast path with yaml.v3.
var fastLoad = true

// loadFast loads data if the fast path can; false means nothing changed.
func (b *builder) loadFast(d *decoder, data []byte, fi *FileInfo) bool {
	if !fastLoad || !fastText(data) {
		return false
	}
	s := &fastScanner{src: string(data)}
	doc, entries, ok := s.document()
	if !ok {
		return false
	}
	n0 := len(*d.errs)
	p, kind, examples := decodeDoc(d, doc)
	if g, _ := p.(*gazetteerDoc); g != nil && entries.src != "" {
		g.entries, ok = decodeFast(d, entries, g.titles, parts(len(entries.src)-entries.off))
	}
	if !ok || p == nil || len(*d.errs) > n0 {
		*d.errs = (*d.errs)[:n0]
		return false
	}
	b.add(p, kind, examples, fi)
	return true
}

// decodeFast decodes the entries in l in n parts at once; ok is false if
// any entry has a problem.
func decodeFast(d *decoder, l lines, titles bool, n int) (entries []*Entry, ok bool) {
	what := "gazetteer entry"
	if titles {
		what = "titles entry"
	}
	split := splitItems(l, n)
	good := make([]bool, len(split))
	entries = inParts(d, len(split), func(i int, d *decoder) []*Entry {
		var out []*Entry
		s := &fastScanner{src: l.src}
		good[i] = s.entries(split[i], func(n *yaml.Node) {
			if e := decodeEntry(d, n, what, titles); e != nil {
				out = append(out, e)
			}
		})
		return out
	})
	for _, g := range good {
		if !g {
			return nil, false
		}
	}
	return entries, true
}

// splitItems cuts the lines of a list into about n parts, each starting at
// an item ("- " as indented as the first).
func splitItems(l lines, n int) []lines {
	first := l
	text, _ := first.content()
	lead := "\n" + text[:indentOf(text)] + "- "
	var parts []lines
	for k := n - 1; k > 0; k-- {
		at := strings.Index(l.src[l.off+(len(l.src)-l.off)/(k+1):], lead)
		if at < 0 {
			break
		}
		end := l.off + (len(l.src)-l.off)/(k+1) + at + 1
		parts = append(parts, lines{src: l.src[:end], off: l.off, line: l.line})
		l.line += strings.Count(l.src[l.off:end], "\n")
		l.off = end
	}
	return append(parts, l)
}

// fastText reports whether data is free of what only yaml.v3 handles: tabs,
// CR, control and non-printable characters, a BOM, no final newline.
func fastText(data []byte) bool {
	if len(data) == 0 || data[len(data)-1] != '\n' {
		return false
	}
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c < ' ' && c != '\n' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 || r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff {
			return false
		}
		i += n
	}
	return true
}

// lines walks a text ending in "\n" line by line.
type lines struct {
	src  string
	off  int
	line int // number of the line next returned, minus one
}

func (l *lines) next() (string, bool) {
	if l.off >= len(l.src) {
		return "", false
	}
	end := l.off + strings.IndexByte(l.src[l.off:], '\n')
	text := l.src[l.off:end]
	l.off = end + 1
	l.line++
	return text, true
}

// content returns the next line that is not blank or a comment.
func (l *lines) content() (string, bool) {
	for {
		text, ok := l.next()
		if !ok || !blankOrComment(text) {
			return text, ok
		}
	}
}

// peek returns the next line without taking it.
func (l *lines) peek() string {
	c := *l
	text, _ := c.next()
	return text
}

type fastScanner struct {
	src  string
	pool []*yaml.Node
	used int
}

// node returns a node from the pool, reset; the pool is reused per entry.
func (s *fastScanner) node(kind yaml.Kind, tag string, line, col int) *yaml.Node {
	if s.used == len(s.pool) {
		s.pool = append(s.pool, new(yaml.Node))
	}
	n := s.pool[s.used]
	s.used++
	content := n.Content[:0]
	*n = yaml.Node{Kind: kind, Tag: tag, Line: line, Column: col, Content: content}
	return n
}

// document reads the top-level keys. The entries list is left in entries,
// its node empty, for s.entries to stream.
func (s *fastScanner) document() (doc *yaml.Node, entries lines, ok bool) {
	l := lines{src: s.src}
	seen := map[string]bool{}
	for {
		text, more := l.content()
		if !more {
			break
		}
		key, i, good := fastKey(text, 0)
		if !good || seen[key] {
			return nil, lines{}, false
		}
		seen[key] = true
		if doc == nil {
			doc = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: l.line, Column: 1}
		}
		k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Line: l.line, Column: 1}
		var v *yaml.Node
		switch key {
		case "kind", "description", "columns":
			s.used = 0
			if v, good = s.value(text, i, l.line); !good {
				return nil, lines{}, false
			}
			v = clone(v)
			if key == "kind" && v.Value != "gazetteer" && v.Value != "titles" {
				return nil, lines{}, false
			}
		case "rows":
			if v, good = literal(text, i, &l); !good {
				return nil, lines{}, false
			}
		case "entries":
			if strings.TrimRight(text[i:], " ") != "" {
				return nil, lines{}, false
			}
			if v, entries, good = entryLines(&l); !good {
				return nil, lines{}, false
			}
		default:
			return nil, lines{}, false
		}
		doc.Content = append(doc.Content, k, v)
	}
	if doc == nil || seen["entries"] && (seen["rows"] || seen["columns"]) {
		return nil, lines{}, false
	}
	return doc, entries, true
}

// clone copies a pooled node and its items out of the pool.
func clone(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = nil
	for _, it := range n.Content {
		c.Content = append(c.Content, clone(it))
	}
	return &c
}

// entryLines takes the lines of a block list of entries, returning its
// (empty) node and the lines for s.entries.
func entryLines(l *lines) (*yaml.Node, lines, bool) {
	start := *l
	var seq *yaml.Node
	indent := 0
	for l.off < len(l.src) {
		text := l.peek()
		if blankOrComment(text) {
			l.next()
			continue
		}
		ind := indentOf(text)
		if seq == nil {
			if !strings.HasPrefix(text[ind:], "- ") {
				return nil, lines{}, false
			}
			seq = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: l.line + 1, Column: ind + 1}
			indent = ind
		} else if ind == 0 && (indent > 0 || !strings.HasPrefix(text, "- ")) {
			break
		}
		l.next()
	}
	if seq == nil {
		return nil, lines{}, false
	}
	start.src = l.src[:l.off]
	return seq, start, true
}

// entries decodes the entries of a list, calling fn with each mapping.
func (s *fastScanner) entries(l lines, fn func(n *yaml.Node)) bool {
	var m *yaml.Node
	indent, keyCol := -1, 0
	for {
		text, more := l.content()
		if !more {
			break
		}
		ind := indentOf(text)
		switch {
		case ind == indent || indent < 0:
			if !strings.HasPrefix(text[ind:], "- ") {
				return false
			}
			if m != nil {
				fn(m)
			}
			indent = ind
			keyCol = ind + 2 + indentOf(text[ind+2:])
			s.used = 0
			m = s.node(yaml.MappingNode, "!!map", l.line, keyCol+1)
		case ind != keyCol:
			return false
		}
		key, i, ok := fastKey(text, keyCol)
		if !ok {
			return false
		}
		// Keys get !!str even where yaml.v3 would say !!null or !!int
		// ("null:", "1:"): only the value is read, and such keys are
		// unknown, so an error sends the file to yaml.v3.
		k := s.node(yaml.ScalarNode, "!!str", l.line, keyCol+1)
		k.Value = key
		v, ok := s.value(text, i, l.line)
		if !ok {
			return false
		}
		m.Content = append(m.Content, k, v)
	}
	if m != nil {
		fn(m)
	}
	return true
}

// fastKey reads "key:" at text[at:], a key of lower-case letters, digits
// and "_", and returns the index after the colon.
func fastKey(text string, at int) (string, int, bool) {
	i := at
	for i < len(text) && ('a' <= text[i] && text[i] <= 'z' || '0' <= text[i] && text[i] <= '9' || text[i] == '_') {
		i++
	}
	if i == at || i == len(text) || text[i] != ':' || i+1 < len(text) && text[i+1] != ' ' {
		return "", 0, false
	}
	return text[at:i], i + 1, true
}

// value reads the value after a key: a scalar or a flow list of scalars,
// then nothing but a comment.
func (s *fastScanner) value(text string, i, line int) (*yaml.Node, bool) {
	i = skipSpaces(text, i)
	if i == len(text) || text[i] == '#' {
		return nil, false
	}
	var v *yaml.Node
	var ok bool
	if text[i] == '[' {
		v = s.node(yaml.SequenceNode, "!!seq", line, column(text, i))
		v.Style = yaml.FlowStyle
		i = skipSpaces(text, i+1)
		for ok = false; !ok; {
			var it *yaml.Node
			if it, i, ok = s.scalar(text, i, line, true); !ok {
				return nil, false
			}
			v.Content = append(v.Content, it)
			i = skipSpaces(text, i)
			switch {
			case i < len(text) && text[i] == ']':
				i++
			case i < len(text) && text[i] == ',':
				i = skipSpaces(text, i+1)
				ok = false
			default:
				return nil, false
			}
		}
	} else if v, i, ok = s.scalar(text, i, line, false); !ok {
		return nil, false
	}
	return v, restIsComment(text, i)
}

// scalar reads a plain or quoted scalar at text[i:], in a flow list or not.
func (s *fastScanner) scalar(text string, i, line int, flow bool) (*yaml.Node, int, bool) {
	if i == len(text) {
		return nil, 0, false
	}
	n := s.node(yaml.ScalarNode, "!!str", line, column(text, i))
	c := text[i]
	switch {
	case c == '"':
		end := strings.IndexByte(text[i+1:], '"')
		if end < 0 || strings.IndexByte(text[i+1:i+1+end], '\\') >= 0 {
			return nil, 0, false
		}
		n.Value, n.Style = text[i+1:i+1+end], yaml.DoubleQuotedStyle
		return n, i + end + 2, true
	case c == '\'':
		j := i + 1
		for {
			k := strings.IndexByte(text[j:], '\'')
			if k < 0 {
				return nil, 0, false
			}
			j += k + 1
			if j == len(text) || text[j] != '\'' {
				break
			}
			j++
		}
		n.Value, n.Style = strings.ReplaceAll(text[i+1:j-1], "''", "'"), yaml.SingleQuotedStyle
		return n, j, true
	case strings.IndexByte("-?:,[]{}#&*!|>'\"%@` ", c) >= 0:
		return nil, 0, false
	}
	j, end := i, i
	for ; j < len(text); j++ {
		c := text[j]
		if c == ' ' {
			continue
		}
		if c == '#' && text[j-1] == ' ' {
			if flow {
				return nil, 0, false
			}
			break
		}
		if c == ':' && (j+1 == len(text) || text[j+1] == ' ') {
			return nil, 0, false
		}
		if flow {
			if c == ',' || c == ']' {
				break
			}
			if strings.IndexByte("[{}:", c) >= 0 {
				return nil, 0, false
			}
		}
		end = j + 1
	}
	n.Value = text[i:end]
	// yaml.v3 gives other tags only to values starting so (its resolveTable).
	if strings.IndexByte("+-.0123456789~yYnNtTfFoO", c) >= 0 {
		n.Tag = (&yaml.Node{Kind: yaml.ScalarNode, Value: n.Value}).ShortTag()
	}
	return n, end, true
}

// literal reads a `|` block scalar (no indicators) starting at text[i:]
// and its content lines.
func literal(text string, i int, l *lines) (*yaml.Node, bool) {
	i = skipSpaces(text, i)
	if text[i:] != "|" {
		return nil, false
	}
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.LiteralStyle, Line: l.line, Column: column(text, i)}
	var b strings.Builder
	indent, blanks := 0, 0
	for l.off < len(l.src) {
		t := l.peek()
		ind := indentOf(t)
		if ind == len(t) {
			if indent == 0 || ind > indent {
				return nil, false // leading blank lines, or trailing spaces kept
			}
			blanks++
			l.next()
			continue
		}
		if indent == 0 {
			if ind == 0 {
				return nil, false
			}
			indent = ind
		}
		if ind < indent {
			break
		}
		for ; blanks > 0; blanks-- {
			b.WriteByte('\n')
		}
		b.WriteString(t[indent:])
		b.WriteByte('\n')
		l.next()
	}
	if indent == 0 {
		return nil, false
	}
	n.Value = b.String()
	return n, true
}

func blankOrComment(text string) bool {
	i := skipSpaces(text, 0)
	return i == len(text) || text[i] == '#'
}

func indentOf(text string) int { return skipSpaces(text, 0) }

func skipSpaces(text string, i int) int {
	for i < len(text) && text[i] == ' ' {
		i++
	}
	return i
}

// restIsComment reports whether text[i:] is blank or a comment set off by
// a space.
func restIsComment(text string, i int) bool {
	j := skipSpaces(text, i)
	return j == len(text) || text[j] == '#' && j > i
}

// column is yaml.v3's 1-based column of text[i]: it counts characters.
func column(text string, i int) int {
	return utf8.RuneCountInString(text[:i]) + 1
}
