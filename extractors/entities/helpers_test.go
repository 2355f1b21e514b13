package entities

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// spaceDoc tokenises on spaces with sentences on newlines, the layout of
// the CoNLL files.
func spaceDoc(text string) *analysis.Doc {
	d := &analysis.Doc{Text: text}
	start := 0
	for start <= len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		first := len(d.Tokens)
		i := start
		for i < end {
			for i < end && text[i] == ' ' {
				i++
			}
			j := i
			for j < end && text[j] != ' ' {
				j++
			}
			if j > i {
				d.Tokens = append(d.Tokens, analysis.Token{Start: i, End: j, Text: text[i:j], Norm: text[i:j], Sent: len(d.Sentences), SpaceBefore: i == 0 || text[i-1] == ' ' || text[i-1] == '\n'})
			}
			i = j
		}
		if len(d.Tokens) > first {
			d.Sentences = append(d.Sentences, analysis.Sentence{Start: start, End: end, First: first, Last: len(d.Tokens)})
		}
		start = end + 1
	}
	analysis.MarkFurniture(d)
	return d
}

func sharedDir(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared data absent (%s)", dir)
	}
	return dir
}

type goldRecord struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Entities []Span `json:"entities"`
}

func loadGold(t testing.TB, path string, tok func(string) *analysis.Doc) []TrainDoc {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []TrainDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var r goldRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, TrainDoc{ID: r.ID, Doc: tok(r.Text), Spans: r.Entities})
	}
	return docs
}

// wordDoc is a small stand-in tokenizer for tests: words (with inner
// . - ' &), possessive 's split off, other punctuation alone; sentences end
// at . ! ? followed by space, and at newlines.
func wordDoc(text string) *analysis.Doc {
	d := &analysis.Doc{Text: text}
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	sentStart, first := 0, 0
	endSent := func(end int) {
		if len(d.Tokens) > first {
			d.Sentences = append(d.Sentences, analysis.Sentence{Start: sentStart, End: end, First: first, Last: len(d.Tokens)})
		}
		first = len(d.Tokens)
	}
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if r == '\n' {
			endSent(i)
			i += n
			sentStart = i
			continue
		}
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		if len(d.Tokens) == first {
			sentStart = i
		}
		j := i + n
		if (r == '\'' || r == '’') && j < len(text) && text[j] == 's' && (j+1 == len(text) || !isWord(rune(text[j+1]))) {
			j++
		}
		if isWord(r) {
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if isWord(r2) {
					j += n2
					continue
				}
				if strings.ContainsRune(".-'’&", r2) && j+n2 < len(text) {
					r3, _ := utf8.DecodeRuneInString(text[j+n2:])
					if isWord(r3) && !(r2 == '\'' || r2 == '’') || (r2 == '\'' || r2 == '’') && r3 != 's' && isWord(r3) {
						j += n2
						continue
					}
				}
				break
			}
		}
		d.Tokens = append(d.Tokens, analysis.Token{Start: i, End: j, Text: text[i:j], Norm: strings.NewReplacer("’", "'", "“", "\"", "”", "\"").Replace(text[i:j]), Sent: len(d.Sentences), SpaceBefore: i == 0 || unicode.IsSpace(rune(text[i-1]))})
		t := text[i:j]
		i = j
		if (t == "." || t == "!" || t == "?") && (i >= len(text) || text[i] == ' ') {
			endSent(i)
		}
	}
	endSent(len(text))
	analysis.MarkFurniture(d)
	return d
}
