package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/quarrylabs/quarry"
)

// LineError is an input line that could not be loaded.
type LineError struct {
	Source string // file name, "stdin" or empty
	Line   int
	Doc    string // the document it belongs to, when known
	Err    error
}

func (e *LineError) Error() string {
	where := fmt.Sprintf("line %d", e.Line)
	if e.Source != "" {
		where = e.Source + ":" + fmt.Sprint(e.Line)
	}
	if e.Doc != "" {
		return fmt.Sprintf("%s (doc %q): %v", where, e.Doc, e.Err)
	}
	return fmt.Sprintf("%s: %v", where, e.Err)
}

func (e *LineError) Unwrap() error { return e.Err }

// article is one document and all its rows, the unit of replacement.
type article struct {
	id   string
	line int // line of its document record
	doc  map[string]json.RawMessage
	rows [nTables][][]any
	seen map[string]bool // "entity/e1": record ids already added
	nrow int
}

func newArticle(id string, line int, doc map[string]json.RawMessage) *article {
	return &article{id: id, line: line, doc: doc, seen: map[string]bool{}}
}

func (a *article) add(t int, row ...any) {
	a.rows[t] = append(a.rows[t], row)
	a.nrow++
}

// finish builds the documents row from the document's fields.
func (a *article) finish() error {
	if _, ok := a.doc["failed"]; !ok {
		_, failed := a.doc["error"]
		a.doc["failed"] = json.RawMessage(fmt.Sprint(failed))
	}
	rec, err := encodeJSON(a.doc)
	if err != nil {
		return err
	}
	var d struct {
		Schema    string        `json:"schema"`
		Title     string        `json:"title"`
		URL       string        `json:"url"`
		Published string        `json:"published"`
		Source    quarry.Source `json:"source"`
		Text      *string       `json:"text"`
		Failed    bool          `json:"failed"`
		Error     *quarry.Error `json:"error"`
	}
	if err := json.Unmarshal([]byte(rec), &d); err != nil {
		return fmt.Errorf("document: %v", err)
	}
	var code, msg any
	if d.Error != nil {
		code, msg = str(d.Error.Code), str(d.Error.Message)
	}
	var text any
	if d.Text != nil {
		text = *d.Text
	}
	a.rows[tDocuments] = [][]any{{a.id, str(d.Schema), str(d.Title), str(d.URL), str(d.Published),
		str(d.Source.Path), intOrNil(d.Source.Line), d.Failed || d.Error != nil, code, msg, text, rec}}
	a.nrow++
	return nil
}

// record kinds and the arrays holding them in --format docs.
var kindOfArray = map[string]string{"entities": "entity", "figures": "figure", "quotes": "quote", "claims": "claim"}

// addRecord adds one record of kind typ (its JSON object without type and
// doc). Kinds this quarry does not know go to other_records whole.
func (a *article) addRecord(typ string, fields map[string]json.RawMessage) (unknown bool, err error) {
	rec, err := encodeJSON(fields)
	if err != nil {
		return false, err
	}
	raw := []byte(rec)
	var id struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(raw, &id) // a non-string id is caught by the typed decode below
	if typ == "document" {
		return false, errors.New("a second document record in one article")
	}
	if known := typ == "entity" || typ == "figure" || typ == "quote" || typ == "claim"; known {
		if id.ID == "" {
			return false, fmt.Errorf("%s record without an id", typ)
		}
		key := typ + "/" + id.ID
		if a.seen[key] {
			return false, fmt.Errorf("duplicate %s id %q", typ, id.ID)
		}
		a.seen[key] = true
	}
	switch typ {
	case "entity":
		var e quarry.Entity
		if err := json.Unmarshal(raw, &e); err != nil {
			return false, fmt.Errorf("entity %s: %v", id.ID, err)
		}
		a.add(tEntities, a.id, e.ID, str(e.Label), str(e.Name), str(e.Title), str(e.Affiliation), str(e.Origin), int64(len(e.Mentions)), rec)
		for i, m := range e.Mentions {
			a.add(tMentions, a.id, e.ID, int64(i), int64(m.Start), int64(m.End), str(m.Text))
		}
	case "figure":
		var f quarry.Figure
		if err := json.Unmarshal(raw, &f); err != nil {
			return false, fmt.Errorf("figure %s: %v", id.ID, err)
		}
		a.add(tFigures, a.id, f.ID, int64(f.Start), int64(f.End), str(f.Text), str(f.Kind), flt(f.Value), flt(f.Min), flt(f.Max),
			str(f.Unit), str(f.Currency), str(f.Counts), str(f.Entity), str(f.Direction), int64(f.Sentence), rec, str(f.Per))
	case "quote":
		var q quarry.Quote
		if err := json.Unmarshal(raw, &q); err != nil {
			return false, fmt.Errorf("quote %s: %v", id.ID, err)
		}
		var speaker, speakerEnt, cue any
		if q.Speaker != nil {
			speaker, speakerEnt = str(q.Speaker.Name), str(q.Speaker.Entity)
		}
		if q.Cue != nil {
			cue = str(q.Cue.Text)
		}
		a.add(tQuotes, a.id, q.ID, int64(q.Start), int64(q.End), str(q.Text), str(q.Kind), speaker, speakerEnt, cue, int64(q.Sentence), rec)
	case "claim":
		var c quarry.Claim
		if err := json.Unmarshal(raw, &c); err != nil {
			return false, fmt.Errorf("claim %s: %v", id.ID, err)
		}
		var subj, subjEnt any
		if c.Subject != nil {
			subj, subjEnt = str(c.Subject.Text), str(c.Subject.Entity)
		}
		a.add(tClaims, a.id, c.ID, int64(c.Start), int64(c.End), str(c.Text), int64(c.Sentence), subj, subjEnt,
			str(c.Predicate), str(c.Object), str(c.Modality), c.Checkworthy, str(c.Source.Type), str(c.Source.Entity), str(c.Source.Quote), rec)
		seen := map[string]bool{}
		for _, f := range c.Figures {
			if !seen[f] {
				seen[f] = true
				a.add(tClaimFigures, a.id, c.ID, f)
			}
		}
	default:
		a.add(tOther, a.id, int64(len(a.rows[tOther])), typ, str(id.ID), rec)
		return true, nil
	}
	return false, nil
}

// parseDocLine turns a --format docs line into a whole article.
func parseDocLine(fields map[string]json.RawMessage, line int) (*article, []string, error) {
	var id string
	if err := json.Unmarshal(fields["id"], &id); err != nil || id == "" {
		return nil, nil, errors.New(`a document line needs a non-empty string "id"`)
	}
	a := newArticle(id, line, fields)
	var unknown []string
	for _, name := range []string{"entities", "figures", "quotes", "claims"} {
		raw, ok := fields[name]
		if !ok {
			continue
		}
		delete(fields, name)
		var items []map[string]json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, nil, fmt.Errorf("%s: %v", name, err)
		}
		for _, it := range items {
			u, err := a.addRecord(kindOfArray[name], it)
			if err != nil {
				return nil, nil, err
			}
			if u {
				unknown = append(unknown, kindOfArray[name])
			}
		}
	}
	if err := a.finish(); err != nil {
		return nil, nil, err
	}
	return a, unknown, nil
}

// decodeLine parses one input line into its top-level fields.
func decodeLine(line []byte) (map[string]json.RawMessage, error) {
	if t := bytes.TrimSpace(line); len(t) == 0 || t[0] != '{' {
		return nil, errors.New("not a JSON object")
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(line, &fields); err != nil {
		return nil, fmt.Errorf("not a JSON object: %v", err)
	}
	if fields == nil {
		return nil, errors.New("not a JSON object: null")
	}
	return fields, nil
}

// encodeJSON writes fields compactly with sorted keys and without HTML
// escaping, so both input formats give byte-identical record columns.
func encodeJSON(fields map[string]json.RawMessage) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(fields); err != nil {
		return "", err
	}
	return string(bytes.TrimRight(buf.Bytes(), "\n")), nil
}

// str maps "" to NULL: absent optional fields are NULL, not empty strings.
func str(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func flt(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

func intOrNil(i int) any {
	if i == 0 {
		return nil
	}
	return int64(i)
}
