package rules

import (
	"fmt"
	"math/rand"
	"reflect"
	"testing"
)

// TestEdgeTable checks the table against a Go map, through growth.
func TestEdgeTable(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	et := newEdgeTable(4)
	want := map[uint64]int32{}
	for i := 0; i < 50_000; i++ {
		// Keys shaped like trie edges, some dense, some far apart, and 0.
		k := uint64(r.Intn(2000))<<32 | uint64(r.Intn(3000))
		if i == 0 {
			k = 0
		}
		if _, ok := want[k]; ok {
			continue
		}
		want[k] = int32(i)
		if got, added := et.getOrPut(k, int32(i)); !added || got != int32(i) {
			t.Fatalf("getOrPut(%#x) = %d, %v on a new key", k, got, added)
		}
		if got, added := et.getOrPut(k, -1); added || got != int32(i) {
			t.Fatalf("getOrPut(%#x) again = %d, %v", k, got, added)
		}
	}
	if et.n != len(want) {
		t.Fatalf("n = %d, want %d", et.n, len(want))
	}
	for k, v := range want {
		if got, ok := et.get(k); !ok || got != v {
			t.Fatalf("get(%#x) = %d, %v; want %d", k, got, ok, v)
		}
	}
	for i := 0; i < 10_000; i++ {
		k := uint64(2000+r.Intn(1000))<<32 | uint64(r.Intn(3000))
		if _, ok := et.get(k); ok {
			t.Fatalf("get(%#x) found a key never put", k)
		}
	}
}

// addAll builds the very trie that add builds phrase by phrase.
func TestAddAllSameAsAdd(t *testing.T) {
	var texts []string
	for i := 0; i < 20_000; i++ {
		texts = append(texts, fmt.Sprintf("Quill Vantage %d", i%7000), fmt.Sprintf("QV%d", i), "AT&T", "", "  ")
	}
	one := newTrie(10)
	for i, s := range texts {
		one.add(s, CaseAuto, int32(i))
	}
	all := newTrie(10)
	all.addAll(func(add func(text, mode string, val int32)) {
		for i, s := range texts {
			add(s, CaseAuto, int32(i))
		}
	})
	all.idBuf, one.idBuf, all.buf, one.buf = nil, nil, nil, nil
	if !reflect.DeepEqual(one, all) {
		t.Fatal("addAll built another trie than add")
	}
}
