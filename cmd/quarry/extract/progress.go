package extract

import (
	"fmt"
	goio "io"
	"sync"
	"time"

	"github.com/quarrylabs/quarry/internal/cli"
	"github.com/quarrylabs/quarry/pipeline"
)

// lineWriter is stderr shared by the logger and the progress line: a log
// entry first clears a drawn progress line, so the two never share a line
// (the next tick draws the progress again, below the entry).
type lineWriter struct {
	mu    sync.Mutex
	w     goio.Writer
	drawn bool
}

func (lw *lineWriter) Write(p []byte) (int, error) {
	lw.mu.Lock()
	defer lw.mu.Unlock()
	lw.clearLocked()
	return lw.w.Write(p)
}

// draw replaces the progress line with line.
func (lw *lineWriter) draw(line string) {
	lw.mu.Lock()
	defer lw.mu.Unlock()
	fmt.Fprint(lw.w, "\r\033[K"+line)
	lw.drawn = true
}

// clear removes the progress line, if one is drawn.
func (lw *lineWriter) clear() {
	lw.mu.Lock()
	defer lw.mu.Unlock()
	lw.clearLocked()
}

func (lw *lineWriter) clearLocked() {
	if lw.drawn {
		fmt.Fprint(lw.w, "\r\033[K")
		lw.drawn = false
	}
}

// startProgress draws a one-line progress report on a terminal once the run
// has taken more than a moment. The returned func clears it.
func startProgress(io *cli.IO, lw *lineWriter, opts *Options, p *pipeline.Progress) func() {
	if opts.Quiet || !io.ErrIsTerminal {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		start := time.Now()
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				lw.clear()
				return
			case <-tick.C:
				el := time.Since(start)
				if el < time.Second {
					continue
				}
				r, w, f := p.Counts()
				lw.draw(fmt.Sprintf("quarry: %d read, %d written, %d failed, %.0f articles/s", r, w, f, float64(w)/el.Seconds()))
			}
		}
	}()
	return func() { close(done); <-finished }
}
