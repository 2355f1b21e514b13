package analysis

import (
	"bytes"
	"flag"
	"os"
	"reflect"
	"testing"
)

var update = flag.Bool("update", false, "rewrite tagger.bin from prose's model")

// TestTaggerCache: tagger.bin is exactly what prose's model compiles to, and
// decodes to the same model.
func TestTaggerCache(t *testing.T) {
	m, err := loadModel()
	if err != nil {
		t.Fatal(err)
	}
	b, err := m.marshal()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("tagger.bin", b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(b, taggerBin) {
		t.Fatal("tagger.bin does not match prose's model; run go test ./pipeline/analysis -run TestTaggerCache -update")
	}
	got, err := unmarshalModel(taggerBin)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, m) {
		t.Fatal("tagger.bin decodes to a different model")
	}
}

func BenchmarkLoadTagger(b *testing.B) {
	b.Run("cache", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := unmarshalModel(taggerBin); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("prose", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := loadModel(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
