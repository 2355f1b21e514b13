package quotes

import (
	"fmt"
	"os"
	"testing"

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
