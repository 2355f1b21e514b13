package rules

import (
	"embed"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

//go:embed default/*.yaml
var defaultFS embed.FS

// DefaultDir is the name default rule files carry in errors and listings.
const DefaultDir = "rules/default"

// Origins of a rule file.
const (
	OriginDefault = "default"
	OriginUser    = "user"
)

// Options says which rule files to load.
type Options struct {
	// NoDefaults drops the embedded default rules.
	NoDefaults bool
	// Paths are user rule files or folders (searched for *.yaml and *.yml).
	Paths []string
}

// part is one decoded rule document, ready to merge into a Set.
type part interface {
	merge(b *builder)
	// count says what the document holds, for `rules list`.
	count() (what string, n int)
}

// kindDecoder decodes one document of a kind. common holds the handlers for
// keys every document has (kind, description, examples); the decoder must
// pass them to d.mapping along with its own.
type kindDecoder func(d *decoder, doc *yaml.Node, common []field) part

// kinds is the registry of document kinds: adding a kind means adding a
// decoder here, a part type that merges into the builder, and an accessor.
var kinds = map[string]kindDecoder{
	"gazetteer":    decodeGazetteer,
	"titles":       decodeTitles,
	"pattern":      decodePatterns,
	"stoplist":     decodeStoplist,
	"quote-cues":   decodeQuoteCues,
	"figure-units": decodeFigureUnits,
	"claim-cues":   decodeClaimCues,
}

// Kinds lists the document kinds rule files may declare.
func Kinds() []string {
	out := make([]string, 0, len(kinds))
	for k := range kinds {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func with(common []field, more ...field) []field {
	out := make([]field, 0, len(common)+len(more))
	return append(append(out, common...), more...)
}

var (
	defaultOnce sync.Once
	defaultSet  *Set
	defaultErr  error
)

// Default returns the embedded default rules, loaded once and shared.
func Default() (*Set, error) {
	defaultOnce.Do(func() { defaultSet, defaultErr = Load(Options{}) })
	return defaultSet, defaultErr
}

// Load reads the default rules (unless NoDefaults) and then the user paths,
// user entries overriding default ones. When any file is invalid it returns
// every problem found, as Errors, and no Set.
func Load(opts Options) (*Set, error) {
	b := newBuilder()
	if !opts.NoDefaults {
		if err := b.loadDefaults(); err != nil {
			return nil, err
		}
	}
	for _, p := range opts.Paths {
		b.loadPath(p)
	}
	return b.finish()
}

// LoadFiles loads rule files given as name → content, as user files, after
// the defaults unless noDefaults. Errors carry the names as given. It is for
// tests and programs that keep rules elsewhere than in files.
func LoadFiles(noDefaults bool, files map[string]string) (*Set, error) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	b := newBuilder()
	if !noDefaults {
		if err := b.loadDefaults(); err != nil {
			return nil, err
		}
	}
	for _, n := range names {
		b.loadFile(n, []byte(files[n]), true)
	}
	return b.finish()
}

func (b *builder) loadDefaults() error {
	names, err := fs.Glob(defaultFS, "default/*.yaml")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, n := range names {
		data, err := defaultFS.ReadFile(n)
		if err != nil {
			return err
		}
		name := path.Join(DefaultDir, path.Base(n))
		if docs, ok := cachedDocs(name, data); ok {
			fi := FileInfo{Path: name, Origin: OriginDefault, Counts: map[string]int{}}
			d := &decoder{file: name, errs: &b.errs, src: data}
			for _, doc := range docs {
				b.loadDoc(d, doc, &fi)
			}
			b.files = append(b.files, fi)
			continue
		}
		b.loadFile(name, data, false)
	}
	return nil
}

func (b *builder) finish() (*Set, error) {
	s := b.build()
	if len(b.errs) > 0 {
		b.errs.sort()
		return nil, b.errs
	}
	return s, nil
}

// builder gathers documents from all files before the Set is built.
type builder struct {
	errs     Errors
	files    []FileInfo
	gaz      *entryTable
	titles   *entryTable
	patterns *patternTable
	stop     *stopTable
	quote    *quoteTable
	units    *unitTable
	claims   *claimTable
	examples []*Example
}

func newBuilder() *builder {
	return &builder{
		gaz:      newEntryTable("gazetteer entry"),
		titles:   newEntryTable("title"),
		patterns: newPatternTable(),
		stop:     newStopTable(),
		quote:    newQuoteTable(),
		units:    newUnitTable(),
		claims:   newClaimTable(),
	}
}

func (b *builder) errAt(p pos, format string, a ...any) {
	d := decoder{file: p.file, errs: &b.errs}
	d.errAt(p, format, a...)
}

func (b *builder) fileErr(file, msg string) {
	b.errs = append(b.errs, &Error{File: file, Msg: msg})
}

func (b *builder) loadPath(p string) {
	st, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			b.fileErr(p, "no such file or folder; check the --rules path")
		} else {
			b.fileErr(p, err.Error())
		}
		return
	}
	if !st.IsDir() {
		b.readFile(p)
		return
	}
	var files []string
	err = filepath.WalkDir(p, func(f string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if de.IsDir() && f != p && strings.HasPrefix(de.Name(), ".") {
			return filepath.SkipDir
		}
		if !de.IsDir() && (strings.HasSuffix(f, ".yaml") || strings.HasSuffix(f, ".yml")) {
			files = append(files, f)
		}
		return nil
	})
	if err != nil {
		b.fileErr(p, err.Error())
		return
	}
	if len(files) == 0 {
		b.fileErr(p, "folder has no .yaml or .yml rule files")
		return
	}
	sort.Strings(files)
	for _, f := range files {
		b.readFile(f)
	}
}

func (b *builder) readFile(p string) {
	data, err := os.ReadFile(p)
	if err != nil {
		b.fileErr(p, err.Error())
		return
	}
	b.loadFile(p, data, true)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func (b *builder) loadFile(name string, data []byte, user bool) {
	fi := FileInfo{Path: name, Origin: OriginDefault, Counts: map[string]int{}}
	if user {
		fi.Origin = OriginUser
	}
	d := &decoder{file: name, user: user, errs: &b.errs, src: data}
	if b.loadFast(d, data, &fi) {
		b.files = append(b.files, fi)
		return
	}
	docs, err := parseDocs(data)
	for _, doc := range docs {
		b.loadDoc(d, doc, &fi)
	}
	if err != nil {
		msg := err.Error()
		line := 0
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = "YAML syntax error: " + m[2]
		}
		b.errs = append(b.errs, &Error{File: name, Line: line, Col: 1, Msg: msg})
	}
	b.files = append(b.files, fi)
}

func (b *builder) loadDoc(d *decoder, doc *yaml.Node, fi *FileInfo) {
	if p, kind, examples := decodeDoc(d, doc); p != nil {
		b.add(p, kind, examples, fi)
	}
}

// decodeDoc decodes one rule document; p is nil when it has no valid kind.
func decodeDoc(d *decoder, doc *yaml.Node) (p part, kind string, examples []*Example) {
	doc = resolve(doc)
	if doc.Kind != yaml.MappingNode {
		d.errf(doc, "a rule document must be a mapping that starts with a `kind:` line, got %s", describe(doc))
		return nil, "", nil
	}
	var kindNode *yaml.Node
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value == "kind" {
			kindNode = resolve(doc.Content[i+1])
			break
		}
	}
	if kindNode == nil {
		d.errf(doc, "document has no \"kind\"; add a line like `kind: gazetteer` (kinds: %s)", strings.Join(Kinds(), ", "))
		return nil, "", nil
	}
	kind, ok := d.str(kindNode, "kind")
	if !ok {
		return nil, "", nil
	}
	dec := kinds[kind]
	if dec == nil {
		if s := suggest(kind, Kinds()); s != "" {
			d.errf(kindNode, "unknown kind %q; did you mean %q?", kind, s)
		} else {
			d.errf(kindNode, "unknown kind %q; use one of: %s", kind, strings.Join(Kinds(), ", "))
		}
		return nil, "", nil
	}
	common := []field{
		{"kind", func(k, v *yaml.Node) {}},
		{"description", func(k, v *yaml.Node) { d.str(v, "description") }},
		{"examples", func(k, v *yaml.Node) { examples = decodeExamples(d, v, kind) }},
	}
	return dec(d, doc, common), kind, examples
}

// add merges a decoded document into the builder and counts it.
func (b *builder) add(p part, kind string, examples []*Example, fi *FileInfo) {
	p.merge(b)
	if !containsString(fi.Kinds, kind) {
		fi.Kinds = append(fi.Kinds, kind)
	}
	what, n := p.count()
	fi.Counts[what] += n
	if len(examples) > 0 {
		fi.Counts["examples"] += len(examples)
	}
	b.examples = append(b.examples, examples...)
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// build resolves references across files and assembles the Set.
func (b *builder) build() *Set {
	s := &Set{files: b.files, examples: b.examples}
	s.gaz = newGazetteer(b.gaz.live())
	s.titles = newGazetteer(b.titles.live())
	for _, e := range s.gaz.entries {
		if p := e.Attrs["parent"]; p != "" {
			switch pe := s.gaz.Parent(e); {
			case pe == nil:
				b.errAt(e.parentAt, "parent %q of %q is not in any gazetteer; add an entry named %q or fix the name", p, e.Name, p)
			case pe == e:
				b.errAt(e.parentAt, "%q is its own parent; remove the parent line", e.Name)
			}
		}
	}
	s.stop = b.stop.build()
	s.quote = b.quote.build()
	s.units = b.units.build()
	s.claims = b.claims.build()
	s.patterns = b.patterns.build(b, s)
	shareWords(s.gaz.trie, s.titles.trie, s.quote.idx.trie)
	return s
}
