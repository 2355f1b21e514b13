package claims

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/extractors"
	"github.com/quarrylabs/quarry/extractors/entities"
	"github.com/quarrylabs/quarry/extractors/figures"
	"github.com/quarrylabs/quarry/extractors/quotes"
	"github.com/quarrylabs/quarry/pipeline/analysis"
	"github.com/quarrylabs/quarry/rules"
)

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// sharedDir is ../shared from the repo root; tests skip without it.
func sharedDir(t testing.TB) string {
	dir := filepath.Join(repoRoot(), "..", "shared")
	if _, err := os.Stat(filepath.Join(dir, "articles", "seeds")); err != nil {
		t.Skip("shared data not found at ../shared: ", err)
	}
	return dir
}

var (
	pipeOnce sync.Once
	pipe     []extractors.Extractor
	pipeSet  *rules.Set
	pipeErr  error
)

// pipeline is the whole extraction in order: entities, figures, quotes,
// claims, each built the way its package allows.
func pipeline(t testing.TB) ([]extractors.Extractor, *rules.Set) {
	pipeOnce.Do(func() {
		set, err := rules.Default()
		if err != nil {
			pipeErr = err
			return
		}
		m, err := entities.DefaultModel()
		if err != nil {
			pipeErr = err
			return
		}
		pipeSet = set
		pipe = []extractors.Extractor{entities.New(m, set), figures.New(set), quotes.New(set), New(set)}
	})
	if pipeErr != nil {
		t.Fatal(pipeErr)
	}
	return pipe, pipeSet
}

// run extracts text through the whole pipeline.
func run(t testing.TB, text string) (*analysis.Doc, *quarry.Document) {
	exs, _ := pipeline(t)
	doc := analysis.Default().Analyze(text)
	out := &quarry.Document{}
	for _, x := range exs {
		if err := x.Extract(doc, out); err != nil {
			t.Fatalf("%s: %v", x.Name(), err)
		}
	}
	return doc, out
}
