package analysis

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"sort"
	"strings"

	"github.com/quarrylabs/quarry/internal/le"
)

// Decoding prose's gob model (a map of maps) and compiling it takes most of
// quarry's start-up time, so the compiled model is kept in tagger.bin, built
// from prose's model by `go test ./pipeline/analysis -run TestTaggerCache
// -update`; that test also fails when tagger.bin no longer matches what prose's
// model compiles to.
//
//go:embed tagger.bin
var taggerBin []byte

// tagCache is the flat, serialisable form of a tagModel. Big lists of
// numbers are little-endian bytes, which gob decodes with one copy where it
// reads an []int32 a varint at a time, and the keys of big maps are one
// string each, cut by NUL bytes, so that decoding does not allocate a
// string per key (that decoding was ~25M instructions, a tenth of
// start-up).
type tagCache struct {
	Classes  []string
	Rows     []byte // uint32s
	Bias     int32
	PrevTag  []int32
	Prev2Tag []int32
	TagPair  []int32
	Pref1    []int32
	WordKeys string // key i is the word of wordInfo[i]
	WordInfo []byte // int32s, 7 per word: cur, prev, prev2, next, next2, twOff, twLen
	TWTag    []uint8
	TWRow    []byte // int32s
	SufKeys  string
	SufInfo  []byte // int32s, 3 per suffix: cur, prev, next
	FixKeys  []string
	FixTags  []string
	FixIDs   []uint8
	Pads     []int32 // word, nsuf of each pad
}

// leBytes returns xs as little-endian bytes.
func leBytes(xs []int32) []byte {
	b := make([]byte, 4*len(xs))
	for i, x := range xs {
		binary.LittleEndian.PutUint32(b[4*i:], uint32(x))
	}
	return b
}

// leInt32s returns the int32s of b, or false if its length is not a
// multiple of 4.
func leInt32s(b []byte) ([]int32, bool) {
	out := make([]int32, len(b)/4)
	le.Fill(out, b)
	return out, len(b)%4 == 0
}

// joinKeys joins keys with NULs; false if a key holds one.
func joinKeys(keys []string) (string, bool) {
	for _, k := range keys {
		if strings.IndexByte(k, 0) >= 0 {
			return "", false
		}
	}
	return strings.Join(keys, "\x00"), true
}

// splitKeys calls fn with each key of joined and its index, and returns how
// many there are.
func splitKeys(joined string, fn func(i int, k string)) int {
	if joined == "" {
		return 0
	}
	i := 0
	for {
		j := strings.IndexByte(joined, 0)
		if j < 0 {
			fn(i, joined)
			return i + 1
		}
		fn(i, joined[:j])
		joined = joined[j+1:]
		i++
	}
}

func (m *tagModel) marshal() ([]byte, error) {
	c := tagCache{Classes: m.classes, Rows: make([]byte, 4*len(m.rows)), Bias: m.bias,
		PrevTag: m.prevTag[:], Prev2Tag: m.prev2Tag[:], TagPair: m.tagPair[:], Pref1: m.pref1[:]}
	for i, r := range m.rows {
		binary.LittleEndian.PutUint32(c.Rows[4*i:], r)
	}
	var wordInfo, twRow, sufInfo []int32
	for _, w := range m.wordInfo {
		wordInfo = append(wordInfo, w.cur, w.prev, w.prev2, w.next, w.next2, w.twOff, w.twLen)
	}
	for _, t := range m.tagWord {
		c.TWTag = append(c.TWTag, t.tag)
		twRow = append(twRow, t.row)
	}
	for _, x := range m.sufInfo {
		sufInfo = append(sufInfo, x.cur, x.prev, x.next)
	}
	c.WordInfo, c.TWRow, c.SufInfo = leBytes(wordInfo), leBytes(twRow), leBytes(sufInfo)
	for _, p := range m.pads {
		c.Pads = append(c.Pads, p.word, p.nsuf)
	}
	wordKeys := make([]string, len(m.wordInfo))
	for w, i := range m.words {
		wordKeys[i] = w
	}
	sufKeys := make([]string, len(m.sufInfo))
	for s, i := range m.suffixes {
		sufKeys[i] = s
	}
	var ok1, ok2 bool
	c.WordKeys, ok1 = joinKeys(wordKeys)
	c.SufKeys, ok2 = joinKeys(sufKeys)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("analysis: a tagger word or suffix holds a NUL")
	}
	keys := make([]string, 0, len(m.fixed))
	for k := range m.fixed {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		c.FixKeys = append(c.FixKeys, k)
		c.FixTags = append(c.FixTags, m.fixed[k].tag)
		c.FixIDs = append(c.FixIDs, m.fixed[k].id)
	}
	var buf bytes.Buffer
	err := gob.NewEncoder(&buf).Encode(&c)
	return buf.Bytes(), err
}

func unmarshalModel(b []byte) (*tagModel, error) {
	var c tagCache
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&c); err != nil {
		return nil, err
	}
	wordInfo, ok1 := leInt32s(c.WordInfo)
	twRow, ok2 := leInt32s(c.TWRow)
	sufInfo, ok3 := leInt32s(c.SufInfo)
	m := &tagModel{classes: c.Classes, rows: make([]uint32, len(c.Rows)/4), bias: c.Bias}
	m.words = make(map[string]int32, len(wordInfo)/7)
	nw := splitKeys(c.WordKeys, func(i int, w string) { m.words[w] = int32(i) })
	m.suffixes = make(map[string]int32, len(sufInfo)/3)
	ns := splitKeys(c.SufKeys, func(i int, s string) { m.suffixes[s] = int32(i) })
	if !ok1 || !ok2 || !ok3 || len(c.PrevTag) != numTags || len(c.Prev2Tag) != numTags || len(c.TagPair) != numTags*numTags ||
		len(c.Pref1) != 256 || len(c.Pads) != 8 || 7*nw != len(wordInfo) || len(c.TWTag) != len(twRow) ||
		3*ns != len(sufInfo) || len(c.FixKeys) != len(c.FixTags) || len(c.FixKeys) != len(c.FixIDs) || len(c.Rows)%4 != 0 {
		return nil, fmt.Errorf("analysis: tagger.bin is inconsistent")
	}
	le.Fill(m.rows, c.Rows)
	copy(m.prevTag[:], c.PrevTag)
	copy(m.prev2Tag[:], c.Prev2Tag)
	copy(m.tagPair[:], c.TagPair)
	copy(m.pref1[:], c.Pref1)
	m.wordInfo = make([]wordRows, nw)
	for i := range m.wordInfo {
		x := wordInfo[7*i : 7*i+7]
		m.wordInfo[i] = wordRows{cur: x[0], prev: x[1], prev2: x[2], next: x[3], next2: x[4], twOff: x[5], twLen: x[6]}
	}
	m.tagWord = make([]tagRow, len(c.TWTag))
	for i := range m.tagWord {
		m.tagWord[i] = tagRow{c.TWTag[i], twRow[i]}
	}
	m.sufInfo = make([]sufRows, ns)
	for i := range m.sufInfo {
		m.sufInfo[i] = sufRows{sufInfo[3*i], sufInfo[3*i+1], sufInfo[3*i+2]}
	}
	for i := range m.pads {
		m.pads[i] = noFeat
		m.pads[i].word, m.pads[i].nsuf = c.Pads[2*i], c.Pads[2*i+1]
	}
	m.fixed = make(map[string]fixedTag, len(c.FixKeys))
	for i, k := range c.FixKeys {
		m.fixed[k] = fixedTag{c.FixTags[i], c.FixIDs[i]}
	}
	m.tagID = make(map[string]uint8, numTags)
	for i, cl := range m.classes {
		m.tagID[cl] = uint8(i)
	}
	m.tagID["-START-"], m.tagID["-START2-"] = tagStart, tagStart2
	m.derive()
	return m, nil
}
