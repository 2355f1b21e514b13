package pipeline

import (
	"encoding/binary"
	"errors"
	"io"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/quarrylabs/quarry"
)

// appendDocument writes doc as encoding/json (without HTML escaping) would,
// byte for byte, but without reflection: encoding was ~3% of a run. The
// differential tests in jsonenc_test.go hold it to that. A float json
// cannot encode (NaN, ±Inf) gives errUnsupported, and encode then lets
// encoding/json report it.
//
// Member names are constants that never need escaping, so each is appended
// as one literal with its quotes, its colon and the comma before it
// (`,"label":`): the comma is there whenever a member cannot come first.
// An object whose members may all be left out (source, a claim's subject,
// attrs, features) is written with a comma before each member and the
// first comma then becomes the '{' (openMembers and closeMembers).
//
// With a spill, the line is written out as it grows (see spill), and the
// figures, quotes and claims come from st when there is one (a long
// article's, see stash).
func appendDocument(b []byte, d *quarry.Document, sp *spill, st *stash) ([]byte, error) {
	var bad bool // a float json cannot encode
	b = append(b, `{"schema":`...)
	b = appendString(b, d.Schema)
	b = append(b, `,"id":`...)
	b = appendString(b, d.ID)
	b = appendSource(b, d.Source)
	b, err := appendAbout(b, d, sp)
	if err != nil {
		return nil, err
	}

	b = append(b, `,"entities":`...)
	if st != nil && st.mentions != nil {
		b = st.appendEntities(b, d, sp)
	} else {
		b = spillArray(b, d.Entities, appendEntity, sp)
	}
	b = append(b, `,"figures":`...)
	if st != nil {
		b = st.appendSection(b, stashFigures, sp)
		b = append(b, `,"quotes":`...)
		b = st.appendSection(b, stashQuotes, sp)
		b = append(b, `,"claims":`...)
		b = st.appendSection(b, stashClaims, sp)
	} else {
		b = spillArray(b, d.Figures, func(b []byte, x *quarry.Figure) []byte { return appendFigure(b, x, &bad) }, sp)
		b = append(b, `,"quotes":`...)
		b = spillArray(b, d.Quotes, appendQuote, sp)
		b = append(b, `,"claims":`...)
		b = spillArray(b, d.Claims, func(b []byte, x *quarry.Claim) []byte { return appendClaim(b, x, &bad) }, sp)
	}

	b = appendSentencesWarnings(b, d, sp)
	if e := d.Error; e != nil {
		b = append(b, `,"error":`...)
		b = appendCodeMessage(b, e.Code, e.Message)
	}
	b = append(b, "}\n"...)
	if bad {
		return b, errUnsupported
	}
	return b, nil
}

var errUnsupported = errors.New("json: unsupported float value")

// appendSource appends `,"source":` and the article's source.
func appendSource(b []byte, src quarry.Source) []byte {
	b = append(b, `,"source":`...)
	at := len(b)
	b = appendOpt(b, `,"path":`, src.Path)
	if src.Line != 0 {
		b = append(b, `,"line":`...)
		b = appendInt(b, src.Line)
	}
	if src.Index != 0 {
		b = append(b, `,"index":`...)
		b = appendInt(b, src.Index)
	}
	return closeMembers(b, at)
}

// appendAbout appends the members of a document from its title to its
// text, those given.
func appendAbout(b []byte, d *quarry.Document, sp *spill) ([]byte, error) {
	b = appendOpt(b, `,"title":`, d.Title)
	b = appendOpt(b, `,"url":`, d.URL)
	b = appendOpt(b, `,"published":`, d.Published)
	if len(d.Meta) > 0 {
		raw, err := marshalNoEscape(d.Meta)
		if err != nil {
			return nil, err
		}
		b = append(b, `,"meta":`...)
		b = append(b, raw...)
	}
	if d.Text != nil {
		b = append(b, `,"text":`...)
		b = sp.appendString(b, *d.Text)
	}
	return b, nil
}

// appendSentencesWarnings appends a document's sentences and warnings,
// those there are.
func appendSentencesWarnings(b []byte, d *quarry.Document, sp *spill) []byte {
	if len(d.Sentences) > 0 {
		b = append(b, `,"sentences":`...)
		b = spillArray(b, d.Sentences, func(b []byte, s *quarry.Sentence) []byte {
			b = append(b, `{"start":`...)
			b = appendInt(b, s.Start)
			b = append(b, `,"end":`...)
			b = appendInt(b, s.End)
			return append(b, '}')
		}, sp)
	}
	if len(d.Warnings) > 0 {
		b = append(b, `,"warnings":`...)
		b = appendArray(b, d.Warnings, func(b []byte, w *quarry.Warning) []byte { return appendCodeMessage(b, w.Code, w.Message) })
	}
	return b
}

// appendRecords appends doc's --format records lines as encoding/json
// renders Records(doc), a Record a line, but without reflection: the
// document row, the error, the entities, figures, quotes and claims. With
// a spill, the lines are written out as they grow; with st, the mentions
// of the entities (when packed) and the figures, quotes and claims come
// from it.
func appendRecords(b []byte, d *quarry.Document, sp *spill, st *stash) ([]byte, error) {
	var bad bool // a float json cannot encode
	b, err := appendDocumentRow(b, d, sp)
	if err != nil {
		return nil, err
	}
	if e := d.Error; e != nil {
		b = appendRecord(b, "error", d.ID, func(b []byte) []byte { return appendCodeMessage(b, e.Code, e.Message) })
	}
	for i := range d.Entities {
		if st != nil && st.mentions != nil {
			b = st.appendEntity(b, d, i, true, sp)
		} else {
			b = appendRecord(b, "entity", d.ID, func(b []byte) []byte { return appendEntity(b, &d.Entities[i]) })
		}
		b = sp.maybe(b)
	}
	if st != nil {
		sp.Write(b)
		for k := range st.parts {
			st.spillSection(sp, k)
		}
		return b[:0], nil
	}
	for k := range sections {
		b = appendSection(b, d, k, true, &bad, sp)
	}
	if bad {
		return b, errUnsupported
	}
	return b, nil
}

// appendSection appends d's figures, quotes or claims (section k, as in a
// stash) as they go in the output: objects separated by commas for docs,
// a line each for records; it notes in bad a float json cannot encode.
func appendSection(b []byte, d *quarry.Document, k int, records bool, bad *bool, sp *spill) []byte {
	var n int
	var typ string
	var elem func([]byte, int) []byte
	switch k {
	case stashFigures:
		n, typ, elem = len(d.Figures), "figure", func(b []byte, i int) []byte { return appendFigure(b, &d.Figures[i], bad) }
	case stashQuotes:
		n, typ, elem = len(d.Quotes), "quote", func(b []byte, i int) []byte { return appendQuote(b, &d.Quotes[i]) }
	default:
		n, typ, elem = len(d.Claims), "claim", func(b []byte, i int) []byte { return appendClaim(b, &d.Claims[i], bad) }
	}
	for i := range n {
		if records {
			b = appendRecord(b, typ, d.ID, func(b []byte) []byte { return elem(b, i) })
		} else {
			if i > 0 {
				b = append(b, ',')
			}
			b = elem(b, i)
		}
		b = sp.maybe(b)
	}
	return b
}

// appendRecordHead appends the start of a --format records line, up to
// the record's own members: the '{' of the object appended next becomes
// their comma.
func appendRecordHead(b []byte, typ, doc string) []byte {
	b = append(b, `{"type":"`...)
	b = append(b, typ...)
	b = append(b, `","doc":`...)
	return appendString(b, doc)
}

// appendRecord appends a --format records line: its head, then the members
// of the object elem appends (which must not spill: its '{' is overwritten).
func appendRecord(b []byte, typ, doc string, elem func([]byte) []byte) []byte {
	b = appendRecordHead(b, typ, doc)
	at := len(b)
	b = elem(b)
	b[at] = ','
	return append(b, '\n')
}

// appendDocumentRow appends the document line of --format records as
// writeRecord renders a documentRow, spilling through sp: the row of a
// long article holds its text and sentences with --with.
func appendDocumentRow(b []byte, d *quarry.Document, sp *spill) ([]byte, error) {
	b = appendRecordHead(b, "document", d.ID)
	b = append(b, `,"id":`...)
	b = appendString(b, d.ID)
	b = append(b, `,"schema":`...)
	b = appendString(b, d.Schema)
	b = appendSource(b, d.Source)
	b, err := appendAbout(b, d, sp)
	if err != nil {
		return nil, err
	}
	b = appendSentencesWarnings(b, d, sp)
	b = append(b, `,"failed":`...)
	b = strconv.AppendBool(b, d.Error != nil)
	return append(b, "}\n"...), nil
}

// appendCodeMessage appends {"code":…,"message":…}, a warning or an error.
func appendCodeMessage(b []byte, code, message string) []byte {
	b = append(b, `{"code":`...)
	b = appendString(b, code)
	b = append(b, `,"message":`...)
	b = appendString(b, message)
	return append(b, '}')
}

// closeMembers ends an object whose members were appended from at, each
// with a comma before it: the first comma becomes the '{' ("{}" when
// there are none).
func closeMembers(b []byte, at int) []byte {
	if len(b) == at {
		return append(b, "{}"...)
	}
	b[at] = '{'
	return append(b, '}')
}

// appendArray appends xs as a JSON array, or null when xs is nil, each
// element by elem.
func appendArray[T any](b []byte, xs []T, elem func([]byte, *T) []byte) []byte {
	return spillArray(b, xs, elem, nil)
}

// spillArray is appendArray that may spill b after each element.
func spillArray[T any](b []byte, xs []T, elem func([]byte, *T) []byte, sp *spill) []byte {
	if xs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = sp.maybe(elem(b, &xs[i]))
	}
	return append(b, ']')
}

// spill writes out the front of a line being encoded once it passes
// spillAt bytes, so that the line of a huge article (~4× its text) is
// never whole in memory. A nil spill keeps the line whole.
type spill struct {
	w   io.Writer
	err error // the first write error; later writes are skipped
}

const spillAt = 64 << 10

// Write writes p to w unless an earlier write failed.
func (sp *spill) Write(p []byte) (int, error) {
	if sp.err == nil {
		_, sp.err = sp.w.Write(p)
	}
	return len(p), sp.err
}

// maybe writes b out and returns it emptied when it is long enough.
func (sp *spill) maybe(b []byte) []byte {
	if sp == nil || len(b) < spillAt {
		return b
	}
	sp.Write(b)
	return b[:0]
}

// appendString appends s as a JSON string; a long s is escaped a piece at
// a time, spilling after each.
func (sp *spill) appendString(b []byte, s string) []byte {
	if sp == nil || len(s) <= spillAt {
		return appendString(b, s)
	}
	b = append(b, '"')
	for len(s) > 0 {
		n := min(len(s), spillAt)
		for n < len(s) && !utf8.RuneStart(s[n]) {
			n++ // escapes are of whole characters
		}
		at := len(b)
		b = appendString(b, s[:n])
		// Drop the piece's own quotes.
		b = append(b[:at], b[at+1:len(b)-1]...)
		b = sp.maybe(b)
		s = s[n:]
	}
	return append(b, '"')
}

// appendOpt appends member (its comma, name and colon) and v, unless v is
// empty (omitempty).
func appendOpt(b []byte, member, v string) []byte {
	if v == "" {
		return b
	}
	return appendString(append(b, member...), v)
}

// appendSpan appends the members every span has: `,"start":…,"end":…,"text":…`.
func appendSpan(b []byte, start, end int, text string) []byte {
	b = append(b, `,"start":`...)
	b = appendInt(b, start)
	b = append(b, `,"end":`...)
	b = appendInt(b, end)
	b = append(b, `,"text":`...)
	return appendString(b, text)
}

func appendMention(b []byte, m *quarry.Mention) []byte {
	at := len(b)
	b = appendSpan(b, m.Start, m.End, m.Text)
	b[at] = '{'
	return append(b, '}')
}

func appendEntity(b []byte, e *quarry.Entity) []byte {
	b = appendEntityHead(b, e)
	b = appendArray(b, e.Mentions, appendMention)
	return appendEntityTail(b, e)
}

// appendEntityHead appends an entity up to its mentions.
func appendEntityHead(b []byte, e *quarry.Entity) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, e.ID)
	b = append(b, `,"label":`...)
	b = appendString(b, e.Label)
	b = append(b, `,"name":`...)
	b = appendString(b, e.Name)
	return append(b, `,"mentions":`...)
}

// appendEntityTail appends an entity after its mentions.
func appendEntityTail(b []byte, e *quarry.Entity) []byte {
	b = appendOpt(b, `,"title":`, e.Title)
	b = appendOpt(b, `,"affiliation":`, e.Affiliation)
	if len(e.Attrs) > 0 {
		b = append(b, `,"attrs":`...)
		b = appendMap(b, e.Attrs, appendString)
	}
	b = appendOpt(b, `,"origin":`, e.Origin)
	return append(b, '}')
}

func appendFigure(b []byte, f *quarry.Figure, bad *bool) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, f.ID)
	b = appendSpan(b, f.Start, f.End, f.Text)
	b = append(b, `,"kind":`...)
	b = appendString(b, f.Kind)
	if f.Value != nil {
		b = append(b, `,"value":`...)
		b = appendFloat(b, *f.Value, bad)
	}
	if f.Min != nil {
		b = append(b, `,"min":`...)
		b = appendFloat(b, *f.Min, bad)
	}
	if f.Max != nil {
		b = append(b, `,"max":`...)
		b = appendFloat(b, *f.Max, bad)
	}
	b = appendOpt(b, `,"unit":`, f.Unit)
	b = appendOpt(b, `,"currency":`, f.Currency)
	b = appendOpt(b, `,"per":`, f.Per)
	if len(f.Approx) > 0 {
		b = append(b, `,"approx":`...)
		b = appendStrings(b, f.Approx)
	}
	b = appendOpt(b, `,"counts":`, f.Counts)
	b = appendOpt(b, `,"entity":`, f.Entity)
	b = appendOpt(b, `,"direction":`, f.Direction)
	b = append(b, `,"sentence":`...)
	b = appendInt(b, f.Sentence)
	return append(b, '}')
}

func appendQuote(b []byte, q *quarry.Quote) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, q.ID)
	b = appendSpan(b, q.Start, q.End, q.Text)
	b = append(b, `,"kind":`...)
	b = appendString(b, q.Kind)
	if s := q.Speaker; s == nil {
		b = append(b, `,"speaker":null`...)
	} else {
		b = append(b, `,"speaker":{"name":`...)
		b = appendString(b, s.Name)
		b = appendOpt(b, `,"entity":`, s.Entity)
		b = appendSpan(b, s.Start, s.End, s.Text)
		b = append(b, '}')
	}
	if c := q.Cue; c != nil {
		b = append(b, `,"cue":{"text":`...)
		b = appendString(b, c.Text)
		b = append(b, `,"start":`...)
		b = appendInt(b, c.Start)
		b = append(b, `,"end":`...)
		b = appendInt(b, c.End)
		b = append(b, '}')
	}
	b = append(b, `,"sentence":`...)
	b = appendInt(b, q.Sentence)
	return append(b, '}')
}

func appendClaim(b []byte, c *quarry.Claim, bad *bool) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, c.ID)
	b = appendSpan(b, c.Start, c.End, c.Text)
	b = append(b, `,"sentence":`...)
	b = appendInt(b, c.Sentence)
	if s := c.Subject; s != nil {
		// entity may be left out, so start may come first.
		b = append(b, `,"subject":`...)
		at := len(b)
		b = appendOpt(b, `,"entity":`, s.Entity)
		b = appendSpan(b, s.Start, s.End, s.Text)
		b = closeMembers(b, at)
	}
	b = appendOpt(b, `,"predicate":`, c.Predicate)
	b = appendOpt(b, `,"object":`, c.Object)
	if len(c.Figures) > 0 {
		b = append(b, `,"figures":`...)
		b = appendStrings(b, c.Figures)
	}
	b = appendOpt(b, `,"scope":`, c.Scope)
	b = append(b, `,"source":{"type":`...)
	b = appendString(b, c.Source.Type)
	b = appendOpt(b, `,"quote":`, c.Source.Quote)
	b = appendOpt(b, `,"entity":`, c.Source.Entity)
	b = append(b, `},"modality":`...)
	b = appendString(b, c.Modality)
	b = append(b, `,"checkworthy":`...)
	b = appendFloat(b, c.Checkworthy, bad)
	if len(c.Features) > 0 {
		b = append(b, `,"features":`...)
		b = appendMap(b, c.Features, func(b []byte, f float64) []byte { return appendFloat(b, f, bad) })
	}
	return append(b, '}')
}

func appendStrings(b []byte, vs []string) []byte {
	b = append(b, '[')
	for i, v := range vs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, v)
	}
	return append(b, ']')
}

// mapMembers is how many members of a map are sorted on the stack; a
// larger map sorts on the heap.
const mapMembers = 16

// appendMap writes m as an object with its keys in order, each value by
// val (an entity's attrs, a claim's features: a few members). The values
// are read with the keys, not looked up again.
func appendMap[V any](b []byte, m map[string]V, val func([]byte, V) []byte) []byte {
	var stackK [mapMembers]string
	var stackV [mapMembers]V
	keys, vals := stackK[:0], stackV[:0]
	for k, v := range m {
		keys = append(keys, k)
		vals = append(vals, v)
	}
	for i := 1; i < len(keys); i++ { // insertion: maps here are small
		for j := i; j > 0 && keyLess(keys[j], keys[j-1]); j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
			vals[j], vals[j-1] = vals[j-1], vals[j]
		}
	}
	at := len(b)
	for i, k := range keys {
		b = append(b, ',')
		b = appendString(b, k)
		b = append(b, ':')
		b = val(b, vals[i])
	}
	return closeMembers(b, at)
}

// keyLess orders map keys as sort.Strings does; a first byte that
// differs settles most comparisons without a call.
func keyLess(a, b string) bool {
	if len(a) > 0 && len(b) > 0 && a[0] != b[0] {
		return a[0] < b[0]
	}
	return a < b
}

// appendInt formats v as strconv.AppendInt does in base 10; offsets and
// sentence numbers under 10,000 (nearly all of them) skip its buffer.
func appendInt(b []byte, v int) []byte {
	u := uint(v)
	switch {
	case u < 10:
		return append(b, byte('0'+u))
	case u < 100:
		return append(b, digitPairs[2*u], digitPairs[2*u+1])
	case u < 1000:
		hi, lo := u/100, u%100
		return append(b, byte('0'+hi), digitPairs[2*lo], digitPairs[2*lo+1])
	case u < 10000:
		hi, lo := u/100, u%100
		return append(b, digitPairs[2*hi], digitPairs[2*hi+1], digitPairs[2*lo], digitPairs[2*lo+1])
	}
	return strconv.AppendInt(b, int64(v), 10)
}

const digitPairs = "00010203040506070809" +
	"10111213141516171819" +
	"20212223242526272829" +
	"30313233343536373839" +
	"40414243444546474849" +
	"50515253545556575859" +
	"60616263646566676869" +
	"70717273747576777879" +
	"80818283848586878889" +
	"90919293949596979899"

// appendFloat formats f as encoding/json does for a float64: the shortest
// decimal that reads back as f ('f' format, 'e' below 1e-6 and from 1e21).
// NaN and ±Inf set *bad. Two cases (all but a few hundredths of a run's
// floats) skip strconv's shortest search:
//   - an integer of magnitude under 1e15 (not -0): every integer there is
//     a float, and floats there lie at most 1/8 apart, so no other decimal
//     with as few digits reads back as f, and the shortest is the integer;
//   - m/1000 for an integer m, under 1e9 in magnitude, when f is exactly
//     the float nearest to it (float64(m)/1000 == f, division being
//     correctly rounded): that decimal reads back as f, and any other
//     decimal with no more significant digits differs from it by at least
//     0.001, far more than the spacing of floats there (under 2^-22), so
//     it is the shortest.
func appendFloat(b []byte, f float64, bad *bool) []byte {
	if f > -1e15 && f < 1e15 {
		if i := int64(f); float64(i) == f {
			if i != 0 || !math.Signbit(f) {
				return appendInt64(b, i)
			}
		} else if m := int64(f * 1000); f > -1e9 && f < 1e9 && float64(m)/1000 == f {
			// m%1000 != 0, else f would be the integer m/1000.
			if m < 0 {
				b = append(b, '-')
				m = -m
			}
			b = appendInt64(b, m/1000)
			r := uint(m % 1000)
			d1, d2, d3 := byte('0'+r/100), digitPairs[2*(r%100)], digitPairs[2*(r%100)+1]
			switch {
			case d3 != '0':
				return append(b, '.', d1, d2, d3)
			case d2 != '0':
				return append(b, '.', d1, d2)
			default:
				return append(b, '.', d1)
			}
		}
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		*bad = true
		return b
	}
	fmt := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		fmt = 'e'
	}
	b = strconv.AppendFloat(b, f, fmt, -1, 64)
	if fmt == 'e' {
		// e-09 → e-9
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

func appendInt64(b []byte, v int64) []byte {
	if int64(int(v)) == v {
		return appendInt(b, int(v))
	}
	return strconv.AppendInt(b, v, 10)
}

const hexDigits = "0123456789abcdef"

// jsonPlain marks the bytes a JSON string holds as they are: printable
// ASCII other than '"' and '\\'.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return
}()

const (
	ones = 0x0101010101010101
	tops = 0x8080808080808080
)

// plainPrefix is the length of the longest prefix of s, at least 8 bytes
// long, that a JSON string holds as it is: up to the first control byte,
// '"', '\\', or byte of a multi-byte character. It tests eight bytes at a
// time: in notPlain8 a byte's top bit is set when that byte is not plain,
// and also, through a borrow, in bytes after one that is not, never
// before, so its lowest set bit finds the first. The last (len(s) mod 8)
// bytes are tested with the eight ending s, those before them being plain.
func plainPrefix(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if m := notPlain8(load64(s, i)); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	if j := len(s) - 8; i < len(s) {
		if m := notPlain8(load64(s, j)); m != 0 {
			return j + bits.TrailingZeros64(m)>>3
		}
	}
	return len(s)
}

// plainFrom is the index of the first byte of s from i on that is not
// plain (len(s) if none); the bytes before i may be anything.
func plainFrom(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		if m := notPlain8(load64(s, i)); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for i < len(s) && jsonPlain[s[i]] {
		i++
	}
	return i
}

// notPlain8 sets the top bit of the bytes of x (and perhaps later ones)
// that are ≥ 0x80, < 0x20, '"' or '\\'. Below the first such byte no
// subtraction borrows, and the bytes there (0x20–0x7F, not '"' or '\\')
// leave every term's top bit clear.
func notPlain8(x uint64) uint64 {
	return (x | (x - 0x20*ones) | ((x ^ '"'*ones) - ones) | ((x ^ '\\'*ones) - ones)) & tops
}

// load64 reads s[i:i+8] little-endian (one load on amd64 and arm64).
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// appendString quotes s as encoding/json does with HTML escaping off:
// invalid UTF-8 becomes U+FFFD, U+2028 and U+2029 are escaped.
//
// A string with nothing to escape or check (most) is copied in one go.
// Nine in ten are at most 16 bytes (ids, labels, names, numbers' text):
// those are read as one or two words, which may overlap, tested at once
// and stored back the same way, with no loop and no call to memmove.
func appendString(b []byte, s string) []byte {
	n, k := len(b), len(s)
	if k > 16 {
		return appendLongString(b, s)
	}
	if cap(b)-n < 18 {
		// A call of its own, after which nothing here needs b and s: so
		// they need not be kept on the stack on the way without it.
		return appendString(slices.Grow(b, 18), s)
	}
	// The bytes written lie in b's first 18 past n (within its capacity):
	// as an array, with k at most 16, they need no bounds checks.
	d := (*[18]byte)(b[n : n+18])
	switch {
	case k >= 8:
		x, y := load64(s, 0), load64(s, k-8)
		if notPlain8(x)|notPlain8(y) != 0 {
			return appendStringFrom(b, s, 0)
		}
		binary.LittleEndian.PutUint64(d[1:], x)
		binary.LittleEndian.PutUint64(d[k-7:], y)
	case k >= 4:
		x, y := load32(s, 0), load32(s, k-4)
		if notPlain8(uint64(x)|uint64(y)<<32) != 0 {
			return appendStringFrom(b, s, 0)
		}
		binary.LittleEndian.PutUint32(d[1:], x)
		binary.LittleEndian.PutUint32(d[k-3:], y)
	case k > 0:
		// s[0], s[k/2] and s[k-1] are all of s; the other bytes are 'a'.
		x, y, z := s[0], s[k>>1], s[k-1]
		if notPlain8(uint64(x)|uint64(y)<<8|uint64(z)<<16|0x6161616161000000) != 0 {
			return appendStringFrom(b, s, 0)
		}
		d[1] = x
		d[1+k>>1] = y
		d[k] = z
	default:
		return append(b, '"', '"')
	}
	d[0] = '"'
	d[k+1] = '"'
	return b[:n+k+2]
}

// appendLongString is appendString for s of more than 16 bytes.
func appendLongString(b []byte, s string) []byte {
	n, k := len(b), len(s)
	if i := plainPrefix(s); i < k {
		return appendStringFrom(b, s, i)
	}
	b = slices.Grow(b, k+2)[:n+k+2]
	b[n] = '"'
	copy(b[n+1:], s)
	b[n+1+k] = '"'
	return b
}

// load32 reads s[i:i+4] little-endian.
func load32(s string, i int) uint32 {
	s = s[i : i+4]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// appendStringFrom is appendString for s whose first i bytes are plain.
func appendStringFrom(b []byte, s string, i int) []byte {
	b = append(b, '"')
	start := 0
	for i = plainFrom(s, i); i < len(s); i = plainFrom(s, i) {
		if c := s[i]; c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				b = append(b, s[start:i]...)
				b = append(b, `\ufffd`...)
				i++
				start = i
			case r == '\u2028' || r == '\u2029':
				b = append(b, s[start:i]...)
				b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
				i += size
				start = i
			default:
				i += size
			}
		}
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
