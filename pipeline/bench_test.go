package pipeline

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/extractors"
	"github.com/quarrylabs/quarry/extractors/chain"
	"github.com/quarrylabs/quarry/internal/benchmetric"
	"github.com/quarrylabs/quarry/pipeline/analysis"
	"github.com/quarrylabs/quarry/rules"
)

// corpus picks the benchmark folder, ../shared/data/bbc when present, else
// the repo's articles, and counts its bytes and tokens.
func corpus(b *testing.B) (dir string, size, tokens int) {
	dir = "../../shared/data/bbc"
	if _, err := os.Stat(dir); err != nil {
		b.Log("../shared/data/bbc not found: benchmarking testdata/articles")
		dir = "../testdata/articles"
	}
	an := analysis.Default()
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() && formatByExt[filepath.Ext(p)] != "" {
			data, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			size += len(data)
			tokens += len(an.Analyze(string(data)).Tokens)
		}
		return nil
	})
	return dir, size, tokens
}

func standardChain(b testing.TB) []extractors.Extractor {
	set, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	exs, err := chain.New(set, chain.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return exs
}

// BenchmarkPipeline runs the full extraction (every extractor, JSON
// encoding) over a corpus with 1 and 2 workers.
func BenchmarkPipeline(b *testing.B) {
	dir, size, tokens := corpus(b)
	benchWorkers(b, dir, size, tokens)
}

// benchWorkers runs the whole pipeline over path with 1 and 2 workers.
func benchWorkers(b *testing.B, path string, size, tokens int) {
	exs := standardChain(b)
	for _, w := range []int{1, 2} {
		b.Run("workers="+strconv.Itoa(w), func(b *testing.B) {
			cfg := Config{Workers: w, Extractors: exs}
			for i := 0; i < b.N; i++ {
				if _, err := Run(context.Background(), cfg, []string{path}, io.Discard, nil); err != nil {
					b.Fatal(err)
				}
			}
			benchmetric.Report(b, size, tokens)
		})
	}
}

// BenchmarkEncode is the JSON encoding step alone, over the records of the
// corpus (extracted before the timer starts) in the docs format. Its MB/s
// is of article text, like the other stages'; out-MB/s is of JSON.
func BenchmarkEncode(b *testing.B) {
	dir, size, tokens := corpus(b)
	var docs []*quarry.Document
	cfg := Config{Workers: 2, Extractors: standardChain(b), OnRecord: func(d *quarry.Document) { docs = append(docs, d) }}
	if _, err := Run(context.Background(), cfg, []string{dir}, io.Discard, nil); err != nil {
		b.Fatal(err)
	}
	out := 0
	for _, d := range docs {
		line, err := encode(d, OutputOptions{})
		if err != nil {
			b.Fatal(err)
		}
		out += len(line)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			line, _ := encode(d, OutputOptions{})
			recycleLine(line)
		}
	}
	benchmetric.Report(b, size, tokens)
	b.ReportMetric(float64(out)*float64(b.N)/b.Elapsed().Seconds()/1e6, "out-MB/s")
}

// BenchmarkLongArticle runs one article four windows long (the repo's
// articles over and over) through the whole pipeline with 1 and 2
// workers: analysis and extraction a window at a time, the merge and the
// line written as it is encoded.
func BenchmarkLongArticle(b *testing.B) {
	one := longArticle(b, 1)
	text := strings.Repeat(one, 4*WindowBytes/len(one)+1)
	path := filepath.Join(b.TempDir(), "long.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		b.Fatal(err)
	}
	benchWorkers(b, path, len(text), len(analysis.Default().Analyze(text).Tokens))
}
