package entities

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// GoldDoc is one annotated record: {"id","text","entities":[{"start","end","label"}]}
// with byte offsets into text.
type GoldDoc struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Entities []Span `json:"entities"`
}

// ReadGold reads JSONL gold records, checking every span against its text.
func ReadGold(r io.Reader) ([]GoldDoc, error) {
	var docs []GoldDoc
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<28)
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var d GoldDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		for i, s := range d.Entities {
			if s.Start < 0 || s.End > len(d.Text) || s.Start >= s.End || !utf8.ValidString(d.Text[s.Start:s.End]) {
				return nil, fmt.Errorf("line %d: entity %d: bad offsets [%d,%d) for a text of %d bytes", line, i, s.Start, s.End, len(d.Text))
			}
			if s.Label == "" {
				return nil, fmt.Errorf("line %d: entity %d: no label", line, i)
			}
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	return docs, nil
}

// NormLabel maps gold labels to quarry's: PER is PERSON, LOCATION is LOC.
func NormLabel(l string) string { return normLabel(l) }

// ReadTexts reads unlabelled text for word clusters: a directory gives its
// .txt files (recursively, in name order), a .jsonl file the "text" field
// of each record, any other file its whole content.
func ReadTexts(path string) ([]string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		var out []string
		err := filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
				return err
			}
			b, err := os.ReadFile(p)
			if err == nil {
				out = append(out, string(b))
			}
			return err
		})
		return out, err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !strings.HasSuffix(path, ".jsonl") {
		return []string{string(b)}, nil
	}
	var out []string
	for i, line := range bytes.Split(b, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var rec struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(line, &rec); err != nil {
			return nil, fmt.Errorf("%s: line %d: %w", path, i+1, err)
		}
		out = append(out, rec.Text)
	}
	return out, nil
}
