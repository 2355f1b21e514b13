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
// little-endian data, written in stored (uncompressed) blocks: Huffman
// decoding the default model took ~170M instructions, the most of any
// start-up step, for a file half the size (readers take either): the first pass (transitions as float32, then the
// non-zero weight rows as uvarint index delta + int16 weights scaled by
// header.scale), the training-name gazetteer (sequence hashes with type
// masks, then first-word hashes with lengths), the second pass if any
// (same layout, header.scale2), then word clusters (hash + ids).
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
	// Second pass, when present: its scale and non-zero rows.
	Scale2 float32 `json:"scale2,omitempty"`
	Rows2  int     `json:"rows2,omitempty"`
	// Clusters is the number of word-cluster entries.
	Clusters int `json:"clusters,omitempty"`
	// Inputs fingerprints the training inputs (see inputsHash).
	Inputs string `json:"inputs,omitempty"`
}

// WriteTo writes the model in quarry's model format.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	p1 := m.passRows(0)
	h := header{Version: 3, Types: m.Types, Viterbi: m.Viterbi, UsePOS: m.UsePOS, Bits: m.bits, Scale: p1.scale, Rows: len(p1.idx), Gaz: len(m.gaz.entries)}
	var p2 sparseRows
	if m.tab.twoPass() {
		p2 = m.passRows(1)
		h.Scale2, h.Rows2 = p2.scale, len(p2.idx)
	}
	h.Clusters = len(m.clus)
	h.Inputs = m.inputs
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
	fw, err := flate.NewWriter(cw, flate.NoCompression)
	if err != nil {
		return cw.n, err
	}
	bw := bufio.NewWriter(fw)
	writeWeights(bw, p1, m.nl)
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
	if m.tab.twoPass() {
		writeWeights(bw, p2, m.nl)
	}
	keys = keys[:0]
	for k := range m.clus {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	for _, k := range keys {
		binary.Write(bw, binary.LittleEndian, k)
		binary.Write(bw, binary.LittleEndian, m.clus[k])
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	if err := fw.Close(); err != nil {
		return cw.n, err
	}
	return cw.n, nil
}

// writeWeights writes transitions as float32, then each non-zero row as a
// uvarint index delta and int16 weights.
func writeWeights(bw *bufio.Writer, sr sparseRows, nl int) {
	for _, v := range sr.trans {
		binary.Write(bw, binary.LittleEndian, v)
	}
	var b [binary.MaxVarintLen64]byte
	last := 0
	for j, r := range sr.idx {
		bw.Write(b[:binary.PutUvarint(b[:], uint64(r-last))])
		last = r
		binary.Write(bw, binary.LittleEndian, sr.rows[j*nl:j*nl+nl])
	}
}

// readWeights reads what writeWeights wrote.
func (m *Model) readWeights(d *byteReader, rows int, scale float32) (sparseRows, error) {
	nl := m.nl
	sr := sparseRows{scale: scale, trans: make([]float32, (nl+1)*nl)}
	le := binary.LittleEndian
	tb, ok := d.next(4 * len(sr.trans))
	if !ok {
		return sr, corrupt(io.ErrUnexpectedEOF)
	}
	for i := range sr.trans {
		sr.trans[i] = math.Float32frombits(le.Uint32(tb[4*i:]))
	}
	if rows < 0 || rows > 1<<m.bits {
		return sr, corrupt(nil)
	}
	sr.idx = make([]int, 0, rows)
	sr.rows = make([]int16, rows*nl)
	r0 := 0
	for i := 0; i < rows; i++ {
		delta, ok := d.uvarint()
		if !ok || i > 0 && delta == 0 {
			return sr, corrupt(nil)
		}
		r0 += int(delta)
		if r0 >= 1<<m.bits {
			return sr, corrupt(nil)
		}
		rb, ok := d.next(2 * nl)
		if !ok {
			return sr, corrupt(io.ErrUnexpectedEOF)
		}
		sr.idx = append(sr.idx, r0)
		row := sr.rows[i*nl : i*nl+nl]
		for y := range row {
			row[y] = int16(le.Uint16(rb[2*y:]))
		}
	}
	return sr, nil
}

// byteReader reads the inflated model body.
type byteReader struct{ b []byte }

// next returns the next n bytes, or false when fewer are left.
func (r *byteReader) next(n int) ([]byte, bool) {
	if n < 0 || n > len(r.b) {
		return nil, false
	}
	p := r.b[:n]
	r.b = r.b[n:]
	return p, true
}

func (r *byteReader) uvarint() (uint64, bool) {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		return 0, false
	}
	r.b = r.b[n:]
	return v, true
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
	if h.Version != 3 || h.Bits < 10 || h.Bits > 26 || len(h.Types) == 0 || len(h.Types) > 8 {
		return nil, fmt.Errorf("entities: unsupported model (version %d, %d bits, %d types)", h.Version, h.Bits, len(h.Types))
	}
	m := newModel(h.Types, h.Bits)
	m.Viterbi, m.UsePOS, m.inputs = h.Viterbi, h.UsePOS, h.Inputs
	// Inflated whole, then read in place: a buffered reader's calls per
	// byte and per row cost more than inflating.
	body, err := io.ReadAll(flate.NewReader(br))
	if err != nil {
		return nil, corrupt(err)
	}
	d := &byteReader{b: body}
	le := binary.LittleEndian
	p1, err := m.readWeights(d, h.Rows, h.Scale)
	if err != nil {
		return nil, err
	}
	if h.Gaz < 0 {
		return nil, corrupt(nil)
	}
	eb, ok := d.next(9 * h.Gaz)
	if !ok {
		return nil, corrupt(io.ErrUnexpectedEOF)
	}
	for i := 0; i < h.Gaz; i++ {
		m.gaz.entries[le.Uint64(eb[9*i:])] = eb[9*i+8]
	}
	nb, ok := d.next(4)
	if !ok {
		return nil, corrupt(io.ErrUnexpectedEOF)
	}
	nf := int(le.Uint32(nb))
	fb, ok := d.next(9 * nf)
	if !ok {
		return nil, corrupt(io.ErrUnexpectedEOF)
	}
	for i := 0; i < nf; i++ {
		m.gaz.firsts[le.Uint64(fb[9*i:])] = fb[9*i+8]
	}
	var p2 *sparseRows
	if h.Rows2 > 0 {
		sr, err := m.readWeights(d, h.Rows2, h.Scale2)
		if err != nil {
			return nil, err
		}
		p2 = &sr
	}
	m.setWeights(p1, p2)
	m.tab.pass1 = sparseRows{}
	if h.Clusters > 0 {
		const size = 8 + 2*clusterSlots
		cb, ok := d.next(size * h.Clusters)
		if !ok {
			return nil, corrupt(io.ErrUnexpectedEOF)
		}
		m.clus = make(clusterTable, h.Clusters)
		for i := 0; i < h.Clusters; i++ {
			e := cb[size*i : size*i+size]
			var ids [clusterSlots]uint16
			for l := range ids {
				ids[l] = le.Uint16(e[8+2*l:])
			}
			m.clus[le.Uint64(e[:8])] = ids
		}
	}
	return m, nil
}

func corrupt(err error) error {
	if err == nil {
		return errors.New("entities: corrupt model")
	}
	return fmt.Errorf("entities: corrupt model: %w", err)
}
