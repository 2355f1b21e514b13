package extract

import (
	"bytes"
	"testing"
)

// A log entry written while the progress line is drawn starts on a cleared
// line, and the line is not cleared twice.
func TestLogEntryClearsProgressLine(t *testing.T) {
	var buf bytes.Buffer
	lw := &lineWriter{w: &buf}
	lw.Write([]byte("first entry\n"))
	lw.draw("quarry: 1 read")
	lw.Write([]byte("second entry\n"))
	lw.Write([]byte("third entry\n"))
	lw.draw("quarry: 2 read")
	lw.clear()
	lw.clear()
	want := "first entry\n" +
		"\r\033[Kquarry: 1 read" + "\r\033[K" + "second entry\n" + "third entry\n" +
		"\r\033[Kquarry: 2 read" + "\r\033[K"
	if got := buf.String(); got != want {
		t.Errorf("stderr =\n%q\nwant\n%q", got, want)
	}
}
