package retrieval

import (
	"encoding/binary"
	"errors"
)

// byteReader reads varints from b, remembering the first error: the
// lexicon cache and the snapshot header are both read with it, and a
// damaged file must give an error, never a panic or a huge allocation.
type byteReader struct {
	b    []byte
	err  error
	what string // what is read, for the error: "lexicon cache"
}

func (r *byteReader) fail(msg string) {
	if r.err == nil {
		r.err = errors.New(r.what + " damaged: " + msg)
	}
	r.b = nil
}

func (r *byteReader) uvarint() uint64 {
	if len(r.b) > 0 && r.b[0] < 0x80 {
		x := uint64(r.b[0]) // most numbers take one byte
		r.b = r.b[1:]
		return x
	}
	if r.err != nil {
		return 0
	}
	x, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail("truncated")
		return 0
	}
	r.b = r.b[n:]
	return x
}

func (r *byteReader) varint() int64 {
	if r.err != nil {
		return 0
	}
	x, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail("truncated")
		return 0
	}
	r.b = r.b[n:]
	return x
}

// count reads a count of things that take at least size bytes each, so
// that a damaged count cannot make the reader allocate more than the file
// could hold.
func (r *byteReader) count(size int) int {
	x := r.uvarint()
	if x > uint64(len(r.b)/size) {
		r.fail("count out of range")
		return 0
	}
	return int(x)
}
