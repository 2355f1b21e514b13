package quotes

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// TestDebugText prints the quotes of the file named by QUOTES_DEBUG (development aid).
func TestDebugText(t *testing.T) {
	path := os.Getenv("QUOTES_DEBUG")
	if path == "" {
		t.Skip("set QUOTES_DEBUG=file")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := extract(t, string(b), nil)
	if os.Getenv("QUOTES_TAGS") != "" {
		for _, tk := range analysis.Default().Analyze(string(b)).Tokens {
			fmt.Printf("%s/%s ", tk.Text, tk.Tag)
		}
		fmt.Println()
	}
	for _, e := range out.Entities {
		fmt.Printf("%s %s %q %d\n", e.ID, e.Label, e.Name, len(e.Mentions))
	}
	for _, q := range out.Quotes {
		s, c := "<nil>", ""
		if q.Speaker != nil {
			s = fmt.Sprintf("%q=%q(%s)", q.Speaker.Text, q.Speaker.Name, q.Speaker.Entity)
		}
		if q.Cue != nil {
			c = q.Cue.Text
		}
		fmt.Printf("%s %-8s s%d %q\n    speaker=%s cue=%q\n", q.ID, q.Kind, q.Sentence, q.Text, s, c)
	}
}

// TestDebugDoc prints the quotes of the PolNeAR train document named by
// QUOTES_DOC with how each was attributed, next to the gold speakers
// (development aid).
func TestDebugDoc(t *testing.T) {
	id := os.Getenv("QUOTES_DOC")
	if id == "" {
		t.Skip("set QUOTES_DOC=id")
	}
	docs, err := ReadPolNeARFile(filepath.Join(sharedDir(t), "data", "polnear", "train.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	hows := map[int]int{}
	traceHow = func(q quarry.Quote, how int) { hows[q.Start] = how }
	defer func() { traceHow = nil }()
	for _, d := range docs {
		if d.ID != id {
			continue
		}
		out := extract(t, d.Text, nil)
		for _, q := range out.Quotes {
			s := "<nil>"
			if q.Speaker != nil {
				s = fmt.Sprintf("%q=%q", q.Speaker.Text, q.Speaker.Name)
			}
			gold := ""
			for _, g := range d.Quotes {
				if _, ok := matches(g, q); ok && g.Direct {
					gold += fmt.Sprintf("[%s]", g.Speaker)
				}
			}
			fmt.Printf("%-8s how=%d %q\n    speaker=%s gold=%s\n", q.Kind, hows[q.Start], trunc(q.Text), s, gold)
		}
	}
}

func trunc(s string) string {
	if len(s) > 70 {
		return s[:70] + "…"
	}
	return s
}
