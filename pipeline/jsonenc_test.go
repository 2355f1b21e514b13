package pipeline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry"
)

// stdEncode is what appendDocument must reproduce.
func stdEncode(t testing.TB, d *quarry.Document) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func checkSameJSON(t testing.TB, d *quarry.Document) {
	t.Helper()
	got, err := appendDocument(nil, d, nil, nil)
	if err != nil {
		t.Fatalf("appendDocument: %v", err)
	}
	if want := stdEncode(t, d); !bytes.Equal(got, want) {
		t.Fatalf("encoders differ\n got: %s\nwant: %s", got, want)
	}
}

var awkward = []string{
	"", "plain", `quote " and \ backslash`, "tab\tnl\nret\r", "\b\f\x00\x01\x1f\x7f",
	"<AT&T>", "curly “quotes” — dash", "\u2028line\u2029para", "bad \xff\xfe utf8 \xe2\x82",
	"emoji 🙂", "日本語",
}

var awkwardFloats = []float64{
	0, math.Copysign(0, -1), 1, -1, 0.5, 1e-6, 9.99e-7, 1e-7, 1.5e-9, 1e20, 1e21, 1.234e21,
	-3.5e-12, 8e9, 14000, 0.1 + 0.2, math.MaxFloat64, math.SmallestNonzeroFloat64, 123456789.125,
}

func randDoc(r *rand.Rand) *quarry.Document {
	s := func() string { return awkward[r.Intn(len(awkward))] }
	f := func() *float64 {
		if r.Intn(3) == 0 {
			return nil
		}
		v := awkwardFloats[r.Intn(len(awkwardFloats))]
		return &v
	}
	n := func() int { return r.Intn(5) - 1 } // -1 means a nil slice
	d := &quarry.Document{Schema: s(), ID: s(), Source: quarry.Source{Path: s(), Line: r.Intn(3), Index: r.Intn(3) - 1},
		Title: s(), URL: s(), Published: s()}
	if r.Intn(3) == 0 {
		d.Meta = map[string]json.RawMessage{"b": json.RawMessage(`{ "x" : [1, 2] }`), "a": json.RawMessage(`"s"`)}
	}
	if r.Intn(2) == 0 {
		txt := s()
		d.Text = &txt
	}
	if k := n(); k >= 0 {
		d.Entities = []quarry.Entity{}
		for i := 0; i < k; i++ {
			e := quarry.Entity{ID: s(), Label: s(), Name: s(), Title: s(), Affiliation: s(), Origin: s()}
			if m := n(); m >= 0 {
				e.Mentions = []quarry.Mention{}
				for j := 0; j < m; j++ {
					e.Mentions = append(e.Mentions, quarry.Mention{Start: r.Intn(1e6), End: -r.Intn(9), Text: s()})
				}
			}
			if r.Intn(2) == 0 {
				e.Attrs = map[string]string{s(): s(), "ticker": s(), "zz": s()}
			}
			d.Entities = append(d.Entities, e)
		}
	}
	if k := n(); k >= 0 {
		d.Figures = []quarry.Figure{}
		for i := 0; i < k; i++ {
			fg := quarry.Figure{ID: s(), Start: r.Int(), End: r.Intn(9), Text: s(), Kind: s(), Value: f(), Min: f(), Max: f(),
				Unit: s(), Currency: s(), Per: s(), Counts: s(), Entity: s(), Direction: s(), Sentence: r.Intn(9)}
			if m := n(); m >= 0 {
				fg.Approx = []string{}
				for j := 0; j < m; j++ {
					fg.Approx = append(fg.Approx, s())
				}
			}
			d.Figures = append(d.Figures, fg)
		}
	}
	if k := n(); k >= 0 {
		d.Quotes = []quarry.Quote{}
		for i := 0; i < k; i++ {
			q := quarry.Quote{ID: s(), Start: r.Intn(99), End: r.Intn(99), Text: s(), Kind: s(), Sentence: r.Intn(9)}
			if r.Intn(2) == 0 {
				q.Speaker = &quarry.Speaker{Name: s(), Entity: s(), Start: 1, End: r.Intn(9), Text: s()}
			}
			if r.Intn(2) == 0 {
				q.Cue = &quarry.Cue{Text: s(), Start: r.Intn(9), End: 3}
			}
			d.Quotes = append(d.Quotes, q)
		}
	}
	if k := n(); k >= 0 {
		d.Claims = []quarry.Claim{}
		for i := 0; i < k; i++ {
			c := quarry.Claim{ID: s(), Start: r.Intn(99), End: r.Intn(99), Text: s(), Sentence: r.Intn(9), Predicate: s(),
				Object: s(), Scope: s(), Source: quarry.ClaimSource{Type: s(), Quote: s(), Entity: s()}, Modality: s(),
				Checkworthy: awkwardFloats[r.Intn(len(awkwardFloats))]}
			if r.Intn(2) == 0 {
				c.Subject = &quarry.ClaimSubject{Entity: s(), Start: r.Intn(9), End: 2, Text: s()}
			}
			if r.Intn(2) == 0 {
				c.Figures = []string{s(), s()}
			}
			if r.Intn(2) == 0 {
				c.Features = map[string]float64{"number": 1, s(): awkwardFloats[r.Intn(len(awkwardFloats))], "hedge": 0.25}
			}
			d.Claims = append(d.Claims, c)
		}
	}
	if r.Intn(2) == 0 {
		d.Sentences = []quarry.Sentence{{Start: 0, End: r.Intn(99)}, {Start: 4, End: 9}}
	}
	if r.Intn(2) == 0 {
		d.Warnings = []quarry.Warning{{Code: s(), Message: s()}}
	}
	if r.Intn(3) == 0 {
		d.Error = &quarry.Error{Code: s(), Message: s()}
	}
	return d
}

func TestAppendDocumentMatchesEncodingJSON(t *testing.T) {
	checkSameJSON(t, &quarry.Document{})
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 3000; i++ {
		checkSameJSON(t, randDoc(r))
	}
}

// writeRecord writes one --format records line as encoding/json renders
// it: the reference for appendRecords.
func writeRecord(w io.Writer, r Record) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// Every --format records line appended is what encoding/json makes of the
// Records of the document; and a long article's entity lines from a stash
// are what it makes of a Record of each entity.
func TestAppendRecordsMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	for i := 0; i < 3000; i++ {
		d := randDoc(r)
		if r.Intn(4) == 0 {
			d.Error = &quarry.Error{Code: "x", Message: "y"}
		}
		got, err := appendRecords(nil, d, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		for _, rec := range Records(d) {
			if err := writeRecord(&want, rec); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("records differ\n got: %s\nwant: %s", got, want.Bytes())
		}

		// The entities again, their mentions packed, in a text made to
		// hold them.
		var text strings.Builder
		st := newStash(OutRecords, "")
		for _, e := range d.Entities {
			var ps []uint64
			for _, m := range e.Mentions {
				start := text.Len()
				text.WriteString(m.Text)
				ps = append(ps, uint64(start)<<mentionBits|uint64(len(m.Text)))
			}
			st.mentions = append(st.mentions, ps)
		}
		st.text = text.String()
		want.Reset()
		got = got[:0]
		ents := &quarry.Document{ID: d.ID, Entities: slices.Clone(d.Entities)}
		for k, e := range ents.Entities {
			if e.Mentions == nil {
				e.Mentions = []quarry.Mention{} // an entity has mentions
			}
			for i, m := range e.Mentions {
				start := int(st.mentions[k][i] >> mentionBits)
				e.Mentions[i] = quarry.Mention{Start: start, End: start + len(m.Text), Text: m.Text}
			}
			if err := writeRecord(&want, Record{Type: "entity", Doc: d.ID, Body: e}); err != nil {
				t.Fatal(err)
			}
			ents.Entities[k].Mentions = nil // the stash's are used
			got = st.appendEntity(got, ents, k, true, nil)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("entity rows differ\n got: %s\nwant: %s", got, want.Bytes())
		}
	}
}

// goldenDocs returns every document of the golden runs, decoded.
func goldenDocs(tb testing.TB) []*quarry.Document {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "golden", "*.json*"))
	var docs []*quarry.Document
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		for dec.More() {
			var d quarry.Document
			if dec.Decode(&d) != nil {
				break // not a document file
			}
			docs = append(docs, &d)
		}
	}
	return docs
}

// Every document of the golden runs, re-read and encoded both ways.
func TestAppendDocumentGoldens(t *testing.T) {
	docs := goldenDocs(t)
	if len(docs) == 0 {
		t.Fatal("no documents decoded from the golden files under testdata/golden")
	}
	for _, d := range docs {
		checkSameJSON(t, d)
	}
}

// A figure without per is written as before per existed; with one, "per"
// follows "currency".
func TestAppendFigurePer(t *testing.T) {
	v := 47.0
	f := quarry.Figure{ID: "f1", Start: 3, End: 6, Text: "$47", Kind: "money", Value: &v, Currency: "USD", Sentence: 2}
	if got, want := string(appendFigure(nil, &f, new(bool))),
		`{"id":"f1","start":3,"end":6,"text":"$47","kind":"money","value":47,"currency":"USD","sentence":2}`; got != want {
		t.Errorf("without per:\n got %s\nwant %s", got, want)
	}
	f.Per = "barrel"
	if got, want := string(appendFigure(nil, &f, new(bool))),
		`{"id":"f1","start":3,"end":6,"text":"$47","kind":"money","value":47,"currency":"USD","per":"barrel","sentence":2}`; got != want {
		t.Errorf("with per:\n got %s\nwant %s", got, want)
	}
	checkSameJSON(t, &quarry.Document{Figures: []quarry.Figure{f}})
}

func TestAppendDocumentRefusesNaN(t *testing.T) {
	d := &quarry.Document{Claims: []quarry.Claim{{Checkworthy: math.NaN()}}}
	if _, err := appendDocument(nil, d, nil, nil); err == nil {
		t.Fatal("NaN encoded without an error")
	}
	if _, err := encode(d, OutputOptions{}); err == nil || !strings.Contains(err.Error(), "unsupported") {
		t.Fatalf("encode error = %v, want encoding/json's unsupported value", err)
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range awkward {
		f.Add(s, 0.0)
	}
	f.Fuzz(func(t *testing.T, s string, v float64) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		txt := s
		checkSameJSON(t, &quarry.Document{ID: s, Text: &txt, Claims: []quarry.Claim{{Text: s, Checkworthy: v,
			Features: map[string]float64{s: v}}}, Entities: []quarry.Entity{{Attrs: map[string]string{s: s}}}})
	})
}

// fill sets every field reachable from v to a non-zero value, so a field
// added to the schema types and not to appendDocument makes the encoders
// differ (randDoc only knows the fields there were when it was written).
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d<&>\"", *n))
	case reflect.Int:
		v.SetInt(int64(*n))
	case reflect.Float64:
		v.SetFloat(float64(*n) + 0.25)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n)
			}
		}
	case reflect.Slice:
		if v.Type() == reflect.TypeFor[json.RawMessage]() {
			v.SetBytes([]byte(`{"k": [1, 2]}`))
			return
		}
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := 0; i < 2; i++ {
			fill(v.Index(i), n)
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		for i := 0; i < 2; i++ {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(k, n)
			fill(e, n)
			v.SetMapIndex(k, e)
		}
	default:
		panic("fill: no case for " + v.Type().String())
	}
}

func TestAppendDocumentEveryField(t *testing.T) {
	var d quarry.Document
	n := 0
	fill(reflect.ValueOf(&d).Elem(), &n)
	checkSameJSON(t, &d)
}

// stdValue is encoding/json's rendering of v, without HTML escaping.
func stdValue(t *testing.T, v any) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// appendString tests eight bytes at a time: every byte that needs care,
// at every position of strings of every length around the word size,
// alone, after another and in pairs, must come out as encoding/json has it.
func TestAppendStringEveryPosition(t *testing.T) {
	specials := []string{"\"", "\\", "\n", "\x00", "\x1f", "\x7f", " ", "~", "!", "#", "[", "]", "\x80", "\xff",
		"é", "€", "\u2028", "\u2029", "🙂", "\xe2\x82", "\xe2\x80", "<", "&"}
	check := func(s string) {
		if got, want := string(appendString(nil, s)), stdValue(t, s); got != want {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want)
		}
	}
	for n := 0; n <= 26; n++ {
		plain := strings.Repeat("abcdefgh", 4)[:n]
		check(plain)
		for i := 0; i <= n; i++ {
			for _, x := range specials {
				check(plain[:i] + x + plain[i:])
				for _, y := range specials {
					check(plain[:i] + x + y + plain[i:])
					if i+3 <= n {
						check(plain[:i] + x + plain[i:i+3] + y + plain[i+3:])
					}
				}
			}
		}
	}
}

func TestAppendIntMatchesStrconv(t *testing.T) {
	vs := []int{math.MinInt, math.MaxInt, -1, -9, -10, -99, -100, -10000}
	for v := 0; v <= 20000; v++ {
		vs = append(vs, v)
	}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 10000; i++ {
		vs = append(vs, int(r.Uint64()>>r.Intn(64)), -r.Intn(1e6))
	}
	for _, v := range vs {
		if got, want := string(appendInt(nil, v)), stdValue(t, v); got != want {
			t.Fatalf("appendInt(%d) = %s, want %s", v, got, want)
		}
	}
}

// appendFloat's short cuts (integers, thousandths) against encoding/json.
func TestAppendFloatMatchesEncodingJSON(t *testing.T) {
	fs := append([]float64{}, awkwardFloats...)
	fs = append(fs, 1e9, -1e9, 1e9-0.001, 999999999.999, -999999999.999, 0.001, -0.001, 0.0005, 1e15-1, 1e15, 1<<53, 1<<53+2,
		2.4e9, 123456789012345, -123456789012345, 999999999999999, 0.1, 0.2, 0.3, 0.7, 0.778, 0.857, 1.05, 2.675, 8199999999.999999, 1.0/3, 2.0/3, math.Nextafter(0.778, 1), math.Nextafter(0.5, 0))
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 200000; i++ {
		m := r.Int63n(2e12) - 1e12
		switch i % 4 {
		case 0:
			fs = append(fs, float64(m)/1000)
		case 1:
			fs = append(fs, float64(m%1000000)/1000)
		case 2:
			fs = append(fs, float64(m%100000)/100, float64(m%10000)/10)
		default:
			fs = append(fs, r.NormFloat64()*math.Pow(10, float64(r.Intn(24)-8)), math.Float64frombits(r.Uint64()))
		}
	}
	for _, f := range fs {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		var bad bool
		if got, want := string(appendFloat(nil, f, &bad)), stdValue(t, f); got != want || bad {
			t.Fatalf("appendFloat(%v) = %s (bad %v), want %s", f, got, bad, want)
		}
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		var bad bool
		if appendFloat(nil, f, &bad); !bad {
			t.Fatalf("appendFloat(%v) not refused", f)
		}
	}
}
