package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/pipeline"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output (review the diff!)")

// TestGolden runs the whole default pipeline over testdata/articles and
// compares each article's record with testdata/golden/<id>.json.
func TestGolden(t *testing.T) {
	exs, res, err := build(&Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := pipeline.Config{Workers: 2, Extractors: exs, Resolvers: res, Output: pipeline.OutputOptions{WithSentences: true}}
	var out bytes.Buffer
	if _, err := pipeline.Run(context.Background(), cfg, []string{"../../../testdata/articles"}, &out, nil); err != nil {
		t.Fatal(err)
	}
	golden := "../../../testdata/golden"
	seen := map[string]bool{}
	for _, line := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
		var doc quarry.Document
		if err := json.Unmarshal(line, &doc); err != nil {
			t.Fatal(err)
		}
		var pretty bytes.Buffer
		enc := json.NewEncoder(&pretty)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(&doc); err != nil {
			t.Fatal(err)
		}
		name := strings.NewReplacer("/", "_", "#", "_").Replace(doc.ID) + ".json"
		seen[name] = true
		path := filepath.Join(golden, name)
		if *update {
			if err := os.WriteFile(path, pretty.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: no golden file (run go test ./cmd/quarry/extract -run TestGolden -update and review it)", name)
			continue
		}
		if !bytes.Equal(want, pretty.Bytes()) {
			t.Errorf("%s differs from its golden file; if the change is intended, run with -update and review the diff\n%s", name, firstDiff(string(want), pretty.String()))
		}
	}
	files, _ := filepath.Glob(filepath.Join(golden, "*.json"))
	for _, f := range files {
		if !seen[filepath.Base(f)] {
			t.Errorf("%s: golden file without an article", f)
		}
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n  golden: " + al[i] + "\n  now:    " + bl[i]
		}
	}
	return "lengths differ"
}
