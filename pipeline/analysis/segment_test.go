package analysis

import (
	"os"
	"strings"
	"testing"
)

func sentenceTexts(t *testing.T, text string) []string {
	t.Helper()
	a, err := New(WithTagging(false))
	if err != nil {
		t.Fatal(err)
	}
	doc := a.Analyze(text)
	checkDoc(t, doc)
	out := make([]string, len(doc.Sentences))
	for i, s := range doc.Sentences {
		out[i] = text[s.Start:s.End]
	}
	return out
}

func TestSegment(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"simple", "Sales rose. Costs fell! Why? Nobody knows.",
			[]string{"Sales rose.", "Costs fell!", "Why?", "Nobody knows."}},
		{"title Mr", "Mr. Okafor arrived late. He apologised.",
			[]string{"Mr. Okafor arrived late.", "He apologised."}},
		{"title Dr before name", "The report was written by Dr. Lena Park of the clinic.",
			[]string{"The report was written by Dr. Lena Park of the clinic."}},
		{"U.S. mid-sentence", "The U.S. economy grew faster than expected in the U.S. Midwest.",
			[]string{"The U.S. economy grew faster than expected in the U.S. Midwest."}},
		{"U.S. ends sentence", "The plant will be built in the U.S. The company did not say where.",
			[]string{"The plant will be built in the U.S.", "The company did not say where."}},
		{"Inc. before a name", "Shares of Brightline Inc. Chief Executive Omar Haddad sold 5,000 shares.",
			[]string{"Shares of Brightline Inc. Chief Executive Omar Haddad sold 5,000 shares."}},
		{"Inc. ends sentence", "The deal was signed with Brightline Inc. It closes in May.",
			[]string{"The deal was signed with Brightline Inc.", "It closes in May."}},
		{"Corp. mid-sentence", "Fenwick Corp. said profits doubled.",
			[]string{"Fenwick Corp. said profits doubled."}},
		{"No. 3", "The firm is now the No. 3 player in Europe.",
			[]string{"The firm is now the No. 3 player in Europe."}},
		{"Jan.", "The vote is set for Jan. 15 in Brussels.",
			[]string{"The vote is set for Jan. 15 in Brussels."}},
		{"e.g.", "Some rivals, e.g. Orbit and Plexa, cut prices.",
			[]string{"Some rivals, e.g. Orbit and Plexa, cut prices."}},
		{"decimals", "Revenue rose 3.5 percent to $12.75 billion. Margins held.",
			[]string{"Revenue rose 3.5 percent to $12.75 billion.", "Margins held."}},
		{"mid-sentence ellipsis", "He paused... Then he said nothing at all.",
			[]string{"He paused... Then he said nothing at all."}},
		{"unicode ellipsis", "It was fine… mostly. Then it rained.",
			[]string{"It was fine… mostly.", "Then it rained."}},
		{"four dots end", "It was over.... Nobody cared.",
			[]string{"It was over....", "Nobody cared."}},
		{"initials", "The novel by J. K. Rowling sold well. Critics agreed.",
			[]string{"The novel by J. K. Rowling sold well.", "Critics agreed."}},
		{"initial before starter", "The winner was candidate B. The runner-up conceded.",
			[]string{"The winner was candidate B.", "The runner-up conceded."}},
		{"short clause after abbreviation", "At 9 a.m. Mr. Diaz spoke.",
			[]string{"At 9 a.m. Mr. Diaz spoke."}},
		{"list numbers at line start", "Steps:\n1. Open the box.\n2. Remove the tray.",
			[]string{"Steps:", "1. Open the box.", "2. Remove the tray."}},
		{"inline list", "1. Cut costs 2. Hire engineers 3. Ship faster",
			[]string{"1. Cut costs", "2. Hire engineers", "3. Ship faster"}},
		{"closing quotes", "She said, \"We are done.\" Then she left.",
			[]string{"She said, \"We are done.\"", "Then she left."}},
		{"closing curly quotes", "He wrote: “The deal is off.” Investors shrugged.",
			[]string{"He wrote: “The deal is off.”", "Investors shrugged."}},
		{"question inside quote", "“Why now?” she asked. Nobody answered.",
			[]string{"“Why now?” she asked.", "Nobody answered."}},
		{"parenthesis", "Profits fell (see table.) at the unit. Sales rose.",
			[]string{"Profits fell (see table.) at the unit.", "Sales rose."}},
		{"opening quote starts sentence", "It was late. \"We must go,\" he said.",
			[]string{"It was late.", "\"We must go,\" he said."}},
		{"digit starts sentence", "Sales hit a record in 2023. 2024 was weaker.",
			[]string{"Sales hit a record in 2023.", "2024 was weaker."}},
		{"lowercase continues", "The unit of Acme Ltd. in Leeds grew.",
			[]string{"The unit of Acme Ltd. in Leeds grew."}},
		{"headline line", "Acme cuts 500 jobs in Leeds\nAcme said on Monday it would cut 500 jobs.",
			[]string{"Acme cuts 500 jobs in Leeds", "Acme said on Monday it would cut 500 jobs."}},
		{"byline and dateline", "By Jane Roe\nLONDON (Reuters) - Acme said it would close two plants.",
			[]string{"By Jane Roe", "LONDON (Reuters) - Acme said it would close two plants."}},
		{"dash bullets", "Key points:\n- Sales rose 4%\n- Costs fell\n- Outlook kept",
			[]string{"Key points:", "- Sales rose 4%", "- Costs fell", "- Outlook kept"}},
		{"bullets", "• Faster shipping\n• Lower prices • More stores",
			[]string{"• Faster shipping", "• Lower prices", "• More stores"}},
		{"star bullets", "* one thing\n* another thing",
			[]string{"* one thing", "* another thing"}},
		{"table rows", "Region\tSales\nEurope\t12\nAsia\t9",
			[]string{"Region\tSales", "Europe\t12", "Asia\t9"}},
		{"hard-wrapped prose", "The company said that it would cut costs by a\nfifth over the next three years.",
			[]string{"The company said that it would cut costs by a\nfifth over the next three years."}},
		{"newline after terminal", "Shares rose.\nthe rest is history",
			[]string{"Shares rose.", "the rest is history"}},
		{"CRLF blank line", "First paragraph here.\r\n\r\nSecond one",
			[]string{"First paragraph here.", "Second one"}},
		{"no space after period", "It rained.Nobody came.",
			[]string{"It rained.", "Nobody came."}},
		{"dangling quote", "He said: \"It is over. \"\n\nThe end.",
			[]string{"He said: \"It is over. \"", "The end."}},
		{"empty", "  \n\n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentenceTexts(t, tt.in)
			if strings.Join(got, "\x00") != strings.Join(tt.want, "\x00") {
				t.Errorf("segment(%q)\n got  %q\n want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParagraphs(t *testing.T) {
	text := "Headline here\n\nFirst para. Still first.\n \nSecond para\u2029Third para."
	a, _ := New(WithTagging(false))
	doc := a.Analyze(text)
	checkDoc(t, doc)
	var got []int
	for _, s := range doc.Sentences {
		got = append(got, s.Para)
	}
	want := []int{0, 1, 1, 2, 3}
	if len(got) != len(want) {
		t.Fatalf("paras %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("paras %v, want %v", got, want)
		}
	}
}

// TestSegHints checks tokenize's hints for skipPlain against what they
// stand for, token by token: set exactly when true (set when false would
// change sentences; unset when true would only cost time).
func TestSegHints(t *testing.T) {
	bench, err := os.ReadFile("testdata/bench.txt")
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		string(bench),
		" Lead space.  Two spaces.\tTab. \u00a0NBSP and\u2003em space.\n- item\n* star • bullet –dash",
		"Inc. e.g. U.S. Mr. J. 5km 3rd $8 £1.2bn don't “quoted”, (paren) end.",
		"\ufeffBOM\u200bzwsp x\x00ctl \xffbad",
	}
	for _, text := range texts {
		toks := tokenize(text, nil)
		for i, tk := range toks {
			word := !mayStartUnit(tk.Text)
			joins := !mayBeBullet(tk.Text)
			if i > 0 && tk.SpaceBefore {
				joins = joins && tk.Start-toks[i-1].End == 1 && text[toks[i-1].End] == ' '
			}
			if i == 0 {
				joins = tk.seg&segJoins != 0 // never asked of the first token
			}
			if got := tk.seg&segWord != 0; got != word {
				t.Errorf("token %d %q: segWord %v, want %v", i, tk.Text, got, word)
			}
			if got := tk.seg&segJoins != 0; got != joins {
				t.Errorf("token %d %q: segJoins %v, want %v", i, tk.Text, got, joins)
			}
		}
	}
}

func TestAbbrevLongest(t *testing.T) {
	longest := 0
	for _, m := range []map[string]int{abbrevFold, abbrevExact} {
		for w := range m {
			longest = max(longest, len(w))
		}
	}
	if longest != abbrevLongest {
		t.Errorf("longest abbreviation has %d bytes, abbrevLongest is %d", longest, abbrevLongest)
	}
}
