package entities

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
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
