package analysis

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"sort"
)

// Decoding prose's gob model (a map of maps) and compiling it takes most of
// quarry's start-up time, so the compiled model is kept in tagger.bin, built
// from prose's model by `go test ./pipeline/analysis -run TestTaggerCache
// -update`; that test also fails when tagger.bin no longer matches what prose's
// model compiles to.
//
//go:embed tagger.bin
var taggerBin []byte

// tagCache is the flat, serialisable form of a tagModel.
type tagCache struct {
	Classes  []string
	Rows     []byte // little-endian uint32s: gob takes a byte slice in one copy, a uint32 slice a varint at a time
	Bias     int32
	PrevTag  []int32
	Prev2Tag []int32
	TagPair  []int32
	Pref1    []int32
	WordKeys []string // WordKeys[i] is the word of wordInfo[i]
	WordInfo []int32  // 7 per word: cur, prev, prev2, next, next2, twOff, twLen
	TWTag    []uint8
	TWRow    []int32
	SufKeys  []string
	SufInfo  []int32 // 3 per suffix: cur, prev, next
	FixKeys  []string
	FixTags  []string
	FixIDs   []uint8
	Pads     []int32 // word, nsuf of each pad
}

func (m *tagModel) marshal() ([]byte, error) {
	c := tagCache{Classes: m.classes, Rows: make([]byte, 4*len(m.rows)), Bias: m.bias,
		PrevTag: m.prevTag[:], Prev2Tag: m.prev2Tag[:], TagPair: m.tagPair[:], Pref1: m.pref1[:]}
	for i, r := range m.rows {
		binary.LittleEndian.PutUint32(c.Rows[4*i:], r)
	}
	for _, w := range m.wordInfo {
		c.WordInfo = append(c.WordInfo, w.cur, w.prev, w.prev2, w.next, w.next2, w.twOff, w.twLen)
	}
	for _, t := range m.tagWord {
		c.TWTag = append(c.TWTag, t.tag)
		c.TWRow = append(c.TWRow, t.row)
	}
	for _, x := range m.sufInfo {
		c.SufInfo = append(c.SufInfo, x.cur, x.prev, x.next)
	}
	for _, p := range m.pads {
		c.Pads = append(c.Pads, p.word, p.nsuf)
	}
	c.WordKeys = make([]string, len(m.wordInfo))
	for w, i := range m.words {
		c.WordKeys[i] = w
	}
	c.SufKeys = make([]string, len(m.sufInfo))
	for s, i := range m.suffixes {
		c.SufKeys[i] = s
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
	if len(c.PrevTag) != numTags || len(c.Prev2Tag) != numTags || len(c.TagPair) != numTags*numTags ||
		len(c.Pref1) != 256 || len(c.Pads) != 8 || 7*len(c.WordKeys) != len(c.WordInfo) || len(c.TWTag) != len(c.TWRow) ||
		3*len(c.SufKeys) != len(c.SufInfo) || len(c.FixKeys) != len(c.FixTags) || len(c.FixKeys) != len(c.FixIDs) || len(c.Rows)%4 != 0 {
		return nil, fmt.Errorf("analysis: tagger.bin is inconsistent")
	}
	m := &tagModel{classes: c.Classes, rows: make([]uint32, len(c.Rows)/4), bias: c.Bias}
	for i := range m.rows {
		m.rows[i] = binary.LittleEndian.Uint32(c.Rows[4*i:])
	}
	copy(m.prevTag[:], c.PrevTag)
	copy(m.prev2Tag[:], c.Prev2Tag)
	copy(m.tagPair[:], c.TagPair)
	copy(m.pref1[:], c.Pref1)
	m.wordInfo = make([]wordRows, len(c.WordKeys))
	for i := range m.wordInfo {
		x := c.WordInfo[7*i : 7*i+7]
		m.wordInfo[i] = wordRows{x[0], x[1], x[2], x[3], x[4], x[5], x[6]}
	}
	m.tagWord = make([]tagRow, len(c.TWTag))
	for i := range m.tagWord {
		m.tagWord[i] = tagRow{c.TWTag[i], c.TWRow[i]}
	}
	m.sufInfo = make([]sufRows, len(c.SufKeys))
	for i := range m.sufInfo {
		m.sufInfo[i] = sufRows{c.SufInfo[3*i], c.SufInfo[3*i+1], c.SufInfo[3*i+2]}
	}
	for i := range m.pads {
		m.pads[i] = tokFeat{word: c.Pads[2*i], nsuf: c.Pads[2*i+1]}
	}
	m.words = make(map[string]int32, len(c.WordKeys))
	for i, w := range c.WordKeys {
		m.words[w] = int32(i)
	}
	m.suffixes = make(map[string]int32, len(c.SufKeys))
	for i, s := range c.SufKeys {
		m.suffixes[s] = int32(i)
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
