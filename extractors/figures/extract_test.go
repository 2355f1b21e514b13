package figures

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/pipeline/analysis"
)

func extract(t testing.TB, text string, ents []quarry.Entity) []quarry.Figure {
	t.Helper()
	doc := analysis.Default().Analyze(text)
	out := quarry.Document{Entities: ents}
	if err := defaultExtractor().Extract(doc, &out); err != nil {
		t.Fatal(err)
	}
	checkOffsets(t, text, out.Figures)
	return out.Figures
}

// checkOffsets asserts the span invariant and the id order on every figure.
func checkOffsets(t testing.TB, text string, figs []quarry.Figure) {
	t.Helper()
	prev := -1
	for i, f := range figs {
		if f.Start < 0 || f.End > len(text) || f.Start >= f.End || text[f.Start:f.End] != f.Text {
			t.Errorf("figure %s [%d:%d] text %q is not the text there", f.ID, f.Start, f.End, f.Text)
			continue
		}
		if f.Start < prev {
			t.Errorf("figure %s starts at %d, before the previous one", f.ID, f.Start)
		}
		prev = f.End
		if want := "f" + strconv.Itoa(i+1); f.ID != want {
			t.Errorf("figure %d has id %q, want %q", i, f.ID, want)
		}
	}
}

func texts(figs []quarry.Figure) []string {
	out := make([]string, len(figs))
	for i, f := range figs {
		out[i] = f.Text
	}
	return out
}

// TestRunningText checks which spans are figures in sentences, including
// the numbers that must not be: list numbering, phone numbers, versions,
// section numbers, addresses, codes and words holding number words.
func TestRunningText(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Revenue rose 8% to $4.7 billion in the third quarter.", []string{"8%", "$4.7 billion", "third"}},
		{"It sold £1.2bn of bonds and €300m of loans, plus Rs 500 crore in India.", []string{"£1.2bn", "€300m", "Rs 500 crore"}},
		{"The 2024 election drew 155 million voters, up from 158.4m in 2020.", []string{"2024", "155 million", "158.4m", "2020"}},
		{"Call 555-123-4567 or +1 202 555 0143, or (555) 123-4567.", nil},
		{"See Section 3.2, Chapter 11 and version 2.0.1 on server 192.168.0.1.", nil},
		{"GPT-4, COVID-19, the 1990s, 5G, AI21 Labs, Windows 11 and a Boeing 737.", nil},
		{"Someone often went to the tennis network; everyone was there at 10:30 am.", nil},
		{"It was one of the firm's top leaders, and no one knew.", nil},
		{"First, cut costs. Second, hire. Third-party sellers and day-one thinking came first.", nil},
		{"  1. Cloud: the 24/7 service.\n  2. Devices.", nil},
		{"Costs rose 3-4% and rents rose 10 to 15 percent for 12 years, 3 months.", []string{"3-4%", "10 to 15 percent", "12 years, 3 months"}},
		{"The first half of 2024 brought a third of sales and the second-largest loss.", []string{"first", "2024", "a third", "second"}},
		{"Nearly 40 per cent of the 1,200 people surveyed were aged 18-24 on March 3.", []string{"Nearly 40 per cent", "1,200", "18-24", "March 3"}},
		{"The vote is on 2 November. Sales fell on Oct. 3.", []string{"2 November", "Oct. 3"}},
		{"The first two quarters of 2025 saw a 34,500-square-foot depot open.", []string{"first", "two quarters", "2025", "34,500-square-foot"}},
		{"Tens of thousands of workers and several hundred managers left.", []string{"Tens of thousands of", "several hundred"}},
	}
	for _, tt := range tests {
		got := texts(defaultExtractor().Find(tt.in))
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q:\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestContext(t *testing.T) {
	text := "Amazon is cutting 14,000 corporate jobs. Amazon’s $8 billion stake in Anthropic grew. " +
		"Revenue rose 8% while costs fell by $2bn. Northwind bought the site and its $4 billion investment paid off. " +
		"The layoff of 3,000 Amazon employees followed a 5% increase in hiring."
	ents := []quarry.Entity{{ID: "e1", Label: quarry.Company, Name: "Amazon"}, {ID: "e2", Label: quarry.Company, Name: "Northwind"}}
	for _, name := range []struct {
		id, s string
	}{{"e1", "Amazon"}, {"e2", "Northwind"}} {
		for i := 0; ; {
			k := strings.Index(text[i:], name.s)
			if k < 0 {
				break
			}
			e := &ents[0]
			if name.id == "e2" {
				e = &ents[1]
			}
			e.Mentions = append(e.Mentions, quarry.Mention{Start: i + k, End: i + k + len(name.s), Text: name.s})
			i += k + len(name.s)
		}
	}
	figs := extract(t, text, ents)
	type ctx struct{ text, counts, entity, direction string }
	want := []ctx{
		{"14,000", "corporate jobs", "e1", "down"},
		{"$8 billion", "", "e1", ""},
		{"8%", "", "", "up"},
		{"$2bn", "", "", "down"},
		{"$4 billion", "", "e2", ""},
		{"3,000", "Amazon employees", "e1", "down"},
		{"5%", "", "", "up"},
	}
	if len(figs) != len(want) {
		t.Fatalf("got %q, want %d figures", texts(figs), len(want))
	}
	for i, w := range want {
		f := figs[i]
		got := ctx{f.Text, f.Counts, f.Entity, f.Direction}
		if got != w {
			t.Errorf("figure %d: got %+v, want %+v", i, got, w)
		}
	}
	if figs[0].Sentence != 0 || figs[1].Sentence != 1 || figs[2].Sentence != 2 {
		t.Errorf("sentences %d %d %d, want 0 1 2", figs[0].Sentence, figs[1].Sentence, figs[2].Sentence)
	}
}

// TestNewsOffsets runs the extractor over a written news text and checks
// the span invariant on every figure.
func TestNewsOffsets(t *testing.T) {
	b, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	figs := extract(t, text, nil)
	if len(figs) < 40 {
		t.Errorf("found %d figures in the news text, want at least 40", len(figs))
	}
	// Skipping sentences without a digit or number word loses nothing.
	var all []quarry.Figure
	for _, s := range analysis.Default().Analyze(text).Sentences {
		all = append(all, defaultExtractor().find(text, s.Start, s.End, false)...)
	}
	if got, want := texts(figs), texts(all); !slices.Equal(got, want) {
		t.Errorf("with the sentence filter %q,\nwithout %q", got, want)
	}
}

// seedExpect is one article's figures in testdata/seeds_figures.yaml.
type seedExpect struct {
	File    string `yaml:"file"`
	Figures []struct {
		Text      string   `yaml:"text"`
		Kind      string   `yaml:"kind"`
		Value     *float64 `yaml:"value"`
		Min       *float64 `yaml:"min"`
		Max       *float64 `yaml:"max"`
		Unit      string   `yaml:"unit"`
		Currency  string   `yaml:"currency"`
		Approx    []string `yaml:"approx"`
		Counts    string   `yaml:"counts"`
		Direction string   `yaml:"direction"`
	} `yaml:"figures"`
}

// TestSeeds reads the seed articles from ../shared and checks that their
// figures are exactly the expected ones, normalised as expected.
func TestSeeds(t *testing.T) {
	dir := sharedDir(t, "articles/seeds")
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seeds_figures.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var seeds []seedExpect
	if err := yaml.Unmarshal(b, &seeds); err != nil {
		t.Fatal(err)
	}
	found, expected := 0, 0
	for _, s := range seeds {
		text, err := os.ReadFile(filepath.Join(dir, s.File))
		if err != nil {
			t.Fatal(err)
		}
		figs := extract(t, string(text), nil)
		expected += len(s.Figures)
		if len(figs) != len(s.Figures) {
			t.Errorf("%s: got %d figures %q, want %d", s.File, len(figs), texts(figs), len(s.Figures))
		}
		for i := 0; i < len(figs) && i < len(s.Figures); i++ {
			w, f := s.Figures[i], figs[i]
			checkFigure(t, s.File, string(text), f, want{text: w.Text, kind: w.Kind, value: w.Value, min: w.Min, max: w.Max,
				unit: w.Unit, cur: w.Currency, approx: w.Approx})
			if f.Counts != w.Counts || f.Direction != w.Direction {
				t.Errorf("%s: %q counts %q direction %q, want %q %q", s.File, f.Text, f.Counts, f.Direction, w.Counts, w.Direction)
			}
			if f.Text == w.Text {
				found++
			}
		}
	}
	t.Logf("seed figures found: %d/%d", found, expected)
}
