package pipeline

import (
	"errors"
	"math"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/quarrylabs/quarry"
)

// appendDocument writes doc as encoding/json (without HTML escaping) would,
// byte for byte, but without reflection: encoding was ~3% of a run. The
// differential tests in jsonenc_test.go hold it to that. A float json
// cannot encode (NaN, ±Inf) gives errUnsupported, and encode then lets
// encoding/json report it.
func appendDocument(b []byte, d *quarry.Document) ([]byte, error) {
	w := jw{b: b}
	w.open('{')
	w.str("schema", d.Schema)
	w.str("id", d.ID)
	w.key("source")
	w.open('{')
	w.strOmit("path", d.Source.Path)
	w.intOmit("line", d.Source.Line)
	w.intOmit("index", d.Source.Index)
	w.close('}')
	w.strOmit("title", d.Title)
	w.strOmit("url", d.URL)
	w.strOmit("published", d.Published)
	if len(d.Meta) > 0 {
		raw, err := marshalNoEscape(d.Meta)
		if err != nil {
			return nil, err
		}
		w.key("meta")
		w.b = append(w.b, raw...)
		w.comma = true
	}
	if d.Text != nil {
		w.str("text", *d.Text)
	}
	array(&w, "entities", d.Entities, (*jw).entity)
	array(&w, "figures", d.Figures, (*jw).figure)
	array(&w, "quotes", d.Quotes, (*jw).quote)
	array(&w, "claims", d.Claims, (*jw).claim)
	if len(d.Sentences) > 0 {
		w.key("sentences")
		w.open('[')
		for _, s := range d.Sentences {
			w.open('{')
			w.int("start", s.Start)
			w.int("end", s.End)
			w.close('}')
		}
		w.close(']')
	}
	if len(d.Warnings) > 0 {
		w.key("warnings")
		w.open('[')
		for _, x := range d.Warnings {
			w.open('{')
			w.str("code", x.Code)
			w.str("message", x.Message)
			w.close('}')
		}
		w.close(']')
	}
	if d.Error != nil {
		w.key("error")
		w.open('{')
		w.str("code", d.Error.Code)
		w.str("message", d.Error.Message)
		w.close('}')
	}
	w.close('}')
	w.b = append(w.b, '\n')
	return w.b, w.err
}

var errUnsupported = errors.New("json: unsupported float value")

// jw appends JSON; comma says whether the next member needs one before it.
type jw struct {
	b     []byte
	comma bool
	err   error
}

func (w *jw) sep() {
	if w.comma {
		w.b = append(w.b, ',')
	}
	w.comma = true
}

func (w *jw) open(c byte) {
	w.sep()
	w.b = append(w.b, c)
	w.comma = false
}

func (w *jw) close(c byte) {
	w.b = append(w.b, c)
	w.comma = true
}

// key writes an object member's name; the value follows without a comma.
func (w *jw) key(k string) {
	w.sep()
	w.b = appendString(w.b, k)
	w.b = append(w.b, ':')
	w.comma = false
}

func (w *jw) null() {
	w.sep()
	w.b = append(w.b, "null"...)
}

func (w *jw) str(k, v string) {
	w.key(k)
	w.sep()
	w.b = appendString(w.b, v)
}

func (w *jw) strOmit(k, v string) {
	if v != "" {
		w.str(k, v)
	}
}

func (w *jw) int(k string, v int) {
	w.key(k)
	w.sep()
	w.b = strconv.AppendInt(w.b, int64(v), 10)
}

func (w *jw) intOmit(k string, v int) {
	if v != 0 {
		w.int(k, v)
	}
}

func (w *jw) float(k string, f float64) {
	w.key(k)
	w.sep()
	w.b = appendFloat(w.b, f, &w.err)
}

func (w *jw) floatPtr(k string, f *float64) {
	if f != nil {
		w.float(k, *f)
	}
}

func (w *jw) strings(k string, vs []string) {
	if len(vs) == 0 {
		return
	}
	w.key(k)
	w.open('[')
	for _, v := range vs {
		w.sep()
		w.b = appendString(w.b, v)
	}
	w.close(']')
}

func (w *jw) entity(e *quarry.Entity) {
	w.open('{')
	w.str("id", e.ID)
	w.str("label", e.Label)
	w.str("name", e.Name)
	array(w, "mentions", e.Mentions, func(w *jw, m *quarry.Mention) {
		w.open('{')
		w.int("start", m.Start)
		w.int("end", m.End)
		w.str("text", m.Text)
		w.close('}')
	})
	w.strOmit("title", e.Title)
	w.strOmit("affiliation", e.Affiliation)
	if len(e.Attrs) > 0 {
		w.key("attrs")
		w.open('{')
		for _, k := range sortedKeys(e.Attrs) {
			w.str(k, e.Attrs[k])
		}
		w.close('}')
	}
	w.strOmit("origin", e.Origin)
	w.close('}')
}

func (w *jw) figure(f *quarry.Figure) {
	w.open('{')
	w.str("id", f.ID)
	w.int("start", f.Start)
	w.int("end", f.End)
	w.str("text", f.Text)
	w.str("kind", f.Kind)
	w.floatPtr("value", f.Value)
	w.floatPtr("min", f.Min)
	w.floatPtr("max", f.Max)
	w.strOmit("unit", f.Unit)
	w.strOmit("currency", f.Currency)
	w.strings("approx", f.Approx)
	w.strOmit("counts", f.Counts)
	w.strOmit("entity", f.Entity)
	w.strOmit("direction", f.Direction)
	w.int("sentence", f.Sentence)
	w.close('}')
}

func (w *jw) quote(q *quarry.Quote) {
	w.open('{')
	w.str("id", q.ID)
	w.int("start", q.Start)
	w.int("end", q.End)
	w.str("text", q.Text)
	w.str("kind", q.Kind)
	w.key("speaker")
	if s := q.Speaker; s == nil {
		w.null()
	} else {
		w.open('{')
		w.str("name", s.Name)
		w.strOmit("entity", s.Entity)
		w.int("start", s.Start)
		w.int("end", s.End)
		w.str("text", s.Text)
		w.close('}')
	}
	if c := q.Cue; c != nil {
		w.key("cue")
		w.open('{')
		w.str("text", c.Text)
		w.int("start", c.Start)
		w.int("end", c.End)
		w.close('}')
	}
	w.int("sentence", q.Sentence)
	w.close('}')
}

func (w *jw) claim(c *quarry.Claim) {
	w.open('{')
	w.str("id", c.ID)
	w.int("start", c.Start)
	w.int("end", c.End)
	w.str("text", c.Text)
	w.int("sentence", c.Sentence)
	if s := c.Subject; s != nil {
		w.key("subject")
		w.open('{')
		w.strOmit("entity", s.Entity)
		w.int("start", s.Start)
		w.int("end", s.End)
		w.str("text", s.Text)
		w.close('}')
	}
	w.strOmit("predicate", c.Predicate)
	w.strOmit("object", c.Object)
	w.strings("figures", c.Figures)
	w.strOmit("scope", c.Scope)
	w.key("source")
	w.open('{')
	w.str("type", c.Source.Type)
	w.strOmit("quote", c.Source.Quote)
	w.strOmit("entity", c.Source.Entity)
	w.close('}')
	w.str("modality", c.Modality)
	w.float("checkworthy", c.Checkworthy)
	if len(c.Features) > 0 {
		w.key("features")
		w.open('{')
		for _, k := range sortedKeys(c.Features) {
			w.float(k, c.Features[k])
		}
		w.close('}')
	}
	w.close('}')
}

// array writes xs under k, null when nil (as encoding/json does).
func array[T any](w *jw, k string, xs []T, each func(*jw, *T)) {
	w.key(k)
	if xs == nil {
		w.null()
		return
	}
	w.open('[')
	for i := range xs {
		each(w, &xs[i])
	}
	w.close(']')
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// appendFloat formats f as encoding/json does for a float64.
func appendFloat(b []byte, f float64, err *error) []byte {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		*err = errUnsupported
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

const hexDigits = "0123456789abcdef"

// appendString quotes s as encoding/json does with HTML escaping off:
// invalid UTF-8 becomes U+FFFD, U+2028 and U+2029 are escaped.
// jsonPlain marks the bytes a JSON string holds as they are: printable
// ASCII other than '"' and '\\'.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return
}()

func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; ; {
		// A tight loop over the plain bytes (most of them): the compiler
		// keeps it to a handful of instructions a byte.
		for i < len(s) && jsonPlain[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
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
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
