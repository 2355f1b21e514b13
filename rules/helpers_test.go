package rules

import (
	"strings"
	"testing"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// toks tokenizes with the small test tokenizer, so matcher tests do not
// depend on the analysis package's choices.
func toks(text string) []analysis.Token { return simpleTokens(text) }

// mustLoad loads user files (without defaults unless withDefaults) and
// fails the test on any error.
func mustLoad(t testing.TB, withDefaults bool, files map[string]string) *Set {
	t.Helper()
	s, err := LoadFiles(!withDefaults, files)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return s
}

// loadErrs loads files without defaults and returns the error strings.
func loadErrs(t testing.TB, files map[string]string) []string {
	t.Helper()
	_, err := LoadFiles(true, files)
	if err == nil {
		return nil
	}
	es, ok := err.(Errors)
	if !ok {
		t.Fatalf("error is %T, want Errors: %v", err, err)
	}
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Error()
	}
	return out
}

// spans renders matches as "text" list for compact assertions.
func texts(text string, starts, ends []int) string {
	var b []string
	for i := range starts {
		b = append(b, text[starts[i]:ends[i]])
	}
	return strings.Join(b, "|")
}

func gazTexts(text string, ms []Match) string {
	var s, e []int
	for _, m := range ms {
		s, e = append(s, m.Start), append(e, m.End)
	}
	return texts(text, s, e)
}
