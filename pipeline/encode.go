package pipeline

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"sync"

	"github.com/quarrylabs/quarry"
)

// Output formats.
const (
	OutDocs    = "docs"
	OutRecords = "records"
)

// OutputOptions says what is written for each article.
type OutputOptions struct {
	Format        string // docs (default) or records
	WithText      bool
	WithSentences bool
}

// encode renders one article's output: one line (docs) or several (records).
// Output lines handed back once written: a record is ~4× its article, and
// growing a fresh buffer to that size for every article was a tenth of
// the bytes a run allocates.
var linePool sync.Pool

// maxPooledLine bounds the buffers kept, so one huge record does not stay.
const maxPooledLine = 1 << 20

// recycleLine hands back a line from encode that has been written.
func recycleLine(b []byte) {
	if cap(b) <= maxPooledLine {
		linePool.Put(&b)
	}
}

func encode(doc *quarry.Document, opt OutputOptions) ([]byte, error) {
	var buf []byte
	if p, ok := linePool.Get().(*[]byte); ok {
		buf = (*p)[:0]
	} else {
		buf = make([]byte, 0, 4096)
	}
	if b, err := appendOutput(buf, doc, opt, nil, nil); err == nil {
		return b, nil
	}
	// encoding/json says what is wrong (a NaN, say).
	return marshalNoEscape(doc)
}

// appendOutput appends the output of an article in opt's format.
func appendOutput(b []byte, doc *quarry.Document, opt OutputOptions, sp *spill, st *stash) ([]byte, error) {
	if opt.Format == OutRecords {
		return appendRecords(b, doc, sp, st)
	}
	return appendDocument(b, doc, sp, st)
}

// encodeTo writes the output of an article to w as encode renders it, a
// piece at a time, with the records of st (when there is one) in their
// places: the line of a huge article is never whole in memory. It tells a
// failure to encode (encErr) from a failure to write.
func encodeTo(w io.Writer, doc *quarry.Document, opt OutputOptions, st *stash) (encErr, writeErr error) {
	if st != nil && st.encErr != nil {
		return st.encErr, nil
	}
	// A float json cannot encode must fail the article before any of its
	// output is written (as when the line is encoded whole), not leave a
	// partial line behind.
	if hasBadFloat(doc) {
		return floatError(doc, opt), nil
	}
	sp := &spill{w: w}
	b, err := appendOutput(make([]byte, 0, 2*spillAt), doc, opt, sp, st)
	if err == nil {
		sp.Write(b)
	}
	// With the floats checked, encoding can fail only on meta, before
	// anything spilled.
	return err, sp.err
}

// floatError is the error encode gives doc when hasBadFloat(doc), taken
// from the only records that can hold such a float, without the text that
// makes a long article's line long.
func floatError(doc *quarry.Document, opt OutputOptions) error {
	_, err := encode(&quarry.Document{Figures: doc.Figures, Claims: doc.Claims}, opt)
	return err
}

// hasBadFloat reports whether doc holds a float json cannot encode (NaN,
// ±Inf): figures' values and claims' scores are its only floats.
func hasBadFloat(doc *quarry.Document) bool {
	bad := func(f float64) bool { return math.IsNaN(f) || math.IsInf(f, 0) }
	for i := range doc.Figures {
		for _, v := range []*float64{doc.Figures[i].Value, doc.Figures[i].Min, doc.Figures[i].Max} {
			if v != nil && bad(*v) {
				return true
			}
		}
	}
	for i := range doc.Claims {
		if bad(doc.Claims[i].Checkworthy) {
			return true
		}
		for _, f := range doc.Claims[i].Features {
			if bad(f) {
				return true
			}
		}
	}
	return false
}

// Record is one line of --format records: a typed row for loading tables.
type Record struct {
	Type string `json:"type"`
	Doc  string `json:"doc"`
	Body any    `json:"-"`
}

// MarshalJSON flattens Body's fields next to type and doc.
func (r Record) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r.Body); err != nil {
		return nil, err
	}
	body := bytes.TrimSpace(buf.Bytes())
	head, err := marshalNoEscape(struct {
		Type string `json:"type"`
		Doc  string `json:"doc"`
	}{r.Type, r.Doc})
	if err != nil {
		return nil, err
	}
	if len(body) <= 2 { // {}
		return head, nil
	}
	out := make([]byte, 0, len(head)+len(body))
	out = append(out, head[:len(head)-1]...)
	out = append(out, ',')
	out = append(out, body[1:]...)
	return out, nil
}

func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return bytes.TrimSpace(buf.Bytes()), err
}

// documentRow is the document line of --format records: the article without
// its records.
type documentRow struct {
	ID        string                     `json:"id"`
	Schema    string                     `json:"schema"`
	Source    quarry.Source              `json:"source"`
	Title     string                     `json:"title,omitempty"`
	URL       string                     `json:"url,omitempty"`
	Published string                     `json:"published,omitempty"`
	Meta      map[string]json.RawMessage `json:"meta,omitempty"`
	Text      *string                    `json:"text,omitempty"`
	Sentences []quarry.Sentence          `json:"sentences,omitempty"`
	Warnings  []quarry.Warning           `json:"warnings,omitempty"`
	Failed    bool                       `json:"failed"`
}

// Records splits a document into its typed rows, document first.
func Records(doc *quarry.Document) []Record {
	rs := []Record{{Type: "document", Doc: doc.ID, Body: documentRow{
		ID: doc.ID, Schema: doc.Schema, Source: doc.Source, Title: doc.Title, URL: doc.URL,
		Published: doc.Published, Meta: doc.Meta, Text: doc.Text, Sentences: doc.Sentences,
		Warnings: doc.Warnings, Failed: doc.Error != nil,
	}}}
	if doc.Error != nil {
		rs = append(rs, Record{Type: "error", Doc: doc.ID, Body: doc.Error})
	}
	for _, e := range doc.Entities {
		rs = append(rs, Record{Type: "entity", Doc: doc.ID, Body: e})
	}
	for _, f := range doc.Figures {
		rs = append(rs, Record{Type: "figure", Doc: doc.ID, Body: f})
	}
	for _, q := range doc.Quotes {
		rs = append(rs, Record{Type: "quote", Doc: doc.ID, Body: q})
	}
	for _, c := range doc.Claims {
		rs = append(rs, Record{Type: "claim", Doc: doc.ID, Body: c})
	}
	return rs
}
