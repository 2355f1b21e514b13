package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/extractors"
	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// sleepyExtractor takes a time that depends on the text, up to 3 ms, so
// that articles finish out of order and several wait for one before them.
type sleepyExtractor struct{}

func (sleepyExtractor) Name() string { return "sleepy" }
func (sleepyExtractor) Extract(doc *analysis.Doc, _ *quarry.Document) error {
	h := fnv.New32a()
	h.Write([]byte(doc.Text))
	time.Sleep(time.Duration(h.Sum32()%3000) * time.Microsecond)
	return nil
}

// TestSinkOrder: with articles finishing out of order on many workers,
// every article is written once, in input order, with OnRecord called in
// that order, and the counts add up.
func TestSinkOrder(t *testing.T) {
	dir := t.TempDir()
	const n = 300
	for i := range n {
		text := fmt.Sprintf("Article %d.\n\n%s", i, strings.Repeat("Word ", i%11+1))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%03d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, workers := range []int{1, 3, 8} {
		var seen []string
		cfg := Config{Workers: workers, Extractors: []extractors.Extractor{sleepyExtractor{}},
			OnRecord: func(d *quarry.Document) { seen = append(seen, d.ID) }}
		var out bytes.Buffer
		stats, err := Run(context.Background(), cfg, []string{dir}, &out, nil)
		if err != nil {
			t.Fatal(err)
		}
		if stats.Read != n || stats.Written != n || stats.Failed != 0 {
			t.Errorf("%d workers: stats %+v", workers, stats)
		}
		lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		if len(lines) != n || len(seen) != n {
			t.Fatalf("%d workers: %d lines, %d records seen, want %d", workers, len(lines), len(seen), n)
		}
		for i := range n {
			id := fmt.Sprintf("%03d.txt", i)
			if !strings.Contains(lines[i], `"id":"`+id+`"`) || seen[i] != id {
				t.Fatalf("%d workers: line %d is %.60s, record %s; want %s", workers, i, lines[i], seen[i], id)
			}
		}
	}
}
