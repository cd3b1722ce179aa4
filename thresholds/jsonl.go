package thresholds

import (
	"bufio"
	"bytes"
	"io"
	"math/bits"
	"strconv"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
)

// Rule codes of the findings a [CaseReader] reports, besides those of document.Decode.
const (
	RuleLineTooLong = "line-too-long" // a line is longer than MaxCaseLine
)

// MaxCaseLine bounds the length of one line of a JSON-lines corpus, in bytes.
const MaxCaseLine = 1 << 20

// internMax bounds the distinct codes a CaseReader keeps to share their text.
const internMax = 4096

// CaseReader reads a corpus of cases written as JSON lines: one [Case] object a line,
// as {"indicators":["HLT-2-01","EDU-2-01"]}, with blank lines skipped. A line of exactly
// that shape (whitespace allowed, no escapes in the codes) is read by a scanner that
// allocates nothing for codes it has seen before; any other line is decoded by the
// strict document decoder (so "ref", escapes and every error are handled as for any
// document).
//
// A bad line does not stop reading: [CaseReader.Next] returns its findings, each with a
// path under "lines[N]", N being the line's number counted from 1 as editors count
// (the path "lines[3].indicators[1]" is the second code of the third line), and the next
// call reads the next line. Findings say what is wrong, never what the line held.
//
// The zero CaseReader reads nothing; make one with [NewCaseReader]. A CaseReader is not
// safe for concurrent use.
type CaseReader struct {
	r      *bufio.Reader
	line   int
	long   []byte // a line longer than the reader's buffer, gathered
	codes  []continuum.Code
	intern interner
}

// NewCaseReader returns a reader of the JSON-lines corpus r.
func NewCaseReader(r io.Reader) *CaseReader {
	return &CaseReader{r: bufio.NewReaderSize(r, 64<<10)}
}

// Line returns the number of the line the last case or finding came from, from 1.
func (cr *CaseReader) Line() int { return cr.line }

// Next returns the case of the next non-blank line. At the end of the input it returns
// io.EOF; for a bad line, a [continuum.Findings] error (see [CaseReader]); for a failure
// to read, that error. The case's Indicators are its own: no later call changes them.
func (cr *CaseReader) Next() (Case, error) {
	if cr.r == nil {
		return Case{}, io.EOF
	}
	for {
		line, err := cr.nextLine()
		if err != nil {
			return Case{}, err
		}
		if line != nil {
			return cr.decode(line)
		}
	}
}

// nextLine reads the next line and returns it trimmed: nil for a blank line, or a
// finding for a line that is too long.
func (cr *CaseReader) nextLine() ([]byte, error) {
	line, err := cr.readLine()
	if err != nil {
		return nil, err
	}
	cr.line++
	if len(line) > MaxCaseLine {
		return nil, cr.finding("", RuleLineTooLong, continuum.ErrInvalidValue,
			"the line is longer than "+strconv.Itoa(MaxCaseLine)+" bytes")
	}
	line = bytes.TrimSpace(line)
	if len(line) == 0 {
		return nil, nil
	}
	return line, nil
}

// decode returns the case of a trimmed, non-blank line, whose number is cr.line.
func (cr *CaseReader) decode(line []byte) (Case, error) {
	if c, ok := cr.scan(line); ok {
		return c, nil
	}
	var c Case
	if fs := document.Decode(line, &c); len(fs) > 0 {
		return Case{}, fs.Within(cr.path()).Err()
	}
	return c, nil
}

// path returns the path of the current line.
func (cr *CaseReader) path() string { return "lines[" + strconv.Itoa(cr.line) + "]" }

func (cr *CaseReader) finding(path, rule string, err error, msg string) error {
	return continuum.Findings{}.Add(cr.path()+path, rule, continuum.Error, err, msg).Err()
}

// readLine returns the next line without its end, io.EOF when there is none. A line
// longer than MaxCaseLine is returned cut short, one byte over the limit, the rest of
// it skipped.
func (cr *CaseReader) readLine() ([]byte, error) {
	line, err := cr.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		cr.long = append(cr.long[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = cr.r.ReadSlice('\n')
			if len(cr.long) <= MaxCaseLine {
				cr.long = append(cr.long, line[:min(len(line), MaxCaseLine+1-len(cr.long))]...)
			}
		}
		line = cr.long
	}
	switch {
	case err == io.EOF && len(line) == 0:
		return nil, io.EOF
	case err != nil && err != io.EOF:
		return nil, err
	}
	return bytes.TrimSuffix(line, []byte{'\n'}), nil
}

// scan reads a line of exactly the shape {"indicators":["CODE",…]} (whitespace allowed)
// whose codes are well-formed; ok is false for anything else.
func (cr *CaseReader) scan(line []byte) (c Case, ok bool) {
	start := len(cr.codes)
	s := scanner{b: line}
	if !s.plain(func(text []byte, k codeKey) bool {
		code, ok := cr.code(text, k)
		if ok {
			cr.codes = append(cr.codes, code)
		}
		return ok
	}) {
		cr.codes = cr.codes[:start]
		return Case{}, false
	}
	codes := cr.codes[start:len(cr.codes):len(cr.codes)]
	if len(codes) == 0 {
		codes = []continuum.Code{} // as the strict decoder gives an empty list
	}
	if cap(cr.codes)-len(cr.codes) < 64 {
		cr.codes = make([]continuum.Code, 0, 4096) // the cases keep the old array
	}
	return Case{Indicators: codes}, true
}

// plain reads a whole line of exactly the shape {"indicators":["CODE",…]} (whitespace
// allowed) and calls code for each string of the list, in order, with its text up to its
// first quote and its key; false when the line has another shape, a string is longer
// than any code, or code returns false.
func (s *scanner) plain(code func(text []byte, k codeKey) bool) bool {
	if bytes.HasPrefix(s.b, compactHead) {
		s.pos = len(compactHead) // the shape as encoders write it, read at once
	} else if !s.byte('{') || !s.literal(`"indicators"`) || !s.byte(':') || !s.byte('[') {
		return false
	}
	if !s.byte(']') {
		for {
			text, k, ok := s.str()
			if !ok || !code(text, k) {
				return false
			}
			if s.pos < len(s.b) && s.b[s.pos] == ',' {
				s.pos++ // the next code, as encoders write it
				continue
			}
			if s.byte(']') {
				break
			}
			if !s.byte(',') {
				return false
			}
		}
	}
	return s.byte('}') && s.skip() == len(s.b)
}

// compactHead is how a line of the plain shape begins when written without spaces.
var compactHead = []byte(`{"indicators":[`)

// code returns the code spelled text, whose key is k: the text between a string's
// quotes up to the first quote, sharing the text of a code seen before. Text equal to a
// code seen before is that code (a code holds no quote, escape, control or non-ASCII
// byte), so only text not seen before is parsed; ParseCode refuses text with an escape
// or any other byte a code cannot hold, and the line then goes to the strict decoder.
func (cr *CaseReader) code(text []byte, k codeKey) (continuum.Code, bool) {
	if k.n == 0 { // the zero key marks an empty slot
		return continuum.Code{}, false
	}
	h := k.internHash()
	if c, ok := cr.intern.get(k, h); ok {
		return c, true
	}
	c, err := continuum.ParseCode(string(text))
	if err != nil {
		return continuum.Code{}, false
	}
	cr.intern.put(k, h, c)
	return c, true
}

// interner keeps up to internMax codes by their keys, in an open-addressing table at
// most half full whose slots hold the keys themselves, so that a corpus's codes
// are parsed and allocated once each and finding one reads one slot.
type interner struct {
	slots []internEntry // n == 0: empty
	n     int
	shift uint // 64 less the bits of a slot's index: a hash's top bits index it
}

// internHash hashes a key for the interner with one multiplication, cheaper than
// [codeKey.hash] for the one lookup a code of a line needs. The table indexes by the
// product's top bits; folding the high half down first lets the last bytes of a code
// (its serial digits, in the top of a word) move them: England's 112 codes take 1.3
// probes on average in a half-full table, against 2.6 without the fold.
func (k codeKey) internHash() uint64 {
	x := k.a ^ bits.RotateLeft64(k.b, 21) ^ bits.RotateLeft64(k.c, 42) ^ uint64(k.n)<<58
	return (x ^ x>>32) * 0x9e3779b97f4a7c15
}

type internEntry struct {
	key  codeKey
	code continuum.Code
}

func (in *interner) get(k codeKey, h uint64) (continuum.Code, bool) {
	if len(in.slots) == 0 {
		return continuum.Code{}, false
	}
	mask := uint64(len(in.slots) - 1)
	for i := h >> in.shift; ; i++ {
		e := &in.slots[i&mask]
		if e.key == k {
			return e.code, true
		}
		if e.key.n == 0 {
			return continuum.Code{}, false
		}
	}
}

func (in *interner) put(k codeKey, h uint64, c continuum.Code) {
	if in.n >= internMax || k.n == 0 {
		return
	}
	in.n++
	if 2*in.n > len(in.slots) {
		old := in.slots
		size := 64
		for size < 4*in.n {
			size <<= 1
		}
		in.slots = make([]internEntry, size)
		in.shift = uint(64 - bits.TrailingZeros(uint(size)))
		for _, e := range old {
			if e.key.n != 0 {
				in.place(e.key.internHash(), e)
			}
		}
	}
	in.place(h, internEntry{k, c})
}

func (in *interner) place(h uint64, e internEntry) {
	mask := uint64(len(in.slots) - 1)
	i := h >> in.shift
	for in.slots[i].key.n != 0 {
		i = (i + 1) & mask
	}
	in.slots[i] = e
}

// scanner reads JSON tokens of the one shape the fast path takes.
type scanner struct {
	b   []byte
	pos int
}

// skip skips whitespace and returns the position after it.
func (s *scanner) skip() int {
	for s.pos < len(s.b) {
		switch s.b[s.pos] {
		case ' ', '\t', '\r', '\n':
			s.pos++
		default:
			return s.pos
		}
	}
	return s.pos
}

// byte reads c after whitespace.
func (s *scanner) byte(c byte) bool {
	if s.pos < len(s.b) && s.b[s.pos] == c {
		s.pos++
		return true
	}
	if s.skip() < len(s.b) && s.b[s.pos] == c {
		s.pos++
		return true
	}
	return false
}

// literal reads lit after whitespace.
func (s *scanner) literal(lit string) bool {
	if s.skip(); bytes.HasPrefix(s.b[s.pos:], []byte(lit)) {
		s.pos += len(lit)
		return true
	}
	return false
}

// str reads a string after whitespace and returns the text up to its first quote
// (which [CaseReader.code] checks) and its key; false when no quote closes it or the
// text is longer than any code. Text of up to 16 bytes is searched for its quote eight
// bytes at a time, and its key made of the words read.
func (s *scanner) str() ([]byte, codeKey, bool) {
	if !s.byte('"') {
		return nil, codeKey{}, false
	}
	start := s.pos
	if b := s.b; start+16 <= len(b) {
		w := load64(b, start)
		if n := quoteAt(w); n < 8 {
			if n >= 4 {
				s.pos = start + n + 1
				return b[start : start+n], codeKey{a: uint64(uint32(w)), b: uint64(uint32(w >> (8 * (n - 4)))), n: n}, true
			}
		} else if n := quoteAt(load64(b, start+8)); n < 8 {
			n += 8
			s.pos = start + n + 1
			return b[start : start+n], codeKey{a: w, b: load64(b, start+n-8), n: n}, true
		}
	}
	if n := bytes.IndexByte(s.b[start:], '"'); n >= 0 { // near the end of the line
		s.pos = start + n + 1
		k, ok := keyOf(s.b[start : start+n])
		return s.b[start : start+n], k, ok
	}
	return nil, codeKey{}, false
}

// quoteAt returns the index of the first quote among the eight bytes of w, read
// little-endian, or 8 when there is none. Only bits above the first zero byte of
// w^quotes can be set wrongly, so the lowest set bit is exact.
func quoteAt(w uint64) int {
	const ones, highs, quotes = 0x0101010101010101, 0x8080808080808080, 0x2222222222222222
	v := w ^ quotes
	return bits.TrailingZeros64((v-ones)&^v&highs) >> 3
}
