package rules

// table gathers keyed items across files: a user item replaces the default
// one with the same key; two items from the same side sharing a key is an
// error reported at the second.
type table[T any] struct {
	what  string
	order []string
	m     map[string]*slot[T]
}

type slot[T any] struct {
	v    T
	at   pos
	user bool
	off  bool
}

func newTable[T any](what string) *table[T] {
	return &table[T]{what: what, m: map[string]*slot[T]{}}
}

// put adds v under key; shown is how the key is written in messages.
func (t *table[T]) put(b *builder, key, shown string, v T, at pos, user bool) bool {
	if old := t.m[key]; old != nil {
		if old.user == user {
			b.errAt(at, "duplicate %s %q (first at %s); remove one or give it a different id", t.what, shown, old.at)
			return false
		}
		old.v, old.at, old.user = v, at, user
		return true
	}
	t.m[key] = &slot[T]{v: v, at: at, user: user}
	t.order = append(t.order, key)
	return true
}

// disable drops the item under key (a user file saying disabled: true).
func (t *table[T]) disable(key string) {
	if s := t.m[key]; s != nil {
		s.off = true
	}
}

func (t *table[T]) get(key string) (T, bool) {
	s := t.m[key]
	if s == nil || s.off {
		var zero T
		return zero, false
	}
	return s.v, true
}

func (t *table[T]) values() []T {
	out := make([]T, 0, len(t.order))
	for _, k := range t.order {
		if s := t.m[k]; !s.off {
			out = append(out, s.v)
		}
	}
	return out
}
