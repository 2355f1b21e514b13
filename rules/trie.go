package rules

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// Phrases (gazetteer names, cue phrases, unit forms) are matched on "atoms":
// runs of letters, runs of digits, and single other characters. Both the
// phrase and the document tokens are cut the same way, so a match does not
// depend on how the tokenizer splits "AT&T", "Amazon.com" or "U.S.". A match
// must still start at a token's first atom and end at a token's last, so
// "Amazon" matches "Amazon" in "Amazon's" but never half a token.

// Case modes a phrase may ask for.
const (
	CaseAuto        = "auto"
	CaseSensitive   = "sensitive"
	CaseInsensitive = "insensitive"
)

// atomCheck is how one phrase atom compares with a document atom (after
// both agree when lower-cased).
type atomCheck uint8

const (
	chkFold       atomCheck = iota // any case
	chkExact                       // same case
	chkCapOrUpper                  // as written, or all upper case (headlines)
)

// phrase is one stored text; its atoms and checks live in the trie's
// shared slabs at [off, off+n), which saves two allocations per phrase.
type phrase struct {
	off, n int32
	val    int32
	next   int32 // next phrase ending at the same node, or -1
}

type trie struct {
	ids     map[string]int32 // lower-cased atom → id
	seen    keySet           // the keys of ids, for atomizeWord
	edges   *edgeTable       // node<<32 | atom id → child node
	roots   []int32          // atom id → child of the root, 0 for none (find's first step)
	end     []int32          // node → first phrase ending there, or -1
	phrases []phrase
	atoms   []string
	checks  []atomCheck
	buf     []byte
	idBuf   []int32
	// words caches what atomize found for each word (see wordOut), in
	// slot slot of its entries; a new atom id drops it, since a cached
	// "unknown" might now be known.
	words *trieWords
	slot  int
}

// trieWords keeps per word one atomize result (0: none yet) for each trie
// sharing it. A Set's tries share one (see shareWords): they run over the
// same documents, and a word's results in one entry cost one cache miss
// rather than one per trie. An entry is 16 bytes.
type trieWords struct {
	cache atomic.Pointer[wordResults]
}

// wordResults is the cache of trieWords. out has, per trie, bit w set when
// the trie leaves word w out (wordOut): most words, for all but the
// gazetteer. atomize tests that bit before the entry: 16 KB a trie stay in
// cache where the entries of the same words would not, and the test is
// cheaper than a cache read.
type wordResults struct {
	analysis.WordCache[[maxShared]uint32]
	out [maxShared]analysis.WordBits
}

const maxShared = 3

// shareWords makes ts (at most maxShared) share one trieWords.
func shareWords(ts ...*trie) {
	if len(ts) > maxShared {
		panic("rules: shareWords of more than maxShared tries")
	}
	w := new(trieWords)
	for k, t := range ts {
		t.words, t.slot = w, k
	}
}

// What atomize found for a word, as words keeps it (never 0, which is
// "not yet").
const (
	wordOut   = 1 // left out (see atomize)
	wordMulti = 2 // several atoms, all known
	wordAtom  = 3 // one known atom: wordAtom + its id
)

// newTrie makes a trie sized for about n phrases.
func newTrie(n int) *trie {
	t := &trie{words: new(trieWords), ids: make(map[string]int32, n), edges: newEdgeTable(3 * n), end: make([]int32, 1, 2*n+1),
		phrases: make([]phrase, 0, n), atoms: make([]string, 0, 3*n), checks: make([]atomCheck, 0, 3*n)}
	t.end[0] = -1
	return t
}

// add inserts text with the given case mode; val is returned with matches.
// It reports false when text has no atoms.
func (t *trie) add(text, mode string, val int32) bool {
	off := len(t.atoms)
	t.atoms, t.checks = appendPhraseAtoms(t.atoms, t.checks, text, mode)
	if len(t.atoms) == off {
		return false
	}
	t.idBuf = t.idBuf[:0]
	for _, a := range t.atoms[off:] {
		t.idBuf = append(t.idBuf, t.atomID(a))
	}
	t.link(t.idBuf, phrase{off: int32(off), n: int32(len(t.atoms) - off), val: val})
	return true
}

// atomID returns the id of an atom, numbering new ones in order.
func (t *trie) atomID(a string) int32 {
	t.buf = appendLower(t.buf[:0], a)
	id, ok := t.ids[string(t.buf)]
	if !ok {
		id = int32(len(t.ids))
		t.ids[string(t.buf)] = id
		t.seen.add(string(t.buf))
		if t.words.cache.Load() != nil {
			t.words.cache.Store(nil)
		}
	}
	return id
}

// link walks and extends the path of atom ids and records ph at its end.
func (t *trie) link(ids []int32, ph phrase) {
	node := int32(0)
	for _, id := range ids {
		child, added := t.edges.getOrPut(uint64(node)<<32|uint64(id), int32(len(t.end)))
		if added {
			t.end = append(t.end, -1)
		}
		if node == 0 {
			for int(id) >= len(t.roots) {
				t.roots = append(t.roots, 0)
			}
			t.roots[id] = child
		}
		node = child
	}
	ph.next = t.end[node]
	t.end[node] = int32(len(t.phrases))
	t.phrases = append(t.phrases, ph)
}

// addAll adds the phrases each gives, with the same result as calling add
// on them in order. Building a big gazetteer's trie is mostly cutting text
// and cache misses in the atom map and the edge table, so it runs as three
// stages at once: cut into atoms (each runs there), number the atoms, link
// the edges. Each stage keeps the order, so the trie does not depend on
// scheduling.
func (t *trie) addAll(each func(add func(text, mode string, val int32))) {
	type batch struct {
		atoms   []string // the batch's part of t.atoms
		ids     []int32
		phrases []phrase
	}
	const size = 4096
	cut, numbered := make(chan batch, 4), make(chan batch, 4)
	go func() {
		defer close(cut)
		first := 0
		var phrases []phrase
		flush := func() {
			cut <- batch{atoms: t.atoms[first:len(t.atoms):len(t.atoms)], phrases: phrases}
			first, phrases = len(t.atoms), make([]phrase, 0, size)
		}
		each(func(text, mode string, val int32) {
			off := len(t.atoms)
			t.atoms, t.checks = appendPhraseAtoms(t.atoms, t.checks, text, mode)
			if len(t.atoms) > off {
				phrases = append(phrases, phrase{off: int32(off), n: int32(len(t.atoms) - off), val: val})
				if len(phrases) == size {
					flush()
				}
			}
		})
		if len(phrases) > 0 {
			flush()
		}
	}()
	go func() {
		defer close(numbered)
		for b := range cut {
			b.ids = make([]int32, len(b.atoms))
			for i, a := range b.atoms {
				b.ids[i] = t.atomID(a)
			}
			numbered <- b
		}
	}()
	for b := range numbered {
		ids := b.ids
		for _, ph := range b.phrases {
			t.link(ids[:ph.n], ph)
			ids = ids[ph.n:]
		}
	}
}

// lookup returns the phrases whose atoms equal those of text, ignoring case.
func (t *trie) lookup(text string) []*phrase {
	node := int32(0)
	var buf []byte
	for _, a := range appendAtoms(nil, foldQuotes(text)) {
		buf = appendLower(buf[:0], a)
		id, ok := t.ids[string(buf)]
		if !ok {
			return nil
		}
		if node, ok = t.edges.get(uint64(node)<<32 | uint64(id)); !ok {
			return nil
		}
	}
	var out []*phrase
	for pi := t.end[node]; pi >= 0 && node > 0; pi = t.phrases[pi].next {
		out = append(out, &t.phrases[pi])
	}
	return out
}

// appendPhraseAtoms cuts a phrase into atoms and decides, word by word, how each
// must compare. In auto mode a word with no lower-case letter ("QVH", "AI",
// "AT&T") must match exactly, a capitalised word ("Quillmore") as written or
// in capitals, and a word starting lower case ("chief", "of", "eBay") in any
// case.
func appendPhraseAtoms(atoms []string, checks []atomCheck, text, mode string) ([]string, []atomCheck) {
	text = foldQuotes(text)
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		j := i
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		w := text[i:j]
		i = j
		chk := chkFold
		switch mode {
		case CaseSensitive:
			chk = chkExact
		case CaseInsensitive:
			chk = chkFold
		default:
			chk = autoCheck(w)
		}
		n0 := len(atoms)
		atoms = appendAtoms(atoms, w)
		for range atoms[n0:] {
			checks = append(checks, chk)
		}
	}
	return atoms, checks
}

func autoCheck(w string) atomCheck {
	hasLower, hasLetter := false, false
	first := rune(0)
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !hasLetter {
				first = r
			}
			hasLetter = true
			if unicode.IsLower(r) {
				hasLower = true
			}
		}
	}
	switch {
	case !hasLetter:
		return chkExact
	case !hasLower:
		return chkExact
	case unicode.IsUpper(first) || unicode.IsTitle(first):
		return chkCapOrUpper
	}
	return chkFold
}

type atomClass uint8

const (
	clSpace atomClass = iota
	clLetter
	clDigit
	clOther
)

func classOf(r rune) atomClass {
	if r < utf8.RuneSelf {
		switch {
		case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
			return clLetter
		case '0' <= r && r <= '9':
			return clDigit
		case r == ' ' || '\t' <= r && r <= '\r':
			return clSpace
		}
		return clOther
	}
	switch {
	case unicode.IsLetter(r) || unicode.IsMark(r):
		return clLetter
	case unicode.IsDigit(r):
		return clDigit
	case unicode.IsSpace(r):
		return clSpace
	}
	return clOther
}

// hasAtoms reports whether s has any atom, without cutting it.
func hasAtoms(s string) bool {
	for _, r := range s {
		if classOf(r) != clSpace {
			return true
		}
	}
	return false
}

// asciiClasses is classOf of each ASCII byte, for appendAtoms: it cuts
// every new word a document brings.
var asciiClasses = func() (t [utf8.RuneSelf]atomClass) {
	for b := range t {
		t[b] = classOf(rune(b))
	}
	return t
}()

// appendAtoms appends the atoms of s (substrings of s) to dst.
func appendAtoms(dst []string, s string) []string {
	if asciiLetters(s) {
		return append(dst, s) // most words: one atom, found in one pass
	}
	start, prev := -1, clSpace
	for i := 0; i < len(s); {
		c, n := asciiClasses[s[i]&0x7f], 1
		if s[i] >= utf8.RuneSelf {
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			c = classOf(r)
		}
		if start >= 0 && (c != prev || c == clOther) {
			dst = append(dst, s[start:i])
			start = -1
		}
		if c != clSpace && start < 0 {
			start = i
		}
		prev = c
		i += n
	}
	if start >= 0 {
		dst = append(dst, s[start:])
	}
	return dst
}

// asciiLetters reports whether s is a run of ASCII letters (not empty).
func asciiLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}

func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return append(dst[:len(dst)-i], strings.ToLower(s)...)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// foldQuotes maps curly quotes and apostrophes to ASCII, as Token.Norm does.
func foldQuotes(s string) string {
	if plainNorm(s) || !strings.ContainsAny(s, "‘’‛“”„`´") {
		return s
	}
	return quoteFolder.Replace(s)
}

// plainNorm reports whether s is ASCII with no backtick: foldQuotes
// leaves it as it is, and lower-casing it is all appendNorm does.
func plainNorm(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c == '`' {
			return false
		}
	}
	return true
}

var quoteFolder = strings.NewReplacer("‘", "'", "’", "'", "‛", "'", "`", "'", "´", "'", "“", `"`, "”", `"`, "„", `"`)

func lower(s string) string { return strings.ToLower(foldQuotes(s)) }

// docAtom is one atom of a token stream: bytes [off, end) of its token's
// tokenNorm, or all of it when end is -1. It holds no pointer, so filling
// a long slice of them costs the collector nothing; only caseOK, for the
// few phrases found, needs the text.
type docAtom struct {
	id          int32 // in the trie's atoms (atomize leaves out the others)
	tok         int32
	off, end    int32
	first, last bool
}

// text returns the atom's bytes in toks.
func (a *docAtom) text(toks []analysis.Token) string {
	t := &toks[a.tok]
	if a.end < 0 {
		return tokenNorm(t)
	}
	return tokenNorm(t)[a.off:a.end]
}

func tokenNorm(t *analysis.Token) string {
	if t.Norm != "" {
		return foldQuotes(t.Norm)
	}
	return foldQuotes(t.Text)
}

// atomPool recycles find's atom slices: find runs for every trie on every
// document, and the slices were a fifth of all bytes allocated.
var atomPool = sync.Pool{New: func() any { return new([]docAtom) }}

// wordCut is how a word cuts into atoms, the same for every trie. folds
// is set when tokenNorm is not just Norm. A word of one atom keeps its
// lower-case form in low, others their atoms in multi.
type wordCut struct {
	folds bool
	low   string
	multi *multiCut
}

// multiCut holds each atom's bytes [off, end) in tokenNorm and its
// lower-case form.
type multiCut struct {
	spans []atomSpan
	lows  []string
}

type atomSpan struct{ off, end int32 }

// cuts keeps each word's cut, shared by all tries.
var cuts analysis.WordCache[wordCut]

// cutOf returns the cut of tok's word.
func cutOf(tok *analysis.Token) wordCut {
	if c := cuts.Get(tok.Word); c != nil {
		return *c
	}
	norm := tokenNorm(tok)
	c := wordCut{folds: norm != tok.Norm}
	var arr [8]string // most words: no allocation for a list read here only
	atoms := appendAtoms(arr[:0], norm)
	switch {
	case len(atoms) == 1 && len(atoms[0]) == len(norm) && !c.folds && tok.Norm != "":
		// appendLower of the whole Norm is strings.ToLower, kept per word.
		c.low = tok.Lower()
	case len(atoms) == 1 && len(atoms[0]) == len(norm):
		c.low = string(appendLower(nil, norm))
	default:
		mc := &multiCut{spans: make([]atomSpan, len(atoms)), lows: make([]string, len(atoms))}
		// An ASCII norm is lower-cased once (a copy: norm may be part of
		// the document) and the atoms' lows are cut from it.
		var low string
		var b [64]byte
		if lb, ascii := asciiLower(b[:0], norm); ascii {
			low = string(lb)
		}
		// Atoms follow each other with at most spaces between, and have
		// none: each is found where it starts.
		at := 0
		for j, a := range atoms {
			at += strings.Index(norm[at:], a)
			mc.spans[j] = atomSpan{int32(at), int32(at + len(a))}
			if low != "" {
				mc.lows[j] = low[at : at+len(a)]
			} else {
				mc.lows[j] = string(appendLower(nil, a))
			}
			at += len(a)
		}
		c.multi = mc
	}
	cuts.Put(tok.Word, c)
	return c
}

// atomize cuts tokens into atoms known to t. A token with an atom that t
// does not know is left out (most tokens, for all but the gazetteer): no
// phrase can start, end or run through it, and find stops at the gap. A
// token of several known atoms comes whole.
func (t *trie) atomize(toks []analysis.Token, dst []docAtom) []docAtom {
	// k is below maxShared by the modulo, so c[k] needs no bounds check.
	words, k := t.words.cache.Load(), uint(t.slot)%maxShared
	if words == nil {
		t.words.cache.CompareAndSwap(nil, new(wordResults))
		words = t.words.cache.Load()
	}
	out := &words.out[k]
	// The loop holds no call but atomizeWord's, for a word's first sight
	// or several atoms: a call on the common path would make the compiler
	// keep the loop's state in memory.
	for i := range toks {
		if out.Has(toks[i].Word) {
			continue
		}
		var v uint32
		if c := words.Get(toks[i].Word); c != nil {
			v = atomic.LoadUint32(&c[k])
		}
		if v == wordOut {
			continue
		}
		if n := len(dst); v >= wordAtom && n < cap(dst) {
			// Word numbers Norm, so tokenNorm is the whole atom.
			dst = dst[:n+1]
			a := &dst[n]
			a.id, a.tok, a.off, a.end, a.first, a.last = int32(v-wordAtom), int32(i), 0, -1, true, true
			continue
		}
		dst = t.atomizeWord(toks, i, v, words, dst)
	}
	return dst
}

// atomizeWord is atomize for token i whose word has v in words.
func (t *trie) atomizeWord(toks []analysis.Token, i int, v uint32, words *wordResults, dst []docAtom) []docAtom {
	if v >= wordAtom {
		return append(dst, docAtom{id: int32(v - wordAtom), tok: int32(i), end: -1, first: true, last: true})
	}
	w := toks[i].Word
	c := cutOf(&toks[i])
	if c.multi == nil {
		if id, ok := t.idOf(c.low); ok {
			dst = append(dst, docAtom{id: id, tok: int32(i), end: -1, first: true, last: true})
			t.putWord(words, w, wordAtom+uint32(id))
		} else {
			t.putWord(words, w, wordOut)
		}
		return dst
	}
	lows, n0 := c.multi.lows, len(dst)
	for j, low := range lows {
		id, ok := t.idOf(low)
		if !ok {
			// A match covers all the atoms of any token it touches,
			// so with one unknown the token is left out like an
			// unknown word (most such tokens, for all but the
			// gazetteer), and cached as one.
			dst = dst[:n0]
			break
		}
		sp := c.multi.spans[j]
		dst = append(dst, docAtom{id: id, tok: int32(i), off: sp.off, end: sp.end, first: j == 0, last: j == len(lows)-1})
	}
	if len(dst) == n0 {
		t.putWord(words, w, wordOut)
	} else {
		t.putWord(words, w, wordMulti)
	}
	return dst
}

// idOf returns the id of a lower-cased atom. A word's first sight in a
// trie is mostly of an atom it does not know: seen tells most of those
// without a map look-up.
func (t *trie) idOf(low string) (int32, bool) {
	if !t.seen.mayHave(low) {
		return 0, false
	}
	id, ok := t.ids[low]
	return id, ok
}

// putWord keeps v as t's atomize result for word w. Another trie may be
// storing its own in the same entry: each writes only its slot.
func (t *trie) putWord(words *wordResults, w, v uint32) {
	c := words.Get(w)
	if c == nil {
		words.Put(w, [maxShared]uint32{})
		if c = words.Get(w); c == nil {
			return // being put by another goroutine: keep nothing this time
		}
	}
	atomic.StoreUint32(&c[t.slot], v)
	if v == wordOut {
		words.out[t.slot].Set(w) // w has an entry, so it is not 0
	}
}

// hit is one phrase found in a token stream; last is exclusive.
type hit struct {
	first, last int
	ph          *phrase
}

// find reports every phrase occurrence that starts and ends on token
// boundaries and stays within one sentence.
func (t *trie) find(toks []analysis.Token, fn func(h hit)) {
	if len(t.phrases) == 0 || len(toks) == 0 {
		return
	}
	buf := atomPool.Get().(*[]docAtom)
	if cap(*buf) < len(toks) {
		// About one atom per token: growing by appends would copy a
		// long article's atoms over and over.
		*buf = make([]docAtom, 0, len(toks)+len(toks)/8)
	}
	atoms := t.atomize(toks, (*buf)[:0])
	defer func() {
		*buf = atoms[:0]
		atomPool.Put(buf)
	}()
	for a := range atoms {
		at := &atoms[a]
		if !at.first || int(at.id) >= len(t.roots) {
			continue
		}
		node := t.roots[at.id]
		if node == 0 {
			continue
		}
		sent := toks[at.tok].Sent
		for b := a; ; {
			if at.last {
				for pi := t.end[node]; pi >= 0; pi = t.phrases[pi].next {
					ph := &t.phrases[pi]
					if t.caseOK(ph, atoms[a:b+1], toks) {
						fn(hit{first: int(atoms[a].tok), last: int(at.tok) + 1, ph: ph})
					}
				}
			}
			if b++; b == len(atoms) {
				break
			}
			// at.tok > prev+1: tokens left out lie between.
			prev := at.tok
			if at = &atoms[b]; at.tok > prev+1 || toks[at.tok].Sent != sent {
				break
			}
			child, ok := t.edges.get(uint64(node)<<32 | uint64(at.id))
			if !ok {
				break
			}
			node = child
		}
	}
}

func (t *trie) caseOK(ph *phrase, atoms []docAtom, toks []analysis.Token) bool {
	want, checks := t.atoms[ph.off:ph.off+ph.n], t.checks[ph.off:ph.off+ph.n]
	for i := range atoms {
		switch checks[i] {
		case chkExact:
			if atoms[i].text(toks) != want[i] {
				return false
			}
		case chkCapOrUpper:
			if a := atoms[i].text(toks); a != want[i] && a != strings.ToUpper(want[i]) {
				return false
			}
		}
	}
	return true
}

// phraseKey is the case-folded, atom-joined form of a phrase, used to spot
// duplicates and for lookups by name.
func phraseKey(s string) string {
	return string(appendPhraseKey(make([]byte, 0, len(s)+8), s))
}

// appendPhraseKey appends the phraseKey of s to dst.
func appendPhraseKey(dst []byte, s string) []byte {
	s = foldQuotes(s)
	b, n0 := dst, len(dst)
	start, prev := -1, clSpace
	flush := func(end int) {
		if len(b) > n0 {
			b = append(b, ' ')
		}
		b = appendLower(b, s[start:end])
	}
	for i, r := range s {
		c := classOf(r)
		if start >= 0 && (c != prev || c == clOther) {
			flush(i)
			start = -1
		}
		if c != clSpace && start < 0 {
			start = i
		}
		prev = c
	}
	if start >= 0 {
		flush(len(s))
	}
	return b
}
