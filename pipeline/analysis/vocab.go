package analysis

import (
	"math/bits"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// Token.Word numbers each distinct spelling (Norm) once per process, so that
// matchers and models can keep per-word work in a WordCache, an array
// lookup, instead of hashing the same string again in every stage. Numbers
// depend on the order documents arrive in; nothing derived from a number
// may reach the output, only what was computed from the spelling.

// MaxWords bounds the dictionary and so the caches' memory, ~0.6 KB a word
// in all (over half of it the entity model's per-word sums), ~80 MB at the
// bound: past it, new spellings get Word 0 and callers do their work
// directly, as they do for 0 anyway. Numbers go in order of first sight, so
// the words left out are mostly rare ones, which a cache would seldom have
// served (a frequent word first seen late goes uncached: slower, not wrong).
// BBC's 2,225 articles use ~39k; 1<<19 let a corpus with many one-off
// spellings take the live heap past 200 MB.
const MaxWords = 1 << 17

type vocab struct {
	// tab is read without locking and written under mu: a slot's id is
	// stored last, atomically, so a reader that sees it sees the spelling.
	// Full to 5/8, the table is copied into one twice the size.
	tab  atomic.Pointer[wordTable]
	mu   sync.Mutex
	long map[string]uint32 // spellings over 16 bytes (rare), under mu
	n    uint32
	// one numbers the one-byte ASCII spellings (punctuation, mostly, a
	// sixth of all tokens) by direct index, once seen.
	one [utf8.RuneSelf]atomic.Uint32
}

var words = newVocab()

func newVocab() *vocab {
	v := &vocab{long: map[string]uint32{}}
	v.tab.Store(newWordTable(1 << 12))
	return v
}

// id returns w's number, adding it when new, or 0 once MaxWords are known.
// Nearly every call finds a short word already known, by one call to get
// (or none for one byte), with no lock or defer to set up.
func (v *vocab) id(w string) uint32 {
	if len(w) == 1 && w[0] < utf8.RuneSelf {
		if id := v.one[w[0]].Load(); id != 0 {
			return id
		}
	} else if len(w) <= 16 {
		if id, _, _ := v.tab.Load().get(w); id != 0 {
			return id
		}
	}
	return v.add(w)
}

// add is id's slow path: a long spelling, or one not yet in the table.
func (v *vocab) add(w string) uint32 {
	v.mu.Lock()
	defer v.mu.Unlock()
	if len(w) > 16 {
		if id, ok := v.long[w]; ok {
			return id
		}
		if !v.next() {
			return 0
		}
		// A clone: w points into a document that must not stay in memory.
		v.long[strings.Clone(w)] = v.n
		return v.n
	}
	t := v.tab.Load()
	id, a, b := t.get(w)
	if id != 0 {
		return id
	}
	if !v.next() {
		return 0
	}
	if 8*(t.count+1) > 5*len(t.slots) {
		g := newWordTable(2 * len(t.slots))
		for i := range t.slots {
			if s := &t.slots[i]; s.id != 0 {
				g.insert(s.a, s.b, s.n, s.id)
			}
		}
		t = g
		v.tab.Store(t)
	}
	t.insert(a, b, uint32(len(w)), v.n)
	if len(w) == 1 && w[0] < utf8.RuneSelf {
		v.one[w[0]].Store(v.n)
	}
	return v.n
}

// next takes the next number, unless MaxWords are known.
func (v *vocab) next() bool {
	if v.n+1 >= MaxWords {
		return false
	}
	v.n++
	return true
}

// wordTable is an open-addressing table from spelling to number. Spellings
// of up to 16 bytes (nearly all words) are kept inline in their slot, so a
// lookup reads one slot instead of a map's control word, slot and
// separately allocated key.
type wordTable struct {
	slots []wordSlot // a power of two
	count int        // under vocab.mu
}

type wordSlot struct {
	a, b uint64 // the spelling's bytes, little-endian, zero-padded
	n    uint32 // its length
	id   uint32 // 0 for an empty slot; set last, atomically
}

func newWordTable(size int) *wordTable { return &wordTable{slots: make([]wordSlot, size)} }

// insert adds a spelling known not to be there; callers hold vocab.mu.
func (t *wordTable) insert(a, b uint64, n, id uint32) {
	mask := uint64(len(t.slots) - 1)
	for i := wordHash(a, b, n) & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.id == 0 {
			s.a, s.b, s.n = a, b, n
			atomic.StoreUint32(&s.id, id)
			t.count++
			return
		}
	}
}

// get returns the number of w (at most 16 bytes), or 0 when it is not in
// the table (or being added right now), and w's bytes, little-endian and
// zero-padded, as the table keeps them. It packs them itself, reading only
// inside w: a call to a helper cost a tenth of the lookup.
func (t *wordTable) get(w string) (id uint32, a, b uint64) {
	switch n := len(w); {
	case n >= 8:
		a = le64(w)
		if n > 8 {
			// The last 8 bytes, shifted so that byte 8 lands lowest.
			b = le64(w[n-8:]) >> (8 * (16 - n))
		}
	case n >= 4:
		a = uint64(le32(w)) | uint64(le32(w[n-4:]))<<(8*(n-4))
	case n > 0:
		a = uint64(w[0]) | uint64(w[n/2])<<(8*(n/2)) | uint64(w[n-1])<<(8*(n-1))
	}
	n := uint32(len(w))
	mask := uint64(len(t.slots) - 1)
	for i := wordHash(a, b, n) & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		id := atomic.LoadUint32(&s.id)
		if id == 0 {
			return 0, a, b
		}
		if s.a == a && s.b == b && s.n == n {
			return id, a, b
		}
	}
}

func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func le32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

func wordHash(a, b uint64, n uint32) uint64 {
	hi, lo := bits.Mul64(a^0x9e3779b97f4a7c15, b^uint64(n)^0xbf58476d1ce4e5b9)
	return hi ^ lo
}

const cacheChunk = 1 << 12

// cached reports whether word id can have a cache slot: not 0, below
// MaxWords. One comparison: id-1 wraps around for 0.
func cached(id uint32) bool { return id-1 < MaxWords-1 }

// WordCache holds one T per word number, filled on first use and shared by
// all goroutines. Values must be a function of the spelling alone.
type WordCache[T any] struct {
	chunks [MaxWords / cacheChunk]atomic.Pointer[cacheSlots[T]]
}

// A slot's state sits beside its value: a word not seen for a while costs
// one cache miss, not one for the state and another for the value.
type cacheSlots[T any] [cacheChunk]struct {
	state atomic.Uint32 // 0 empty, 1 being written, 2 set
	val   T
}

// Get returns the value kept for word id, or nil when there is none yet
// (always for id 0 or a nil cache).
func (c *WordCache[T]) Get(id uint32) *T {
	// Not cached(id): Put never fills slot 0, so id 0 finds it empty.
	if c == nil || id >= MaxWords {
		return nil
	}
	s := c.chunks[id/cacheChunk].Load()
	if s == nil {
		return nil
	}
	if e := &s[id%cacheChunk]; e.state.Load() == 2 {
		return &e.val
	}
	return nil
}

// Put keeps v for word id unless a value is there already (or being
// written); Get then returns it for good. A nil cache keeps nothing.
func (c *WordCache[T]) Put(id uint32, v T) {
	if c == nil || !cached(id) {
		return
	}
	p := &c.chunks[id/cacheChunk]
	s := p.Load()
	if s == nil {
		p.CompareAndSwap(nil, new(cacheSlots[T]))
		s = p.Load()
	}
	if e := &s[id%cacheChunk]; e.state.CompareAndSwap(0, 1) {
		e.val = v
		e.state.Store(2)
	}
}

var lowers WordCache[string]

// Lower returns strings.ToLower(t.Norm), computed once per word.
func (t *Token) Lower() string {
	if c := lowers.Get(t.Word); c != nil {
		return *c
	}
	l := strings.ToLower(t.Norm)
	if t.Word != 0 {
		// A clone: l may be t.Norm itself, a slice of the document, and
		// callers keep the result in their own per-word caches.
		l = strings.Clone(l)
		lowers.Put(t.Word, l)
	}
	return l
}

// WordBits holds a bit per word number (Token.Word), set atomically: a
// property of most words kept where a test costs less, and stays in cache
// longer, than a read of a word cache entry. It is 16 KB.
type WordBits [MaxWords / 64]atomic.Uint64

// Has reports whether word w's bit is set. Word numbers are below
// MaxWords, so the mask changes none; it only spares a bounds check.
func (b *WordBits) Has(w uint32) bool { return b[w>>6&(uint32(len(b))-1)].Load()&(1<<(w&63)) != 0 }

// Set sets word w's bit. Word 0 stands for many words: callers keep its
// bit clear.
func (b *WordBits) Set(w uint32) { b[w>>6&(uint32(len(b))-1)].Or(1 << (w & 63)) }

// WordVecs holds a vector of n int32 per word number, like a WordCache but
// sized at run time, so a cache of short vectors does not pay for the
// longest it might need.
type WordVecs struct {
	n      int
	chunks [MaxWords / cacheChunk]atomic.Pointer[vecSlots]
}

// vecSlots holds cacheChunk slots of 1+n values: the slot's state (as in
// cacheSlots, read and written atomically) and then its vector, so that a
// word's state and vector share a cache line.
type vecSlots struct {
	val []int32
}

// NewWordVecs returns an empty cache of n-value vectors.
func NewWordVecs(n int) *WordVecs { return &WordVecs{n: n} }

// Get returns the vector kept for word id (n values, not to be changed), or
// nil when there is none yet (always for id 0 or a nil cache).
func (c *WordVecs) Get(id uint32) []int32 {
	// Written to be inlined: id 0's slot is never filled (see WordCache.Get).
	if c == nil || id >= MaxWords {
		return nil
	}
	s := c.chunks[id/cacheChunk].Load()
	if s == nil {
		return nil
	}
	k := int(id%cacheChunk) * (c.n + 1)
	if atomic.LoadInt32(&s.val[k]) != 2 {
		return nil
	}
	return s.val[k+1:][:c.n:c.n]
}

// Put keeps a copy of v[:n] for word id unless one is there already.
func (c *WordVecs) Put(id uint32, v []int32) {
	if c == nil || !cached(id) {
		return
	}
	p := &c.chunks[id/cacheChunk]
	s := p.Load()
	if s == nil {
		p.CompareAndSwap(nil, &vecSlots{val: make([]int32, cacheChunk*(c.n+1))})
		s = p.Load()
	}
	k := int(id%cacheChunk) * (c.n + 1)
	if atomic.CompareAndSwapInt32(&s.val[k], 0, 1) {
		copy(s.val[k+1:k+1+c.n], v[:c.n])
		atomic.StoreInt32(&s.val[k], 2)
	}
}
