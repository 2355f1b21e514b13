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
	"sort"

	"github.com/quarrylabs/quarry/internal/le"
)

// Model file: a magic line, a JSON header line, then a DEFLATE stream of
// little-endian data, written in stored (uncompressed) blocks: Huffman
// decoding the default model took ~170M instructions, the most of any
// start-up step, for a file half the size (readers take either).
//
// Version 4 holds the packed table as it is in memory (see table), so that
// loading it is a copy: the first pass's transitions as float32, the
// second's if any, the present bitmap as uint64s, then header.packed rows
// of stride int16 weights. Then the training-name gazetteer (sequence
// hashes with type masks, then first-word hashes with lengths) and word
// clusters (hash + ids). Version 3, still read, held each pass's non-zero
// rows as uvarint index delta + nl int16 weights, and decoding those and
// packing them again took a fifth of start-up: the first pass
// (transitions, rows), the gazetteer, the second pass if any, clusters.
const magic = "quarry-entities-model\n"

type header struct {
	Version int      `json:"version"`
	Types   []string `json:"types"`
	Viterbi bool     `json:"viterbi"`
	UsePOS  bool     `json:"pos"`
	Bits    uint8    `json:"bits"`
	Scale   float32  `json:"scale"`
	Rows    int      `json:"rows"` // non-zero rows of the first pass
	Gaz     int      `json:"gaz"`
	// Second pass, when present: its scale and non-zero rows.
	Scale2 float32 `json:"scale2,omitempty"`
	Rows2  int     `json:"rows2,omitempty"`
	// Version 4: whether there is a second pass, and the rows of the
	// packed table.
	TwoPass bool `json:"twopass,omitempty"`
	Packed  int  `json:"packed,omitempty"`
	// Clusters is the number of word-cluster entries.
	Clusters int `json:"clusters,omitempty"`
	// Inputs fingerprints the training inputs (see inputsHash).
	Inputs string `json:"inputs,omitempty"`
}

// WriteTo writes the model in quarry's model format (version 4).
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	t := &m.tab
	h := header{Version: 4, Types: m.Types, Viterbi: m.Viterbi, UsePOS: m.UsePOS, Bits: m.bits, Scale: t.scale[0],
		Rows: len(m.passRows(0).idx), Gaz: m.gaz.entries.len(), Packed: len(t.rows) / t.stride}
	if t.twoPass() {
		h.TwoPass, h.Scale2, h.Rows2 = true, t.scale[1], len(m.passRows(1).idx)
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
	binary.Write(bw, binary.LittleEndian, t.trans[0])
	if t.twoPass() {
		binary.Write(bw, binary.LittleEndian, t.trans[1])
	}
	binary.Write(bw, binary.LittleEndian, t.present)
	binary.Write(bw, binary.LittleEndian, t.rows)
	m.writeGazetteer(bw)
	m.writeClusters(bw)
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	if err := fw.Close(); err != nil {
		return cw.n, err
	}
	return cw.n, nil
}

// writeGazetteer writes the training-name gazetteer: its entries, the
// number of first words, then those.
func (m *Model) writeGazetteer(bw *bufio.Writer) {
	for _, k := range m.gaz.entries.keys() {
		binary.Write(bw, binary.LittleEndian, k)
		bw.WriteByte(m.gaz.entries.get(k))
	}
	keys := m.gaz.firsts.keys()
	binary.Write(bw, binary.LittleEndian, uint32(len(keys)))
	for _, k := range keys {
		binary.Write(bw, binary.LittleEndian, k)
		bw.WriteByte(m.gaz.firsts.get(k))
	}
}

func (m *Model) writeClusters(bw *bufio.Writer) {
	keys := make([]uint64, 0, len(m.clus))
	for k := range m.clus {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	for _, k := range keys {
		binary.Write(bw, binary.LittleEndian, k)
		binary.Write(bw, binary.LittleEndian, m.clus[k])
	}
}

// readWeights reads what writeWeights wrote (version 3).
func (m *Model) readWeights(d *byteReader, rows int, scale float32) (sparseRows, error) {
	nl := m.nl
	sr := sparseRows{scale: scale}
	var err error
	if sr.trans, err = d.float32s((nl + 1) * nl); err != nil {
		return sr, err
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
		le.Fill(sr.rows[i*nl:i*nl+nl], rb)
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

// float32s reads n little-endian float32s.
func (r *byteReader) float32s(n int) ([]float32, error) {
	b, ok := r.next(4 * n)
	if !ok {
		return nil, corrupt(io.ErrUnexpectedEOF)
	}
	out := make([]float32, n)
	le.Fill(out, b)
	return out, nil
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

// ReadModel reads a model written by WriteTo, of version 3 or 4.
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
	if h.Version != 3 && h.Version != 4 || h.Bits < 10 || h.Bits > 26 || len(h.Types) == 0 || len(h.Types) > 8 {
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
	if h.Version == 4 {
		if err := m.readTable(d, &h); err != nil {
			return nil, err
		}
		if err := m.readGazetteer(d, h.Gaz); err != nil {
			return nil, err
		}
	} else {
		p1, err := m.readWeights(d, h.Rows, h.Scale)
		if err != nil {
			return nil, err
		}
		if err := m.readGazetteer(d, h.Gaz); err != nil {
			return nil, err
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
	}
	if h.Clusters > 0 {
		const size = 8 + 2*clusterSlots
		cb, ok := d.next(size * h.Clusters)
		if !ok {
			return nil, corrupt(io.ErrUnexpectedEOF)
		}
		order := binary.LittleEndian
		m.clus = make(clusterTable, h.Clusters)
		for i := 0; i < h.Clusters; i++ {
			e := cb[size*i : size*i+size]
			var ids [clusterSlots]uint16
			for l := range ids {
				ids[l] = order.Uint16(e[8+2*l:])
			}
			m.clus[order.Uint64(e[:8])] = ids
		}
	}
	return m, nil
}

// readTable reads the packed table of a version 4 model.
func (m *Model) readTable(d *byteReader, h *header) error {
	words := (1 << m.bits) / 64
	t := table{present: make([]uint64, words), rank: make([]uint32, words), stride: m.nl}
	t.scale[0] = h.Scale
	var err error
	if t.trans[0], err = d.float32s((m.nl + 1) * m.nl); err != nil {
		return err
	}
	if h.TwoPass {
		t.stride = 2 * m.nl
		t.scale[1] = h.Scale2
		if t.trans[1], err = d.float32s((m.nl + 1) * m.nl); err != nil {
			return err
		}
	}
	pb, ok := d.next(8 * words)
	if !ok {
		return corrupt(io.ErrUnexpectedEOF)
	}
	le.Fill(t.present, pb)
	n := t.setRank()
	if n != h.Packed {
		return corrupt(nil)
	}
	rb, ok := d.next(2 * n * t.stride)
	if !ok {
		return corrupt(io.ErrUnexpectedEOF)
	}
	t.rows = make([]int16, n*t.stride)
	le.Fill(t.rows, rb)
	m.setTable(t)
	return nil
}

// readGazetteer reads what writeGazetteer wrote, n entries.
func (m *Model) readGazetteer(d *byteReader, n int) error {
	var err error
	if m.gaz.entries, err = d.hashMasks(n); err != nil {
		return err
	}
	nb, ok := d.next(4)
	if !ok {
		return corrupt(io.ErrUnexpectedEOF)
	}
	m.gaz.firsts, err = d.hashMasks(int(binary.LittleEndian.Uint32(nb)))
	return err
}

// hashMasks reads n pairs of a little-endian uint64 hash and a byte.
func (r *byteReader) hashMasks(n int) (hashMasks, error) {
	var out hashMasks
	if n < 0 {
		return out, corrupt(nil)
	}
	b, ok := r.next(9 * n)
	if !ok {
		return out, corrupt(io.ErrUnexpectedEOF)
	}
	out.reserve(n)
	for i := 0; i < n; i++ {
		out.set(binary.LittleEndian.Uint64(b[9*i:]), b[9*i+8])
	}
	return out, nil
}

func corrupt(err error) error {
	if err == nil {
		return errors.New("entities: corrupt model")
	}
	return fmt.Errorf("entities: corrupt model: %w", err)
}
