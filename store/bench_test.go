package store_test

import (
	"bytes"
	"context"
	"os"
	"sync"
	"testing"

	"github.com/quarrylabs/quarry/store"
)

var (
	bbcOnce sync.Once
	bbcData []byte
	bbcErr  error
)

// bbcRecords is quarry's --format records output over the BBC corpus, made
// once per run by the real pipeline.
func bbcRecords(b *testing.B) []byte {
	const dir = "../../shared/data/bbc"
	if _, err := os.Stat(dir); err != nil {
		b.Skip("BBC corpus not found at ../shared/data/bbc (relative to the repo root)")
	}
	bbcOnce.Do(func() {
		docs, err := extractDocs(dir)
		if err != nil {
			bbcErr = err
			return
		}
		for i := range docs {
			docs[i].Text = nil // the usual output: no --with text
		}
		bbcData = recordsJSONL(docs)
	})
	if bbcErr != nil {
		b.Fatal(bbcErr)
	}
	return bbcData
}

// BenchmarkLoadBBC loads the BBC output into an empty database (first) and
// over itself (reload: every article replaced).
func BenchmarkLoadBBC(b *testing.B) {
	data := bbcRecords(b)
	for _, be := range backends {
		for _, mode := range []string{"first", "reload"} {
			b.Run(be.name+"/"+mode, func(b *testing.B) {
				var dsn string
				if mode == "reload" {
					dsn = be.newDB(b)
					benchLoad(b, dsn, data)
				}
				var rows int64
				var docs int
				var secs float64
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if mode == "first" {
						b.StopTimer()
						dsn = be.newDB(b)
						b.StartTimer()
					}
					st := benchLoad(b, dsn, data)
					rows += st.Rows
					docs += st.Documents
					secs += st.Duration.Seconds()
				}
				b.ReportMetric(float64(rows)/secs, "rows/s")
				b.ReportMetric(float64(docs)/secs, "docs/s")
				b.ReportMetric(float64(len(data))*float64(b.N)/secs/1e6, "MB/s")
			})
		}
	}
}

func benchLoad(b *testing.B, dsn string, data []byte) store.Stats {
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	stats, err := st.Load(context.Background(), bytes.NewReader(data), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return stats
}
