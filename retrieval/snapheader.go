package retrieval

import (
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
)

// The header of a version 4 snapshot is a compact binary encoding written
// for the store (gob, of version 3, spent most of the time of opening a
// large store decoding headers). Like gob it describes itself: it lists the
// fields of Transcript and Passage it holds, by name and kind, so a field
// added to either later is simply absent from older snapshots (zero when
// read) and a field unknown to the reader is skipped. Integers are varints
// (uv: unsigned, sv: zigzag signed); every string is stored once, in a
// table, and referred to by its index (str), so the title, date and
// speakers repeated by every passage are held once in memory too.
//
//	uv       S, strings; S × uv their lengths; their bytes, concatenated
//	uv       version (4)
//	str      embedder; uv dim; str splitter
//	schema   of Transcript: uv F; F × (str field name, byte kind)
//	schema   of Passage, the same
//	values   of the transcript's fields, in its schema's order
//	uv       N, passages; N × the values of each passage's fields
//	N × uv   sentences of each passage
//
// A value is by kind: 1 string: str; 2 int: sv; 3 []int: uv n, n × sv;
// 4 []string: uv n, n × str. An empty slice is read as nil, as gob does.
const (
	kindString  byte = 1
	kindInt     byte = 2
	kindInts    byte = 3
	kindStrings byte = 4
)

// headerField is one field of a struct as the header stores it.
type headerField struct {
	name  string
	kind  byte
	index int // the field's index in the Go struct; -1 when it has none
}

// fieldsOf lists the exported fields of struct type t.
func fieldsOf(t reflect.Type) ([]headerField, error) {
	var out []headerField
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		k := kindOf(f.Type)
		if k == 0 {
			return nil, fmt.Errorf("field %s.%s of type %s cannot be stored", t.Name(), f.Name, f.Type)
		}
		out = append(out, headerField{f.Name, k, i})
	}
	return out, nil
}

func kindOf(t reflect.Type) byte {
	switch {
	case t.Kind() == reflect.String:
		return kindString
	case t.Kind() == reflect.Int:
		return kindInt
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Int:
		return kindInts
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		return kindStrings
	}
	return 0
}

// headerWriter builds a version 4 header.
type headerWriter struct {
	index map[string]uint64
	strs  []string
	body  []byte
}

func (w *headerWriter) uvarint(x uint64) { w.body = binary.AppendUvarint(w.body, x) }

func (w *headerWriter) str(s string) {
	i, ok := w.index[s]
	if !ok {
		i = uint64(len(w.strs))
		w.index[s] = i
		w.strs = append(w.strs, s)
	}
	w.uvarint(i)
}

func (w *headerWriter) schema(fs []headerField) {
	w.uvarint(uint64(len(fs)))
	for _, f := range fs {
		w.str(f.name)
		w.body = append(w.body, f.kind)
	}
}

// values writes the fields fs of the struct v.
func (w *headerWriter) values(v reflect.Value, fs []headerField) {
	for _, f := range fs {
		fv := v.Field(f.index)
		switch f.kind {
		case kindString:
			w.str(fv.String())
		case kindInt:
			w.body = binary.AppendVarint(w.body, fv.Int())
		case kindInts:
			w.uvarint(uint64(fv.Len()))
			for i := range fv.Len() {
				w.body = binary.AppendVarint(w.body, fv.Index(i).Int())
			}
		case kindStrings:
			w.uvarint(uint64(fv.Len()))
			for i := range fv.Len() {
				w.str(fv.Index(i).String())
			}
		}
	}
}

// encodeHeader returns the version 4 header of h.
func encodeHeader(h *snapshotHeader) ([]byte, error) {
	return encodeHeaderOf(h, reflect.ValueOf(h.Transcript), reflect.ValueOf(h.Passages))
}

// encodeHeaderOf returns the version 4 header of h with the transcript t
// and the passages ps (a slice of structs) instead of h's own: tests write
// the snapshots of other versions of the code with it.
func encodeHeaderOf(h *snapshotHeader, t, ps reflect.Value) ([]byte, error) {
	tf, err := fieldsOf(t.Type())
	if err != nil {
		return nil, err
	}
	pf, err := fieldsOf(ps.Type().Elem())
	if err != nil {
		return nil, err
	}
	if len(h.Sentences) != ps.Len() {
		return nil, fmt.Errorf("%d sentence counts for %d passages", len(h.Sentences), ps.Len())
	}
	w := &headerWriter{index: map[string]uint64{}}
	w.uvarint(uint64(h.Version))
	w.str(h.Embedder)
	w.uvarint(uint64(max(h.Dim, 0)))
	w.str(h.Splitter)
	w.schema(tf)
	w.schema(pf)
	w.values(t, tf)
	w.uvarint(uint64(ps.Len()))
	for i := range ps.Len() {
		w.values(ps.Index(i), pf)
	}
	for _, c := range h.Sentences {
		w.uvarint(uint64(max(c, 0)))
	}

	size := 0
	for _, s := range w.strs {
		size += len(s)
	}
	out := make([]byte, 0, 10*(len(w.strs)+1)+size+len(w.body))
	out = binary.AppendUvarint(out, uint64(len(w.strs)))
	for _, s := range w.strs {
		out = binary.AppendUvarint(out, uint64(len(s)))
	}
	for _, s := range w.strs {
		out = append(out, s...)
	}
	return append(out, w.body...), nil
}

// headerReader reads a version 4 header, remembering the first error.
type headerReader struct {
	byteReader
	strs []string
	ints []int // a slab the []int values are cut from
}

func (r *headerReader) str() string {
	i := r.uvarint()
	if i >= uint64(len(r.strs)) {
		r.fail("string index out of range")
		return ""
	}
	return r.strs[i]
}

func (r *headerReader) int() int {
	x := r.varint()
	if x < math.MinInt || x > math.MaxInt {
		r.fail("integer out of range")
		return 0
	}
	return int(x)
}

// schema reads a schema and matches it with the fields of struct type t.
func (r *headerReader) schema(t reflect.Type) []headerField {
	n := r.count(1)
	ours, err := fieldsOf(t)
	if err != nil {
		r.fail(err.Error())
		return nil
	}
	out := make([]headerField, 0, n)
	for range n {
		f := headerField{name: r.str(), index: -1}
		if r.err != nil {
			return nil
		}
		if len(r.b) == 0 {
			r.fail("truncated")
			return nil
		}
		f.kind, r.b = r.b[0], r.b[1:]
		if f.kind < kindString || f.kind > kindStrings {
			r.fail(fmt.Sprintf("field %s has unknown kind %d", f.name, f.kind))
			return nil
		}
		for _, o := range ours {
			if o.name == f.name {
				if o.kind != f.kind {
					r.fail(fmt.Sprintf("field %s.%s is stored as kind %d, not %d", t.Name(), f.name, f.kind, o.kind))
					return nil
				}
				f.index = o.index
			}
		}
		out = append(out, f)
	}
	return out
}

// values reads the fields fs into the struct v, skipping those it has not.
func (r *headerReader) values(v reflect.Value, fs []headerField) {
	for _, f := range fs {
		if r.err != nil {
			return
		}
		var fv reflect.Value
		if f.index >= 0 {
			fv = v.Field(f.index)
		}
		switch f.kind {
		case kindString:
			s := r.str()
			if fv.IsValid() {
				fv.SetString(s)
			}
		case kindInt:
			x := r.int()
			if fv.IsValid() {
				fv.SetInt(int64(x))
			}
		case kindInts:
			if ints := r.intSlice(); fv.IsValid() && ints != nil {
				fv.Set(reflect.ValueOf(ints))
			}
		case kindStrings:
			n := r.count(1)
			if n == 0 {
				continue
			}
			ss := make([]string, n)
			for i := range ss {
				ss[i] = r.str()
			}
			if fv.IsValid() {
				fv.Set(reflect.ValueOf(ss))
			}
		}
	}
}

// passageOps returns what reads each field of schema fs into a Passage.
// With fast, the fields Passage has today are set directly, which is four
// times faster than through reflect; others (and all without fast) through
// reflect, or skipped when Passage has no such field.
func passageOps(fs []headerField, fast bool) []func(*Passage, *headerReader) {
	str := func(field func(*Passage) *string) func(*Passage, *headerReader) {
		return func(p *Passage, r *headerReader) { *field(p) = r.str() }
	}
	num := func(field func(*Passage) *int) func(*Passage, *headerReader) {
		return func(p *Passage, r *headerReader) { *field(p) = r.int() }
	}
	direct := map[string]func(*Passage, *headerReader){
		"ID":           str(func(p *Passage) *string { return &p.ID }),
		"TranscriptID": str(func(p *Passage) *string { return &p.TranscriptID }),
		"Title":        str(func(p *Passage) *string { return &p.Title }),
		"Date":         str(func(p *Passage) *string { return &p.Date }),
		"SourceURL":    str(func(p *Passage) *string { return &p.SourceURL }),
		"Speaker":      str(func(p *Passage) *string { return &p.Speaker }),
		"SpeakerLabel": str(func(p *Passage) *string { return &p.SpeakerLabel }),
		"SpeakerTitle": str(func(p *Passage) *string { return &p.SpeakerTitle }),
		"Role":         str(func(p *Passage) *string { return &p.Role }),
		"Kind":         str(func(p *Passage) *string { return &p.Kind }),
		"AskedBy":      str(func(p *Passage) *string { return &p.AskedBy }),
		"Question":     str(func(p *Passage) *string { return &p.Question }),
		"Text":         str(func(p *Passage) *string { return &p.Text }),
		"Turn":         num(func(p *Passage) *int { return &p.Turn }),
		"Exchange":     num(func(p *Passage) *int { return &p.Exchange }),
		"Part":         num(func(p *Passage) *int { return &p.Part }),
		"Paragraphs":   func(p *Passage, r *headerReader) { p.Paragraphs = r.intSlice() },
	}
	ops := make([]func(*Passage, *headerReader), len(fs))
	for i, f := range fs {
		if op, ok := direct[f.name]; ok && fast && f.index >= 0 {
			ops[i] = op
			continue
		}
		one := fs[i : i+1]
		ops[i] = func(p *Passage, r *headerReader) { r.values(reflect.ValueOf(p).Elem(), one) }
	}
	return ops
}

// intSlice reads a []int value, nil when empty.
func (r *headerReader) intSlice() []int {
	n := r.count(1)
	if n == 0 {
		return nil
	}
	if cap(r.ints)-len(r.ints) < n {
		r.ints = make([]int, 0, max(n, 1024))
	}
	at := len(r.ints)
	for range n {
		r.ints = append(r.ints, r.int())
	}
	return r.ints[at:len(r.ints):len(r.ints)]
}

// decodeHeader parses a version 4 header.
func decodeHeader(b []byte) (*snapshotHeader, error) { return decodeHeaderWith(b, true) }

// decodeHeaderWith parses a version 4 header, setting passages' fields
// directly when fast is true, else all through reflect.
func decodeHeaderWith(b []byte, fast bool) (*snapshotHeader, error) {
	r := &headerReader{byteReader: byteReader{b: b, what: "snapshot header"}}
	n := r.count(1)
	lens := make([]int, n)
	total := 0
	for i := range lens {
		lens[i] = r.count(1)
		total += lens[i]
	}
	if r.err == nil && total > len(r.b) {
		r.fail("strings truncated")
	}
	if r.err != nil {
		return nil, r.err
	}
	all := string(r.b[:total])
	r.b = r.b[total:]
	r.strs = make([]string, n)
	for i, l := range lens {
		r.strs[i], all = all[:l], all[l:]
	}

	h := &snapshotHeader{}
	h.Version = int(min(r.uvarint(), math.MaxInt32))
	h.Embedder = r.str()
	h.Dim = int(min(r.uvarint(), math.MaxInt32))
	h.Splitter = r.str()
	tf := r.schema(reflect.TypeFor[Transcript]())
	pf := r.schema(reflect.TypeFor[Passage]())
	r.values(reflect.ValueOf(&h.Transcript).Elem(), tf)
	np := r.count(1)
	if r.err == nil && np > len(r.b)/(len(pf)+1) {
		// Each passage takes a byte at least for each field and for its
		// count of sentences.
		r.fail("passage count out of range")
	}
	if r.err != nil {
		return nil, r.err
	}
	h.Passages = make([]Passage, np)
	ops := passageOps(pf, fast)
	for i := range h.Passages {
		p := &h.Passages[i]
		for _, op := range ops {
			op(p, r)
		}
		if r.err != nil {
			return nil, r.err
		}
	}
	h.Sentences = make([]int32, np)
	for i := range h.Sentences {
		c := r.uvarint()
		if c > math.MaxInt32 {
			r.fail("sentence count out of range")
		}
		h.Sentences[i] = int32(c)
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("snapshot header has %d bytes too many", len(r.b))
	}
	if np == 0 {
		h.Passages, h.Sentences = nil, nil // as gob and JSON give them
	}
	return h, nil
}
