package analysis

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// sharedDir returns ../shared relative to the repository root, or skips.
func sharedDir(t testing.TB, sub string) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared data not available (%s): %v", dir, err)
	}
	return dir
}

func TestGoldenRules(t *testing.T) {
	path := filepath.Join(sharedDir(t, "data/sentences"), "golden_rules_en.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("golden rules not available: %v", err)
	}
	defer f.Close()
	a, err := New(WithTagging(false))
	if err != nil {
		t.Fatal(err)
	}
	total, passed, cleaned := 0, 0, 0
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rule struct {
			Name       string
			Text       string
			Sentences  []string
			Substrings bool `json:"sentences_are_substrings"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rule); err != nil {
			t.Fatal(err)
		}
		total++
		if !rule.Substrings {
			cleaned++
		}
		doc := a.Analyze(rule.Text)
		got := make([]string, len(doc.Sentences))
		for i, s := range doc.Sentences {
			got[i] = doc.Text[s.Start:s.End]
		}
		want := rule.Sentences
		if !rule.Substrings { // expected text is cleaned: compare modulo whitespace
			for i := range got {
				got[i] = strings.Join(strings.Fields(got[i]), " ")
			}
		}
		if strings.Join(got, "\x00") == strings.Join(want, "\x00") {
			passed++
			continue
		}
		t.Logf("FAIL %s\n  got  %q\n  want %q", rule.Name, got, want)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("golden rules: %d/%d pass (%d compared after whitespace normalisation)", passed, total, cleaned)
	if total != 52 {
		t.Errorf("expected 52 rules, read %d", total)
	}
	if passed < 50 {
		t.Errorf("only %d/%d golden rules pass, want ≥ 50", passed, total)
	}
}
