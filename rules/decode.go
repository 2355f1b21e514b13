package rules

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// decoder turns yaml.Nodes into typed values, recording every problem with
// its position instead of stopping at the first.
type decoder struct {
	file string
	user bool
	errs *Errors
	// src is the file's text, for positions inside block scalars (rows).
	src        []byte
	lineStarts []int
}

// srcLine returns line n (1-based) of the file, without its newline.
func (d *decoder) srcLine(n int) string {
	if d.lineStarts == nil {
		d.lineStarts = append(d.lineStarts, 0)
		for i, c := range d.src {
			if c == '\n' {
				d.lineStarts = append(d.lineStarts, i+1)
			}
		}
	}
	if n < 1 || n > len(d.lineStarts) {
		return ""
	}
	start, end := d.lineStarts[n-1], len(d.src)
	if n < len(d.lineStarts) {
		end = d.lineStarts[n] - 1
	}
	return strings.TrimRight(string(d.src[start:end]), "\r")
}

func (d *decoder) at(n *yaml.Node) pos {
	if n == nil {
		return pos{file: d.file}
	}
	return pos{file: d.file, line: n.Line, col: n.Column}
}

func (d *decoder) errf(n *yaml.Node, format string, a ...any) {
	p := d.at(n)
	*d.errs = append(*d.errs, &Error{File: p.file, Line: p.line, Col: p.col, Msg: fmt.Sprintf(format, a...)})
}

func (d *decoder) errAt(p pos, format string, a ...any) {
	*d.errs = append(*d.errs, &Error{File: p.file, Line: p.line, Col: p.col, Msg: fmt.Sprintf(format, a...)})
}

// parts is how many parts to decode a list of size bytes in: one per core
// for a big list, one for a small one.
func parts(size int) int { return min(runtime.GOMAXPROCS(0), 1+size/partSize) }

var partSize = 1 << 20 // tests make it small

// inParts runs decode on parts 0..n-1 at once, each with its own error
// list, and joins entries and errors in part order, so neither depends on
// scheduling.
func inParts(d *decoder, n int, decode func(i int, d *decoder) []*Entry) []*Entry {
	got := make([][]*Entry, n)
	errs := make([]Errors, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pd := *d
			pd.errs = &errs[i]
			got[i] = decode(i, &pd)
		}()
	}
	wg.Wait()
	var out []*Entry
	for i := range n {
		*d.errs = append(*d.errs, errs[i]...)
		out = append(out, got[i]...)
	}
	return out
}

// resolve follows YAML aliases (*name) to the anchored node.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// describe names a node's type for "wrong type" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping (key: value lines)"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "nothing"
		case "!!int", "!!float":
			return "the number " + n.Value
		case "!!bool":
			return "the boolean " + n.Value
		}
		return fmt.Sprintf("the string %q", n.Value)
	}
	return "an unknown value"
}

type field struct {
	key string
	fn  func(k, v *yaml.Node)
}

// mapping walks the mapping n, calling the field handler for each known key
// in document order. Unknown and repeated keys are errors. It returns the
// key nodes seen, or nil when n is not a mapping.
func (d *decoder) mapping(n *yaml.Node, what string, fs []field) map[string]*yaml.Node {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		d.errf(n, "%s must be a mapping (key: value lines), got %s", what, describe(n))
		return nil
	}
	seen := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolve(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			d.errf(k, "keys in %s must be plain words, got %s", what, describe(k))
			continue
		}
		if first, dup := seen[k.Value]; dup {
			d.errf(k, "key %q appears twice in %s (first at line %d); remove one", k.Value, what, first.Line)
			continue
		}
		seen[k.Value] = k
		var h func(k, v *yaml.Node)
		for _, f := range fs {
			if f.key == k.Value {
				h = f.fn
				break
			}
		}
		if h == nil {
			keys := make([]string, len(fs))
			for i, f := range fs {
				keys[i] = f.key
			}
			d.unknownKey(k, what, keys)
			continue
		}
		h(k, v)
	}
	return seen
}

func (d *decoder) unknownKey(k *yaml.Node, what string, keys []string) {
	if s := suggest(k.Value, keys); s != "" {
		d.errf(k, "unknown key %q in %s; did you mean %q?", k.Value, what, s)
		return
	}
	d.errf(k, "unknown key %q in %s; valid keys are: %s", k.Value, what, strings.Join(keys, ", "))
}

// require reports keys missing from a decoded mapping, positioned at it.
func (d *decoder) require(n *yaml.Node, seen map[string]*yaml.Node, what string, keys ...string) bool {
	if seen == nil {
		return false
	}
	ok := true
	for _, k := range keys {
		if _, has := seen[k]; !has {
			d.errf(n, "%s has no %q; add a line `%s: ...`", what, k, k)
			ok = false
		}
	}
	return ok
}

// str decodes a scalar as text. Numbers are taken as written ("7203" is a
// ticker, not an int); null is the empty string.
func (d *decoder) str(v *yaml.Node, what string) (string, bool) {
	v = resolve(v)
	if v.Kind != yaml.ScalarNode {
		d.errf(v, "%s must be a string, got %s", what, describe(v))
		return "", false
	}
	if v.Tag == "!!null" {
		return "", true
	}
	return v.Value, true
}

// nonEmpty decodes a scalar that must not be blank.
func (d *decoder) nonEmpty(v *yaml.Node, what string) (string, bool) {
	s, ok := d.str(v, what)
	if ok && strings.TrimSpace(s) == "" {
		d.errf(v, "%s is empty; give it a value or remove the line", what)
		return "", false
	}
	return strings.TrimSpace(s), ok
}

type strNode struct {
	s string
	n *yaml.Node
}

// strs decodes a list of strings; a single string counts as a list of one.
func (d *decoder) strs(v *yaml.Node, what string) []strNode {
	v = resolve(v)
	if v.Kind == yaml.ScalarNode {
		if v.Tag == "!!null" {
			return nil
		}
		if s, ok := d.nonEmpty(v, what); ok {
			return []strNode{{s, v}}
		}
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		d.errf(v, "%s must be a list of strings, got %s", what, describe(v))
		return nil
	}
	out := make([]strNode, 0, len(v.Content))
	for _, c := range v.Content {
		c = resolve(c)
		if c.Kind != yaml.ScalarNode {
			d.errf(c, "each item of %s must be a string, got %s", what, describe(c))
			continue
		}
		if s, ok := d.nonEmpty(c, "an item of "+what); ok {
			out = append(out, strNode{s, c})
		}
	}
	return out
}

// seq decodes a list and returns its items.
func (d *decoder) seq(v *yaml.Node, what string) []*yaml.Node {
	v = resolve(v)
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		d.errf(v, "%s must be a list (lines starting with \"- \"), got %s", what, describe(v))
		return nil
	}
	out := make([]*yaml.Node, len(v.Content))
	for i, c := range v.Content {
		out[i] = resolve(c)
	}
	return out
}

func (d *decoder) integer(v *yaml.Node, what string) (int, bool) {
	v = resolve(v)
	if v.Kind == yaml.ScalarNode && v.Tag == "!!int" {
		if i, err := strconv.Atoi(strings.ReplaceAll(v.Value, "_", "")); err == nil {
			return i, true
		}
	}
	d.errf(v, "%s must be a whole number, got %s", what, describe(v))
	return 0, false
}

func (d *decoder) number(v *yaml.Node, what string) (float64, bool) {
	v = resolve(v)
	if v.Kind == yaml.ScalarNode && (v.Tag == "!!int" || v.Tag == "!!float") {
		if f, err := strconv.ParseFloat(strings.ReplaceAll(v.Value, "_", ""), 64); err == nil {
			return f, true
		}
	}
	d.errf(v, "%s must be a number, got %s", what, describe(v))
	return 0, false
}

func (d *decoder) boolean(v *yaml.Node, what string) (bool, bool) {
	v = resolve(v)
	if v.Kind == yaml.ScalarNode && v.Tag == "!!bool" {
		switch strings.ToLower(v.Value) {
		case "true", "yes", "on":
			return true, true
		case "false", "no", "off":
			return false, true
		}
	}
	d.errf(v, "%s must be true or false, got %s", what, describe(v))
	return false, false
}

// oneOf decodes a string that must be one of the allowed values.
func (d *decoder) oneOf(v *yaml.Node, what string, allowed ...string) (string, bool) {
	s, ok := d.str(v, what)
	if !ok {
		return "", false
	}
	for _, a := range allowed {
		if s == a {
			return s, true
		}
	}
	if sg := suggest(s, allowed); sg != "" {
		d.errf(v, "%s %q is not valid; did you mean %q? (one of: %s)", what, s, sg, strings.Join(allowed, ", "))
	} else {
		d.errf(v, "%s %q is not valid; use one of: %s", what, s, strings.Join(allowed, ", "))
	}
	return "", false
}

// strMap decodes a mapping of string to string (free-form attributes).
func (d *decoder) strMap(v *yaml.Node, what string) map[string]string {
	v = resolve(v)
	if v.Kind != yaml.MappingNode {
		d.errf(v, "%s must be a mapping (key: value lines), got %s", what, describe(v))
		return nil
	}
	out := make(map[string]string, len(v.Content)/2)
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], resolve(v.Content[i+1])
		if _, dup := out[k.Value]; dup {
			d.errf(k, "key %q appears twice in %s; remove one", k.Value, what)
			continue
		}
		if s, ok := d.str(val, fmt.Sprintf("%s %q", what, k.Value)); ok {
			out[k.Value] = s
		}
	}
	return out
}
