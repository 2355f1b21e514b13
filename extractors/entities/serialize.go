package entities

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
)

// Model file: a magic line, a JSON header line, then a DEFLATE stream of
// little-endian data: transitions (float32), the non-zero weight rows
// (uvarint index delta + int16 weights scaled by header.scale) and the
// gazetteer hashes, then hashes of common lower-case words.
const magic = "quarry-entities-model\n"

type header struct {
	Version int      `json:"version"`
	Types   []string `json:"types"`
	Viterbi bool     `json:"viterbi"`
	UsePOS  bool     `json:"pos"`
	Bits    uint8    `json:"bits"`
	Scale   float32  `json:"scale"`
	Rows    int      `json:"rows"`
	Gaz     int      `json:"gaz"`
}

// WriteTo writes the model in quarry's model format.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	var maxAbs float32
	rows := 0
	nl := m.nl
	for r := 0; r < 1<<m.bits; r++ {
		nz := false
		for _, v := range m.w[r*nl : r*nl+nl] {
			if v != 0 {
				nz = true
			}
			if a := float32(math.Abs(float64(v))); a > maxAbs {
				maxAbs = a
			}
		}
		if nz {
			rows++
		}
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	h := header{Version: 1, Types: m.Types, Viterbi: m.Viterbi, UsePOS: m.UsePOS, Bits: m.bits, Scale: scale, Rows: rows, Gaz: len(m.gaz.entries)}
	hb, err := json.Marshal(h)
	if err != nil {
		return 0, err
	}
	if _, err := io.WriteString(cw, magic); err != nil {
		return cw.n, err
	}
	if _, err := cw.Write(append(hb, '\n')); err != nil {
		return cw.n, err
	}
	fw, err := flate.NewWriter(cw, flate.BestCompression)
	if err != nil {
		return cw.n, err
	}
	bw := bufio.NewWriter(fw)
	var b [binary.MaxVarintLen64]byte
	for _, v := range m.trans {
		binary.Write(bw, binary.LittleEndian, v)
	}
	last := 0
	for r := 0; r < 1<<m.bits; r++ {
		row := m.w[r*nl : r*nl+nl]
		nz := false
		for _, v := range row {
			if v != 0 {
				nz = true
				break
			}
		}
		if !nz {
			continue
		}
		bw.Write(b[:binary.PutUvarint(b[:], uint64(r-last))])
		last = r
		for _, v := range row {
			binary.Write(bw, binary.LittleEndian, int16(math.Round(float64(v/scale))))
		}
	}
	keys := make([]uint64, 0, len(m.gaz.entries))
	for k := range m.gaz.entries {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	for _, k := range keys {
		binary.Write(bw, binary.LittleEndian, k)
		bw.WriteByte(m.gaz.entries[k])
	}
	keys = keys[:0]
	for k := range m.gaz.firsts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	binary.Write(bw, binary.LittleEndian, uint32(len(keys)))
	for _, k := range keys {
		binary.Write(bw, binary.LittleEndian, k)
		bw.WriteByte(m.gaz.firsts[k])
	}
	keys = keys[:0]
	for k := range m.common {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	binary.Write(bw, binary.LittleEndian, uint32(len(keys)))
	for _, k := range keys {
		binary.Write(bw, binary.LittleEndian, k)
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	if err := fw.Close(); err != nil {
		return cw.n, err
	}
	return cw.n, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// ReadModel reads a model written by WriteTo.
func ReadModel(r io.Reader) (*Model, error) {
	br := bufio.NewReader(r)
	line, err := br.ReadString('\n')
	if err != nil || line != magic {
		return nil, errors.New("entities: not a quarry entity model")
	}
	hl, err := br.ReadBytes('\n')
	if err != nil {
		return nil, fmt.Errorf("entities: model header: %w", err)
	}
	var h header
	if err := json.Unmarshal(bytes.TrimSpace(hl), &h); err != nil {
		return nil, fmt.Errorf("entities: model header: %w", err)
	}
	if h.Version != 1 || h.Bits == 0 || h.Bits > 26 || len(h.Types) == 0 || len(h.Types) > 8 {
		return nil, fmt.Errorf("entities: unsupported model (version %d, %d bits, %d types)", h.Version, h.Bits, len(h.Types))
	}
	m := newModel(h.Types, h.Bits)
	m.Viterbi, m.UsePOS = h.Viterbi, h.UsePOS
	d := bufio.NewReaderSize(flate.NewReader(br), 1<<16)
	le := binary.LittleEndian
	var b8 [8]byte
	for i := range m.trans {
		if _, err := io.ReadFull(d, b8[:4]); err != nil {
			return nil, corrupt(err)
		}
		m.trans[i] = math.Float32frombits(le.Uint32(b8[:4]))
	}
	nl := m.nl
	rowBuf := make([]byte, 2*nl)
	r0 := 0
	for i := 0; i < h.Rows; i++ {
		delta, err := binary.ReadUvarint(d)
		if err != nil {
			return nil, corrupt(err)
		}
		r0 += int(delta)
		if r0 >= 1<<h.Bits {
			return nil, corrupt(nil)
		}
		if _, err := io.ReadFull(d, rowBuf); err != nil {
			return nil, corrupt(err)
		}
		row := m.w[r0*nl : r0*nl+nl]
		for y := range row {
			row[y] = float32(int16(le.Uint16(rowBuf[2*y:]))) * h.Scale
		}
	}
	var e [9]byte
	for i := 0; i < h.Gaz; i++ {
		if _, err := io.ReadFull(d, e[:]); err != nil {
			return nil, corrupt(err)
		}
		m.gaz.entries[le.Uint64(e[:8])] = e[8]
	}
	if _, err := io.ReadFull(d, b8[:4]); err != nil {
		return nil, corrupt(err)
	}
	nf := int(le.Uint32(b8[:4]))
	for i := 0; i < nf; i++ {
		if _, err := io.ReadFull(d, e[:]); err != nil {
			return nil, corrupt(err)
		}
		m.gaz.firsts[le.Uint64(e[:8])] = e[8]
	}
	if _, err := io.ReadFull(d, b8[:4]); err != nil {
		return nil, corrupt(err)
	}
	nc := int(le.Uint32(b8[:4]))
	for i := 0; i < nc; i++ {
		if _, err := io.ReadFull(d, b8[:]); err != nil {
			return nil, corrupt(err)
		}
		m.common[le.Uint64(b8[:])] = true
	}
	return m, nil
}

func corrupt(err error) error {
	if err == nil {
		return errors.New("entities: corrupt model")
	}
	return fmt.Errorf("entities: corrupt model: %w", err)
}
