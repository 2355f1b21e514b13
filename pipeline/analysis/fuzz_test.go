package analysis

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"",
		"Hello World. My name is Jonas.",
		"\xef\xbb\xbfAmazon’s “AI” plan\r\nwas\x00 approved\xff\xfe.",
		"~12,000+ jobs — 5–10% of staff… at US$4.7bn (£1.2bn) e.g. in the U.S. The end",
		"caf\xc3 \xe2\x80 \xe2\x80\x99s '90s ’90s 'tis Jr.'s don't can’t",
		"1. First\n2. Second\n\n• Third • 4) Fourth\n- fifth\n\t| table | row |",
		". . . .... …. ?! !? \"\" '' ‘’ “” ( ) [ ]",
		"https://example.com/a_(b)). jane.doe@example.co.uk. @x #y #1",
		"a\u2028b\u2029c\u200bd\u00ade\ufefff\r\rg\v\fh",
		"No. 3 no. Mr.\nSmith U.S.\nThe a.m. A. B. C.",
		"$.5 .5. 1,000.That 1026.253.553. 10:30 24/7 AT&T &&& ---",
		"😀👍🏽 e\u0301 \u0301x",
	} {
		f.Add(s)
	}
	a, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkDoc(t, a.Analyze(text))
	})
}

// TestInvariantsOnArticles runs the invariant checks over the seed articles
// and a sample of the BBC corpus.
func TestInvariantsOnArticles(t *testing.T) {
	seeds, _ := filepath.Glob(filepath.Join(sharedDir(t, "articles/seeds"), "*.txt"))
	if len(seeds) == 0 {
		t.Skip("no seed articles")
	}
	// The BBC sample is optional: every 10th article.
	all, _ := filepath.Glob(filepath.Join(filepath.Dir(filepath.Dir(filepath.Dir(seeds[0]))), "data", "bbc", "*", "*.txt"))
	sort.Strings(all)
	var bbc []string
	for i := 0; i < len(all); i += 10 {
		bbc = append(bbc, all[i])
	}
	a := Default()
	for _, path := range append(seeds, bbc...) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc := a.Analyze(string(b))
		checkDoc(t, doc)
		if len(doc.Sentences) == 0 {
			t.Errorf("%s: no sentences", path)
		}
		for _, tk := range doc.Tokens {
			if tk.Tag == "" {
				t.Errorf("%s: token %q untagged", path, tk.Text)
				break
			}
		}
	}
	t.Logf("checked %d seed and %d BBC articles", len(seeds), len(bbc))
}

// TestLargeInputs runs the invariant checks on long degenerate inputs that a
// fuzzer's small inputs cannot reach; any quadratic scan would make this test
// take minutes instead of milliseconds.
func TestLargeInputs(t *testing.T) {
	const n = 1 << 16
	inputs := map[string]string{
		"no spaces":       strings.Repeat("a,", n),
		"email-ish":       strings.Repeat("a.-", n) + "@x.com",
		"url parens":      "http://x.com/" + strings.Repeat(")", n),
		"initials":        strings.Repeat("A. ", n),
		"spaced dots":     "word" + strings.Repeat(" .", n) + " Next",
		"bullets":         strings.Repeat("• ", n),
		"one long line":   strings.Repeat("word ", n),
		"many lines":      strings.Repeat("Short line\n", n/4),
		"apostrophes":     strings.Repeat("'a", n),
		"numbers":         strings.Repeat("1,000.", n),
		"invalid":         strings.Repeat("\xff\xfe", n),
		"list markers":    strings.Repeat("1. A ", n/2),
		"abbreviations":   strings.Repeat("Inc. ", n/2),
		"dangling quotes": strings.Repeat(". \"\n", n/2),
	}
	a := Default()
	for name, text := range inputs {
		t.Run(name, func(t *testing.T) {
			checkDoc(t, a.Analyze(text))
		})
	}
}
