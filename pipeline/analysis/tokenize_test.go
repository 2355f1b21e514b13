package analysis

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func tokenTexts(text string) string {
	toks := tokenize(text, nil)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return strings.Join(out, "|")
}

func TestTokenize(t *testing.T) {
	tests := []struct{ in, want string }{
		// clitics and possessives
		{"don't", "do|n't"},
		{"Don’t", "Do|n’t"},
		{"can't", "ca|n't"},
		{"Amazon's", "Amazon|'s"},
		{"Amazon’s", "Amazon|’s"},
		{"I'll they’re we've she'd I'm", "I|'ll|they|’re|we|'ve|she|'d|I|'m"},
		{"companies’ profits", "companies|’|profits"},
		{"O'Brien", "O'Brien"},
		{"Jr.'s book", "Jr.|'s|book"},
		{"1990's", "1990|'s"},
		// money and numbers
		{"$8", "$|8"},
		{"US$4.7", "US$|4.7"},
		{"HK$10bn", "HK$|10|bn"},
		{"£1.2bn", "£|1.2|bn"},
		{"€5m", "€|5|m"},
		{"$50K", "$|50|K"},
		{"3M 5G 3rd 1990s 10x 5km 412.5p 25bp", "3M|5G|3rd|1990s|10|x|5|km|412.5|p|25|bp"},
		{"12,000.50 3.5 1,000,000 10:30 24/7", "12,000.50|3.5|1,000,000|10:30|24/7"},
		{"~12,000+", "~|12,000|+"},
		{"5–10%", "5|–|10|%"},
		{"5-10%", "5|-|10|%"},
		{".5% -5", ".5|%|-|5"},
		{"1026.253.553.", "1026.253.553|."},
		{"1,000.That", "1,000|.|That"},
		{"v2.1.3 GPT-3.5 iOS 17.4.", "v2.1.3|GPT-3.5|iOS|17.4|."},
		{"in Q3. 5 stores", "in|Q3|.|5|stores"},
		{"a 1,0000 b", "a|1|,|0000|b"},
		// abbreviations
		{"U.S. U.S.A. e.g. i.e. a.m. Ph.D.", "U.S.|U.S.A.|e.g.|i.e.|a.m.|Ph.D."},
		{"Mr. Smith and Dr. Jones of Acme Inc.", "Mr.|Smith|and|Dr.|Jones|of|Acme|Inc."},
		{"J. K. Rowling", "J.|K.|Rowling"},
		{"No. 3 but he said no.", "No.|3|but|he|said|no|."},
		{"the end.", "the|end|."},
		{"etc.)", "etc.|)"},
		{"world.Today", "world|.|Today"},
		{"Amazon.com and Node.js", "Amazon.com|and|Node.js"},
		{"U.S.-based", "U.S.|-|based"},
		// web
		{"see https://example.com/a_b?x=1.", "see|https://example.com/a_b?x=1|."},
		{"(https://example.com/wiki/Foo_(bar)).", "(|https://example.com/wiki/Foo_(bar)|)|."},
		{"www.example.org,", "www.example.org|,"},
		{"mail jane.doe@example.co.uk.", "mail|jane.doe@example.co.uk|."},
		{"@quarry_labs #AI2024 #1", "@quarry_labs|#AI2024|#|1"},
		{"foo@bar", "foo|@|bar"},
		// dashes, hyphens, ellipses
		{"VP—he", "VP|—|he"},
		{"a -- b", "a|--|b"},
		{"AI-powered twenty-five COVID-19 2-year-old", "AI-powered|twenty-five|COVID-19|2-year-old"},
		{"wait... what… so...", "wait|...|what|…|so|..."},
		{"the ’90s and '80s", "the|’90s|and|'80s"},
		{"AT&T S&P and/or R&D", "AT&T|S&P|and/or|R&D"},
		{"A & B", "A|&|B"},
		// quotes and brackets
		{"“Hello,” she said.", "“|Hello|,|”|she|said|."},
		{"\"It's fine.\"", "\"|It|'s|fine|.|\""},
		{"'Quoted' (AWS) [1]", "'|Quoted|'|(|AWS|)|[|1|]"},
		{"Hello!! Really?!", "Hello|!|!|Really|?|!"},
		// odd bytes
		{"a\xffb", "a|b"},
		{"\xef\xbb\xbfHello", "Hello"},
		{"a\r\nb\x00c\x7fd", "a|b|c|d"},
		{"caf\xc3 café", "caf|café"},
		{"zero\u200bwidth soft\u00adhyphen", "zero|width|soft\u00adhyphen"},
		{"naïve résumé Ærø", "naïve|résumé|Ærø"},
		{"😀👍🏽", "😀|👍|🏽"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := tokenTexts(tt.in); got != tt.want {
			t.Errorf("tokenize(%q)\n got  %s\n want %s", tt.in, got, tt.want)
		}
		checkTokens(t, tt.in, tokenize(tt.in, nil))
	}
}

func TestTokenFields(t *testing.T) {
	text := "\ufeffAmazon’s “AI” plan\r\n(2025)"
	toks := tokenize(text, nil)
	want := []struct {
		text, norm string
		start      int
		space      bool
	}{
		{"Amazon", "Amazon", 3, true},
		{"’s", "'s", 9, false},
		{"“", "\"", 14, true},
		{"AI", "AI", 17, false},
		{"”", "\"", 19, false},
		{"plan", "plan", 23, true},
		{"(", "(", 29, true},
		{"2025", "2025", 30, false},
		{")", ")", 34, false},
	}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens, want %d: %q", len(toks), len(want), tokenTexts(text))
	}
	for i, w := range want {
		tk := toks[i]
		if tk.Text != w.text || tk.Norm != w.norm || tk.Start != w.start || tk.SpaceBefore != w.space {
			t.Errorf("token %d = %+v, want %+v", i, tk, w)
		}
	}
	checkTokens(t, text, toks)
}

func TestFoldNoAlloc(t *testing.T) {
	s := "plain"
	if n := testing.AllocsPerRun(100, func() { _ = fold(s) }); n != 0 {
		t.Errorf("fold allocates %v times for ASCII", n)
	}
	if got := fold("‘a’ „b“ – c"); got != "'a' \"b\" – c" {
		t.Errorf("fold = %q", got)
	}
}

// TestPlainChunk: the shortcuts for a plain ASCII word or number, alone
// (in tokenize) or with a closing comma, period and the like (in
// chunkTokens), give the tokens the general path finds.
func TestPlainChunk(t *testing.T) {
	data, err := os.ReadFile("testdata/bench.txt")
	if err != nil {
		t.Fatal(err)
	}
	chunks := append(strings.Fields(string(data)), "2019", "_x", "a", "Z9", "abc123", "x_1", "5km", "3rd", "1990s",
		"said,", "2019.", "Mr.", "J.", "_1.", "www.", "5km,", "3rd.", "x)", "etc.", "U.S.", "No.", "no.", "e.g.", "a!", "9?")
	checked := 0
	for _, c := range chunks {
		kinds := uint8(0)
		for i := 0; i < len(c); i++ {
			kinds |= byteKind[c[i]]
		}
		if kinds&kHigh != 0 {
			continue
		}
		var want []string
		for p := 0; p < len(c); {
			// Every kind set: the general path makes every check, so a
			// wrong kinds gate in the fast path shows.
			q := nextToken(c, 0, p, len(c), 0xff)
			want = append(want, c[p:q])
			p = q
		}
		var got []string
		for _, tok := range tokenize(c, nil) {
			got = append(got, tok.Text)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: tokenize %q, the general path %q", c, got, want)
		}
		checked++
	}
	if checked < 100 {
		t.Errorf("only %d chunks: the test checks little", checked)
	}
}
