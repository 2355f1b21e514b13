package rules

import (
	"strings"
	"testing"
)

// Every validation error, with the line and column it must point at.
func TestValidationErrors(t *testing.T) {
	cases := []struct {
		name string
		yaml string
		want []string // "LINE:COL: substring of the message", in order
	}{
		{"unknown key with suggestion", `kind: gazetteer
entries:
  - name: Quillmore
    label: COMPANY
    alias: [QVH]
`, []string{`5:5: unknown key "alias" in gazetteer entry; did you mean "aliases"?`}},
		{"unknown key without suggestion", `kind: gazetteer
entries:
  - name: Quillmore
    label: COMPANY
    colour: blue
`, []string{`5:5: unknown key "colour" in gazetteer entry; valid keys are: id, name, label, aliases`}},
		{"unknown top-level key", `kind: gazetteer
entry:
  - name: Quillmore
`, []string{`1:1: gazetteer document has no "entries"`, `2:1: unknown key "entry" in gazetteer document; did you mean "entries"?`}},
		{"wrong type: mapping for list", `kind: gazetteer
entries:
  - name: Quillmore
    label: COMPANY
    aliases: {short: QVH}
`, []string{`5:14: aliases must be a list (lines starting with "- "), got a mapping`}},
		{"wrong type: string for int", `kind: gazetteer
entries:
  - name: Quillmore
    label: COMPANY
    priority: high
`, []string{`5:15: priority must be a whole number, got the string "high"`}},
		{"wrong type: entries not a list", `kind: gazetteer
entries: Quillmore
`, []string{`2:10: gazetteer entries must be a list`}},
		{"wrong type: list for string", `kind: gazetteer
entries:
  - name: [Quillmore, QVH]
    label: COMPANY
`, []string{`3:11: name must be a string, got a list`}},
		{"bad regex in stoplist", `kind: stoplist
entries:
  - labels: [COMPANY]
    patterns: ['[A-Z']
`, []string{`4:16: bad regex "[A-Z": missing closing ]`}},
		{"bad regex in pattern", `kind: pattern
rules:
  - id: r1
    label: COMPANY
    pattern:
      - {regex: "(?<=x)y"}
`, []string{`6:17: bad regex "(?<=x)y"`}},
		{"duplicate id", `kind: gazetteer
entries:
  - id: qvh
    name: Quillmore Vantage Holdings
    label: COMPANY
  - id: qvh
    name: QVH Trading
    label: COMPANY
`, []string{`6:5: duplicate gazetteer entry id "qvh" (first at f.yaml:3:5)`}},
		{"duplicate name and label", `kind: gazetteer
entries:
  - name: Quillmore
    label: COMPANY
  - name: Quillmore
    label: COMPANY
`, []string{`5:5: duplicate gazetteer entry id "company:quillmore"`}},
		{"duplicate pattern id", `kind: pattern
rules:
  - id: r1
    label: COMPANY
    pattern: [{lower: acme}]
  - id: r1
    label: ORG
    pattern: [{lower: acme}]
`, []string{`6:5: duplicate pattern rule id "r1" (first at f.yaml:3:5)`}},
		{"missing kind", `entries:
  - name: Quillmore
    label: COMPANY
`, []string{`1:1: document has no "kind"; add a line like ` + "`kind: gazetteer`"}},
		{"unknown kind", `kind: gazeteer
entries: []
`, []string{`1:7: unknown kind "gazeteer"; did you mean "gazetteer"?`}},
		{"missing parent", `kind: gazetteer
entries:
  - name: Quillmore Cloud
    label: COMPANY
    parent: NoSuchCo
`, []string{`5:13: parent "NoSuchCo" of "Quillmore Cloud" is not in any gazetteer`}},
		{"empty name", `kind: gazetteer
entries:
  - name: ""
    label: COMPANY
`, []string{`3:11: name is empty`}},
		{"missing name", `kind: gazetteer
entries:
  - label: COMPANY
    aliases: [QVH]
`, []string{`3:5: gazetteer entry has no "name"`}},
		{"bad label", `kind: gazetteer
entries:
  - name: Quillmore
    label: COMPNY
`, []string{`4:12: label "COMPNY" is not valid; did you mean "COMPANY"?`}},
		{"title label in gazetteer", `kind: gazetteer
entries:
  - name: chief executive
    label: TITLE
`, []string{"4:12: label TITLE is for roles; put them in a `kind: titles` document"}},
		{"missing list", `kind: pattern
rules:
  - id: r1
    label: COMPANY
    pattern:
      - {in_list: suffixes}
`, []string{`6:19: list "suffixes" is not declared`}},
		{"pattern without pattern", `kind: pattern
rules:
  - id: r1
    label: COMPANY
`, []string{`3:5: pattern rule "r1" has no "pattern"`}},
		{"unknown is flag and op", `kind: pattern
rules:
  - id: r1
    label: COMPANY
    pattern:
      - {is: titel, op: "++"}
`, []string{`6:14: unknown ` + "`is`" + ` flag "titel"; did you mean "title"?`, `6:25: op "++" is not valid`}},
		{"bad repeat", `kind: pattern
rules:
  - id: r1
    label: COMPANY
    pattern:
      - {lower: acme, repeat: [3, 1]}
`, []string{`6:31: repeat [3, 1] is not a range`}},
		{"all optional pattern", `kind: pattern
rules:
  - id: r1
    label: COMPANY
    pattern: [{lower: acme, op: "?"}]
`, []string{`5:14: every token in this pattern is optional`}},
		{"entity pattern with bad label", `kind: pattern
rules:
  - id: r1
    label: Company
    pattern: [{lower: acme}]
`, []string{`4:12: label "Company" is not valid for entities; did you mean "COMPANY"?`}},
		{"bad currency code and scale", `kind: figure-units
currencies:
  - code: usd
scales:
  bn: lots
`, []string{`3:11: currency code "usd" must be three capital letters`, `5:7: scale "bn" must be a number, got the string "lots"`}},
		{"unit without forms", `kind: figure-units
units:
  - name: furlong
`, []string{`3:5: unit has no "forms"`}},
		{"duplicate key", `kind: gazetteer
entries:
  - name: Quillmore
    label: COMPANY
    name: QVH
`, []string{`5:5: key "name" appears twice in gazetteer entry (first at line 3)`}},
		{"yaml syntax error", `kind: gazetteer
entries:
  - name: Quillmore
   label: COMPANY
`, []string{`2:1: YAML syntax error`}},
		{"stoplist without words", `kind: stoplist
entries:
  - labels: ["*"]
`, []string{`3:5: stoplist entry has neither "words" nor "patterns"`}},
		{"stoplist bad label", `kind: stoplist
entries:
  - labels: [COMPANY, Person]
    words: [AI]
`, []string{`3:23: label "Person" is not valid; did you mean "PERSON"?`}},
		{"claim cue wrong type", `kind: claim-cues
hedges: may
negations:
  - {lemma: deny, forms: {past: denied}}
`, []string{`2:9: hedges must be a list`, `4:26: forms must be a list of strings, got a mapping`}},
		{"example text missing", `kind: quote-cues
verbs: [say]
examples:
  - text: "He said so."
    expect: [says]
`, []string{`5:14: "says" does not occur in the example text`}},
		{"example without expectations", `kind: quote-cues
verbs: [say]
examples:
  - text: "He said so."
`, []string{`4:5: example has neither "expect" nor "reject"`}},
		{"example bad kind", `kind: quote-cues
verbs: [say]
examples:
  - text: "He said so."
    expect: [{text: said, kind: verb}]
`, []string{`5:33: kind "verb" is not valid`}},
		{"rows: bad label cell and short row", `kind: gazetteer
columns: [name, label, aliases]
rows: |
  Quillmore | COMPANY | QVH
  Brindle   | COMPNY  |
  Tallow | ORG
`, []string{`5:15: label "COMPNY" is not valid; did you mean "COMPANY"?`, `6:3: row has 2 cells, the columns say 3`}},
		{"rows: unknown column", `kind: gazetteer
columns: [name, label, alias]
rows: |
  Quillmore | COMPANY | QVH
`, []string{`2:24: unknown column "alias"; did you mean "aliases"?`}},
		{"rows without columns", `kind: gazetteer
rows: |
  Quillmore | COMPANY
`, []string{`2:1: rows need a ` + "`columns:`" + ` list`}},
		{"not a mapping", `- just
- a list
`, []string{`1:1: a rule document must be a mapping`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := loadErrs(t, map[string]string{"f.yaml": c.yaml})
			if len(got) != len(c.want) {
				t.Fatalf("got %d errors, want %d:\n%s", len(got), len(c.want), strings.Join(got, "\n"))
			}
			for i, w := range c.want {
				if !strings.HasPrefix(got[i], "f.yaml:"+w) {
					t.Errorf("error %d:\n got  %s\n want f.yaml:%s...", i, got[i], w)
				}
			}
		})
	}
}

// All problems in all files come back from one load, sorted.
func TestAllErrorsInOnePass(t *testing.T) {
	got := loadErrs(t, map[string]string{
		"a.yaml": `kind: gazetteer
entries:
  - name: Quillmore
    label: COMPNY
    alias: [QVH]
    parent: NoSuchCo
---
kind: nonsense
`,
		"b.yaml": `kind: stoplist
entries:
  - labels: [COMPANY]
    patterns: ['(']
`,
	})
	want := []string{"a.yaml:4:12:", "a.yaml:5:5:", "a.yaml:6:13:", "a.yaml:8:7:", "b.yaml:4:16:"}
	if len(got) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("error %d = %s, want prefix %s", i, got[i], want[i])
		}
	}
}

func TestMissingPath(t *testing.T) {
	_, err := Load(Options{NoDefaults: true, Paths: []string{"/no/such/rules"}})
	if err == nil || !strings.Contains(err.Error(), "/no/such/rules: no such file or folder") {
		t.Fatalf("err = %v", err)
	}
}

func TestErrorFormat(t *testing.T) {
	e := &Error{File: "r.yaml", Line: 3, Col: 7, Msg: "bad"}
	if e.Error() != "r.yaml:3:7: bad" {
		t.Errorf("got %q", e.Error())
	}
	e = &Error{File: "r.yaml", Msg: "unreadable"}
	if e.Error() != "r.yaml: unreadable" {
		t.Errorf("got %q", e.Error())
	}
}

func TestSuggest(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"alias", "aliases"}, {"lable", "label"}, {"nmae", "name"}, {"zzzzzz", ""}, {"x", ""},
	} {
		if got := suggest(c.in, []string{"id", "name", "label", "aliases", "case"}); got != c.want {
			t.Errorf("suggest(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
