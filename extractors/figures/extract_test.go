package figures

import (
	"os"
	"path/filepath"
	"reflect"
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
		{"Shares rose to A$4.10, a stamp costs 55 euro cents and a bet A$20.", []string{"A$4.10", "55 euro cents", "A$20"}},
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
		{"The vote is on 5 May. Sales fell on 9 June. It ends on 1 July.", []string{"5 May", "9 June", "1 July"}},
		{"The first two quarters of 2025 saw a 34,500-square-foot depot open.", []string{"first", "two quarters", "2025", "34,500-square-foot"}},
		{"Tens of thousands of workers and several hundred managers left.", []string{"Tens of thousands of", "several hundred"}},
		{"Temperatures hit 35C (95F); a 20c stamp and 50p coin.", []string{"35C", "95F", "20c", "50p"}},
		{"Amazon is the No. 3 cloud provider, the number three in Europe and ranked No 2 in Asia.", []string{"No. 3", "number three", "No 2"}},
		{"The number of jobs fell, the number one", []string{"number one"}},
		{"About a quarter of a million people and 1-2 C of warming.", []string{"About a quarter of a million", "1-2 C"}},
	}
	for _, tt := range tests {
		got := texts(defaultExtractor().Find(tt.in))
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q:\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

// TestNotFigures checks that identifiers written with digits are not read
// as counts, both with the analyzer (Extract) and without (Find): phone
// numbers, versions, section and clause numbers, addresses, ISBNs, times,
// model names, postcodes, list markers and scores. Numeric dates are dates.
func TestNotFigures(t *testing.T) {
	tests := []struct {
		in   string
		want []string // "text" or "kind:text"
	}{
		// phone numbers
		{"Call 555-0142 for details.", nil},
		{"Call (555) 014-2345 today.", nil},
		{"Call +44 20 7946 0958 today.", nil},
		{"Call 020 7946 0958 today.", nil},
		{"Ring 0161 496 0000 or 07700 900123 after 6pm.", nil},
		{"Call 1-800-555-0199 or 555.014.2345 now.", nil},
		{"The hotline, 555-0199, took 3,000 calls.", []string{"3,000"}},
		{"Dial 999 or call 555-1234.", nil},
		// versions
		{"The update is v2.1.3 and version 2.1 ships with iOS 17.4.", nil},
		{"It runs Python 3.12, Android 14 and Windows 11.", nil},
		// section and clause numbers
		{"Under section 4.2, Article 50 and clause 3(b) apply.", nil},
		{"Article 50 was triggered under subsection 4(2) and § 12.", nil},
		{"Section 230 protects platforms, says paragraph 7.", nil},
		// "half" in compound nouns
		{"The score was level at half time, and he played at half back.", nil},
		{"Half the staff left within half an hour.", []string{"Half", "duration:half an hour"}},
		// IP addresses and ISBNs
		{"Servers at 10.0.0.1 and 192.168.1.254 went down.", nil},
		{"The ISBN 978-0-306-40615-7 and ISBN 0-306-40615-2 were cited.", nil},
		// times of day
		{"The meeting starts at 9:30 and ends at 10pm, or 5 p.m. on Friday.", nil},
		{"Doors open at 9.30am.", nil},
		{"Polls close at 2200 BST and results follow at about 2330 local time.", nil},
		{"Talks ran between 2000 and 2130 GMT, from 0900 to 1015 UTC and until 1800 hours.", nil},
		{"The 1999 season logged 1400 hours of flying, landing at 1400 hours.", []string{"year:1999", "duration:1400 hours"}},
		// dates are dates, not counts
		{"The vote is on March 3, 2026.", []string{"date:March 3, 2026"}},
		{"The vote is on 3/4/2026.", []string{"date:3/4/2026"}},
		{"The vote is on 2026-03-04.", []string{"date:2026-03-04"}},
		{"Filed 12/31/25, it named 40 firms.", []string{"date:12/31/25", "number:40"}},
		{"The show runs from 6 to 9 January and from 27 March, about 2 May.", []string{"date:6 to 9 January", "date:27 March", "date:2 May"}},
		{"Talks were held between 12 and 14 June and on 3-5 July 2004.", []string{"date:12 and 14 June", "date:3-5 July 2004"}},
		{"Prices rose from 6 to 9 in January.", []string{"number:from 6 to 9"}},
		// model names
		{"Boeing 737 jets, the F-35, GPT-4, Windows 11, COVID-19 and the A380 were discussed.", nil},
		{"Boeing 737 MAX and Airbus A320neo planes were grounded.", nil},
		{"Flight BA 117 left on time.", nil},
		{"Interstate 95 and Route 66 were closed.", nil},
		{"He watched Formula One and the Big Three carmakers.", nil},
		{"The PS5 sold 40 million units and the FTSE 100 rose 2%.", []string{"40 million", "2%"}},
		// postcodes and street numbers
		{"Write to London SW1A 1AA or Cambridge CB2 1TN.", nil},
		{"The White House, Washington, DC 20500, replied.", nil},
		{"He lives at 221B Baker Street.", nil},
		// list markers and scores
		{"1. Revenue rose 8%.\n2. Costs fell.", []string{"8%"}},
		{"(1) The firm hired 200 staff.", []string{"200"}},
		{"They won 3-2 on Sunday.", nil},
		{"Holt City 0-2 Marston Rovers", nil},
		{"She won 6-2 3-6 6-3 on Sunday.", nil},
		{"He beat Okafor 6-7 (3-7) 6-3 6-3 and Reyes 7-6 (7/5) 4-6 6-1.", nil},
		{"She lost to Lindqvist 1-6,4-6 in the second round.", []string{"second"}},
		{"He was 15-40 down on his serve but led 2-5 later.", nil},
		{"Drayton trail 13–17 at half-time.", nil},
		{"The closing list gave him odds of 6-9.", nil},
		// ranges stay ranges
		{"Labour could win 30-40 seats, aged 18-24 voters say.", []string{"30-40", "18-24"}},
		{"The match will cost 10-15 million to stage.", []string{"10-15 million"}},
		{"The 4-6 March match will cost £2-3bn, about 5-10% more.", []string{"date:4-6 March", "£2-3bn", "about 5-10%"}},
		// names, not amounts
		{"She has won three Grand Slams and the Grand National.", []string{"number:three"}},
		{"Tickets for Euro 2008 sold out after the exit from Euro 2004; the Euro 200 note is rare.", []string{"money:Euro 200"}},
		{"After 9/11 the 2003/2004 and 2005/06 budgets grew.", nil},
		{"The fair runs on 8/9 March and 3/4 of stalls are full.", []string{"date:9 March", "number:3/4"}},
		// betting odds and tie-breaks are no fractions
		{"Bookmakers gave the film 4/9 and 8/13 odds of winning.", nil},
		{"He is the 2/7 favourite, priced at 1/3. Odds of 2/9 were offered.", nil},
		{"A 1/4 shot, she was backed at odds as short as 1/10.", nil},
		{"He beat Ferreira 6-2 6-7 (5/7) 6-3.", nil},
		{"The plant ran at 2/3 capacity, and 1/4 on average.", []string{"number:2/3", "number:1/4"}},
		// words that merely hold a number word
		{"Someone often went to the tennis network; everyone was there tonight.", nil},
		// figures beside identifiers are still found
		{"Amazon, which employs 1,500 people in Ohio, cut 300 jobs.", []string{"1,500", "300"}},
	}
	// show writes got like want: "kind:text" where want names the kind.
	show := func(figs []quarry.Figure, want []string) []string {
		out := make([]string, len(figs))
		for i, f := range figs {
			out[i] = f.Text
			if i < len(want) && strings.HasPrefix(want[i], f.Kind+":") {
				out[i] = f.Kind + ":" + f.Text
			}
		}
		return out
	}
	for _, tt := range tests {
		if got := show(defaultExtractor().Find(tt.in), tt.want); !slices.Equal(got, tt.want) {
			t.Errorf("Find %q:\n got %q\nwant %q", tt.in, got, tt.want)
		}
		if got := show(extract(t, tt.in, nil), tt.want); !slices.Equal(got, tt.want) {
			t.Errorf("Extract %q:\n got %q\nwant %q", tt.in, got, tt.want)
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

// TestAges: an age is a quantity in years (or months) that counts "age",
// its span taking in "-old"; the schema has no kind for it.
func TestAges(t *testing.T) {
	type fig struct{ text, kind, unit, counts string }
	tests := []struct {
		text string
		want []fig
	}{
		{"The 28-year-old cleared 2.31 metres.", []fig{{"28-year-old", Quantity, "year", "age"}, {"2.31 metres", Quantity, "metre", ""}}},
		{"A six-month-old boy and his 40 years old father.", []fig{{"six-month-old", Quantity, "month", "age"}, {"40 years old", Quantity, "year", "age"}}},
		{"Classes for 11 to 14-year-olds start in May.", []fig{{"11 to 14-year-olds", Quantity, "year", "age"}}},
		{"A man aged 63 and women aged 18-24 were asked.", []fig{{"63", Quantity, "year", "age"}, {"18-24", Quantity, "year", "age"}}},
		{"He worked there for 28 years and sold 30 old cars.", []fig{{"28 years", Duration, "year", ""}, {"30", Number, "", "old cars"}}},
		{"The 30-year-old of the Smiths won.", []fig{{"30-year-old", Quantity, "year", "age"}}},
	}
	for _, tt := range tests {
		var got []fig
		for _, f := range extract(t, tt.text, nil) {
			got = append(got, fig{f.Text, f.Kind, f.Unit, f.Counts})
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tt.text, got, tt.want)
		}
	}
}

// TestNewsOffsets runs the extractor over a written news text and checks
// the span invariant on every figure.
func TestNewsOffsets(t *testing.T) {
	b, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	figs := extract(t, string(b), nil)
	if len(figs) < 40 {
		t.Errorf("found %d figures in the news text, want at least 40", len(figs))
	}
}

// TestWindows checks that reading only windows around digits and number
// words finds exactly what reading whole sentences finds, on the written
// news text and, when ../shared is there, on BBC news.
func TestWindows(t *testing.T) {
	b, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	docs := []string{string(b)}
	if dir := filepath.Join("..", "..", "..", "shared", "data", "bbc"); !testing.Short() {
		files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
		for i, f := range files {
			if i%3 != 0 {
				continue // a third of them keeps the test quick
			}
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, string(raw))
		}
	}
	x := defaultExtractor()
	total := 0
	for _, text := range docs {
		doc := analysis.Default().Analyze(text)
		var win, full quarry.Document
		if err := x.extract(doc, &win, reach); err != nil {
			t.Fatal(err)
		}
		if err := x.extract(doc, &full, len(doc.Tokens)); err != nil {
			t.Fatal(err)
		}
		total += len(full.Figures)
		for i := 0; i < max(len(win.Figures), len(full.Figures)); i++ {
			var w, f quarry.Figure
			if i < len(win.Figures) {
				w = win.Figures[i]
			}
			if i < len(full.Figures) {
				f = full.Figures[i]
			}
			if !reflect.DeepEqual(w, f) {
				t.Errorf("windows found %+v,\nsentences %+v", w, f)
				break
			}
		}
	}
	t.Logf("%d texts, %d figures", len(docs), total)
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

// TestChangeFromTo: after a change verb "from X to Y" gives two values, the
// old one carrying the direction; without one it is a range.
func TestChangeFromTo(t *testing.T) {
	type fig struct {
		text     string
		value    float64
		min, max float64
		dir      string
	}
	tests := []struct {
		text string
		want []fig
	}{
		{"Unemployment rose from 4.9% to 5.8% in March.", []fig{{"4.9%", 4.9, 0, 0, "up"}, {"5.8%", 5.8, 0, 0, ""}}},
		{"Sales fell from $12 million to $9 million.", []fig{{"$12 million", 12e6, 0, 0, "down"}, {"$9 million", 9e6, 0, 0, ""}}},
		{"Prices ranged from $5 to $10.", []fig{{"from $5 to $10", 0, 5, 10, ""}}},
		{"Output grew from 5-6% to 8%.", []fig{{"from 5-6%", 0, 5, 6, "up"}, {"8%", 8, 0, 0, ""}}},
		{"Unemployment rose sharply from 4.9% to 5.8%.", []fig{{"4.9%", 4.9, 0, 0, "up"}, {"5.8%", 5.8, 0, 0, ""}}},
		// A bare first value borrows the unit written once, as in a range.
		{"Its stake rose from 10 to 15 per cent.", []fig{{"from 10 to 15 per cent", 0, 10, 15, "up"}}},
		{"Revenue increased from 5 to 7 billion dollars.", []fig{{"from 5 to 7 billion dollars", 0, 5e9, 7e9, "up"}}},
		{"The group hired from 2019 to 2021.", []fig{{"from 2019 to 2021", 0, 2019, 2021, ""}}},
		{"It hired 20 people from 300 applicants.", []fig{{"20", 20, 0, 0, "up"}, {"300", 300, 0, 0, ""}}},
		// After a change verb or "by", "to" leads to the level reached.
		{"Heating oil rose $1.64 to $47.10 a barrel.", []fig{{"$1.64", 1.64, 0, 0, "up"}, {"$47.10", 47.1, 0, 0, ""}}},
		{"Van sales rose 2.3% to 81,400.", []fig{{"2.3%", 2.3, 0, 0, "up"}, {"81,400", 81400, 0, 0, ""}}},
		{"The jobless count fell 12,000 to 815,300.", []fig{{"12,000", 12000, 0, 0, "down"}, {"815,300", 815300, 0, 0, ""}}},
		{"Staff numbers increased by 31,000 to 2.4 million.", []fig{{"31,000", 31000, 0, 0, "up"}, {"2.4 million", 2.4e6, 0, 0, ""}}},
		{"The index slid sharply 0.4% to 4.6%.", []fig{{"0.4%", 0.4, 0, 0, "down"}, {"4.6%", 4.6, 0, 0, ""}}},
		{"Prices fell more than $2 to $43.25.", []fig{{"more than $2", 2, 0, 0, "down"}, {"$43.25", 43.25, 0, 0, ""}}},
		// Close ends are a range of the change.
		{"The party may cut its majority by 25 to 30 seats.", []fig{{"25 to 30", 0, 25, 30, ""}}},
		{"Prices rose 4% to 5% last year.", []fig{{"4% to 5%", 0, 4, 5, "up"}}},
		// A plain first end not far below the second: a range.
		{"The plant will cut 1,000 to 3,000 jobs.", []fig{{"1,000 to 3,000", 0, 1000, 3000, "down"}}},
		{"Its stake could rise 10 to 25 per cent.", []fig{{"10 to 25 per cent", 0, 10, 25, "up"}}},
		// A year, or a percent before a plain count, is no range end.
		{"Losses fell in 2003 to £2.9bn.", []fig{{"2003", 2003, 0, 0, ""}, {"£2.9bn", 2.9e9, 0, 0, ""}}},
		{"A rate of 16% to 250,000 units.", []fig{{"16%", 16, 0, 0, ""}, {"250,000", 250000, 0, 0, ""}}},
	}
	val := func(p *float64) float64 {
		if p == nil {
			return 0
		}
		return *p
	}
	for _, tt := range tests {
		figs := extract(t, tt.text, nil)
		var got []fig
		for _, f := range figs {
			got = append(got, fig{f.Text, val(f.Value), val(f.Min), val(f.Max), f.Direction})
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tt.text, got, tt.want)
		}
	}
}

// TestMetres: a lower-case "m" on a number is metres where athletics words
// come before or a race or length word follows, millions where money comes
// before or a counted noun follows.
func TestMetres(t *testing.T) {
	type fig struct {
		text  string
		value float64
		unit  string
	}
	tests := []struct {
		text string
		want []fig
	}{
		{"Okafor won the long jump at 6.71m in Lisbon.", []fig{{"6.71m", 6.71, "metre"}}},
		{"She cleared 1.94m and threw 14.02m in the shot.", []fig{{"1.94m", 1.94, "metre"}, {"14.02m", 14.02, "metre"}}},
		{"He landed 17.05m with a leap of 16.90m behind it.", []fig{{"17.05m", 17.05, "metre"}, {"16.90m", 16.9, "metre"}}},
		{"She won the women's 5,000m in Oslo.", []fig{{"5,000m", 5000, "metre"}}},
		{"The men’s 400m went to form.", []fig{{"400m", 400, "metre"}}},
		{"He ran the third fastest indoor 800m of the year.", []fig{{"third", 0, ""}, {"800m", 800, "metre"}}},
		{"She will run the 800m and 1500m in March.", []fig{{"800m", 800, "metre"}, {"1500m", 1500, "metre"}}},
		{"He dropped out of the marathon and 10,000m.", []fig{{"10,000m", 10000, "metre"}}},
		{"He stepped down from his favoured 400m to 200m.", []fig{{"400m", 400, "metre"}, {"200m", 200, "metre"}}},
		{"She is the Olympic 100m champion.", []fig{{"100m", 100, "metre"}}},
		{"He set a 3,000m world record in a tight 1500m race.", []fig{{"3,000m", 3000, "metre"}, {"1500m", 1500, "metre"}}},
		{"The lift climbs its 420m track at 15m/s.", []fig{{"420m", 420, "metre"}, {"15m", 15, "metre"}}},
		{"He jumped 25ft (8m) from the roof.", []fig{{"25ft", 25, "foot"}, {"8m", 8, "metre"}}},
		{"The tower is more than 40m taller than its rival.", []fig{{"more than 40m", 40, "metre"}}},
		// millions
		{"The network has 5m viewers and over 100m users.", []fig{{"5m", 5e6, ""}, {"over 100m", 1e8, ""}}},
		{"It bid £60m, then the 100m it had offered.", []fig{{"£60m", 6e7, ""}, {"100m", 1e8, ""}}},
		{"Sales of its phones reached 6.63m last year.", []fig{{"6.63m", 6.63e6, ""}}},
		{"The 100m deal and their 400m bid were signed.", []fig{{"100m", 1e8, ""}, {"400m", 4e8, ""}}},
	}
	val := func(p *float64) float64 {
		if p == nil {
			return 0
		}
		return *p
	}
	for _, tt := range tests {
		var got []fig
		for _, f := range extract(t, tt.text, nil) {
			v := val(f.Value)
			if f.Kind == Ordinal {
				v = 0
			}
			got = append(got, fig{f.Text, v, f.Unit})
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tt.text, got, tt.want)
		}
	}
}

// TestRates: "a", "an" or "per" and a unit or noun right after an amount
// (or its unit) is what the rate is per; the span stays the amount's.
func TestRates(t *testing.T) {
	type fig struct{ text, unit, per string }
	tests := []struct {
		text string
		want []fig
	}{
		{"Crude rose to $52.10 a barrel.", []fig{{"$52.10", "", "barrel"}}},
		{"The field pumps 120,000 barrels per day.", []fig{{"120,000 barrels", "barrel", "day"}}},
		{"Cleaners earn £5.20 an hour and pay 300p a share.", []fig{{"£5.20", "", "hour"}, {"300p", "penny", "share"}}},
		{"Spending is £45 per head, or £900 per annum, and grows 4% a year.", []fig{{"£45", "", "head"}, {"£900", "", "year"}, {"4%", "", "year"}}},
		{"She trains for six hours a day.", []fig{{"six hours", "hour", "day"}}},
		{"Gold fell to $420 an ounce on Monday.", []fig{{"$420", "", "ounce"}}},
		// times, not rates
		{"Profit was £125m, up from £98m a year earlier.", []fig{{"£125m", "", ""}, {"£98m", "", ""}}},
		{"Sales fell 2% a month ago and 3% a year later.", []fig{{"2%", "", ""}, {"3%", "", ""}}},
		{"It paid $5 a time when a bid of $6 seemed fair.", []fig{{"$5", "", ""}, {"$6", "", ""}}},
		{"Cuts of 5 per cent were made.", []fig{{"5 per cent", "", ""}}},
		// After money "per cent" is no rate either.
		{"Fees of £5 per cent were charged.", []fig{{"£5", "", ""}}},
	}
	for _, tt := range tests {
		var got []fig
		for _, f := range extract(t, tt.text, nil) {
			got = append(got, fig{f.Text, f.Unit, f.Per})
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tt.text, got, tt.want)
		}
	}
}

// A reading time under the title is page furniture, not a figure of the
// article; the same words in a sentence are one.
func TestFurnitureHasNoFigures(t *testing.T) {
	text := "Acme cuts 400 jobs\n5 min read\n\nAcme will cut 400 jobs, a 5 min read says."
	var got []string
	for _, f := range extract(t, text, nil) {
		got = append(got, f.Text)
	}
	if want := []string{"400", "400", "5 min"}; !slices.Equal(got, want) {
		t.Errorf("figures %q, want %q", got, want)
	}
}

// Furniture fills its line: the same words after a sentence on one line
// are counted.
func TestFurnitureFillsItsLine(t *testing.T) {
	text := "Acme cuts 400 jobs. 5 min read\n\nAcme said so."
	var got []string
	for _, f := range extract(t, text, nil) {
		got = append(got, f.Text)
	}
	if want := []string{"400", "5 min"}; !slices.Equal(got, want) {
		t.Errorf("figures %q, want %q", got, want)
	}
}
