package analysis

import (
	"strings"
	"sync"
	"sync/atomic"
)

// Token.Word numbers each distinct spelling (Norm) once per process, so that
// matchers and models can keep per-word work in a WordCache, an array
// lookup, instead of hashing the same string again in every stage. Numbers
// depend on the order documents arrive in; nothing derived from a number
// may reach the output, only what was computed from the spelling.

// MaxWords bounds the dictionary (and so its memory, ~60 bytes a word plus
// each cache's share): past it, new spellings get Word 0 and callers do
// their work directly, as they do for 0 anyway.
const MaxWords = 1 << 19

type vocab struct {
	// snap is read without locking; words not in it are looked up in
	// fresh under mu, and folded into a new snapshot once fresh is big
	// enough that copying is cheap per word.
	snap  atomic.Pointer[map[string]uint32]
	mu    sync.Mutex
	fresh map[string]uint32
	n     uint32
}

var words = newVocab()

func newVocab() *vocab {
	v := &vocab{fresh: map[string]uint32{}}
	m := map[string]uint32{}
	v.snap.Store(&m)
	return v
}

// id returns w's number, adding it when new, or 0 once MaxWords are known.
func (v *vocab) id(w string) uint32 {
	if id, ok := (*v.snap.Load())[w]; ok {
		return id
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	snap := *v.snap.Load()
	if id, ok := snap[w]; ok {
		return id
	}
	if id, ok := v.fresh[w]; ok {
		return id
	}
	if v.n+1 >= MaxWords {
		return 0
	}
	v.n++
	// A clone: w points into a document that must not stay in memory.
	v.fresh[strings.Clone(w)] = v.n
	if len(v.fresh) > 256+len(snap)/4 {
		m := make(map[string]uint32, len(snap)+len(v.fresh))
		for k, id := range snap {
			m[k] = id
		}
		for k, id := range v.fresh {
			m[k] = id
		}
		v.snap.Store(&m)
		clear(v.fresh)
	}
	return v.n
}

const cacheChunk = 1 << 12

// WordCache holds one T per word number, filled on first use and shared by
// all goroutines. Values must be a function of the spelling alone.
type WordCache[T any] struct {
	chunks [MaxWords / cacheChunk]atomic.Pointer[cacheSlots[T]]
}

type cacheSlots[T any] struct {
	state [cacheChunk]atomic.Uint32 // 0 empty, 1 being written, 2 set
	val   [cacheChunk]T
}

// Get returns the value kept for word id, or nil when there is none yet
// (always for id 0 or a nil cache).
func (c *WordCache[T]) Get(id uint32) *T {
	if c == nil || id == 0 || id >= MaxWords {
		return nil
	}
	s := c.chunks[id/cacheChunk].Load()
	if s == nil || s.state[id%cacheChunk].Load() != 2 {
		return nil
	}
	return &s.val[id%cacheChunk]
}

// Put keeps v for word id unless a value is there already (or being
// written); Get then returns it for good. A nil cache keeps nothing.
func (c *WordCache[T]) Put(id uint32, v T) {
	if c == nil || id == 0 || id >= MaxWords {
		return
	}
	p := &c.chunks[id/cacheChunk]
	s := p.Load()
	if s == nil {
		p.CompareAndSwap(nil, new(cacheSlots[T]))
		s = p.Load()
	}
	k := id % cacheChunk
	if s.state[k].CompareAndSwap(0, 1) {
		s.val[k] = v
		s.state[k].Store(2)
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
		// A clone: l may be t.Norm itself, a slice of the document.
		lowers.Put(t.Word, strings.Clone(l))
	}
	return l
}
