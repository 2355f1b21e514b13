package rules

import (
	"flag"
	"os"
	"path"
	"reflect"
	"testing"

	"gopkg.in/yaml.v3"
)

var updateNodes = flag.Bool("update", false, "rewrite defaults.bin from the default rule files")

// TestNodeCache: defaults.bin holds every default rule file as it is now,
// and reads back to the nodes yaml.v3 gives.
func TestNodeCache(t *testing.T) {
	names, err := defaultFS.ReadDir("default")
	if err != nil {
		t.Fatal(err)
	}
	b := []byte(nodeMagic)
	for _, e := range names {
		data, err := defaultFS.ReadFile("default/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		name := path.Join(DefaultDir, e.Name())
		var ok bool
		if b, ok = appendCache(b, name, data); !ok {
			t.Errorf("%s cannot be kept in defaults.bin", name)
			continue
		}
		if *updateNodes {
			continue
		}
		got, ok := cachedDocs(name, data)
		if !ok {
			t.Errorf("%s: defaults.bin is out of date; run go test ./rules -run TestNodeCache -update", name)
			continue
		}
		want, err := parseDocs(data)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d documents, want %d", name, len(got), len(want))
		}
		for i := range want {
			sameNodes(t, name, got[i], want[i])
		}
		if _, ok := cachedDocs(name, append(data, '\n')); ok {
			t.Errorf("%s: changed text read from defaults.bin", name)
		}
	}
	if *updateNodes {
		if err := os.WriteFile("defaults.bin", b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if string(b) != nodeCache {
		t.Error("defaults.bin is out of date; run go test ./rules -run TestNodeCache -update")
	}
}

// sameNodes compares the fields rule decoding reads.
func sameNodes(t *testing.T, name string, got, want *yaml.Node) {
	t.Helper()
	g, w := *got, *want
	g.Content, w.Content = nil, nil
	w.HeadComment, w.LineComment, w.FootComment = "", "", ""
	if !reflect.DeepEqual(g, w) {
		t.Fatalf("%s: node %+v, want %+v", name, g, w)
	}
	if len(got.Content) != len(want.Content) {
		t.Fatalf("%s line %d: %d children, want %d", name, want.Line, len(got.Content), len(want.Content))
	}
	for i := range want.Content {
		sameNodes(t, name, got.Content[i], want.Content[i])
	}
}

// TestNodeCacheLoad: the default rule files load the same from
// defaults.bin as through yaml.v3.
func TestNodeCacheLoad(t *testing.T) {
	load := func() *builder {
		b := newBuilder()
		if err := b.loadDefaults(); err != nil {
			t.Fatal(err)
		}
		return b
	}
	cached := load()
	defer func(old string) { nodeCache = old }(nodeCache)
	nodeCache = ""
	parsed := load()
	if !sameValue(reflect.ValueOf(cached), reflect.ValueOf(parsed), map[[2]uintptr]bool{}) {
		t.Error("the default rules load differently from defaults.bin")
	}
	parsed.gaz.order[len(parsed.gaz.order)-1].at.line++
	if sameValue(reflect.ValueOf(cached), reflect.ValueOf(parsed), map[[2]uintptr]bool{}) {
		t.Error("sameValue misses a changed line")
	}
}

// sameValue is reflect.DeepEqual but for funcs (a pattern's predicates),
// which are the same when both are nil or neither is.
func sameValue(a, b reflect.Value, seen map[[2]uintptr]bool) bool {
	if a.Kind() != b.Kind() || a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.Func:
		return a.IsNil() == b.IsNil()
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		k := [2]uintptr{a.Pointer(), b.Pointer()}
		if seen[k] {
			return true
		}
		seen[k] = true
		return sameValue(a.Elem(), b.Elem(), seen)
	case reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameValue(a.Elem(), b.Elem(), seen)
	case reflect.Struct:
		for i := range a.NumField() {
			if !sameValue(a.Field(i), b.Field(i), seen) {
				return false
			}
		}
		return true
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameValue(a.Index(i), b.Index(i), seen) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			if v := b.MapIndex(k); !v.IsValid() || !sameValue(a.MapIndex(k), v, seen) {
				return false
			}
		}
		return true
	case reflect.String:
		return a.String() == b.String()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() == b.Uint()
	case reflect.Float32, reflect.Float64:
		return a.Float() == b.Float()
	}
	panic("sameValue: " + a.Type().String())
}
