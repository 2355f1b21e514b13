package pipeline

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/quarrylabs/quarry/extractors/chain"
	"github.com/quarrylabs/quarry/rules"
)

// corpus picks the benchmark folder: ../shared/data/bbc when present, else
// the repo's articles.
func corpus(b *testing.B) (string, int64) {
	dir := "../../shared/data/bbc"
	if _, err := os.Stat(dir); err != nil {
		b.Log("../shared/data/bbc not found: benchmarking testdata/articles")
		dir = "../testdata/articles"
	}
	var n int64
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() && formatByExt[filepath.Ext(p)] != "" {
			n += fi.Size()
		}
		return nil
	})
	return dir, n
}

// BenchmarkPipeline runs the full extraction (every extractor, JSON
// encoding) over a corpus with 1 and 2 workers, reporting MB/s.
func BenchmarkPipeline(b *testing.B) {
	dir, size := corpus(b)
	set, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	exs, err := chain.New(set, chain.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, w := range []int{1, 2} {
		b.Run("workers="+strconv.Itoa(w), func(b *testing.B) {
			cfg := Config{Workers: w, Extractors: exs}
			for i := 0; i < b.N; i++ {
				if _, err := Run(context.Background(), cfg, []string{dir}, io.Discard, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(size)*float64(b.N)/1e6/b.Elapsed().Seconds(), "MB/s")
		})
	}
}

// BenchmarkAppendDocument encodes the golden documents (decoded once) as
// the docs format does.
func BenchmarkAppendDocument(b *testing.B) {
	docs := goldenDocs(b)
	if len(docs) == 0 {
		b.Skip("no golden documents")
	}
	var buf []byte
	n := 0
	for _, d := range docs {
		buf, _ = appendDocument(buf[:0], d)
		n += len(buf)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			buf, _ = appendDocument(buf[:0], d)
		}
	}
}
