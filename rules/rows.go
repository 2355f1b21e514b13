package rules

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Big gazetteers can be written as a table, one entry per line:
//
//	columns: [name, label, aliases, ticker]
//	rows: |
//	  Quillmore Vantage Holdings | COMPANY | QVH; Quillmore | QVH
//
// Cells are separated by "|", aliases by ";"; an empty cell sets nothing.

// rowColumns are the keys a table may have as columns.
var rowColumns = map[bool][]string{
	false: {"id", "name", "label", "aliases", "case", "priority", "ticker", "parent", "title", "country", "sector"},
	true:  {"id", "name", "aliases", "case", "priority", "category"},
}

func decodeRows(d *decoder, columns []strNode, rows *yaml.Node, what string, titles bool) []*Entry {
	text, ok := d.str(rows, "rows")
	if !ok {
		return nil
	}
	allowed := rowColumns[titles]
	cols := make([]string, len(columns))
	good := true
	hasName, hasLabel := false, titles
	for i, c := range columns {
		cols[i] = c.s
		switch {
		case !containsString(allowed, c.s):
			if sg := suggest(c.s, allowed); sg != "" {
				d.errf(c.n, "unknown column %q; did you mean %q?", c.s, sg)
			} else {
				d.errf(c.n, "unknown column %q; columns may be: %s", c.s, strings.Join(allowed, ", "))
			}
			good = false
		case containsString(cols[:i], c.s):
			d.errf(c.n, "column %q appears twice; remove one", c.s)
			good = false
		}
		hasName = hasName || c.s == "name"
		hasLabel = hasLabel || c.s == "label"
	}
	if !hasName || !hasLabel {
		d.errf(rows, "columns must include name and label")
		good = false
	}
	if !good {
		return nil
	}
	// A literal block (rows: |) keeps lines as written, so row i is on
	// the file line after the key plus i; other styles get the key's line.
	literal := rows.Style&yaml.LiteralStyle != 0
	if literal {
		d.srcLine(0) // index the lines now: the parts share it
	}
	// A big table decodes in parts at once; part i starts after starts[i]
	// lines of the text.
	texts, starts := []string{}, []int{}
	for k, line := parts(len(text)), 0; k > 0; k-- {
		cut := len(text)
		if k > 1 {
			if i := strings.IndexByte(text[len(text)/k:], '\n'); i >= 0 {
				cut = len(text)/k + i + 1
			}
		}
		texts, starts = append(texts, text[:cut]), append(starts, line)
		line += strings.Count(text[:cut], "\n")
		text = text[cut:]
	}
	return inParts(d, len(texts), func(i int, d *decoder) []*Entry {
		return decodeRowLines(d, cols, texts[i], starts[i], rows, literal, titles)
	})
}

// decodeRowLines decodes the rows in text, which starts after line rows
// of the table.
func decodeRowLines(d *decoder, cols []string, text string, line int, rows *yaml.Node, literal, titles bool) []*Entry {
	var out []*Entry
	for len(text) > 0 {
		row := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			row, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		line++
		if strings.TrimSpace(row) == "" || strings.HasPrefix(strings.TrimSpace(row), "#") {
			continue
		}
		at := pos{file: d.file, line: rows.Line, col: rows.Column}
		indent := 0
		if literal {
			at.line = rows.Line + line
			src := d.srcLine(at.line)
			indent = len(src) - len(strings.TrimLeft(src, " "))
			at.col = indent + 1
		}
		if e := decodeRow(d, cols, row, at, indent, literal, titles); e != nil {
			out = append(out, e)
		}
	}
	return out
}

func decodeRow(d *decoder, cols []string, row string, at pos, indent int, literal, titles bool) *Entry {
	e := &Entry{Case: CaseAuto, Origin: d.file, Line: at.line, user: d.user, at: at}
	if titles {
		e.Label = TitleLabel
	}
	cellAt := func(off int) pos {
		if !literal {
			return at
		}
		return pos{file: at.file, line: at.line, col: indent + off + 1}
	}
	n, start, bad := 0, 0, false
	for start <= len(row) {
		end := strings.IndexByte(row[start:], '|')
		if end < 0 {
			end = len(row)
		} else {
			end += start
		}
		if n >= len(cols) {
			d.errAt(cellAt(start), "row has more cells than the %d columns; check the | separators", len(cols))
			return nil
		}
		raw := row[start:end]
		lead := len(raw) - len(strings.TrimLeft(raw, " \t"))
		cell := strings.TrimSpace(raw)
		p := cellAt(start + lead)
		if cell != "" && !setCell(d, e, cols[n], cell, p) {
			bad = true
		}
		n++
		start = end + 1
	}
	if n < len(cols) {
		d.errAt(at, "row has %d cells, the columns say %d; add empty cells with |", n, len(cols))
		return nil
	}
	if bad {
		return nil
	}
	if e.Name == "" {
		d.errAt(at, "row has no name; fill the name cell")
		return nil
	}
	if e.Label == "" {
		d.errAt(at, "row has no label; fill the label cell")
		return nil
	}
	e.setDerived()
	return e
}

// setCell sets one cell's value, reporting false when it is invalid.
func setCell(d *decoder, e *Entry, col, cell string, p pos) bool {
	switch col {
	case "id":
		e.ID = cell
	case "name":
		if !hasAtoms(cell) {
			d.errAt(p, "name %q has no letters or digits to match", cell)
			return false
		}
		e.Name = cell
	case "label":
		if !containsString(Labels, cell) {
			if sg := suggest(cell, Labels); sg != "" {
				d.errAt(p, "label %q is not valid; did you mean %q? (one of: %s)", cell, sg, strings.Join(Labels, ", "))
			} else {
				d.errAt(p, "label %q is not valid; use one of: %s", cell, strings.Join(Labels, ", "))
			}
			return false
		}
		e.Label = cell
	case "aliases":
		for _, a := range strings.Split(cell, ";") {
			if a = strings.TrimSpace(a); a != "" {
				e.Aliases = append(e.Aliases, a)
			}
		}
	case "case":
		if cell != CaseAuto && cell != CaseSensitive && cell != CaseInsensitive {
			d.errAt(p, "case %q is not valid; use one of: auto, sensitive, insensitive", cell)
			return false
		}
		e.Case = cell
	case "priority":
		i, err := strconv.Atoi(cell)
		if err != nil {
			d.errAt(p, "priority must be a whole number, got %q", cell)
			return false
		}
		e.Priority = i
	default:
		if e.Attrs == nil {
			e.Attrs = make(map[string]string, 4)
		}
		e.Attrs[col] = cell
		if col == "parent" {
			e.parentAt = p
		}
	}
	return true
}
