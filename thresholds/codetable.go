package thresholds

import (
	"math/bits"

	"github.com/rightsupport/needs/continuum"
)

// codeTable finds a code's catalogue position by its text: a dense open-addressing hash
// table with linear probing, built once when a framework is compiled and only read
// afterwards, so it is safe for concurrent use. It holds at most a quarter as many codes
// as slots, so a lookup almost always ends at the first or second slot, and it never
// grows: lookups of hostile text cannot lengthen its probe runs.
type codeTable struct {
	// slots holds, for each slot, 0 when it is empty, else the code's tag in the high 16
	// bits and its catalogue position plus one in the low 16.
	slots *[maxSlots]uint32
	keys  *[MaxIndicators]codeKey // by catalogue position
	mask  uint32                  // the number of slots in use, a power of two, minus one
}

// maxSlots is the table's size for the largest catalogue. A table's arrays are always of
// the largest size, so that indexing them needs no bounds checks; a small catalogue uses
// only the first slots.
const maxSlots = 4 * MaxIndicators

// codeKey is code text as at most three 64-bit words and its length. A code is at most
// [continuum.MaxCodeLen] (24) bytes, so the words hold every byte of it and two keys
// are equal exactly when their texts are: comparing keys needs no call to compare
// memory.
type codeKey struct {
	a, b, c uint64
	n       int
}

// newCodeTable builds the table of a sorted catalogue's codes.
func newCodeTable(codes []continuum.Code) codeTable {
	size := 16
	for size < 4*len(codes) {
		size <<= 1
	}
	t := codeTable{slots: new([maxSlots]uint32), keys: new([MaxIndicators]codeKey), mask: uint32(size - 1)}
	for pos, code := range codes {
		k, _ := keyOf(code.String()) // a parsed code is never too long
		t.keys[pos] = k
		h := k.hash()
		i := uint32(h) & t.mask
		for t.slots[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.slots[i] = tagOf(h)<<16 | uint32(pos+1)
	}
	return t
}

// find returns the catalogue position of the code spelled s, or -1. It makes the key as
// keyOf does, written out for the lengths codes have, as the decision path calls it for
// every code of every case.
func (t *codeTable) find(s string) int {
	var k codeKey
	switch n := len(s); {
	case n > continuum.MaxCodeLen:
		return -1
	case n > 16:
		k = codeKey{load64(s, 0), load64(s, 8), load64(s, n-8), n}
	case n >= 8:
		k = codeKey{load64(s, 0), load64(s, n-8), 0, n}
	default:
		k, _ = keyOf(s)
	}
	return t.findKey(k)
}

// findKey returns the catalogue position of the code whose key is k, or -1: find for a
// key already made (the JSON-lines scanner makes one as it finds a string's end).
func (t *codeTable) findKey(k codeKey) int {
	if k.n == 0 || k.n > continuum.MaxCodeLen {
		return -1
	}
	h := k.hash()
	tag := tagOf(h)
	for i := uint32(h); ; i++ {
		e := t.slots[i&t.mask&(maxSlots-1)]
		if e == 0 {
			return -1
		}
		if e>>16 == tag {
			if pos := int(e&0xffff-1) & (MaxIndicators - 1); t.keys[pos] == k {
				return pos
			}
		}
	}
}

// tagOf returns the 16 bits of a hash that a slot keeps to skip most key comparisons.
func tagOf(h uint64) uint32 { return uint32(h >> 48) }

// keyOf returns the key of code text, or false when the text is longer than any code.
// The words overlap for most lengths; together they cover every byte.
func keyOf[T string | []byte](s T) (codeKey, bool) {
	n := len(s)
	k := codeKey{n: n}
	switch {
	case n > continuum.MaxCodeLen:
		return codeKey{}, false
	case n > 16:
		k.a, k.b, k.c = load64(s, 0), load64(s, 8), load64(s, n-8)
	case n >= 8:
		k.a, k.b = load64(s, 0), load64(s, n-8)
	case n >= 4:
		k.a, k.b = uint64(load32(s, 0)), uint64(load32(s, n-4))
	case n > 0:
		k.a = uint64(s[0])<<16 | uint64(s[n>>1])<<8 | uint64(s[n-1])
	}
	return k, true
}

// hash mixes a key's words with multiplications by odd constants, folding each 128-bit
// product.
func (k codeKey) hash() uint64 {
	hi, lo := bits.Mul64(k.a^0xa0761d6478bd642f, k.b^0xe7037ed1a0b428db^uint64(k.n))
	h := hi ^ lo
	if k.c != 0 {
		hi, lo = bits.Mul64(h^0x8ebc6af09c88c6e3, k.c^0x589965cc75374cc3)
		h = hi ^ lo
	}
	return h
}

// load64 reads eight bytes of s at i, little-endian (the compiler makes it one load).
func load64[T string | []byte](s T, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// load32 reads four bytes of s at i, little-endian.
func load32[T string | []byte](s T, i int) uint32 {
	_ = s[i+3]
	return uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
}
