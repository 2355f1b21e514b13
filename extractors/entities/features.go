package entities

import (
	"math/bits"
	"unicode"
	"unicode/utf8"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// Features are 64-bit hashes: a template seed mixed with per-token hashes
// computed once per token, so the hot loop does integer mixing only.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Template seeds. Changing any of them changes every trained model.
const (
	tBias uint64 = iota + 1
	tLower
	tExact
	tShape
	tLongShape
	tPrefix
	tSuffix
	tPrev1
	tNext1
	tPrev2
	tNext2
	tPrevShape
	tNextShape
	tPrevCur
	tCurNext
	tShape3
	tPOS
	tPrevPOS
	tNextPOS
	tInitShape
	tHeadLower
	tHeadline
	tGaz
	tRuleGaz
	tDocCap
	tDocLower
	tPosition
	tPrevExact
	tNextExact
	tTitle
	tPOSLower
	tDocCapHead
	tLen
	tDocLab
	tDocMaj
	tDocSelf
	tClus
	tClusPrev
	tClusNext
)

// unknownWord marks tokens when the model has no clusters; rareWord, words
// missing from its clusters.
var (
	unknownWord [clusterSlots]uint16
	rareWord    = [clusterSlots]uint16{0xFFFF, 0xFFFF, 0xFFFF, 0}
)

func mix(a, b uint64) uint64 {
	h := a*0x9E3779B97F4A7C15 ^ b
	h ^= h >> 31
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 29
	return h
}

func hashBytes(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// Token flags.
const (
	fUpperFirst uint16 = 1 << iota
	fAllUpper
	fHasLower
	fHasDigit
	fAllDigit
	fHasLetter
	fPunct
	fHeadline // token is in an all-caps sentence
	fSentStart
	fClosed   // no capital, no digit, not a name connector: see closed
	fHasUpper // any capital letter
)

// nameConnectors are the lower-case words and marks that occur inside
// names ("Bank of England", "Pell & Varga", "Vincent van Gogh"). Any other
// token without a capital letter or a digit is almost never part of one:
// in CoNLL-2003 train such tokens are under 0.5% of entity tokens.
var nameConnectors = map[string]bool{
	"of": true, "and": true, "the": true, "for": true, "on": true, "in": true, "at": true,
	"&": true, "'s": true, "’s": true, "'": true, "’": true, ".": true, "-": true, "/": true,
	",": true, "(": true, ")": true, "+": true, "'n'": true,
	"de": true, "del": true, "della": true, "der": true, "den": true, "des": true, "di": true,
	"da": true, "do": true, "dos": true, "du": true, "la": true, "le": true, "les": true,
	"van": true, "von": true, "ter": true, "zu": true, "y": true, "e": true, "et": true,
	"al": true, "el": true, "bin": true, "ibn": true, "al-": true, "el-": true,
	"sans": true, "auf": true, "und": true, "sur": true, "dei": true, "degli": true, "das": true,
}

// closed reports whether a token with these flags and lower-case text
// cannot be inside a name, so tagging may skip it (see Model.emissions).
func closed(flags uint16, lower []byte) bool {
	return flags&(fHasUpper|fHasDigit) == 0 && !nameConnectors[string(lower)]
}

// tokInfo is what features need from a token, precomputed once per token.
type tokInfo struct {
	wordStatic
	pos  uint64
	gaz  uint16 // train gazetteer: bit per (type, B/I)
	rule uint16 // rules gazetteer: bit per (label, B/I)
	doc  uint8  // document flags for this word
	word uint32 // Token.Word
	// Second pass: first-pass label codes this word got elsewhere in the
	// document (bit per code), the majority type there (1+type, 0 none)
	// and its own first-pass code (1+code, 0 when not a capitalised word).
	// lab and maj are set, and read, only when self is not 0.
	lab       uint64
	maj, self uint8
}

const (
	docCapMid uint8 = 1 << iota // seen capitalised, not sentence-initial, outside headlines
	docLower                    // seen in lower case
)

// boundary hashes for positions outside the sentence.
var (
	hStart = hashString("<s>")
	hEnd   = hashString("</s>")
)

// lowerInto appends the lower-case form of s to buf.
func lowerInto(buf []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
		i += n
	}
	return buf
}

// shapes returns hashes of the short shape (runs collapsed: "Xx", "d.d")
// and the long shape capped at 8 runes ("Xxxxx", "dddd").
func shapes(s string) (short, long uint64, flags uint16) {
	short, long = fnvOffset, fnvOffset
	var last rune = -1
	n := 0
	upper, lower, digit, letters, other := 0, 0, 0, 0, 0
	first := true
	for _, r := range s {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
			upper++
			letters++
			if first {
				flags |= fUpperFirst
			}
		case unicode.IsLetter(r):
			c = 'x'
			lower++
			letters++
		case unicode.IsDigit(r):
			c = 'd'
			digit++
		default:
			c = r
			other++
		}
		first = false
		if n < 8 {
			long = (long ^ uint64(c)) * fnvPrime
			n++
		}
		if c != last {
			short = (short ^ uint64(c)) * fnvPrime
			last = c
		}
	}
	if letters > 0 {
		flags |= fHasLetter
		if lower == 0 {
			flags |= fAllUpper
		}
	}
	if lower > 0 {
		flags |= fHasLower
	}
	if upper > 0 {
		flags |= fHasUpper
	}
	if digit > 0 {
		flags |= fHasDigit
		if letters == 0 && other == 0 {
			flags |= fAllDigit
		}
	}
	if letters == 0 && digit == 0 {
		flags |= fPunct
	}
	return short, long, flags
}

// prepare fills infos for the tokens of a document. buf is scratch. gaz
// is the gazetteer that will mark infos, if any.
func prepare(doc *analysis.Doc, infos []tokInfo, buf []byte, usePOS bool, clus clusterTable, gaz *gazetteer, words *wordStatics) []byte {
	for i := range doc.Tokens {
		in := &infos[i]
		w := doc.Tokens[i].Word
		in.word = w
		var c *wordStatic
		if words != nil {
			c = words.cache.Get(w)
		}
		if c != nil {
			in.wordStatic = *c
		} else {
			buf = staticInfo(in, tokenText(&doc.Tokens[i]), buf, clus, gaz)
			in.lex = lexOf(&doc.Tokens[i])
			in.near = nil
			if words != nil {
				in.near = words.tab.nearSums(in, words.bits)
				words.cache.Put(w, in.wordStatic)
			}
		}
		in.pos = 0
		if t := &doc.Tokens[i]; usePOS && t.Tag != "" {
			in.pos = hashString(t.Tag)
		}
		in.gaz, in.rule, in.doc = 0, 0, 0
	}
	for _, s := range doc.Sentences {
		head := true
		letters := 0
		for i := s.First; i < s.Last; i++ {
			f := infos[i].flags
			if f&fHasLower != 0 {
				head = false
				break
			}
			if f&fHasLetter != 0 {
				letters++
			}
		}
		if head && letters > 0 {
			for i := s.First; i < s.Last; i++ {
				infos[i].flags |= fHeadline
			}
		}
		if s.First < s.Last {
			infos[s.First].flags |= fSentStart
		}
	}
	return buf
}

// wordStatics keeps each word's wordStatic for one table of a Model.
type wordStatics struct {
	cache analysis.WordCache[wordStatic]
	tab   *table
	bits  uint8
}

// wordStatic is the part of a tokInfo that depends on the word alone,
// kept per word by a Model so prepare hashes each word once (and copies
// it whole).
type wordStatic struct {
	// near holds the sums of the features the word gives a neighbour
	// (see table.nearSums) when prepare has a table, else nil.
	near                           []int32
	lower, exact, shape, longShape uint64
	pre, suf                       [4]uint64
	clus                           [clusterSlots]uint16
	lex                            lexBits // lexOf the word's tokens, for the resolver
	flags                          uint16  // a tokInfo's copy gains per-token flags (prepare, reopen)
	gazLen                         uint8   // longest gazetteer entry this word starts (see gazetteer.mark)
	gaz1                           uint8   // the gazetteer's type mask for this word alone, 0 for none
	nbytes                         uint8
}

// staticInfo sets in's word fields from text (buf is scratch space).
func staticInfo(in *tokInfo, text string, buf []byte, clus clusterTable, gaz *gazetteer) []byte {
	buf = lowerInto(buf[:0], text)
	in.lower = hashBytes(buf)
	in.exact = hashString(text)
	in.clus = unknownWord
	if clus != nil {
		if c, ok := clus[in.lower]; ok {
			in.clus = c
		} else {
			// A word the clusters never saw is itself a signal.
			in.clus = rareWord
		}
	}
	in.gazLen, in.gaz1 = 0, 0
	if gaz != nil {
		in.gazLen = gaz.firsts.get(in.lower)
		if in.gazLen > 0 {
			in.gaz1 = gaz.entries.get(seqHash(0, in.lower))
		}
	}
	in.shape, in.longShape, in.flags = shapes(text)
	if closed(in.flags, buf) {
		// Its own features are only needed if a hit reopens it (see
		// reopen); neighbours use the fields set here.
		in.flags |= fClosed
		in.pre, in.suf = [4]uint64{}, [4]uint64{}
	} else {
		setAffixes(in, buf)
	}
	in.nbytes = uint8(min(len(text), 255))
	return buf
}

// setAffixes sets the prefix and suffix hashes of a token's lower-cased text.
func setAffixes(in *tokInfo, lower []byte) {
	for k := 0; k < 4; k++ {
		if k < len(lower) {
			in.pre[k] = hashBytes(lower[:k+1])
			in.suf[k] = hashBytes(lower[len(lower)-k-1:])
		} else {
			in.pre[k], in.suf[k] = 0, 0
		}
	}
}

// tokenText is the form of a token the features read.
func tokenText(t *analysis.Token) string {
	if t.Norm != "" {
		return t.Norm
	}
	return t.Text
}

// reopen gives the closed tokens that a gazetteer or rule hit covers their
// affixes and clears fClosed, so the model scores them; all, in training,
// gives every closed token its affixes (the trainer sees every token) and
// leaves the flags alone.
func reopen(doc *analysis.Doc, infos []tokInfo, buf []byte, all bool) []byte {
	for i := range infos {
		in := &infos[i]
		if in.flags&fClosed == 0 || !all && in.gaz == 0 && in.rule == 0 {
			continue
		}
		buf = lowerInto(buf[:0], tokenText(&doc.Tokens[i]))
		setAffixes(in, buf)
		if !all {
			in.flags &^= fClosed
		}
	}
	return buf
}

// docFlags records, per lower-cased word, how it is written elsewhere in the
// document: a capitalised word seen mid-sentence is likely a name even where
// it opens a sentence or sits in an all-caps headline. It leaves the word
// slots in s for docLabels.
func docFlags(infos []tokInfo, s *scratch) {
	slot, n := s.slotsOf(infos)
	s.nslots = n
	if cap(s.seen) < n {
		s.seen = make([]uint8, n)
	}
	seen := s.seen[:n]
	clear(seen)
	for i := range infos {
		in := &infos[i]
		if in.flags&fHasLetter == 0 {
			continue
		}
		var f uint8
		if in.flags&fHasLower == 0 && in.flags&fHeadline != 0 {
			continue
		}
		if in.flags&fUpperFirst != 0 {
			if in.flags&fSentStart == 0 {
				f = docCapMid
			}
		} else {
			f = docLower
		}
		if f != 0 {
			seen[slot[i]] |= f
		}
	}
	for i := range infos {
		infos[i].doc = seen[slot[i]]
	}
}

// slotsOf numbers the distinct lower-case words of infos from 0, in a
// table in s (maps cost more, and clearing one sized by a long document
// costs every later one): slot[i] is token i's number, n how many.
func (s *scratch) slotsOf(infos []tokInfo) (slot []int32, n int) {
	size, shift := 16, uint(60)
	for size < 2*len(infos) {
		size, shift = size<<1, shift-1
	}
	if cap(s.hkeys) < size {
		s.hkeys, s.hids = make([]uint64, size), make([]int32, size)
	}
	keys, ids := s.hkeys[:size], s.hids[:size]
	clear(ids) // 0 empty, else number + 1
	if cap(s.slot) < len(infos) {
		s.slot = make([]int32, len(infos))
	}
	s.slot = s.slot[:len(infos)]
	slot = s.slot
	for i := range infos {
		h := infos[i].lower
		j := int((h * 0x9E3779B97F4A7C15) >> shift)
		for ids[j] != 0 && keys[j] != h {
			j = (j + 1) & (size - 1)
		}
		if ids[j] == 0 {
			n++
			keys[j], ids[j] = h, int32(n)
		}
		slot[i] = ids[j] - 1
	}
	return slot, n
}

// features appends the feature hashes of token i of a sentence (infos is the
// sentence's slice) to out.
func features(infos []tokInfo, i int, out []uint64) []uint64 {
	return appendFeatures(infos, i, out, partAll)
}

// Parts of a token's features (see emissions): its own ones, of the word
// alone wherever it stands; those of one neighbour's spelling alone (see
// nearFeatures); those of a few of its bits alone (see ctxKey); and the
// rest. Outside headlines only: there, all are always wanted.
const (
	partOwn uint8 = 1 << iota
	partNear
	partCtx
	partRest
	partAll = partOwn | partNear | partCtx | partRest
)

// appendFeatures is features, with only the given parts. The order is that
// of features, which training's float sums depend on.
func appendFeatures(infos []tokInfo, i int, out []uint64, parts uint8) []uint64 {
	in := &infos[i]
	prev1, prev2, next1, next2 := hStart, hStart, hEnd, hEnd
	pshape, nshape := hStart, hEnd
	pexact, nexact := hStart, hEnd
	ppos, npos := hStart, hEnd
	if i > 0 {
		p := &infos[i-1]
		prev1, pshape, pexact, ppos = p.lower, p.shape, p.exact, p.pos
		if i > 1 {
			prev2 = infos[i-2].lower
		}
	}
	if i+1 < len(infos) {
		n := &infos[i+1]
		next1, nshape, nexact, npos = n.lower, n.shape, n.exact, n.pos
		if i+2 < len(infos) {
			next2 = infos[i+2].lower
		}
	}
	head := in.flags&fHeadline != 0
	own, near, ctx, rest := parts&partOwn != 0, parts&partNear != 0, parts&partCtx != 0, parts&partRest != 0
	if own {
		out = append(out, tBias, mix(tLower, in.lower), mix(tShape, in.shape))
	}
	if near {
		out = append(out,
			mix(tPrev1, prev1),
			mix(tNext1, next1),
			mix(tPrev2, prev2),
			mix(tNext2, next2),
			mix(tPrevShape, pshape),
			mix(tNextShape, nshape),
		)
	}
	if rest {
		out = pairFeatures(out, prev1, in.lower, next1, pshape, in.shape, nshape)
	}
	if head {
		// Case carries no signal in an all-caps line: lean on the word and
		// on how the document writes it elsewhere.
		if rest {
			out = append(out, tHeadline, mix(tHeadLower, in.lower), mix(tDocCapHead, uint64(in.doc)))
		}
	} else {
		if own {
			out = append(out, mix(tExact, in.exact), mix(tLongShape, in.longShape))
		}
		if near {
			out = append(out, mix(tPrevExact, pexact), mix(tNextExact, nexact))
		}
	}
	if in.clus[0] != 0 {
		if own {
			for l, id := range in.clus[:clusterLevels] {
				out = append(out, mix(tClus+uint64(l)<<8, uint64(id)))
			}
		}
		if ctx {
			out = append(out, mix(tClus+9<<8, mix(uint64(in.clus[clusterLevels]), uint64(in.flags&(fUpperFirst|fAllUpper|fSentStart|fHeadline)))))
		}
	}
	if near && i > 0 && infos[i-1].clus[1] != 0 {
		out = append(out, mix(tClusPrev, uint64(infos[i-1].clus[1])))
	}
	if near && i+1 < len(infos) && infos[i+1].clus[1] != 0 {
		out = append(out, mix(tClusNext, uint64(infos[i+1].clus[1])))
	}
	for k := 0; k < 4 && own; k++ {
		if in.pre[k] != 0 {
			out = append(out, mix(tPrefix+uint64(k)<<8, in.pre[k]), mix(tSuffix+uint64(k)<<8, in.suf[k]))
		}
	}
	if rest && in.pos != 0 {
		out = posFeatures(out, in, ppos, npos)
	}
	if ctx {
		out = append(out, mix(tPosition, uint64(min(i, 2))))
	}
	if rest && in.flags&fSentStart != 0 {
		out = append(out, mix(tInitShape, in.shape))
	}
	if ctx && in.flags&fHasLetter != 0 {
		out = append(out, mix(tDocCap, mix(uint64(in.doc), uint64(in.flags&(fUpperFirst|fSentStart|fHeadline)))))
	}
	if rest && in.gaz|in.rule != 0 {
		out = hitFeatures(out, in)
	}
	if own {
		out = append(out, mix(tLen, min(uint64(in.nbytes), 6)))
	}
	return out
}

// restFeatures is appendFeatures with partRest only, for a token outside
// headlines (see emissions): the same features in the same order, without
// the tests and neighbour reads of the other parts.
func restFeatures(infos []tokInfo, i int, out []uint64) []uint64 {
	in := &infos[i]
	prev1, pshape, ppos := hStart, hStart, hStart
	next1, nshape, npos := hEnd, hEnd, hEnd
	if i > 0 {
		p := &infos[i-1]
		prev1, pshape, ppos = p.lower, p.shape, p.pos
	}
	if i+1 < len(infos) {
		n := &infos[i+1]
		next1, nshape, npos = n.lower, n.shape, n.pos
	}
	out = pairFeatures(out, prev1, in.lower, next1, pshape, in.shape, nshape)
	if in.pos != 0 {
		out = posFeatures(out, in, ppos, npos)
	}
	if in.flags&fSentStart != 0 {
		out = append(out, mix(tInitShape, in.shape))
	}
	if in.gaz|in.rule != 0 {
		out = hitFeatures(out, in)
	}
	return out
}

// pairFeatures appends the features of a word with its neighbours' words
// and shapes.
func pairFeatures(out []uint64, prev1, lower, next1, pshape, shape, nshape uint64) []uint64 {
	return append(out,
		mix(tPrevCur, mix(prev1, lower)),
		mix(tCurNext, mix(lower, next1)),
		mix(tShape3, mix(mix(pshape, shape), nshape)),
	)
}

// posFeatures appends a tagged token's part-of-speech features.
func posFeatures(out []uint64, in *tokInfo, ppos, npos uint64) []uint64 {
	return append(out, mix(tPOS, in.pos), mix(tPrevPOS, ppos), mix(tNextPOS, npos), mix(tPOSLower, mix(in.pos, in.lower)))
}

// hitFeatures appends the features of a token's gazetteer and rule bits.
func hitFeatures(out []uint64, in *tokInfo) []uint64 {
	for g := in.gaz; g != 0; g &= g - 1 {
		bit := uint64(trailingZeros16(g))
		out = append(out, mix(tGaz, bit), mix(tGaz+1<<8, mix(bit, in.shape)))
	}
	for g := in.rule; g != 0; g &= g - 1 {
		bit := uint64(trailingZeros16(g))
		out = append(out, mix(tRuleGaz, bit), mix(tRuleGaz+1<<8, mix(bit, in.shape)))
	}
	return out
}

// Neighbour roles: the token before, after, two before, two after.
const (
	rPrev = iota
	rNext
	rPrev2
	rNext2
	nRoles
)

// nearFeatures appends the partNear features a non-headline token takes
// from its neighbour nb in role r: they depend on nb's spelling alone.
func nearFeatures(r int, nb *tokInfo, out []uint64) []uint64 {
	switch r {
	case rPrev:
		out = append(out, mix(tPrev1, nb.lower), mix(tPrevShape, nb.shape), mix(tPrevExact, nb.exact))
		if nb.clus[1] != 0 {
			out = append(out, mix(tClusPrev, uint64(nb.clus[1])))
		}
	case rNext:
		out = append(out, mix(tNext1, nb.lower), mix(tNextShape, nb.shape), mix(tNextExact, nb.exact))
		if nb.clus[1] != 0 {
			out = append(out, mix(tClusNext, uint64(nb.clus[1])))
		}
	case rPrev2:
		out = append(out, mix(tPrev2, nb.lower))
	case rNext2:
		out = append(out, mix(tNext2, nb.lower))
	}
	return out
}

// nCtx bounds ctxKey.
const nCtx = 3 << 8

// ctxKey numbers the values of what the partCtx features of token i of a
// sentence read (its position, case, caps class and document flags), or
// returns -1 when they are outside what ctxInfo makes, as in headlines.
func ctxKey(in *tokInfo, i int) int {
	pos := min(i, 2)
	if in.doc > 3 || in.flags&fHeadline != 0 || (pos == 0) != (in.flags&fSentStart != 0) {
		return -1
	}
	c := 7 // no cluster feature
	if in.clus[0] != 0 {
		if in.clus[clusterLevels] >= 7 {
			return -1
		}
		c = int(in.clus[clusterLevels])
	}
	k := pos<<2 | int(in.doc)
	k = k<<2 | int(in.flags&(fUpperFirst|fAllUpper))
	k <<= 1
	if in.flags&fHasLetter != 0 {
		k |= 1
	}
	return k<<3 | c
}

// ctxInfo returns a token, and its place in a sentence, whose partCtx
// features are those of any token with key k.
func ctxInfo(k int) (in tokInfo, i int) {
	if c := k & 7; c != 7 {
		in.clus[0], in.clus[clusterLevels] = 1, uint16(c)
	}
	k >>= 3
	in.flags = uint16(k>>1) & (fUpperFirst | fAllUpper)
	if k&1 != 0 {
		in.flags |= fHasLetter
	}
	k >>= 3
	in.doc, i = uint8(k&3), k>>2
	if i == 0 {
		in.flags |= fSentStart
	}
	return in, i
}

// pads stand for the neighbours outside a sentence, per role.
var pads = [nRoles]tokInfo{
	rPrev:  {wordStatic: wordStatic{lower: hStart, shape: hStart, exact: hStart}},
	rNext:  {wordStatic: wordStatic{lower: hEnd, shape: hEnd, exact: hEnd}},
	rPrev2: {wordStatic: wordStatic{lower: hStart}},
	rNext2: {wordStatic: wordStatic{lower: hEnd}},
}

func trailingZeros16(x uint16) int {
	n := 0
	for x&1 == 0 {
		x >>= 1
		n++
	}
	return n
}

// Label codes of a capitalised word in first-pass output: 0 outside any
// name, else 1 + type*4 + position (single, first, middle, last).
const nCodes = 1 + 8*4

func labelCode(tags []int, i int) int {
	y := tags[i]
	if y == 0 {
		return 0
	}
	cont := i+1 < len(tags) && tags[i+1] == 2+2*tagType(y)
	p := 0
	switch {
	case isBegin(y) && cont:
		p = 1
	case !isBegin(y) && cont:
		p = 2
	case !isBegin(y):
		p = 3
	}
	return 1 + tagType(y)*4 + p
}

// docLabels fills the second-pass fields of infos from first-pass tags:
// a word tagged as a surname or a company elsewhere in the article is
// likely the same thing here. docFlags must have run on infos: its word
// slots are used again (lower is the same in both passes).
func docLabels(infos []tokInfo, tags []int, s *scratch) {
	slot, n := s.slot, s.nslots
	if len(slot) != len(infos) {
		panic("entities: docLabels without docFlags")
	}
	if cap(s.labs) < n {
		s.labs = make([]int32, n)
	}
	labs := s.labs[:n] // slot -> index into counts + 1
	clear(labs)
	s.counts = s.counts[:0]
	for i := range infos {
		in := &infos[i]
		in.self = 0
		if in.flags&fUpperFirst == 0 {
			continue
		}
		k := labs[slot[i]] - 1
		if k < 0 {
			k = int32(len(s.counts))
			labs[slot[i]] = k + 1
			s.counts = append(s.counts, codeCounts{})
		}
		c := labelCode(tags, i)
		s.counts[k].n[c]++
		s.counts[k].seen |= 1 << c
		in.self = uint8(1 + c)
	}
	for i := range infos {
		in := &infos[i]
		if in.self == 0 {
			continue
		}
		cnt := &s.counts[labs[slot[i]]-1]
		own := int(in.self - 1)
		in.lab, in.maj = 0, 0
		var byType [8]int
		// A word gets one or two codes of the 33: visit those only.
		for b := cnt.seen; b != 0; b &= b - 1 {
			c := bits.TrailingZeros64(b)
			n := int(cnt.n[c])
			if c == own {
				n--
			}
			if n <= 0 {
				continue
			}
			in.lab |= 1 << c
			if c > 0 {
				byType[(c-1)/4] += n
			}
		}
		if in.lab <= 1 {
			continue // no typed code: byType is all zero, maj stays 0
		}
		best := 0
		for t, n := range byType {
			if n > 0 && (best == 0 || n > byType[best-1]) {
				best = t + 1
			}
		}
		in.maj = uint8(best)
	}
}

// codeCounts counts a word's label codes in first-pass output; seen has
// a bit per code counted.
type codeCounts struct {
	seen uint64
	n    [nCodes]uint16
}

// docFeatures appends the second-pass features of token i.
func docFeatures(infos []tokInfo, i int, out []uint64) []uint64 {
	in := &infos[i]
	if in.self == 0 {
		return out
	}
	for b := in.lab; b != 0; b &= b - 1 {
		out = append(out, mix(tDocLab, uint64(bits.TrailingZeros64(b))))
	}
	out = append(out, mix(tDocMaj, uint64(in.maj)), mix(tDocMaj+1<<8, mix(uint64(in.maj), uint64(in.flags&(fSentStart|fHeadline)))))
	return append(out, mix(tDocSelf, uint64(in.self)))
}

// ruleIdx numbers rule labels for features; pattern hits share one number.
var ruleIdx = map[string]int{"PERSON": 0, "COMPANY": 1, "ORG": 2, "LOC": 3, "GPE": 3, "PRODUCT": 4, "EVENT": 5, "MISC": 6}

const rulePattern = 7

// markHits sets rule bits: 2*label on a hit's first token, 2*label+1 on
// the rest.
func markHits(infos []tokInfo, hits []ruleHit) {
	for _, h := range hits {
		k, ok := ruleIdx[h.label]
		if h.pattern {
			k, ok = rulePattern, true
		}
		if !ok || h.first < 0 || h.last > len(infos) {
			continue
		}
		for i := h.first; i < h.last; i++ {
			b := 2 * k
			if i > h.first {
				b++
			}
			infos[i].rule |= 1 << b
		}
	}
}
