package thresholds

import (
	"iter"
	"math/bits"
)

// setWords is the size of an indicator set in 64-bit words.
const setWords = 8

// set is a fixed-size bit set of catalogue positions. It is a value: copying it copies
// the bits, and nothing about it allocates.
type set [setWords]uint64

// add and has take a catalogue position, below MaxIndicators; the mask of the index
// spares the bounds check on the decision path.
func (s *set) add(i int)      { s[(i>>6)&(setWords-1)] |= 1 << (i & 63) }
func (s *set) has(i int) bool { return s[(i>>6)&(setWords-1)]&(1<<(i&63)) != 0 }
func (s *set) count() int {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	return n
}

// all yields the positions in the set in ascending order.
func (s *set) all() iter.Seq[int] { return ones(s[:]) }

// ones yields the positions of the set bits of words in ascending order.
func ones(words []uint64) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i, w := range words {
			for w != 0 {
				b := bits.TrailingZeros64(w)
				if !yield(i<<6 | b) {
					return
				}
				w &= w - 1
			}
		}
	}
}

// sourceSet is a bit set of positions in a framework's source register.
type sourceSet [MaxSources / 64]uint64

func (s *sourceSet) add(i int) { s[i>>6] |= 1 << (i & 63) }

func (s *sourceSet) count() int {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	return n
}

func (s *sourceSet) union(t *sourceSet) {
	for i := range s {
		s[i] |= t[i]
	}
}

func (s *sourceSet) all() iter.Seq[int] { return ones(s[:]) }
