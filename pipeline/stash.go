package pipeline

import (
	"fmt"
	"io"
	"os"

	"github.com/quarrylabs/quarry"
)

// stash holds the finished figures, quotes and claims of an article read
// in windows, encoded as they will be written, until the article's line is
// written: in memory while they are few, then in a temporary file. The
// records of a window are final once it is merged (merge.go), but the
// line starts with the entities, which every later window may add
// mentions to. With all records in memory until the end, one 100 MB
// article of dense figures took 3.4 GB; a business-news one in --format
// records 1.0 GB.
type stash struct {
	format string // OutDocs or OutRecords
	mem    []byte // what is stashed, until it passes stashInMemory
	f      *os.File
	// inMemory is set when no temporary file could be made or written:
	// the stash then stays in memory.
	inMemory bool
	copyBuf  []byte
	size     int64
	parts    [sections][]segment // in text order
	buf      []byte
	// mentions are the packed mentions of each entity of the article
	// (merger.packed), in text, the article's, when its entities' own
	// lists are empty.
	mentions [][]uint64
	text     string
	// encErr is the error of a record json cannot encode (a NaN): the
	// article then fails as encode would fail it, and nothing more is
	// stashed.
	encErr error
}

// The sections of a stash, in the order they are written.
const (
	stashFigures = iota
	stashQuotes
	stashClaims
	sections
)

// segment is one put's records of a section: n bytes at off.
type segment struct{ off, n int64 }

// stashInMemory is how much a stash keeps in memory before it moves to a
// file: most articles read in windows (a few hundred KB) never touch the
// disk. Tests lower it.
var stashInMemory = 4 << 20

func newStash(format, text string) *stash {
	return &stash{format: format, text: text}
}

// put stashes the figures, quotes and claims in d, which the merger has
// made final, and empties their lists for the next windows. The error is
// a failure to write the file, which fails the article.
func (st *stash) put(d *quarry.Document) *quarry.Error {
	defer func() {
		// Emptied, not dropped: the arrays serve the next windows, and
		// clear lets go of what their elements point to.
		clear(d.Figures)
		clear(d.Quotes)
		clear(d.Claims)
		d.Figures, d.Quotes, d.Claims = d.Figures[:0], d.Quotes[:0], d.Claims[:0]
	}()
	if st.encErr != nil {
		return nil
	}
	var bad bool // a float json cannot encode
	for k := range st.parts {
		st.buf = appendSection(st.buf[:0], d, k, st.format == OutRecords, &bad, nil)
		if bad {
			st.encErr = floatError(d, OutputOptions{Format: st.format})
			return nil
		}
		if len(st.buf) == 0 {
			continue
		}
		st.parts[k] = append(st.parts[k], segment{off: st.size, n: int64(len(st.buf))})
		if err := st.write(st.buf); err != nil {
			return err
		}
	}
	if cap(st.buf) > maxPooledLine {
		st.buf = nil
	}
	return nil
}

// write appends p to the stash, moving it to a file once it is large.
func (st *stash) write(p []byte) *quarry.Error {
	if st.f == nil && !st.inMemory && len(st.mem)+len(p) > stashInMemory {
		// Without a temporary folder to write to, memory will do, as it
		// did before stashes.
		st.inMemory = true
		if f, err := os.CreateTemp("", "quarry-*.stash"); err == nil {
			// Unlinked at once: the file goes with the process however
			// it ends (where the system allows it; close removes it
			// otherwise).
			os.Remove(f.Name())
			if _, err := f.Write(st.mem); err == nil {
				st.f, st.mem, st.inMemory = f, nil, false
			} else {
				f.Close()
				os.Remove(f.Name())
			}
		}
	}
	if st.f != nil {
		if _, err := st.f.Write(p); err != nil {
			// The disk is full, say: what the file holds comes back to
			// memory, as the records of long articles were kept before
			// stashes, and the rest stays there.
			mem := make([]byte, st.size, st.size+int64(len(p)))
			if _, rerr := st.f.ReadAt(mem, 0); rerr != nil {
				return stashError(fmt.Errorf("%v, and reading back: %v", err, rerr))
			}
			st.close()
			st.mem, st.inMemory = mem, true
		}
	}
	if st.f == nil {
		st.mem = append(st.mem, p...)
	}
	st.size += int64(len(p))
	return nil
}

func stashError(err error) *quarry.Error {
	return &quarry.Error{Code: "stash_error", Message: fmt.Sprintf("the temporary file holding the records of this long article failed (set TMPDIR to another folder): %v", err)}
}

// copySection writes section k to w as it goes in the line: the records
// of each put in order, for docs with commas between them.
func (st *stash) copySection(w io.Writer, k int) error {
	for i, s := range st.parts[k] {
		if i > 0 && st.format != OutRecords {
			if _, err := w.Write([]byte{','}); err != nil {
				return err
			}
		}
		var err error
		if st.f == nil {
			_, err = w.Write(st.mem[s.off : s.off+s.n])
		} else {
			if st.copyBuf == nil {
				st.copyBuf = make([]byte, 64<<10)
			}
			_, err = io.CopyBuffer(w, io.NewSectionReader(st.f, s.off, s.n), st.copyBuf)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// appendSection writes b and section k through sp, and returns b emptied
// for the rest of the line: the section as a JSON array, with what the
// records would be in the document ('[' and ']').
func (st *stash) appendSection(b []byte, k int, sp *spill) []byte {
	sp.Write(append(b, '['))
	st.spillSection(sp, k)
	return append(b[:0], ']')
}

// spillSection is copySection to sp, whose error it becomes (a failure to
// read the file too).
func (st *stash) spillSection(sp *spill, k int) {
	if err := st.copySection(sp, k); err != nil && sp.err == nil {
		sp.err = err
	}
}

// appendEntities appends d's entities as a JSON array with their
// mentions from st, spilling through sp as it goes.
func (st *stash) appendEntities(b []byte, d *quarry.Document, sp *spill) []byte {
	if d.Entities == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range d.Entities {
		if i > 0 {
			b = append(b, ',')
		}
		b = st.appendEntity(b, d, i, false, sp)
	}
	return append(b, ']')
}

// appendEntity appends entity i of d with its mentions from st: as in a
// document, or as its --format records line (as Record.MarshalJSON and
// json.Encoder write it).
func (st *stash) appendEntity(b []byte, d *quarry.Document, i int, record bool, sp *spill) []byte {
	e := &d.Entities[i]
	if record {
		b = appendRecordHead(b, "entity", d.ID)
	}
	at := len(b)
	b = appendEntityHead(b, e)
	if record {
		b[at] = ',' // as appendRecord, before the mentions may spill
	}
	b = append(b, '[')
	for k, p := range st.mentions[i] {
		if k > 0 {
			b = append(b, ',')
		}
		mt := unpackMention(p, st.text)
		b = sp.maybe(appendMention(b, &mt))
	}
	b = appendEntityTail(append(b, ']'), e)
	if record {
		b = append(b, '\n')
	}
	return b
}

// close lets go of the stash and its file. A nil stash is closed.
func (st *stash) close() {
	if st == nil {
		return
	}
	if st.f != nil {
		st.f.Close()
		os.Remove(st.f.Name())
	}
	st.f, st.mem = nil, nil
}
