package pipeline

import (
	"strings"
	"testing"
)

func TestReadSized(t *testing.T) {
	text := strings.Repeat("abcdefghij", 30) // 300 bytes
	tests := []struct {
		name      string
		size, max int64
		want      string
		tooLarge  bool
	}{
		{"size known", 300, 1000, text, false},
		{"grew since stat", 100, 1000, text, false},
		{"shrank since stat", 900, 1000, text, false},
		{"size unknown", -1, 1000, text, false},
		{"at the limit", 300, 300, text, false},
		{"over the limit", 300, 299, "", true},
		{"grew past the limit", 100, 200, "", true},
	}
	for _, tt := range tests {
		got, err := readSized(strings.NewReader(text), tt.size, tt.max)
		if tt.tooLarge {
			if err != errTooLarge {
				t.Errorf("%s: err %v, want errTooLarge", tt.name, err)
			}
			continue
		}
		if err != nil || string(got) != tt.want {
			t.Errorf("%s: %d bytes, err %v", tt.name, len(got), err)
		}
	}
}
