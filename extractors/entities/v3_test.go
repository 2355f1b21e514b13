package entities

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/json"
	"io"
	"reflect"
	"testing"
)

// writeV3 writes m in version 3 of the model format, which ReadModel still
// reads.
func (m *Model) writeV3(w io.Writer) error {
	p1 := m.passRows(0)
	h := header{Version: 3, Types: m.Types, Viterbi: m.Viterbi, UsePOS: m.UsePOS, Bits: m.bits, Scale: p1.scale, Rows: len(p1.idx), Gaz: m.gaz.entries.len()}
	var p2 sparseRows
	if m.tab.twoPass() {
		p2 = m.passRows(1)
		h.Scale2, h.Rows2 = p2.scale, len(p2.idx)
	}
	h.Clusters = len(m.clus)
	h.Inputs = m.inputs
	hb, err := json.Marshal(h)
	if err != nil {
		return err
	}
	io.WriteString(w, magic)
	w.Write(append(hb, '\n'))
	fw, err := flate.NewWriter(w, flate.NoCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(fw)
	writeWeights(bw, p1, m.nl)
	m.writeGazetteer(bw)
	if m.tab.twoPass() {
		writeWeights(bw, p2, m.nl)
	}
	m.writeClusters(bw)
	if err := bw.Flush(); err != nil {
		return err
	}
	return fw.Close()
}

// writeWeights writes transitions as float32, then each non-zero row as a
// uvarint index delta and int16 weights (version 3).
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

// TestModelV3 reads the default model, written in version 4, in version 3:
// the same tables, and written again the same bytes.
func TestModelV3(t *testing.T) {
	m4, err := ReadModel(bytes.NewReader(defaultModelFile))
	if err != nil {
		t.Fatal(err)
	}
	var v3 bytes.Buffer
	if err := m4.writeV3(&v3); err != nil {
		t.Fatal(err)
	}
	m3, err := ReadModel(&v3)
	if err != nil {
		t.Fatal(err)
	}
	a, b := m3.tab, m4.tab
	if !reflect.DeepEqual(a.present, b.present) || !reflect.DeepEqual(a.rank, b.rank) || !reflect.DeepEqual(a.rows, b.rows) ||
		a.stride != b.stride || a.scale != b.scale || !reflect.DeepEqual(a.trans, b.trans) ||
		a.pad != b.pad || !reflect.DeepEqual(a.doc, b.doc) || !reflect.DeepEqual(a.pass1, b.pass1) {
		t.Fatal("version 3 and 4 read to different tables")
	}
	if !reflect.DeepEqual(m3.gaz, m4.gaz) || !reflect.DeepEqual(m3.clus, m4.clus) || m3.inputs != m4.inputs ||
		m3.Viterbi != m4.Viterbi || m3.UsePOS != m4.UsePOS || m3.bits != m4.bits || !reflect.DeepEqual(m3.Types, m4.Types) {
		t.Fatal("version 3 and 4 read to different models")
	}
	var again bytes.Buffer
	if _, err := m3.WriteTo(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), defaultModelFile) {
		t.Fatal("a model read in version 3 writes differently")
	}
}
