package analysis

import (
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/jdkato/prose/v2"
)

// TestTagAgreesWithProse checks the port against prose itself on our own
// paragraphs, chosen so that both tokenizers produce the same tokens.
func TestTagAgreesWithProse(t *testing.T) {
	b, err := os.ReadFile("testdata/tagging.txt")
	if err != nil {
		t.Fatal(err)
	}
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	m, _ := sharedModel()
	total, sameSeq, sameSent := 0, 0, 0
	for pi, para := range strings.Split(strings.TrimSpace(string(b)), "\n\n") {
		pd, err := prose.NewDocument(para, prose.WithSegmentation(false), prose.WithExtraction(false))
		if err != nil {
			t.Fatal(err)
		}
		want := pd.Tokens()
		doc := a.Analyze(para)
		if len(want) != len(doc.Tokens) {
			t.Fatalf("paragraph %d: prose has %d tokens, we have %d", pi, len(want), len(doc.Tokens))
		}
		// Prose tags the paragraph as one sequence; so does m.tag here.
		seq := append([]Token(nil), doc.Tokens...)
		m.tag(seq)
		// Prose's tokenizer caches whitespace-separated chunks and shares
		// their *Token values, so every occurrence of a repeated chunk ends up
		// with the tags of its last occurrence; mirror that before comparing.
		seqTags, sentTags := lastOccurrence(para, seq), lastOccurrence(para, doc.Tokens)
		for i, w := range want {
			if w.Text != doc.Tokens[i].Norm {
				t.Fatalf("paragraph %d token %d: prose %q, we %q", pi, i, w.Text, doc.Tokens[i].Norm)
			}
			total++
			if w.Tag == seqTags[i] {
				sameSeq++
			} else {
				t.Logf("sequence: %q prose %s, we %s", w.Text, w.Tag, seqTags[i])
			}
			if w.Tag == sentTags[i] {
				sameSent++
			} else {
				t.Logf("per sentence: %q prose %s, we %s", w.Text, w.Tag, sentTags[i])
			}
		}
	}
	seqRate, sentRate := float64(sameSeq)/float64(total), float64(sameSent)/float64(total)
	t.Logf("agreement with prose over %d tokens: same sequence %.4f, per sentence (Analyze) %.4f", total, seqRate, sentRate)
	if total < 350 {
		t.Errorf("only %d comparable tokens", total)
	}
	if seqRate < 0.99 || sentRate < 0.99 {
		t.Errorf("agreement %.4f / %.4f, want ≥ 0.99", seqRate, sentRate)
	}
}

// lastOccurrence returns the tags of toks, each replaced by the tag of the
// same token in the last occurrence of its whitespace-separated chunk.
func lastOccurrence(text string, toks []Token) []string {
	type key struct {
		chunk string
		k     int
	}
	last := map[key]string{}
	keys := make([]key, len(toks))
	start, k := -1, 0
	for i, tk := range toks {
		if tk.SpaceBefore {
			start, k = tk.Start, 0
		}
		end := tk.End
		for end < len(text) && !strings.ContainsRune(" \n\t", rune(text[end])) {
			end++
		}
		keys[i] = key{text[start:end], k}
		last[keys[i]] = tk.Tag
		k++
	}
	out := make([]string, len(toks))
	for i := range toks {
		out[i] = last[keys[i]]
	}
	return out
}

func TestTagPunctuation(t *testing.T) {
	doc := Default().Analyze("He said — twice — that “prices” will rise… by £5 and \"fees\" too.")
	want := map[int]string{}
	for i, tk := range doc.Tokens {
		switch tk.Text {
		case "—":
			want[i] = ":"
		case "“":
			want[i] = "``"
		case "”":
			want[i] = "''"
		case "…":
			want[i] = ":"
		case "£":
			want[i] = "$"
		case "\"":
			if tk.SpaceBefore {
				want[i] = "``"
			} else {
				want[i] = "''"
			}
		}
	}
	if len(want) != 8 {
		t.Fatalf("unexpected tokenization: %q", tokenTexts(doc.Text))
	}
	for i, tag := range want {
		if doc.Tokens[i].Tag != tag {
			t.Errorf("%q tagged %s, want %s", doc.Tokens[i].Text, doc.Tokens[i].Tag, tag)
		}
	}
}

func TestTagSpecialCases(t *testing.T) {
	doc := Default().Analyze("Write to ops@example.com or @acme_news or see www.example.com - now.")
	got := map[string]string{}
	for _, tk := range doc.Tokens {
		got[tk.Text] = tk.Tag
	}
	for w, tag := range map[string]string{"ops@example.com": "NN", "@acme_news": "NN", "www.example.com": "NN", "-": "-", "or": "CC"} {
		if got[w] != tag {
			t.Errorf("%q tagged %q, want %q", w, got[w], tag)
		}
	}
}

func TestWithTaggingOff(t *testing.T) {
	a, err := New(WithTagging(false))
	if err != nil {
		t.Fatal(err)
	}
	doc := a.Analyze("Nothing is tagged here.")
	if len(doc.Tokens) != 5 {
		t.Fatalf("got %d tokens", len(doc.Tokens))
	}
	for _, tk := range doc.Tokens {
		if tk.Tag != "" {
			t.Errorf("%q has tag %q", tk.Text, tk.Tag)
		}
	}
	if d := Default().Analyze("Nothing is tagged here."); d.Tokens[0].Tag == "" {
		t.Error("default analyzer does not tag")
	}
}

func TestDefaultShared(t *testing.T) {
	if Default() != Default() {
		t.Error("Default returns different analyzers")
	}
	a, _ := New()
	if a.model != Default().model {
		t.Error("analyzers do not share the model")
	}
}

func TestConcurrentAnalyze(t *testing.T) {
	b, err := os.ReadFile("testdata/tagging.txt")
	if err != nil {
		t.Fatal(err)
	}
	texts := strings.Split(string(b), "\n\n")
	a := Default()
	want := make([]*Doc, len(texts))
	for i, s := range texts {
		want[i] = a.Analyze(s)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 20; k++ {
				i := (g + k) % len(texts)
				d := a.Analyze(texts[i])
				for j, tk := range d.Tokens {
					if tk != want[i].Tokens[j] {
						errs <- tk.Text
						return
					}
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent result differs at %q", e)
	}
}
