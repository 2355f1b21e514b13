package rules

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/quarrylabs/quarry/internal/benchmetric"
	"github.com/quarrylabs/quarry/pipeline/analysis"
)

var syllables = []string{"quil", "mor", "van", "tage", "brin", "dle", "hal", "vern", "os", "ter", "by", "tal",
	"low", "mar", "row", "nim", "bus", "cor", "vex", "lu", "na", "ri", "do", "sa", "pel", "gra", "fen", "wick"}

// genGazetteer writes n gazetteer entries in block style, each with a
// two- or three-word name and two aliases (an acronym and a short form).
func genGazetteer(n int) string {
	r := rand.New(rand.NewSource(1))
	word := func() string {
		w := ""
		for k := 1 + r.Intn(3); k >= 0; k-- {
			w += syllables[r.Intn(len(syllables))]
		}
		return strings.ToUpper(w[:1]) + w[1:]
	}
	var b strings.Builder
	b.WriteString("kind: gazetteer\nentries:\n")
	for i := 0; i < n; i++ {
		w1, w2 := word(), word()
		fmt.Fprintf(&b, "  - name: %s %s Holdings %d\n    label: COMPANY\n    aliases: [%s%s%d, %s %d]\n    ticker: T%d\n",
			w1, w2, i, strings.ToUpper(w1[:1]), strings.ToUpper(w2[:1]), i, w1, i, i)
	}
	return b.String()
}

// genRows writes the same entries as genGazetteer in the table form.
func genRows(n int) string {
	r := rand.New(rand.NewSource(1))
	word := func() string {
		w := ""
		for k := 1 + r.Intn(3); k >= 0; k-- {
			w += syllables[r.Intn(len(syllables))]
		}
		return strings.ToUpper(w[:1]) + w[1:]
	}
	var b strings.Builder
	b.WriteString("kind: gazetteer\ncolumns: [name, label, aliases, ticker]\nrows: |\n")
	for i := 0; i < n; i++ {
		w1, w2 := word(), word()
		fmt.Fprintf(&b, "  %s %s Holdings %d | COMPANY | %s%s%d; %s %d | T%d\n",
			w1, w2, i, strings.ToUpper(w1[:1]), strings.ToUpper(w2[:1]), i, w1, i, i)
	}
	return b.String()
}

func benchLoad(b *testing.B, data string) {
	p := filepath.Join(b.TempDir(), "big.yaml")
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	cpu0 := cpuTime()
	var s *Set
	for i := 0; i < b.N; i++ {
		var err error
		s, err = Load(Options{Paths: []string{p}})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/load")
	// CPU time is steadier than wall time on a shared machine.
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/load")
	if s.Gazetteer().Len() < 100_000 {
		b.Fatalf("loaded %d entries", s.Gazetteer().Len())
	}
}

// BenchmarkLoad100kRows loads 100,000 generated entries written as a table
// (columns + rows), with the defaults, into a ready Set.
func BenchmarkLoad100kRows(b *testing.B) { benchLoad(b, genRows(100_000)) }

// BenchmarkLoad100k loads 100,000 generated gazetteer entries from YAML,
// with the defaults, into a ready Set.
func BenchmarkLoad100k(b *testing.B) { benchLoad(b, genGazetteer(100_000)) }

// BenchmarkBuildTrie100k builds the matcher alone from 100,000 decoded
// entries, to separate YAML parsing from indexing.
func BenchmarkBuildTrie100k(b *testing.B) {
	entries := make([]*Entry, 100_000)
	for i := range entries {
		entries[i] = &Entry{ID: fmt.Sprint(i), Name: fmt.Sprintf("Quill Vantage Holdings %d", i), Label: "COMPANY",
			Aliases: []string{fmt.Sprintf("QVH%d", i)}, Case: CaseAuto}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		newGazetteer(entries)
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/build")
}

// newsTokens analyses the project's own fictional test articles.
func newsTokens(b *testing.B) ([]analysis.Token, string) {
	files, _ := filepath.Glob("../testdata/articles/*.txt")
	var text strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		text.Write(data)
		text.WriteString("\n\n")
	}
	if text.Len() == 0 {
		b.Skip("no test articles")
	}
	doc := analysis.Default().Analyze(text.String())
	return doc.Tokens, doc.Text
}

func benchMatch(b *testing.B, s *Set, fn func(toks []analysis.Token)) {
	tk, text := newsTokens(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		fn(tk)
	}
	benchmetric.Report(b, len(text), len(tk))
}

func BenchmarkGazetteerMatchDefaults(b *testing.B) {
	s, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	benchMatch(b, s, func(tk []analysis.Token) { s.Gazetteer().Match(tk) })
}

func BenchmarkGazetteerMatch100k(b *testing.B) {
	s, err := LoadFiles(false, map[string]string{"big.yaml": genGazetteer(100_000)})
	if err != nil {
		b.Fatal(err)
	}
	benchMatch(b, s, func(tk []analysis.Token) { s.Gazetteer().Match(tk) })
}

// BenchmarkFindAll runs every default rule kind (what `rules test` does).
func BenchmarkFindAll(b *testing.B) {
	s, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	_, text := newsTokens(b)
	tk := analysis.Default().Analyze(text).Tokens
	benchMatch(b, s, func([]analysis.Token) { s.Find(text, tk) })
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var r syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &r); err != nil {
		return 0
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}
