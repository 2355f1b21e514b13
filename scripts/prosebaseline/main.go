// Command prosebaseline runs plain prose (NewDocument with one shared model)
// over a folder of text articles, the baseline quarry's speed is compared to.
// It prints one line: files, bytes, seconds, MB/s.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/jdkato/prose/v2"
)

func main() {
	workers := flag.Int("workers", runtime.GOMAXPROCS(0), "goroutines")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: prosebaseline [-workers N] FOLDER")
		os.Exit(2)
	}
	var files []string
	filepath.WalkDir(flag.Arg(0), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".txt") {
			files = append(files, p)
		}
		return nil
	})
	// The model is built once and shared, as prose's docs recommend.
	model := prose.ModelFromData("baseline")
	start := time.Now()
	var total int64
	var mu sync.Mutex
	ch := make(chan string)
	var wg sync.WaitGroup
	for i := 0; i < *workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range ch {
				b, err := os.ReadFile(p)
				if err != nil {
					continue
				}
				doc, err := prose.NewDocument(string(b), prose.UsingModel(model))
				if err != nil {
					continue
				}
				_ = doc.Entities()
				mu.Lock()
				total += int64(len(b))
				mu.Unlock()
			}
		}()
	}
	for _, f := range files {
		ch <- f
	}
	close(ch)
	wg.Wait()
	secs := time.Since(start).Seconds()
	fmt.Printf("files=%d bytes=%d seconds=%.3f mbps=%.4f\n", len(files), total, secs, float64(total)/1e6/secs)
}
