// Package pipeline runs articles through quarry's steps:
//
//	source → decode → analyse → extract → resolve → encode → sink
//
// The source reads articles in order into a bounded channel; Workers
// goroutines each take one article through every CPU step, from decode to
// encode, then hand it to the sink, which writes articles in input order
// (sink.go), so the output bytes do not depend on the number of workers. A
// semaphore caps the articles in flight, so memory depends on that cap, not
// on the corpus. A budget caps the bytes of text in flight too, and an
// article longer than WindowBytes is analysed a window at a time
// (window.go), its finished records wait encoded in a stash (stash.go) and
// the sink writes it straight to the output, so memory does not grow with
// the longest article as fast as the article does.
package pipeline

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/extractors"
	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// Analyzer turns text into tokens and sentences; analysis.Analyzer is the
// real one.
type Analyzer interface {
	Analyze(text string) *analysis.Doc
}

// Config is everything a run needs.
type Config struct {
	Workers int
	Input   InputOptions
	Output  OutputOptions
	// Analyzer defaults to analysis.Default().
	Analyzer   Analyzer
	Extractors []extractors.Extractor
	// Resolvers run after all extractors: they link records to each other.
	Resolvers []extractors.Extractor
	// OnRecord is called once per written article, in output order; it may
	// log warnings and errors. It is called from one goroutine at a time.
	OnRecord func(doc *quarry.Document)
	// OnRead is called with the size in bytes of each article read, before
	// it enters the pipeline, so that the caller can make room for it (the
	// CLI raises its memory limit for long articles). It runs on the
	// reading goroutine.
	OnRead func(size int)
	// KeepRecords keeps every record of an article read in windows in its
	// Document until OnRecord has seen it. Without it the figures, quotes
	// and claims of such an article are kept encoded, in a temporary file
	// once they pass a few MB, and OnRecord sees only its entities,
	// without their mentions.
	KeepRecords bool
}

// Stats counts articles.
type Stats struct {
	Read    int64 // articles that entered the pipeline
	Written int64 // records written
	Failed  int64 // records written with an error
}

// recycler is an Analyzer that takes back a Doc no longer used
// (analysis.Analyzer does), so its arrays serve the next article.
type recycler interface {
	Recycle(*analysis.Doc)
}

// job is one article moving through the steps.
type job struct {
	seq   int
	size  int64 // bytes read, taken from the budget
	raw   raw
	art   quarry.Article
	doc   *quarry.Document
	an    *analysis.Doc
	line  []byte // the encoded output
	encEr error
	// stream is set for an article read in windows: the sink encodes it
	// straight to the output instead (encodeTo).
	stream bool
	// stash holds such an article's figures, quotes and claims, unless
	// Config.KeepRecords.
	stash *stash
}

// Run reads paths, processes every article and writes records to out. The
// error is fatal (writing failed); article failures are counted in Stats.
// When ctx is cancelled, Run stops reading, finishes the articles in flight
// and returns ctx.Err().
func Run(ctx context.Context, cfg Config, paths []string, out io.Writer, progress *Progress) (Stats, error) {
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	cfg.Input.defaults()
	if cfg.Analyzer == nil {
		cfg.Analyzer = analysis.Default()
	}
	if progress == nil {
		progress = &Progress{}
	}
	w := cfg.Workers
	// Articles are written in order, so those finished after a long one
	// wait for it, in flight: room for 16 left a worker short of
	// articles behind a long BBC article (~2% of two workers' time).
	inflight := make(chan struct{}, 32*w+32)
	room := newBudget(inflightBytes)

	// A write error must stop the source too.
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()

	// The source may block in a read (stdin) that cancellation cannot
	// interrupt, so a forwarder stops passing jobs on as soon as ctx ends.
	read := make(chan *job)
	go func() {
		defer close(read)
		seq := 0
		walk(runCtx, paths, cfg.Input, func(r raw) bool {
			if cfg.OnRead != nil && r.fail == nil {
				cfg.OnRead(len(r.data))
			}
			select {
			case inflight <- struct{}{}:
			case <-runCtx.Done():
				return false
			}
			size := int64(len(r.data))
			if !room.take(runCtx, size) {
				return false
			}
			select {
			case read <- &job{seq: seq, raw: r, size: size}:
			case <-runCtx.Done():
				return false
			}
			seq++
			progress.read.Add(1)
			return true
		})
	}()
	// src holds as many articles as may be in flight, so the reader reads
	// ahead in a run instead of waking for each article a worker takes
	// (over BBC two workers kept 1.85–1.87 cores busy with room for two,
	// 1.88–1.90 so).
	src := make(chan *job, cap(inflight))
	go func() {
		defer close(src)
		for {
			select {
			case j, ok := <-read:
				if !ok {
					return
				}
				src <- j
			case <-runCtx.Done():
				return
			}
		}
	}()

	busy := make(cores, w)
	decodeStep := func(j *job) {
		art, warns, fail := decode(j.raw, cfg.Input)
		j.raw.data = nil
		j.art = art
		j.doc = newDocument(art, warns, fail)
	}
	analyseStep := func(j *job) {
		if j.doc.Error == nil {
			if j.stream = len(j.art.Text) > windowBytes; j.stream {
				extractWindows(runCtx, j, &cfg, busy)
			} else {
				j.an = cfg.Analyzer.Analyze(j.art.Text)
			}
		}
	}
	extractStep := func(j *job) { run(j, cfg.Extractors) }
	resolveStep := func(j *job) { run(j, cfg.Resolvers) }
	encodeStep := func(j *job) {
		if cfg.Output.WithSentences && j.an != nil {
			j.doc.Sentences = make([]quarry.Sentence, len(j.an.Sentences))
			for i, s := range j.an.Sentences {
				j.doc.Sentences[i] = quarry.Sentence{Start: s.Start, End: s.End}
			}
		}
		if cfg.Output.WithText && j.doc.Error == nil {
			t := j.art.Text
			j.doc.Text = &t
		}
		recycle(cfg.Analyzer, j.an)
		j.an = nil
		if !j.stream {
			j.line, j.encEr = encode(j.doc, cfg.Output)
		}
	}
	// A worker takes an article through every step before the next. With
	// a goroutine pool per step and channels between them, goroutines
	// blocked on a full channel left a core with nothing to run, and an
	// article's arrays moved between the cores' caches from step to step:
	// over BBC two workers kept 1.81 cores busy, against 1.86 so, and
	// used 7% more CPU time.
	steps := []func(*job){decodeStep, analyseStep, extractStep, resolveStep, encodeStep}
	sk := newSink(&cfg, out, cancel, func(j *job) {
		room.give(j.size)
		<-inflight
	}, progress)
	var wg sync.WaitGroup
	for range w {
		wg.Go(func() {
			for j := range src {
				busy.take()
				for _, step := range steps {
					step(j)
				}
				busy.give()
				sk.add(j)
			}
		})
	}
	wg.Wait()
	stats, err := sk.close()
	if err != nil {
		return stats, err
	}
	return stats, ctx.Err()
}

// run applies extractors in order; a failing or panicking extractor fails the
// article, not the run.
func run(j *job, exs []extractors.Extractor) {
	if j.doc.Error != nil || j.an == nil {
		return
	}
	if err := extractAll(j.an, j.doc, exs); err != nil {
		fail(j.doc, extractFailure(err))
	}
}

func safeExtract(ex extractors.Extractor, an *analysis.Doc, doc *quarry.Document) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return ex.Extract(an, doc)
}

func newDocument(a quarry.Article, warns []quarry.Warning, fail *quarry.Error) *quarry.Document {
	return &quarry.Document{
		Schema:    quarry.Schema,
		ID:        a.ID,
		Source:    a.Source,
		Title:     a.Title,
		URL:       a.URL,
		Published: a.Published,
		Meta:      a.Meta,
		Entities:  []quarry.Entity{},
		Figures:   []quarry.Figure{},
		Quotes:    []quarry.Quote{},
		Claims:    []quarry.Claim{},
		Warnings:  warns,
		Error:     fail,
	}
}

// Progress is read by a progress reporter while Run updates it.
type Progress struct {
	read, written, failed atomic.Int64
}

// Counts returns articles read, written and failed so far.
func (p *Progress) Counts() (read, written, failed int64) {
	return p.read.Load(), p.written.Load(), p.failed.Load()
}
