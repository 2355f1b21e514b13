package rules

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

// yaml.v3 spent ~50M instructions, a third of start-up, scanning the
// default rule files, so their documents are kept parsed in defaults.bin:
// per file its name and checksum, then the node trees yaml.v3 gives, which
// are rebuilt without scanning and decoded as usual. A file whose text no
// longer matches its checksum (or that is not there) goes through yaml.v3,
// and TestNodeCache fails until `go test ./rules -run TestNodeCache -update`
// rebuilds defaults.bin.
//
// Layout: a magic line, then per file: uvarint name length, name, uint32
// CRC-32C of the text, uvarints node count, document count and size of
// the rest, then the documents' nodes in pre-order: kind, style, then uvarints line, column,
// tag length, tag, value length, value, child count.
//
//go:embed defaults.bin
var nodeCache string

const nodeMagic = "quarry-rules-nodes 1\n"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// cachedDocs returns the rule documents of the default file name with
// text data, or false when defaults.bin does not hold them.
func cachedDocs(name string, data []byte) ([]*yaml.Node, bool) {
	s, ok := strings.CutPrefix(nodeCache, nodeMagic)
	if !ok {
		return nil, false
	}
	r := &cacheReader{s: s}
	for r.err == nil && r.s != "" {
		n := r.str()
		sum := r.uint32()
		nodes, docs, size := r.uvarint(), r.uvarint(), r.uvarint()
		if r.err != nil || size > uint64(len(r.s)) || nodes > size || docs > nodes {
			return nil, false
		}
		if n != name {
			r.s = r.s[size:]
			continue
		}
		if sum != crc32.Checksum(data, castagnoli) {
			return nil, false
		}
		r.nodes = make([]yaml.Node, nodes)
		r.ptrs = make([]*yaml.Node, nodes)
		out := make([]*yaml.Node, docs)
		for i := range out {
			out[i] = r.node()
		}
		if r.err != nil {
			return nil, false
		}
		return out, true
	}
	return nil, false
}

type cacheReader struct {
	s     string
	err   error
	nodes []yaml.Node  // to hand out
	ptrs  []*yaml.Node // to cut Content from
}

func (r *cacheReader) uvarint() uint64 {
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		if r.s == "" {
			break
		}
		c := r.s[0]
		r.s = r.s[1:]
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	r.err = io.ErrUnexpectedEOF
	return 0
}

func (r *cacheReader) str() string {
	n := r.uvarint()
	if n > uint64(len(r.s)) {
		r.err = io.ErrUnexpectedEOF
		return ""
	}
	v := r.s[:n]
	r.s = r.s[n:]
	return v
}

func (r *cacheReader) uint32() uint32 {
	if len(r.s) < 4 {
		r.err = io.ErrUnexpectedEOF
		return 0
	}
	v := binary.LittleEndian.Uint32([]byte(r.s[:4]))
	r.s = r.s[4:]
	return v
}

// node reads a node and its children.
func (r *cacheReader) node() *yaml.Node {
	if len(r.s) < 2 || len(r.nodes) == 0 {
		r.err = io.ErrUnexpectedEOF
		return &yaml.Node{}
	}
	n := &r.nodes[0]
	r.nodes = r.nodes[1:]
	n.Kind, n.Style = yaml.Kind(r.s[0]), yaml.Style(r.s[1])
	r.s = r.s[2:]
	n.Line, n.Column = int(r.uvarint()), int(r.uvarint())
	n.Tag, n.Value = r.str(), r.str()
	k := r.uvarint()
	if k > uint64(len(r.ptrs)) {
		r.err = io.ErrUnexpectedEOF
		return n
	}
	if k > 0 {
		n.Content = r.ptrs[:k:k]
		r.ptrs = r.ptrs[k:]
		for i := range n.Content {
			n.Content[i] = r.node()
		}
	}
	return n
}

// parseDocs returns the rule documents of a file as yaml.v3 gives them:
// empty and null documents left out.
func parseDocs(data []byte) ([]*yaml.Node, error) {
	var out []*yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		doc := &n
		if doc.Kind == yaml.DocumentNode {
			if len(doc.Content) == 0 {
				continue
			}
			doc = doc.Content[0]
		}
		if doc.Kind == yaml.ScalarNode && doc.Tag == "!!null" {
			continue
		}
		out = append(out, doc)
	}
}

// appendCache appends the cache entry of a file to b; false when the file
// cannot be kept (a syntax error or an alias).
func appendCache(b []byte, name string, data []byte) ([]byte, bool) {
	docs, err := parseDocs(data)
	if err != nil {
		return b, false
	}
	var body []byte
	count := 0
	var walk func(n *yaml.Node) error
	walk = func(n *yaml.Node) error {
		if n.Kind == yaml.AliasNode || n.Kind > 0xff || n.Style > 0xff {
			return errors.New("cannot keep")
		}
		count++
		body = append(body, byte(n.Kind), byte(n.Style))
		body = binary.AppendUvarint(body, uint64(n.Line))
		body = binary.AppendUvarint(body, uint64(n.Column))
		body = binary.AppendUvarint(body, uint64(len(n.Tag)))
		body = append(body, n.Tag...)
		body = binary.AppendUvarint(body, uint64(len(n.Value)))
		body = append(body, n.Value...)
		body = binary.AppendUvarint(body, uint64(len(n.Content)))
		for _, c := range n.Content {
			if err := walk(c); err != nil {
				return err
			}
		}
		return nil
	}
	for _, d := range docs {
		if walk(d) != nil {
			return b, false
		}
	}
	b = binary.AppendUvarint(b, uint64(len(name)))
	b = append(b, name...)
	b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(data, castagnoli))
	b = binary.AppendUvarint(b, uint64(count))
	b = binary.AppendUvarint(b, uint64(len(docs)))
	b = binary.AppendUvarint(b, uint64(len(body)))
	return append(b, body...), true
}
