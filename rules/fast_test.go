package rules

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// loaded is what one file leaves in a builder.
type loaded struct {
	gaz, titles []*Entry
	files       []FileInfo
	errs        []string
}

func loadOne(src string, fast bool) loaded {
	defer func(old bool) { fastLoad = old }(fastLoad)
	fastLoad = fast
	b := newBuilder()
	b.loadFile("f.yaml", []byte(src), true)
	var out loaded
	out.gaz, out.titles, out.files = b.gaz.order, b.titles.order, b.files
	for _, e := range b.errs {
		out.errs = append(out.errs, e.Error())
	}
	return out
}

// sameAsYAML fails when the fast path and yaml.v3 load src differently, and
// reports whether the fast path took it.
func sameAsYAML(t *testing.T, src string) bool {
	t.Helper()
	want, got := loadOne(src, false), loadOne(src, true)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fast path differs on\n%s\ngot  %s\nwant %s", src, dump(got), dump(want))
	}
	d := &decoder{file: "f.yaml", errs: &Errors{}}
	return newBuilder().loadFast(d, []byte(src), &FileInfo{Counts: map[string]int{}})
}

func dump(l loaded) string {
	var b strings.Builder
	for _, e := range append(l.gaz, l.titles...) {
		fmt.Fprintf(&b, "\n  %+v", *e)
	}
	for _, e := range l.errs {
		b.WriteString("\n  " + e)
	}
	return b.String()
}

var fastCases = []struct {
	name string
	fast bool // the fast path must take it
	src  string
}{
	{"canonical", true, qvh},
	{"many keys", true, `# a comment
kind: gazetteer
description: "our beat"   # trailing
entries:
  # a group
  - name: Quillmore Vantage Holdings
    label: COMPANY
    aliases: [QVH, 'Quill''more', "Q V H"]
    ticker: 7203
    parent: Halvern Group

  - name:   Halvern Group
    label: COMPANY
    priority: 3
    case: insensitive
    disabled: false
    country: GB
    sector: C# tools, and more
  -   name: Zürich Brindle AG
      label: COMPANY
      aliases: [Brindle, ZBAG]
`},
	{"indentless", true, "kind: gazetteer\nentries:\n- name: Tallow\n  label: COMPANY\n- name: Osterby\n  label: LOC\n"},
	{"titles", true, "kind: titles\nentries:\n  - name: chief executive officer\n    aliases: [CEO, chief executive]\n    category: executive\n"},
	{"rows", true, "kind: gazetteer\ncolumns: [name, label, aliases, ticker]\nrows: |\n  Quillmore Vantage Holdings | COMPANY | QVH; Quillmore | QVH\n\n  # skipped\n    Tallow | COMPANY | | TAL\n  Osterby | LOC | |\n\n\n"},
	{"rows then key", true, "kind: gazetteer\nrows: |\n  Tallow | COMPANY\ncolumns: [name, label]\n"},
	{"unicode columns", true, "kind: gazetteer\nentries:\n  - name: Société Générale\n    label: COMPANY\n    aliases: [Société, SocGen, \"Générale\"]\n"},

	// yaml.v3 must read these, or report their problems.
	{"unknown key", false, "kind: gazetteer\nentries:\n  - name: Tallow\n    label: COMPANY\n    alias: [T]\n"},
	{"bad label", false, "kind: gazetteer\nentries:\n  - name: Tallow\n    label: COMPNY\n"},
	{"no label", false, "kind: gazetteer\nentries:\n  - name: Tallow\n"},
	{"duplicate key", false, "kind: gazetteer\nentries:\n  - name: Tallow\n    label: COMPANY\n    name: Tallow\n"},
	{"duplicate entry", true, "kind: gazetteer\nentries:\n  - name: Tallow\n    label: COMPANY\n  - name: Tallow\n    label: COMPANY\n"},
	{"null name", false, "kind: gazetteer\nentries:\n  - name: ~\n    label: COMPANY\n"},
	{"empty value", false, "kind: gazetteer\nentries:\n  - name:\n    label: COMPANY\n"},
	{"block aliases", false, "kind: gazetteer\nentries:\n  - name: Tallow\n    label: COMPANY\n    aliases:\n      - T\n"},
	{"flow mapping", false, "kind: gazetteer\nentries:\n  - {name: Tallow, label: COMPANY}\n"},
	{"alias mapping", false, "kind: gazetteer\nentries:\n  - name: Tallow\n    label: COMPANY\n    aliases: [{text: t, case: sensitive}]\n"},
	{"anchor", false, "kind: gazetteer\nentries:\n  - name: &n Tallow\n    label: COMPANY\n  - name: *n\n    label: LOC\n"},
	{"tag", false, "kind: gazetteer\nentries:\n  - name: !!str 3M\n    label: COMPANY\n"},
	{"multi-line plain", false, "kind: gazetteer\nentries:\n  - name: Tallow\n      Group\n    label: COMPANY\n"},
	{"multi-line at key", false, "kind: gazetteer\nentries:\n  - name: Tallow\n    Group\n    label: COMPANY\n"},
	{"colon space", false, "kind: gazetteer\nentries:\n  - name: Tallow: Group\n    label: COMPANY\n"},
	{"colon end", false, "kind: gazetteer\nentries:\n  - name: Tallow:\n    label: COMPANY\n"},
	{"colon inside", true, "kind: gazetteer\nentries:\n  - name: Tallow:Group\n    label: COMPANY\n"},
	{"hash glued", true, "kind: gazetteer\nentries:\n  - name: Tallow#1\n    label: COMPANY\n    aliases: [C#, F#]\n"},
	{"comment in flow", false, "kind: gazetteer\nentries:\n  - name: Tallow\n    label: COMPANY\n    aliases: [A #x\n      , B]\n"},
	{"multi-line flow", false, "kind: gazetteer\nentries:\n  - name: Tallow\n    label: COMPANY\n    aliases: [A,\n      B]\n"},
	{"trailing comma", false, "kind: gazetteer\nentries:\n  - name: Tallow\n    label: COMPANY\n    aliases: [A, B,]\n"},
	{"empty flow", false, "kind: gazetteer\nentries:\n  - name: Tallow\n    label: COMPANY\n    aliases: []\n"},
	{"nested flow", false, "kind: gazetteer\nentries:\n  - name: Tallow\n    label: COMPANY\n    aliases: [A, [B]]\n"},
	{"escape", false, "kind: gazetteer\nentries:\n  - name: \"Tal\\u006cow\"\n    label: COMPANY\n"},
	{"open quote", false, "kind: gazetteer\nentries:\n  - name: \"Tallow\n      Group\"\n    label: COMPANY\n"},
	{"quote glued", false, "kind: gazetteer\nentries:\n  - name: \"Tallow\"x\n    label: COMPANY\n"},
	{"tab", false, "kind: gazetteer\nentries:\n  - name: Tallow\n    label:\tCOMPANY\n"},
	{"crlf", false, "kind: gazetteer\r\nentries:\r\n  - name: Tallow\r\n    label: COMPANY\r\n"},
	{"bom", false, "\ufeffkind: gazetteer\nentries:\n  - name: Tallow\n    label: COMPANY\n"},
	{"no final newline", false, "kind: gazetteer\nentries:\n  - name: Tallow\n    label: COMPANY"},
	{"odd indent", false, "kind: gazetteer\nentries:\n  - name: Tallow\n     label: COMPANY\n"},
	{"less indent", false, "kind: gazetteer\nentries:\n  - name: Tallow\n   label: COMPANY\n"},
	{"items at two indents", false, "kind: gazetteer\nentries:\n  - name: Tallow\n    label: COMPANY\n - name: Osterby\n   label: LOC\n"},
	{"second document", false, "kind: gazetteer\nentries:\n  - name: Tallow\n    label: COMPANY\n---\nkind: titles\nentries:\n  - name: mayor\n"},
	{"examples", false, "kind: gazetteer\nentries:\n  - name: Tallow\n    label: COMPANY\nexamples:\n  - text: Tallow rose.\n    expect: [Tallow]\n"},
	{"other kind", false, "kind: stoplist\nentries:\n  - labels: [\"*\"]\n    words: [Monday]\n"},
	{"unknown kind", false, "kind: gazeteer\nentries:\n  - name: Tallow\n    label: COMPANY\n"},
	{"entries and rows", false, "kind: gazetteer\ncolumns: [name, label]\nrows: |\n  A | COMPANY\nentries:\n  - name: Tallow\n    label: COMPANY\n"},
	{"rows strip", false, "kind: gazetteer\ncolumns: [name, label]\nrows: |-\n  A | COMPANY\n"},
	{"rows folded", false, "kind: gazetteer\ncolumns: [name, label]\nrows: >\n  A | COMPANY\n"},
	{"rows bad cell", false, "kind: gazetteer\ncolumns: [name, label]\nrows: |\n  A | COMPNY\n"},
	{"rows leading blank", false, "kind: gazetteer\ncolumns: [name, label]\nrows: |\n\n  A | COMPANY\n"},
	{"merge key", true, "kind: gazetteer\nentries:\n  - name: Tallow\n    label: COMPANY\n    ticker: <<\n"},
	{"priority hex", false, "kind: gazetteer\nentries:\n  - name: Tallow\n    label: COMPANY\n    priority: 0x10\n"},
	{"disabled yes", false, "kind: gazetteer\nentries:\n  - name: Tallow\n    label: COMPANY\n    disabled: yes\n"},
	{"negative", false, "kind: gazetteer\nentries:\n  - name: Tallow\n    label: COMPANY\n    priority: -1\n"},
	{"not a mapping", false, "kind: gazetteer\nentries:\n  - Tallow\n"},
	{"top indented", false, "  kind: gazetteer\n  entries:\n    - name: Tallow\n      label: COMPANY\n"},
	{"only comments", false, "# nothing\n"},
	{"empty", false, ""},
}

// The fast path loads exactly what yaml.v3 loads, with the same errors, and
// takes the common shapes.
func TestFastGazetteer(t *testing.T) {
	for _, c := range fastCases {
		t.Run(c.name, func(t *testing.T) {
			if took := sameAsYAML(t, c.src); took != c.fast {
				t.Errorf("fast path took it: %v, want %v", took, c.fast)
			}
		})
	}
	if !sameAsYAML(t, genGazetteer(200)) || !sameAsYAML(t, genRows(200)) {
		t.Error("the fast path left the benchmark files to yaml.v3")
	}
}

func FuzzFastGazetteer(f *testing.F) {
	for _, c := range fastCases {
		f.Add(c.src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		sameAsYAML(t, src)
	})
}

// Decoding a list in parts gives the entries decoding it whole gives.
func TestFastParts(t *testing.T) {
	src := strings.Replace(genGazetteer(3000), "entries:\n", "entries:\n# top\n\n", 1)
	src = strings.ReplaceAll(src, "7\n  - name:", "7\n  # seven\n\n  - name:")
	s := &fastScanner{src: src}
	_, list, ok := s.document()
	if !ok {
		t.Fatal("the fast path left the file to yaml.v3")
	}
	d := &decoder{file: "f.yaml", errs: &Errors{}}
	whole, ok := decodeFast(d, list, false, 1)
	if !ok || len(whole) != 3000 {
		t.Fatalf("decoded %d entries, ok %v", len(whole), ok)
	}
	for n := 2; n <= 5; n++ {
		if parts := splitItems(list, n); len(parts) != n {
			t.Errorf("splitItems made %d parts, want %d", len(parts), n)
		}
		if got, ok := decodeFast(d, list, false, n); !ok || !reflect.DeepEqual(got, whole) {
			t.Errorf("in %d parts: %d entries, ok %v", n, len(got), ok)
		}
	}
}

// A table decoded in parts gives the entries and errors, in order, that
// it gives decoded whole.
func TestRowsInParts(t *testing.T) {
	src := genRows(3000)
	src = strings.Replace(src, "| COMPANY |", "| COMPNY |", 3)
	src = strings.Replace(src, "Holdings 2999 | COMPANY", "Holdings 2999 | CMPANY", 1)
	src = strings.Replace(src, "Holdings 1500 |", "Holdings 1500 | | | | |", 1)
	whole := loadOne(src, true)
	defer func(old int) { partSize = old }(partSize)
	partSize = 1000
	if got := loadOne(src, true); !reflect.DeepEqual(got, whole) {
		t.Errorf("in parts: %d entries, errors %q; whole: %d, %q", len(got.gaz), got.errs, len(whole.gaz), whole.errs)
	}
	if len(whole.errs) != 5 || len(whole.gaz) != 2995 {
		t.Errorf("%d entries, errors %q", len(whole.gaz), whole.errs)
	}
}
