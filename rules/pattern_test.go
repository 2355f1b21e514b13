package rules

import (
	"strings"
	"testing"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

func patTexts(text string, ms []PatternMatch) string {
	var b []string
	for _, m := range ms {
		b = append(b, m.Rule.ID+"="+text[m.Start:m.End])
	}
	return strings.Join(b, "|")
}

// Each token key, op and repeat, one rule at a time.
func TestPatternTokenKeys(t *testing.T) {
	cases := []struct {
		name, spec, text, want string
	}{
		{"text exact", `[{text: Acme}]`, "Acme ACME acme", "Acme"},
		{"text list", `[{text: [Acme, Brill]}]`, "Acme Brill Cole", "Acme|Brill"},
		{"lower", `[{lower: acme}]`, "Acme ACME acme", "Acme|ACME|acme"},
		{"shape", `[{shape: dddd}]`, "In 2024 and 202 and 12345", "2024|12345"},
		{"shape Xxxxx", `[{shape: Xxxxx}]`, "Quillmore QVH quill", "Quillmore"},
		{"prefix", `[{prefix: bio}]`, "Biotech and biome and robot", "Biotech|biome"},
		{"suffix", `[{suffix: tech}]`, "Biotech and fintech and techno", "Biotech|fintech"},
		{"regex whole token", `[{regex: "[A-Z]{2}\\d+"}]`, "AB12 and xAB12 and AB12x", "AB12"},
		{"in_list", `[{in_list: colours}]`, "Red cars and blue vans", "Red|blue"},
		{"not_in_list", `[{is: title, not_in_list: colours}]`, "Red Cars and Blue Vans", "Cars|Vans"},
		{"is flags", `[{is: [upper, alpha]}]`, "QVH and A1 and Qvh", "QVH"},
		{"is num", `[{is: num}]`, "three and 4.5 and 1,000 and x1", "three|4.5|1,000"},
		{"op ?", `[{lower: big}, {lower: red, op: "?"}, {lower: car}]`, "big car and big red car", "big car|big red car"},
		{"op +", `[{lower: very, op: "+"}, {lower: big}]`, "very very big", "very very big"},
		{"op *", `[{lower: a}, {is: digit, op: "*"}, {lower: z}]`, "a z and a 1 2 z", "a z|a 1 2 z"},
		{"op !", `[{lower: not, op: "!"}, {lower: guilty}]`, "not guilty, found guilty", "found guilty"},
		{"repeat", `[{is: title, repeat: [2, 3]}, {lower: inc}]`, "Acme Inc and Big Red Co Inc and A B C D Inc", "Big Red Co Inc|B C D Inc"},
		{"any token", `[{lower: from}, {}, {lower: to}]`, "from A to B", "from A to"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := mustLoad(t, false, map[string]string{"p.yaml": `kind: pattern
lists:
  colours: [red, blue]
rules:
  - id: r
    label: MISC
    pattern: ` + c.spec + "\n"})
			var got []string
			for _, m := range s.Patterns().Match(toks(c.text)) {
				got = append(got, c.text[m.Start:m.End])
			}
			if strings.Join(got, "|") != c.want {
				t.Errorf("got %q, want %q", strings.Join(got, "|"), c.want)
			}
		})
	}
}

func TestPatternPOS(t *testing.T) {
	s := mustLoad(t, false, map[string]string{"p.yaml": `kind: pattern
rules:
  - id: np
    label: MISC
    pattern: [{pos: JJ}, {pos: "NN*", op: "+"}]
`})
	tk := []analysis.Token{
		{Start: 0, End: 3, Text: "big", Tag: "JJ"},
		{Start: 4, End: 7, Text: "red", Tag: "JJ"},
		{Start: 8, End: 11, Text: "car", Tag: "NN"},
		{Start: 12, End: 17, Text: "parks", Tag: "NNS"},
	}
	ms := s.Patterns().Match(tk)
	if len(ms) != 1 || ms[0].First != 1 || ms[0].Last != 4 {
		t.Fatalf("matches = %+v", ms)
	}
}

// Overlaps among rules producing the same thing: priority first, then
// length, then user over default; different products do not compete.
func TestPatternPrecedence(t *testing.T) {
	def := `kind: pattern
rules:
  - id: long
    label: ORG
    pattern: [{is: title}, {is: title}, {lower: board}]
  - id: short-high
    label: COMPANY
    priority: 10
    pattern: [{is: title}, {lower: board}]
  - id: fig
    produces: figure
    label: count
    pattern: [{is: title}, {is: title}]
`
	s := mustLoad(t, false, map[string]string{"p.yaml": def})
	text := "Red Lake Board met."
	if got := patTexts(text, s.Patterns().Match(toks(text))); got != "fig=Red Lake|short-high=Lake Board" {
		t.Errorf("got %q", got)
	}
	// Without the priority the longer rule wins.
	s = mustLoad(t, false, map[string]string{"p.yaml": strings.Replace(def, "priority: 10", "priority: 0", 1)})
	if got := patTexts(text, s.Patterns().Match(toks(text))); got != "long=Red Lake Board|fig=Red Lake" {
		t.Errorf("got %q", got)
	}
}

func TestPatternUserOverridesDefault(t *testing.T) {
	s := mustLoad(t, true, map[string]string{"u.yaml": `kind: pattern
rules:
  - id: company-ai-suffix
    label: ORG
    pattern: [{is: title}, {text: AI}]
  - id: anonymous-source
    disabled: true
`})
	text := "Tallow AI spoke to people familiar with the matter."
	var got []string
	for _, m := range s.Patterns().Match(toks(text)) {
		got = append(got, m.Rule.ID+":"+m.Rule.Label)
	}
	if strings.Join(got, " ") != "company-ai-suffix:ORG" {
		t.Errorf("got %v", got)
	}
}

func TestBuiltinLists(t *testing.T) {
	s := mustLoad(t, true, map[string]string{"u.yaml": `kind: pattern
rules:
  - id: money
    produces: figure
    label: money
    pattern: [{in_list: currency-symbols}, {is: num}, {in_list: scales, op: "?"}]
  - id: said
    produces: cue
    label: speech
    pattern: [{in_list: titles}, {in_list: speech-verbs}]
`})
	text := "The fund raised $ 5 bn, the CEO said."
	got := patTexts(text, s.Patterns().Match(toks(text)))
	if got != "money=$ 5 bn|said=CEO said" {
		t.Errorf("got %q", got)
	}
	if !s.Patterns().List("hedges")["reportedly"] || !s.Patterns().List("reporting")["showed"] {
		t.Error("claim cue lists missing")
	}
}

func TestShape(t *testing.T) {
	for in, want := range map[string]string{"Quillmore": "Xxxxx", "QVH": "XXX", "2024": "dddd", "$4.5bn": "$d.dxx", "iPhone": "xXxxxx", "Bloomberg": "Xxxxx"} {
		if got := shape(in); got != want {
			t.Errorf("shape(%q) = %q, want %q", in, got, want)
		}
	}
}
