package pipeline

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"sync"
	"time"
)

// flushAfter is how long buffered output lines may wait for more.
const flushAfter = 20 * time.Millisecond

// sink writes finished articles in input order. There is no sink
// goroutine: the worker that finishes the article next in line writes it,
// and those after it that are done; a worker whose article must wait
// leaves it and takes the next. A sink goroutine fed by a channel woke for
// each article, and the workers waited on it: over BBC two workers spent
// ~8% of the run with one of them parked or waiting to be scheduled.
//
// Lines are buffered: a busy run pays one write per buffer, not one per
// article, and when no article has been written for flushAfter the buffer
// goes out, so a reader downstream (a stream on stdin, say) is not kept
// waiting.
type sink struct {
	cfg    *Config
	cancel context.CancelFunc
	// release hands back what an article held in flight.
	release  func(*job)
	progress *Progress

	mu      sync.Mutex // guards pending, next and writing
	pending map[int]*job
	next    int
	writing bool // a worker is writing: the others only leave theirs

	// The writer's state: one goroutine at a time holds wmu to use it.
	wmu      sync.Mutex
	bw       *bufio.Writer
	buffered int64 // lines in bw not yet flushed
	stats    Stats
	werr     error
	idle     *time.Timer
}

func newSink(cfg *Config, out io.Writer, cancel context.CancelFunc, release func(*job), progress *Progress) *sink {
	s := &sink{cfg: cfg, cancel: cancel, release: release, progress: progress,
		pending: map[int]*job{}, bw: bufio.NewWriterSize(out, 256<<10)}
	s.idle = time.AfterFunc(time.Hour, func() {
		s.wmu.Lock()
		s.flush()
		s.wmu.Unlock()
	})
	s.idle.Stop()
	return s
}

// add takes a finished article and writes every article now next in line.
func (s *sink) add(j *job) {
	s.mu.Lock()
	s.pending[j.seq] = j
	if s.writing {
		s.mu.Unlock()
		return
	}
	s.writing = true
	// The idle flush may hold wmu in a slow write: the others may leave
	// their articles meanwhile.
	s.mu.Unlock()
	s.wmu.Lock()
	s.mu.Lock()
	for {
		j, ok := s.pending[s.next]
		if !ok {
			break
		}
		delete(s.pending, s.next)
		s.next++
		s.mu.Unlock()
		s.write(j)
		s.release(j)
		s.mu.Lock()
	}
	s.writing = false
	s.mu.Unlock()
	if s.buffered > 0 {
		s.idle.Reset(flushAfter)
	}
	s.wmu.Unlock()
}

// close flushes what is buffered once every article is in, and returns the
// counts and the first write error.
func (s *sink) close() (Stats, error) {
	s.idle.Stop()
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.flush()
	return s.stats, s.werr
}

// flush writes out the buffered lines; wmu is held.
func (s *sink) flush() {
	if s.werr == nil && s.bw.Buffered() > 0 {
		if err := s.bw.Flush(); err != nil {
			s.werr = fmt.Errorf("writing output: %w", err)
			s.stats.Written -= s.buffered
			s.cancel()
		}
	}
	s.buffered = 0
}

// write writes one article's line; wmu is held. After a write error it
// only counts the article as read.
func (s *sink) write(j *job) {
	defer j.stash.close()
	s.stats.Read++
	if s.werr != nil {
		return
	}
	if j.stream {
		// A streamed line goes through bw in pieces, flushing it as it
		// fills: the lines before go out first, so that buffered counts
		// only lines that may not be out.
		s.flush()
		if s.werr != nil {
			return
		}
	}
	var err error
	switch {
	case j.stream:
		j.encEr, err = encodeTo(s.bw, j.doc, s.cfg.Output, j.stash)
	case j.encEr == nil:
		_, err = s.bw.Write(j.line)
	}
	switch {
	case j.encEr != nil:
		// The lines before are whole and counted: they go out before the
		// run stops (nothing of this one was written, see encodeTo).
		s.flush()
		s.werr = fmt.Errorf("encoding %s: %w", j.doc.ID, j.encEr)
	case err != nil:
		s.werr = fmt.Errorf("writing output: %w", err)
		// bw failed to flush: the lines it held may not be out.
		s.stats.Written -= s.buffered
		s.buffered = 0
	case !j.stream:
		recycleLine(j.line)
	}
	j.line = nil
	if s.werr != nil {
		s.cancel()
		return
	}
	s.stats.Written++
	s.buffered++
	if j.doc.Error != nil {
		s.stats.Failed++
		s.progress.failed.Add(1)
	}
	s.progress.written.Add(1)
	if s.cfg.OnRecord != nil {
		s.cfg.OnRecord(j.doc)
	}
}
