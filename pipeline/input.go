package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/quarrylabs/quarry"
)

// Input formats.
const (
	FormatText  = "text"
	FormatJSON  = "json"
	FormatJSONL = "jsonl"
)

// DefaultMaxBytes is the default limit on one article's size. A long
// article is analysed a window at a time (window.go), but its text and
// records stay until it is written, ~6 bytes per byte of text: one at the
// limit takes a run to ~0.4 GB (~0.67 GB with --sink, whose loader holds
// an article's rows until they are in), and one three times as long
// still fits in 1 GB. A file larger than this is more likely a dump than
// an article.
const DefaultMaxBytes = 32 << 20

// InputOptions says how PATH arguments are read and decoded.
type InputOptions struct {
	// Format forces text, json or jsonl; empty means by extension.
	Format    string
	TextField string // defaults to "text"
	IDField   string // defaults to "id"
	MaxBytes  int64
	// Stdin is read for the PATH "-" (and when there are no PATHs).
	Stdin io.Reader
}

func (o *InputOptions) defaults() {
	if o.TextField == "" {
		o.TextField = "text"
	}
	if o.IDField == "" {
		o.IDField = "id"
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
}

// formatByExt maps file extensions to formats. Files with other extensions are
// read only when named directly on the command line.
var formatByExt = map[string]string{
	".txt": FormatText, ".text": FormatText, ".md": FormatText,
	".json": FormatJSON, ".jsonl": FormatJSONL, ".ndjson": FormatJSONL,
}

// ValidFormat reports whether f is a format --input-format accepts.
func ValidFormat(f string) bool {
	return f == "" || f == FormatText || f == FormatJSON || f == FormatJSONL
}

// raw is one undecoded article: the bytes of a file or of a JSONL line.
type raw struct {
	format string
	data   []byte
	src    quarry.Source
	// id is the fallback document id (path, plus #LINE for JSONL).
	id string
	// fail is set when the article could not even be read.
	fail *quarry.Error
}

// emitFunc hands one raw article to the pipeline; it returns false when the
// run is being stopped.
type emitFunc func(r raw) bool

// walk reads every PATH in order and emits raw articles. Errors that concern
// one file become failed raws; only a cancelled context stops it early.
func walk(ctx context.Context, paths []string, opt InputOptions, emit emitFunc) {
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	for _, p := range paths {
		if ctx.Err() != nil {
			return
		}
		if p == "-" {
			if !readStdin(opt, emit) {
				return
			}
			continue
		}
		if !walkPath(ctx, p, opt, emit) {
			return
		}
	}
}

func readStdin(opt InputOptions, emit emitFunc) bool {
	in := opt.Stdin
	if in == nil {
		in = os.Stdin
	}
	br := bufio.NewReaderSize(in, 64<<10)
	format := opt.Format
	if format == "" {
		// Sniff: a stream that starts with '{' is JSON lines.
		format = FormatText
		if b, _ := peekNonSpace(br); b == '{' {
			format = FormatJSONL
		}
	}
	if format == FormatJSONL {
		return readLines(br, "-", "stdin", opt, emit)
	}
	data, err := readLimited(br, opt.MaxBytes)
	src := quarry.Source{Path: "-"}
	if err != nil {
		return emit(raw{src: src, id: "stdin", fail: readErr(err, "stdin", opt.MaxBytes)})
	}
	return emit(raw{format: format, data: data, src: src, id: "stdin"})
}

func peekNonSpace(br *bufio.Reader) (byte, error) {
	for n := 1; ; n++ {
		b, err := br.Peek(n)
		if len(b) < n {
			return 0, err
		}
		c := b[n-1]
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != 0xEF && c != 0xBB && c != 0xBF {
			return c, nil
		}
		if n >= 4096 {
			return 0, nil
		}
	}
}

// walkPath emits the articles under one PATH argument: a file, or a folder
// walked recursively in sorted order.
func walkPath(ctx context.Context, root string, opt InputOptions, emit emitFunc) bool {
	info, err := os.Stat(root)
	if err != nil {
		return emit(raw{src: quarry.Source{Path: root}, id: root, fail: readErr(err, root, 0)})
	}
	if !info.IsDir() {
		return readFile(root, filepath.ToSlash(root), opt, emit)
	}
	seen := map[string]bool{}
	return walkDir(ctx, root, root, "", opt, seen, emit)
}

// walkDir walks dir, whose id (its path relative to root, with forward
// slashes) is dirID, "" for root itself: an entry's id is dirID/name, which
// is what relID would make of it, without cleaning both paths again for
// every file.
func walkDir(ctx context.Context, root, dir, dirID string, opt InputOptions, seen map[string]bool, emit emitFunc) bool {
	// Resolve the real path so a symlink loop is entered only once.
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return emit(raw{src: quarry.Source{Path: dir}, id: relID(root, dir), fail: readErr(err, dir, 0)})
	}
	if seen[real] {
		return true
	}
	seen[real] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		return emit(raw{src: quarry.Source{Path: dir}, id: relID(root, dir), fail: readErr(err, dir, 0)})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	for _, e := range entries {
		if ctx.Err() != nil {
			return false
		}
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p := filepath.Join(dir, name)
		id := name
		if dirID != "" {
			id = dirID + "/" + name
		}
		mode := e.Type()
		if mode&fs.ModeSymlink != 0 {
			fi, err := os.Stat(p)
			if err != nil {
				// A dangling link is not an article; say so and go on.
				if !emit(raw{src: quarry.Source{Path: p}, id: id, fail: readErr(err, p, 0)}) {
					return false
				}
				continue
			}
			mode = fi.Mode().Type()
		}
		switch {
		case mode.IsDir():
			if !walkDir(ctx, root, p, id, opt, seen, emit) {
				return false
			}
		case mode.IsRegular():
			if opt.Format == "" && formatByExt[strings.ToLower(filepath.Ext(name))] == "" {
				continue // not an article file
			}
			if !readFile(p, id, opt, emit) {
				return false
			}
		}
	}
	return true
}

// relID is the document id of a file under a PATH argument: its path relative
// to that argument, with forward slashes.
func relID(root, p string) string {
	if rel, err := filepath.Rel(root, p); err == nil && rel != "." {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(p)
}

// readFile emits the articles of the file p, whose id is id.
func readFile(p, id string, opt InputOptions, emit emitFunc) bool {
	src := quarry.Source{Path: filepath.ToSlash(p)}
	format := opt.Format
	if format == "" {
		format = formatByExt[strings.ToLower(filepath.Ext(p))]
		if format == "" {
			format = FormatText
		}
	}
	f, err := os.Open(p)
	if err != nil {
		return emit(raw{src: src, id: id, fail: readErr(err, p, 0)})
	}
	defer f.Close()
	if format == FormatJSONL {
		return readLines(bufio.NewReaderSize(f, 64<<10), filepath.ToSlash(p), id, opt, emit)
	}
	size := int64(-1)
	if fi, err := f.Stat(); err == nil {
		if fi.Size() > opt.MaxBytes {
			return emit(raw{src: src, id: id, fail: tooLarge(p, fi.Size(), opt.MaxBytes)})
		}
		if fi.Mode().IsRegular() {
			size = fi.Size()
		}
	}
	data, err := readSized(f, size, opt.MaxBytes)
	if err != nil {
		return emit(raw{src: src, id: id, fail: readErr(err, p, opt.MaxBytes)})
	}
	if format == FormatJSON {
		if items, ok := jsonArray(data); ok {
			return emitArray(items, src, id, emit)
		}
	}
	return emit(raw{format: format, data: data, src: src, id: id})
}

// jsonArray splits a .json file holding an array of articles.
func jsonArray(data []byte) ([]json.RawMessage, bool) {
	t := bytes.TrimLeft(bytes.TrimPrefix(data, bom), " \t\r\n")
	if len(t) == 0 || t[0] != '[' {
		return nil, false
	}
	var items []json.RawMessage
	if json.Unmarshal(t, &items) != nil {
		return nil, false // decode reports the syntax error
	}
	return items, true
}

// emitArray emits the elements of a JSON array as articles PATH#1, PATH#2...
func emitArray(items []json.RawMessage, src quarry.Source, id string, emit emitFunc) bool {
	for i, it := range items {
		s := src
		s.Index = i + 1
		if !emit(raw{format: FormatJSON, data: it, src: s, id: fmt.Sprintf("%s#%d", id, i+1)}) {
			return false
		}
	}
	return true
}

// readLines emits one raw article per non-blank line. A line over MaxBytes
// is skipped (with an error record) without holding it in memory.
func readLines(br *bufio.Reader, path, id string, opt InputOptions, emit emitFunc) bool {
	for line := 1; ; line++ {
		data, size, err := readLine(br, opt.MaxBytes)
		if size == 0 && err != nil {
			if err != io.EOF {
				return emit(raw{src: quarry.Source{Path: path, Line: line}, id: fmt.Sprintf("%s#%d", id, line), fail: readErr(err, shownPath(path), 0)})
			}
			return true
		}
		src := quarry.Source{Path: path, Line: line}
		lineID := fmt.Sprintf("%s#%d", id, line)
		switch {
		case size > opt.MaxBytes:
			if !emit(raw{src: src, id: lineID, fail: tooLarge(fmt.Sprintf("%s line %d", shownPath(path), line), size, opt.MaxBytes)}) {
				return false
			}
		case len(bytes.TrimSpace(data)) == 0:
			// Blank lines separate nothing in JSONL; skip them quietly.
		default:
			if !emit(raw{format: FormatJSONL, data: data, src: src, id: lineID}) {
				return false
			}
		}
		if err == io.EOF {
			return true
		}
		if err != nil {
			return emit(raw{src: src, id: lineID, fail: readErr(err, shownPath(path), 0)})
		}
	}
}

// readLine reads up to and including '\n'. It returns the line without the
// newline (nil when the line is longer than max) and the line's full size.
func readLine(br *bufio.Reader, max int64) ([]byte, int64, error) {
	var buf []byte
	var size int64
	for {
		chunk, err := br.ReadSlice('\n')
		size += int64(len(chunk))
		if size <= max+1 {
			buf = append(buf, chunk...)
		} else {
			buf = nil
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		buf = bytes.TrimRight(buf, "\r\n")
		n := size
		if n > 0 && chunk != nil && len(chunk) > 0 && chunk[len(chunk)-1] == '\n' {
			n-- // the newline is not part of the article
		}
		return buf, n, err
	}
}

func readLimited(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, errTooLarge
	}
	return data, nil
}

// readSized is readLimited for a file of known size (-1 if not known): one
// buffer of the right size, so a short article costs two reads, not the
// five or six of a buffer grown from 512 bytes.
func readSized(r io.Reader, size, max int64) ([]byte, error) {
	if size < 0 {
		return readLimited(r, max)
	}
	// One byte more than the size, to see the end (or a file that grew).
	data := make([]byte, 0, min(size, max)+1)
	lr := io.LimitReader(r, max+1)
	for {
		n, err := lr.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // grew since Stat
		}
	}
	if int64(len(data)) > max {
		return nil, errTooLarge
	}
	return data, nil
}

var errTooLarge = errors.New("too large")

// shownPath is how messages name an input: "stdin" for "-".
func shownPath(p string) string {
	if p == "-" {
		return "stdin"
	}
	return p
}

func tooLarge(what string, size, max int64) *quarry.Error {
	return &quarry.Error{Code: "too_large", Message: fmt.Sprintf("%s is %d bytes, over the --max-bytes limit of %d; raise --max-bytes to read it", what, size, max)}
}

func readErr(err error, p string, max int64) *quarry.Error {
	if errors.Is(err, errTooLarge) {
		return &quarry.Error{Code: "too_large", Message: fmt.Sprintf("%s is over the --max-bytes limit of %d; raise --max-bytes to read it", p, max)}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &quarry.Error{Code: "read_error", Message: fmt.Sprintf("cannot read %s: %v", p, err)}
}
