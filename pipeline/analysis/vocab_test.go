package analysis

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

func TestVocabNumbersEachSpellingOnce(t *testing.T) {
	v := newVocab()
	seen := map[uint32]string{}
	// Enough words to fold fresh into new snapshots several times.
	for round := 0; round < 2; round++ {
		for i := 0; i < 5000; i++ {
			w := fmt.Sprintf("w%d", i)
			id := v.id(w)
			if id == 0 {
				t.Fatalf("%q got 0 below the cap", w)
			}
			if prev, ok := seen[id]; ok && prev != w {
				t.Fatalf("%q and %q share number %d", prev, w, id)
			}
			seen[id] = w
		}
	}
	if len(seen) != 5000 {
		t.Fatalf("%d numbers for 5000 words", len(seen))
	}
}

func TestVocabCapGivesZero(t *testing.T) {
	v := newVocab()
	v.n = MaxWords - 2
	if id := v.id("last"); id != MaxWords-1 {
		t.Fatalf("last word under the cap got %d", id)
	}
	if id := v.id("over"); id != 0 {
		t.Fatalf("word over the cap got %d, want 0", id)
	}
	if id := v.id("last"); id != MaxWords-1 {
		t.Fatalf("known word got %d after the cap", id)
	}
}

func TestVocabConcurrent(t *testing.T) {
	v := newVocab()
	var wg sync.WaitGroup
	got := make([][]uint32, 4)
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 3000; i++ {
				got[g] = append(got[g], v.id(fmt.Sprintf("x%d", i%1000)))
			}
		}()
	}
	wg.Wait()
	for g := 1; g < len(got); g++ {
		for i := range got[0] {
			if got[g][i] != got[0][i] {
				t.Fatalf("goroutines disagree on x%d: %d vs %d", i%1000, got[0][i], got[g][i])
			}
		}
	}
}

func TestWordCache(t *testing.T) {
	var c WordCache[string]
	if c.Get(0) != nil || c.Get(7) != nil {
		t.Fatal("empty cache returned a value")
	}
	c.Put(0, "zero") // never kept: 0 means no word
	if c.Get(0) != nil {
		t.Fatal("word 0 was cached")
	}
	c.Put(7, "seven")
	c.Put(7, "other") // first value stays
	if p := c.Get(7); p == nil || *p != "seven" {
		t.Fatalf("Get(7) = %v", p)
	}
	c.Put(MaxWords-1, "top")
	if p := c.Get(MaxWords - 1); p == nil || *p != "top" {
		t.Fatal("last slot lost")
	}
	if c.Get(MaxWords) != nil {
		t.Fatal("slot past the cap")
	}
	var none *WordCache[string] // callers pass nil for "no cache"
	none.Put(7, "x")
	if none.Get(7) != nil {
		t.Fatal("a nil cache returned a value")
	}
}

func TestWordVecs(t *testing.T) {
	c := NewWordVecs(3)
	if c.Get(5) != nil {
		t.Fatal("empty cache returned a vector")
	}
	v := []int32{1, 2, 3, 4}
	c.Put(5, v)
	v[0] = 9 // Put keeps a copy
	c.Put(5, []int32{7, 7, 7})
	c.Put(6, []int32{4, 5, 6})
	c.Put(cacheChunk+5, []int32{8, 8, 8})
	for id, want := range map[uint32][]int32{5: {1, 2, 3}, 6: {4, 5, 6}, cacheChunk + 5: {8, 8, 8}} {
		if got := c.Get(id); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("Get(%d) = %v, want %v", id, got, want)
		}
	}
	c.Put(0, v)
	if c.Get(0) != nil || c.Get(MaxWords) != nil {
		t.Fatal("word 0 or one past the cap was cached")
	}
	var none *WordVecs
	none.Put(5, v)
	if none.Get(5) != nil {
		t.Fatal("a nil cache returned a vector")
	}
}

func TestLowerMatchesToLower(t *testing.T) {
	a, err := New(WithTagging(false))
	if err != nil {
		t.Fatal(err)
	}
	doc := a.Analyze("The CEO of ÉLAN said The ceo’s plan. The CEO")
	for pass := 0; pass < 2; pass++ { // the second pass reads the cache
		for i := range doc.Tokens {
			tok := &doc.Tokens[i]
			if got, want := tok.Lower(), strings.ToLower(tok.Norm); got != want {
				t.Fatalf("Lower(%q) = %q, want %q", tok.Norm, got, want)
			}
			if tok.Word == 0 {
				t.Fatalf("token %q has no word number", tok.Text)
			}
		}
	}
	if doc.Tokens[0].Word == doc.Tokens[1].Word || doc.Tokens[1].Word != doc.Tokens[len(doc.Tokens)-1].Word {
		t.Fatal("same spelling should share a number, different ones not")
	}
}

func TestGetPacksBytes(t *testing.T) {
	tab := newWordTable(16)
	src := "abcdefghijklmnop\x00\xffqrst"
	for i := 0; i <= len(src); i++ {
		for j := i; j <= len(src) && j-i <= 16; j++ {
			w := src[i:j]
			var buf [16]byte
			copy(buf[:], w)
			var wa, wb uint64
			for k := 7; k >= 0; k-- {
				wa = wa<<8 | uint64(buf[k])
				wb = wb<<8 | uint64(buf[8+k])
			}
			if _, a, b := tab.get(w); a != wa || b != wb {
				t.Fatalf("get(%q) packs = %x %x, want %x %x", w, a, b, wa, wb)
			}
		}
	}
}

func TestVocabFindsEveryWord(t *testing.T) {
	// Spellings that differ only in length or a zero byte, and long ones;
	// enough of them to grow the table several times.
	v := newVocab()
	ids := map[string]uint32{}
	seen := map[uint32]string{}
	for i := 0; i < 6000; i++ {
		n := fmt.Sprintf("%d", i)
		for _, w := range []string{n, n + "\x00", strings.Repeat("x", i%40) + n} {
			if _, ok := ids[w]; ok {
				continue
			}
			id := v.id(w)
			if prev, ok := seen[id]; ok || id == 0 {
				t.Fatalf("%q got %d, already %q's", w, id, prev)
			}
			ids[w], seen[id] = id, w
		}
	}
	for w, id := range ids {
		if got := v.id(w); got != id {
			t.Fatalf("%q is %d, was %d", w, got, id)
		}
	}
	tab := v.tab.Load()
	for _, w := range []string{"", "\x00", "6000", "x", "0\x00\x00"} {
		if got, _, _ := tab.get(w); got != 0 {
			t.Fatalf("%q is %d, never added", w, got)
		}
	}
}

// Lower's result outlives the document in callers' per-word caches, so the
// first call for a word must not hand back a slice of the text: one kept
// slice would pin the whole article for the rest of the run.
func TestLowerDoesNotPinTheText(t *testing.T) {
	a, err := New(WithTagging(false))
	if err != nil {
		t.Fatal(err)
	}
	doc := a.Analyze("zqxpinword and zqxpinword again")
	lo := uintptr(unsafe.Pointer(unsafe.StringData(doc.Text)))
	hi := lo + uintptr(len(doc.Text))
	for i := range doc.Tokens {
		if doc.Tokens[i].Word == 0 {
			t.Fatalf("token %q has no word number, so nothing is cached", doc.Tokens[i].Norm)
		}
		l := doc.Tokens[i].Lower()
		if p := uintptr(unsafe.Pointer(unsafe.StringData(l))); len(l) > 0 && p >= lo && p < hi {
			t.Fatalf("Lower(%q) points into the document text", doc.Tokens[i].Norm)
		}
	}
}
