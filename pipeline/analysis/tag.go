package analysis

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"math"
	"math/bits"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/jdkato/prose/v2"
)

// The tagger is prose v2's averaged perceptron (a port of TextBlob's
// "fast and accurate" tagger) with the same model, features and special
// cases, re-implemented for speed: every feature string is interned at load
// into a row of (class, weight) pairs, so tagging a token costs a few map
// lookups on the word and its suffix, six dense and two to four sparse row
// sums, with no allocation.
//
// Every weight of the model is a multiple of 0.001 (TextBlob rounds its
// averages so), so rows hold them as integer thousandths and scores are
// exact integer sums: the same whatever the order of the additions, which
// lets tag add up once, and share, the rows that several tokens have in
// common (see tagmemo.go). prose sums float64s in map order instead, so its
// scores carry rounding errors and its ties are broken at random.
//
// Deviations from prose:
//   - a few punctuation tokens are shown to the model in the Penn Treebank
//     form it was trained on (see tagInput): it has never seen '"', "—" or
//     "£" and tags them as nouns;
//   - ties between equal scores go to the first class in the model's order
//     (prose picks one at random through map iteration);
//   - the token "0" is tagged by the model instead of prose's "-NONE-" (a Penn
//     Treebank empty-element pattern that only misfires on news text);
//   - Analyze tags each sentence as its own sequence, as the model was
//     trained; prose runs the whole document as one sequence.

const (
	tagStart  = 45 // "-START-" as a previous tag
	tagStart2 = 46 // "-START2-"
	tagOther  = 47 // any tag the model has no features for ("-", "-NONE-", ...)
	numTags   = 48
	noRow     = -1
)

type tagModel struct {
	classes []string // class id → tag

	// Weight rows, each a two-word header and then one word per class with
	// a weight; a row is known by the offset of its header (see addRow).
	// One array, so summing a row touches one or two cache lines where
	// separate offset, class, weight and mask arrays cost four misses.
	rows []uint32

	bias     int32
	prevTag  [numTags]int32           // "i-1 tag P1"
	prev2Tag [numTags]int32           // "i-2 tag P2"
	tagPair  [numTags * numTags]int32 // "i tag+i-2 tag P1 P2"
	pref1    [256]int32               // "i pref1 C" (prose takes the first byte as a rune)

	words    map[string]int32 // normalised word → wordInfo index
	wordInfo []wordRows
	tagWord  []tagRow         // "i-1 tag+i word P1 W", grouped per word, by tag
	suffixes map[string]int32 // last ≤3 bytes → sufInfo index
	sufs     sufTable         // the same, derived (see sufTable)
	sufInfo  []sufRows

	fixed map[string]fixedTag // prose's tag dictionary and emoticons, special cases applied
	tagID map[string]uint8

	pads [4]tokFeat // context features of -START-, -START2-, -END-, -END2-

	// Derived, not stored in tagger.bin: each word's features, made on
	// first use (see tagmemo.go).
	partBySuf []atomic.Pointer[partNode] // by raw suffix index + 1, 0 for no row (see partFor)
	ctxByWord []atomic.Pointer[ctxSum]   // by model word (see ctxFor)
	ctxBySuf  []atomic.Pointer[ctxSum]   // by suffix index + 1, for other words
	pairs     []atomic.Pointer[partSum]  // by p1*numTags+p2: the three previous-tag rows
	byWord    WordCache[tokFeat]
	far       []partSum // long "i-2 word" and "i+2 word" rows, summed (see farSum)
	biasSum   partSum   // the bias row, summed: it starts every partial sum
}

type wordRows struct {
	cur, prev, prev2, next, next2 int32 // "i word", "i-1 word", "i-2 word", "i+1 word", "i+2 word"
	twOff, twLen                  int32 // its "i-1 tag+i word" rows, m.tagWord[twOff:][:twLen], by tag
	// Derived: the previous tags with such a row, a bit each, and the
	// prev2 and next2 rows as tag reads them (see farSum).
	tw                 uint64
	prev2Far, next2Far int32
}

type tagRow struct {
	tag uint8
	row int32
}

type sufRows struct {
	cur, prev, next int32 // "i suffix", "i-1 suffix", "i+1 suffix"
}

type fixedTag struct {
	tag string
	id  uint8
}

// tokFeat holds the tag-independent lookups for one token: all that tag
// reads of a word, copied from wordInfo, so that it shares one cache line
// with its byWord state (56 bytes, 64 with it) and a token costs no read
// of wordInfo, a line each of its word and those two before and after.
type tokFeat struct {
	part  *partSum // the running sums after the bias, rawSuf and pref rows, unless done
	ctx   *ctxSum  // what the token gives its neighbours' scores
	tw    uint64   // word's wordRows.tw (0 for none)
	twOff int32    // and twOff
	cur   int32    // the "i word" row of word
	prev2 int32    // word's prev2 and next2 rows as farSum takes them
	next2 int32
	word  int32 // wordInfo index of the normalised form, or -1
	nsuf  int32 // sufInfo index of the normalised form's suffix, or -1
	suf   int32 // sufInfo index of the word as written, or -1
	done  bool  // tag already decided (dictionary or special case)
	named bool  // done, and the tag is not m.classes[id]: decided gives it
	id    uint8
}

// noFeat is the features of a word the model does not know, before lookup.
var noFeat = tokFeat{word: -1, nsuf: -1, suf: -1, cur: noRow, prev2: noRow, next2: noRow}

// setWord sets f's features from model word i (wordInfo index).
func (m *tagModel) setWord(f *tokFeat, i int32) {
	wr := &m.wordInfo[i]
	f.word, f.cur, f.tw, f.twOff, f.prev2, f.next2 = i, wr.cur, wr.tw, wr.twOff, wr.prev2Far, wr.next2Far
}

// rawSuf is the "i suffix" row of the word as written, or noRow.
func (m *tagModel) rawSuf(f *tokFeat) int32 {
	if f.suf < 0 {
		return noRow
	}
	return m.sufInfo[f.suf].cur
}

var (
	modelOnce sync.Once
	model     *tagModel
	modelErr  error
)

// sharedModel loads the tagger model once per process: the compiled copy of
// prose's model in tagger.bin, or prose's own if that is missing.
func sharedModel() (*tagModel, error) {
	modelOnce.Do(func() {
		if len(taggerBin) > 0 {
			model, modelErr = unmarshalModel(taggerBin)
		}
		if len(taggerBin) == 0 || modelErr != nil {
			model, modelErr = loadModel()
		}
	})
	return model, modelErr
}

func loadModel() (*tagModel, error) {
	var (
		wts     map[string]map[string]float64
		tags    map[string]string
		classes []string
	)
	for _, a := range []struct {
		name string
		dst  any
	}{{"classes.gob", &classes}, {"tags.gob", &tags}, {"weights.gob", &wts}} {
		b, err := prose.Asset("model/AveragedPerceptron/" + a.name)
		if err != nil {
			return nil, err
		}
		if err := gob.NewDecoder(bytes.NewReader(b)).Decode(a.dst); err != nil {
			return nil, fmt.Errorf("analysis: decoding tagger %s: %w", a.name, err)
		}
	}
	if len(classes) != tagStart {
		return nil, fmt.Errorf("analysis: tagger has %d classes, want %d", len(classes), tagStart)
	}
	return buildModel(wts, tags, classes)
}

func buildModel(wts map[string]map[string]float64, tags map[string]string, classes []string) (*tagModel, error) {
	m := &tagModel{
		classes:  classes,
		bias:     noRow,
		words:    make(map[string]int32, 16384),
		suffixes: make(map[string]int32, 4096),
		fixed:    make(map[string]fixedTag, len(tags)+len(emoticons)),
	}
	tagID := make(map[string]uint8, numTags)
	for i, c := range classes {
		tagID[c] = uint8(i)
	}
	tagID["-START-"], tagID["-START2-"] = tagStart, tagStart2
	m.tagID = tagID
	for i := range m.prevTag {
		m.prevTag[i], m.prev2Tag[i] = noRow, noRow
	}
	for i := range m.tagPair {
		m.tagPair[i] = noRow
	}
	for i := range m.pref1 {
		m.pref1[i] = noRow
	}

	word := func(w string) *wordRows {
		i, ok := m.words[w]
		if !ok {
			i = int32(len(m.wordInfo))
			m.words[w] = i
			m.wordInfo = append(m.wordInfo, wordRows{cur: noRow, prev: noRow, prev2: noRow, next: noRow, next2: noRow})
		}
		return &m.wordInfo[i]
	}
	suffix := func(s string) *sufRows {
		i, ok := m.suffixes[s]
		if !ok {
			i = int32(len(m.sufInfo))
			m.suffixes[s] = i
			m.sufInfo = append(m.sufInfo, sufRows{noRow, noRow, noRow})
		}
		return &m.sufInfo[i]
	}
	tagWords := map[int32][]tagRow{}

	// Sorted feature order keeps row layout deterministic.
	feats := make([]string, 0, len(wts))
	for f := range wts {
		feats = append(feats, f)
	}
	sort.Strings(feats)
	for _, f := range feats {
		row, err := m.addRow(wts[f], tagID)
		if err != nil {
			return nil, err
		}
		switch tmpl, v, _ := cutFeature(f); tmpl {
		case "bias":
			m.bias = row
		case "i suffix":
			suffix(v).cur = row
		case "i-1 suffix":
			suffix(v).prev = row
		case "i+1 suffix":
			suffix(v).next = row
		case "i pref1":
			if r := []rune(v); len(r) == 1 && r[0] < 256 {
				m.pref1[r[0]] = row
			}
		case "i-1 tag":
			if id, ok := tagID[v]; ok {
				m.prevTag[id] = row
			}
		case "i-2 tag":
			if id, ok := tagID[v]; ok {
				m.prev2Tag[id] = row
			}
		case "i tag+i-2 tag":
			a, b, _ := strings.Cut(v, " ")
			ida, oka := tagID[a]
			idb, okb := tagID[b]
			if oka && okb {
				m.tagPair[int(ida)*numTags+int(idb)] = row
			}
		case "i word":
			word(v).cur = row
		case "i-1 word":
			word(v).prev = row
		case "i-2 word":
			word(v).prev2 = row
		case "i+1 word":
			word(v).next = row
		case "i+2 word":
			word(v).next2 = row
		case "i-1 tag+i word":
			t, w, _ := strings.Cut(v, " ")
			if id, ok := tagID[t]; ok {
				word(w)
				wi := m.words[w]
				tagWords[wi] = append(tagWords[wi], tagRow{id, row})
			}
		}
	}
	for wi := range m.wordInfo {
		rows := tagWords[int32(wi)]
		// By tag, so that tag finds a tag's row by counting (see wordRows.tw).
		sort.Slice(rows, func(i, j int) bool { return rows[i].tag < rows[j].tag })
		m.wordInfo[wi].twOff = int32(len(m.tagWord))
		m.wordInfo[wi].twLen = int32(len(rows))
		m.tagWord = append(m.tagWord, rows...)
	}
	m.groupRows()

	for w, t := range tags {
		id, ok := tagID[t]
		if !ok {
			id = tagOther
		}
		m.fixed[w] = fixedTag{t, id}
	}
	// Prose checks "-", emoticons, links and the trace patterns before its
	// dictionary; resolve that order once here. No emoticon is "-", so
	// they come last, and special need not check them: tag finds every
	// one in m.fixed before it asks special.
	for w := range m.fixed {
		if t, ok := m.special(w); ok {
			m.fixed[w] = t
		}
	}
	for _, e := range emoticons {
		m.fixed[e] = fixedTag{"SYM", tagID["SYM"]}
	}

	// Context padding is used as is, not normalised.
	for i, w := range [...]string{"-START-", "-START2-", "-END-", "-END2-"} {
		m.pads[i] = noFeat
		if k, ok := m.words[w]; ok {
			m.pads[i].word = k
		}
		if k, ok := m.suffixes[w[len(w)-3:]]; ok {
			m.pads[i].nsuf = k
		}
	}
	m.derive()
	return m, nil
}

// cutFeature splits "template value" at the template name.
func cutFeature(f string) (tmpl, value string, ok bool) {
	for _, t := range [...]string{"bias", "i suffix", "i pref1", "i-1 tag+i word", "i tag+i-2 tag",
		"i-1 tag", "i-2 tag", "i word", "i-1 word", "i-1 suffix", "i-2 word", "i+1 word",
		"i+1 suffix", "i+2 word"} {
		if f == t {
			return t, "", true
		}
		if len(f) > len(t) && f[len(t)] == ' ' && f[:len(t)] == t {
			return t, f[len(t)+1:], true
		}
	}
	return "", "", false
}

// A row's header has a bit per class of the row (so it sets its classes
// seen in one step), in its first word and the low bits of its second, and
// the number of classes in the top bits of the second; an entry holds the
// weight in thousandths above the class byte.
const (
	rowHeader   = 2
	rowLenShift = 16
	milli       = 1000
)

func (m *tagModel) addRow(ws map[string]float64, tagID map[string]uint8) (int32, error) {
	type cw struct {
		c uint8
		w int32
	}
	row := make([]cw, 0, len(ws))
	for c, w := range ws {
		if id, ok := tagID[c]; ok && id < tagStart {
			k := math.Round(w * milli)
			if math.Abs(w*milli-k) > 1e-6 || math.Abs(k) >= 1<<23 {
				return 0, fmt.Errorf("analysis: tagger weight %v is not a multiple of 0.001 (or too large)", w)
			}
			row = append(row, cw{id, int32(k)})
		}
	}
	sort.Slice(row, func(i, j int) bool { return row[i].c < row[j].c })
	at := int32(len(m.rows))
	var mask uint64
	for _, x := range row {
		mask |= 1 << x.c
	}
	m.rows = append(m.rows, uint32(mask), uint32(mask>>32)|uint32(len(row))<<rowLenShift)
	for _, x := range row {
		m.rows = append(m.rows, uint32(x.w)<<8|uint32(x.c))
	}
	return at, nil
}

// groupRows moves each model word's rows that tag walks for a token (its
// "i word", short "i-2 word" and "i+2 word", and "i-1 tag+i word" rows) next
// to each other, so that the tokens around a word find them in one or two
// cache lines rather than one line each, scattered over the megabytes of
// rows; the other rows follow in their order.
func (m *tagModel) groupRows() {
	old := m.rows
	to := make([]int32, len(old)) // old offset of a row → new offset + 1
	rows := make([]uint32, 0, len(old))
	place := func(r int32) {
		if r >= 0 && to[r] == 0 {
			to[r] = int32(len(rows)) + 1
			rows = append(rows, old[r:int(r)+rowHeader+int(old[r+1]>>rowLenShift)]...)
		}
	}
	short := func(r int32) {
		if r >= 0 && old[r+1]>>rowLenShift < denseRow {
			place(r)
		}
	}
	for _, wr := range m.wordInfo {
		place(wr.cur)
		short(wr.prev2)
		short(wr.next2)
		for _, t := range m.tagWord[wr.twOff : wr.twOff+wr.twLen] {
			place(t.row)
		}
	}
	for r := int32(0); r < int32(len(old)); r += rowHeader + int32(old[r+1]>>rowLenShift) {
		place(r)
	}
	move := func(r *int32) {
		if *r >= 0 {
			*r = to[*r] - 1
		}
	}
	move(&m.bias)
	for _, rs := range [][]int32{m.prevTag[:], m.prev2Tag[:], m.tagPair[:], m.pref1[:]} {
		for i := range rs {
			move(&rs[i])
		}
	}
	for i := range m.wordInfo {
		wr := &m.wordInfo[i]
		for _, r := range []*int32{&wr.cur, &wr.prev, &wr.prev2, &wr.next, &wr.next2} {
			move(r)
		}
	}
	for i := range m.tagWord {
		move(&m.tagWord[i].row)
	}
	for i := range m.sufInfo {
		s := &m.sufInfo[i]
		move(&s.cur)
		move(&s.prev)
		move(&s.next)
	}
	m.rows = rows
}

// row returns the class mask and entries of the row at r.
func (m *tagModel) row(r int32) (uint64, []uint32) {
	h0, h1 := m.rows[r], m.rows[r+1]
	n := int(h1 >> rowLenShift)
	return uint64(h0) | uint64(h1&(1<<rowLenShift-1))<<32, m.rows[r+rowHeader:][:n]
}

// addEntries adds a row's weights to the scores by class.
func addEntries(scores *[256]int32, es []uint32) {
	for _, e := range es {
		scores[uint8(e)] += int32(e) >> 8
	}
}

// special applies prose's rules that precede the model, but for emoticons
// (SYM, all in m.fixed): "-" is "-", links, emails and @handles NN,
// "*"-traces -NONE-, and "-LRB-"-style tokens are their own tag.
func (m *tagModel) special(w string) (fixedTag, bool) {
	// Each case needs a leading '-' or '*', or a '.' or '@' somewhere:
	// most words have none, and two IndexBytes cost less than the checks.
	if w[0] != '-' && w[0] != '*' && strings.IndexByte(w, '.') < 0 && strings.IndexByte(w, '@') < 0 {
		return fixedTag{}, false
	}
	tagID := m.tagID
	if w == "-" {
		return fixedTag{"-", tagOther}, true
	}
	if w[0] == '@' || maybeLink(w) && linkRE.MatchString(w) ||
		strings.IndexByte(w, '@') > 0 && emailRE.MatchString(w) {
		return fixedTag{"NN", tagID["NN"]}, true
	}
	if w[0] == '*' && noneRE.MatchString(w) {
		return fixedTag{"-NONE-", tagOther}, true
	}
	if len(w) == 5 && w[0] == '-' && w[4] == '-' && allUpperASCII(w[1:4]) {
		id, ok := tagID[w]
		if !ok {
			id = tagOther
		}
		return fixedTag{w, id}, true
	}
	return fixedTag{}, false
}

// maybeLink is a cheap necessary condition for linkRE: a period after one of
// [a-z0-9.-] with at least two bytes after it.
func maybeLink(w string) bool {
	for i := 1; i+2 < len(w); i++ {
		if w[i] == '.' {
			c := w[i-1]
			if c >= 'a' && c <= 'z' || isDigit(c) || c == '.' || c == '-' {
				return true
			}
		}
	}
	return false
}

// Patterns from github.com/mingrammer/commonregex (as used by prose) and
// prose's own trace pattern.
var (
	linkRE  = regexp.MustCompile(`(?:(?:https?:\/\/)?(?:[a-z0-9.\-]+|www|[a-z0-9.\-])[.](?:[^\s()<>]+|\((?:[^\s()<>]+|(?:\([^\s()<>]+\)))*\))+(?:\((?:[^\s()<>]+|(?:\([^\s()<>]+\)))*\)|[^\s!()\[\]{};:\'".,<>?]))`)
	emailRE = regexp.MustCompile(`(?i)([A-Za-z0-9!#$%&'*+\/=?^_{|.}~-]+@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)`)
	noneRE  = regexp.MustCompile(`^(?:\*[\w?]\*|\*\-\d{1,3}|\*[A-Z]+\*\-\d{1,3}|\*)$`)
)

// emoticons is prose's list (prose/tokenize.go).
var emoticons = []string{"(-8", "(-;", "(-_-)", "(._.)", "(:", "(=", "(o:", "(¬_¬)", "(ಠ_ಠ)",
	"(╯°□°）╯︵┻━┻", "-__-", "8-)", "8-D", "8D", ":(", ":((", ":(((", ":()", ":)))", ":-)", ":-))",
	":-)))", ":-*", ":-/", ":-X", ":-]", ":-o", ":-p", ":-x", ":-|", ":-}", ":0", ":3", ":P", ":]",
	":`(", ":`)", ":`-(", ":o", ":o)", "=(", "=)", "=D", "=|", "@_@", "O.o", "O_o", "V_V", "XDD",
	"[-:", "^___^", "o_0", "o_O", "o_o", "v_v", "xD", "xDD", "¯\\(ツ)/¯"}

// isInt reports whether strconv.Atoi would accept s, without its error allocation.
func isInt(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	return s != "" && allDigits(s)
}

var (
	normHyphen = []byte("!HYPHEN")
	normYear   = []byte("!YEAR")
	normDigits = []byte("!DIGITS")
)

// normalize is prose's context normalisation of a non-empty word. The result
// may alias buf and is only valid until the next call.
func normalize(w string, buf *[]byte) []byte {
	if strings.IndexByte(w, '-') >= 0 && w[0] != '-' {
		return normHyphen
	}
	if len(w) == 4 && isInt(w) {
		return normYear
	}
	if isDigit(w[0]) {
		return normDigits
	}
	b := (*buf)[:0]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			b = append(b[:0], strings.ToLower(w)...)
			break
		}
		b = append(b, lowerASCII(c))
	}
	*buf = b
	return b
}

// features computes the tag-independent lookups for word w (as written).
func (m *tagModel) features(w string, buf *[]byte) tokFeat {
	f := noFeat
	k := sufKey(w[max(0, len(w)-3):])
	si := m.sufs.find(k)
	f.suf = si
	n := normalize(w, buf)
	if i, ok := m.words[string(n)]; ok {
		m.setWord(&f, i)
	}
	// Most words are lower case already: one suffix lookup, not two.
	if nk := sufKey(n[max(0, len(n)-3):]); nk != k {
		si = m.sufs.find(nk)
	}
	f.nsuf = si
	return f
}

type tagScratch struct {
	base  [tagBlock]tagBase // first, so that each starts a cache line
	feats []*tokFeat        // the pads, then a token's features, then the pads
	own   []tokFeat         // features byWord does not keep (Word 0, or being written)
	buf   []byte
	ctxs  []ctxSum   // the rest of a block of sums (see take)
	parts []partNode // likewise
}

// tagBlock is how many tokens tag scores in one go (see tag).
const tagBlock = 32

// tagBase is a token's scores from the features that do not depend on the
// tags before it, by class (biased, see sumBias), and the classes they
// touch. Indexed by a class byte, so without bounds checks: only the first
// sumLanes entries are ever used, in three cache lines with seen. Padded to
// 17 lines, so that a block's bases fall in different sets of the cache,
// where a stride of 16 put eight in a set.
type tagBase struct {
	seen uint64
	v    [256]int32
	_    [56]byte
}

var scratchPool = sync.Pool{New: func() any { return new(tagScratch) }}

// tag sets Tag on toks, treating them as one sequence (a sentence).
//
// It works on blocks of tagBlock tokens, in two passes. The first adds up,
// for every token, the features that do not depend on the previous tags:
// its word, suffix and prefix and what its neighbours say. Those rows are
// scattered over megabytes, but no token waits for another's, so their
// cache misses overlap. The second goes left to right adding what the
// previous tags say, mostly from a few hot rows, and picks each tag.
// Integer sums: the order of the additions does not change a score.
func (m *tagModel) tag(toks []Token) {
	if len(toks) == 0 {
		return
	}
	sc := scratchPool.Get().(*tagScratch)
	defer scratchPool.Put(sc)
	// feats[i+2] is token i's features, pointers into byWord: with the
	// pads on both sides, a token's neighbours are found without a test.
	feats := append(sc.feats[:0], &m.pads[0], &m.pads[1])
	if cap(sc.own) < len(toks) {
		sc.own = make([]tokFeat, 0, len(toks)) // never regrown below: feats points into it
	}
	own := sc.own[:0]
	for i := range toks {
		w, id := toks[i].Norm, toks[i].Word
		if byteKind[w[0]]&kWord == 0 { // tagInput changes only punctuation and symbols
			if in := tagInput(toks, i); in != w {
				w, id = in, words.id(in) // "``" for '"' and the like
			}
		}
		c := m.byWord.Get(id)
		if c == nil {
			f := m.lookup(w, sc)
			m.byWord.Put(id, f)
			if c = m.byWord.Get(id); c == nil {
				own = append(own, f)
				c = &own[len(own)-1]
			}
		}
		feats = append(feats, c)
	}
	feats = append(feats, &m.pads[2], &m.pads[3])
	sc.feats = feats

	n := len(toks)
	p1, p2 := uint8(tagStart), uint8(tagStart2)
	for from := 0; from < n; from += tagBlock {
		to := min(n, from+tagBlock)
		for i := from; i < to; i++ {
			f := feats[i+2]
			if f.done {
				continue
			}
			b := &sc.base[i-from]
			pv, nv := &feats[i+1].ctx.prev, &feats[i+3].ctx.next
			pv2, pr2 := m.farSum(feats[i].prev2)
			nv2, nr2 := m.farSum(feats[i+4].next2)
			if pv2 == &biased && nv2 == &biased {
				add3(b, f.part, pv, nv) // neither far word has a dense sum
			} else {
				add5(b, f.part, pv, nv, pv2, nv2)
			}
			m.addTo(b, f.cur)
			m.addTo(b, pr2)
			m.addTo(b, nr2)
		}
		for i := from; i < to; i++ {
			f := feats[i+2]
			if f.done {
				if f.named {
					t, _ := m.decided(tagInput(toks, i))
					toks[i].Tag = t.tag
				} else {
					toks[i].Tag = m.classes[f.id]
				}
				p2, p1 = p1, f.id
				continue
			}
			b := &sc.base[i-from]
			if bit := uint64(1) << p1; f.tw&bit != 0 {
				m.addTo(b, m.tagWord[int(f.twOff)+bits.OnesCount64(f.tw&(bit-1))].row)
			}
			best := m.best(b, m.pairFor(p1, p2))
			if best < 0 {
				toks[i].Tag = ""
				p2, p1 = p1, tagOther
				continue
			}
			toks[i].Tag = m.classes[best]
			p2, p1 = p1, uint8(best)
		}
	}
}

// add3 and add5 overwrite b with the sum of three or five partial sums,
// two lanes (classes) at a time (see sumBias).
func add3(b *tagBase, x, y, z *partSum) {
	bw, xw, yw, zw := laneWords(&b.v[0]), laneWords(&x.v[0]), laneWords(&y.v[0]), laneWords(&z.v[0])
	for i := range bw {
		bw[i] = xw[i] + yw[i] + zw[i]
	}
	b.seen = x.seen | y.seen | z.seen
}

func add5(b *tagBase, x, y, z, p, q *partSum) {
	bw, xw, yw, zw := laneWords(&b.v[0]), laneWords(&x.v[0]), laneWords(&y.v[0]), laneWords(&z.v[0])
	pw, qw := laneWords(&p.v[0]), laneWords(&q.v[0])
	// Two words a step, and the last (sumWords is odd): the loop's count
	// and jump cost a third of what its body does.
	const _ uint = sumWords%2 - 1
	for i := 0; i < sumWords-1; i += 2 {
		bw[i] = xw[i] + yw[i] + zw[i] + pw[i] + qw[i]
		bw[i+1] = xw[i+1] + yw[i+1] + zw[i+1] + pw[i+1] + qw[i+1]
	}
	const l = sumWords - 1
	bw[l] = xw[l] + yw[l] + zw[l] + pw[l] + qw[l]
	b.seen = x.seen | y.seen | z.seen | p.seen | q.seen
}

// addTo adds the weights of the row at r (none when r < 0) to b and marks
// its classes.
func (m *tagModel) addTo(b *tagBase, r int32) {
	if r < 0 {
		return
	}
	h, es := m.row(r)
	b.seen |= h
	addEntries(&b.v, es)
}

// best returns the first class with the highest score b+pair among those
// some row touched, or -1 when none did.
func (m *tagModel) best(b *tagBase, pair *partSum) int {
	// The first highest of all classes, four a step after class 0 (no
	// tail: tagStart is 45; five a step ran out of registers). A class no
	// row touched scores 0 (its biases alone): if one won, look again
	// among the touched ones (the highest of which may be below 0).
	const _ uint = -((tagStart - 1) % 4) // no build if a tail is left
	best, top := 0, b.v[0]+pair.v[0]
	for c := 1; c < tagStart-3; c += 4 {
		v0, v1 := b.v[c]+pair.v[c], b.v[c+1]+pair.v[c+1]
		v2, v3 := b.v[c+2]+pair.v[c+2], b.v[c+3]+pair.v[c+3]
		if v0 > top {
			best, top = c, v0
		}
		if v1 > top {
			best, top = c+1, v1
		}
		if v2 > top {
			best, top = c+2, v2
		}
		if v3 > top {
			best, top = c+3, v3
		}
	}
	seen := (b.seen | pair.seen) & (1<<tagStart - 1)
	if seen&(1<<best) != 0 {
		return best
	}
	best, top = -1, math.MinInt32
	for bs := seen; bs != 0; bs &= bs - 1 {
		c := bits.TrailingZeros64(bs)
		if v := b.v[c] + pair.v[c]; v > top {
			best, top = c, v
		}
	}
	return best
}

// tagInput is the form of toks[i] the model sees: Norm, except for
// punctuation that the Penn Treebank writes differently.
func tagInput(toks []Token, i int) string {
	w := toks[i].Norm
	if len(w) == 1 {
		if w == "\"" {
			if toks[i].Text == "“" || toks[i].Text != "”" && (i == 0 || toks[i].SpaceBefore || toks[i-1].Text == "(" || toks[i-1].Text == "[") {
				return "``"
			}
			return "''"
		}
		if w == "'" && (toks[i].Text == "‘" || i == 0 || toks[i].SpaceBefore) {
			return "`"
		}
		return w
	}
	switch w {
	case "—", "–", "―", "‒":
		return "--"
	case "…", "….":
		return "..."
	case "£", "€", "¥", "₹", "₩", "₽", "₺", "₦", "₪", "₫", "¢":
		return "$"
	}
	return w
}

// sufTable is m.suffixes as an open-addressing table keyed by sufKey: a
// word's first tagging looks up two suffixes, and a map lookup (hashing a
// string) cost several times what a probe here does.
type sufTable []sufSlot // a power of two, at most half full

type sufSlot struct {
	key uint32 // 0 for an empty slot
	idx int32
}

// sufKey packs a suffix of 1 to 3 bytes, and its length, into a uint32.
func sufKey[S string | []byte](s S) uint32 {
	k := uint32(len(s)) << 24
	for i := 0; i < len(s); i++ {
		k |= uint32(s[i]) << (8 * i)
	}
	return k
}

func newSufTable(suffixes map[string]int32) sufTable {
	size := 16
	for size < 2*len(suffixes) {
		size *= 2
	}
	// In index order, so that the same model makes the same table.
	keys := make([]string, len(suffixes))
	for s, i := range suffixes {
		keys[i] = s
	}
	t := make(sufTable, size)
	for i, s := range keys {
		if len(s) == 0 || len(s) > 3 {
			continue // no token's suffix
		}
		k := sufKey(s)
		j := t.slot(k)
		for t[j].key != 0 {
			j = (j + 1) & (len(t) - 1)
		}
		t[j] = sufSlot{k, int32(i)}
	}
	return t
}

func (t sufTable) slot(k uint32) int { return int((k*0x9e3779b1)>>16) & (len(t) - 1) }

// find returns the sufInfo index of the suffix with key k, or -1.
func (t sufTable) find(k uint32) int32 {
	for j := t.slot(k); ; j = (j + 1) & (len(t) - 1) {
		switch t[j].key {
		case k:
			return t[j].idx
		case 0:
			return -1
		}
	}
}
