package thresholds

import (
	"errors"
	"io"
	"runtime"
	"sync"

	"github.com/rightsupport/needs/continuum"
)

// ReadCases reads every case of a JSON-lines corpus (see [CaseReader]): the cases of
// the good lines in order, and the findings of every bad line together in a
// [continuum.Findings] error. A failure to read stops it and is returned as is, with the
// cases of the lines before it.
//
// Lines are decoded on every core (runtime.GOMAXPROCS goroutines) in blocks of
// consecutive lines; the cases, their order and the findings are those one
// [CaseReader] gives.
func ReadCases(r io.Reader) ([]Case, error) {
	blocks, rerr := inBlocks(NewCaseReader(r), func(b *lineBlock, w *CaseReader) {
		b.cases = make([]Case, 0, len(b.text.lines))
		b.each(func(num int, line []byte, err error) {
			var c Case
			if err == nil {
				w.line = num
				if c, err = w.decode(line); err == nil {
					b.cases = append(b.cases, c)
					return
				}
			}
			b.fs = appendFindings(b.fs, err)
		})
	})
	cases := gathered(blocks, func(b *lineBlock) []Case { return b.cases })
	if rerr != nil {
		return cases, rerr
	}
	return cases, continuum.Findings(gathered(blocks, func(b *lineBlock) []*continuum.Finding { return b.fs })).Err()
}

// LineSummary is the gist of the decision on one line of a JSON-lines corpus, or why
// there is none.
type LineSummary struct {
	// Line is the line's number, counted from 1 as editors count.
	Line int
	// Summary is the decision's level, urgency and deciding rule; zero when Err is set.
	Summary
	// Err is nil when the line was decided. Otherwise it is a [continuum.Findings] error
	// with paths under "lines[N]": the line is not a case (as [CaseReader] reports it),
	// or the case cannot be decided (its unknown codes, as [Framework.Evaluate] reports
	// them).
	Err error
}

// SummariseLines decides every case of a JSON-lines corpus (see [CaseReader]) and keeps
// each decision's gist, as [ReadCases] followed by [Framework.SummariseAll] would, in one
// pass on every core: a line of the plain shape whose codes are all in the catalogue is
// read straight into the framework's bit sets, with no [Case] made and nothing
// allocated; any other line takes the reader's and the decision's general paths, so
// every line gets exactly the summary or the findings those give.
//
// The result has one LineSummary for each non-blank line, in line order. The error is a
// failure to read, which stops it (the lines before it are kept), or [ErrNoFramework].
func (f *Framework) SummariseLines(r io.Reader) ([]LineSummary, error) {
	if err := f.usable(); err != nil {
		return nil, err
	}
	blocks, rerr := inBlocks(NewCaseReader(r), func(b *lineBlock, w *CaseReader) {
		b.sums = make([]LineSummary, 0, len(b.text.lines))
		b.each(func(num int, line []byte, err error) {
			b.sums = append(b.sums, f.summariseLine(w, num, line, err))
		})
	})
	return gathered(blocks, func(b *lineBlock) []LineSummary { return b.sums }), rerr
}

// summariseLine returns the summary of line number num, whose text is line (trimmed, not
// blank) or whose finding err is already made, with w for the general path.
func (f *Framework) summariseLine(w *CaseReader, num int, line []byte, err error) LineSummary {
	ls := LineSummary{Line: num}
	if err != nil {
		ls.Err = err
		return ls
	}
	o := Outcome{fw: f}
	t := &f.table
	s := scanner{b: line}
	if s.plain(func(_ []byte, k codeKey) bool {
		i := t.findKey(k)
		if i < 0 {
			return false // an unknown code, or not a code: the general path says which
		}
		o.obs.add(i)
		return true
	}) {
		f.decide(&o)
		ls.Summary = Summary{Level: o.Level, Urgency: o.Urgency, Rule: o.Rule}
		return ls
	}
	w.line = num
	c, err := w.decode(line)
	if err == nil {
		ls.Summary, err = f.summarise(c)
		var fs continuum.Findings
		if errors.As(err, &fs) {
			err = fs.Within(w.path()).Err()
		}
	}
	if err != nil {
		ls.Summary, ls.Err = Summary{}, err
	}
	return ls
}

// inBlocks reads the lines of cr in blocks of consecutive non-blank lines and calls work
// on every block on GOMAXPROCS goroutines, each with a CaseReader of its own (for its
// interned codes) that keeps them from block to block. It returns the blocks in line
// order once all are done, and the failure to read that stopped it, if any.
func inBlocks(cr *CaseReader, work func(b *lineBlock, w *CaseReader)) ([]*lineBlock, error) {
	workers := runtime.GOMAXPROCS(0)
	todo := make(chan *lineBlock, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			var w CaseReader
			for b := range todo {
				work(b, &w)
				b.release()
			}
		})
	}
	// This goroutine reads and splits lines, copying each block's lines into the block.
	var blocks []*lineBlock
	b := newLineBlock()
	var rerr error
	for {
		line, err := cr.nextLine()
		if err == io.EOF {
			break
		}
		if err != nil && !errors.As(err, new(continuum.Findings)) {
			rerr = err
			break
		}
		if line == nil && err == nil {
			continue // blank
		}
		b.add(cr.line, line, err)
		if len(b.text.lines) == blockLines || len(b.text.data) >= blockBytes {
			blocks = append(blocks, b)
			todo <- b
			b = newLineBlock()
		}
	}
	if len(b.text.lines) > 0 {
		blocks = append(blocks, b)
		todo <- b
	} else {
		b.release()
	}
	close(todo)
	wg.Wait()
	return blocks, rerr
}

// gathered returns what of gives for each block, in block order, in one slice.
func gathered[T any](blocks []*lineBlock, of func(b *lineBlock) []T) []T {
	n := 0
	for _, b := range blocks {
		n += len(of(b))
	}
	out := make([]T, 0, n)
	for _, b := range blocks {
		out = append(out, of(b)...)
	}
	return out
}

// appendFindings appends the findings of err, a line's error, which is always findings.
func appendFindings(fs continuum.Findings, err error) continuum.Findings {
	var bad continuum.Findings
	if errors.As(err, &bad) {
		fs = append(fs, bad...)
	}
	return fs
}

// Block bounds of ReadCases and SummariseLines: enough lines that handing a block over costs little, few
// enough bytes that every core gets blocks of a small corpus.
const (
	blockLines = 1024
	blockBytes = 256 << 10
)

// lineBlock is a run of consecutive non-blank lines of a corpus, copied, with their
// numbers; the work on it fills in its cases and findings or its summaries.
type lineBlock struct {
	text  *lineText
	errs  []lineErr // findings already made of lines (too long), by index in lines
	cases []Case
	fs    continuum.Findings
	sums  []LineSummary
}

// lineText is the text of a block's lines, end to end, and the lines: no pointers, so
// the collector does not scan them, and reused from block to block.
type lineText struct {
	data  []byte
	lines []blockLine
}

// blockLine is one line of a block: its number, and where its text ends in the block's
// data.
type blockLine struct{ num, end int }

// lineErr is the finding made of line i of a block before decoding.
type lineErr struct {
	i   int
	err error
}

// lineBuffers holds the text buffers of finished blocks for the next blocks.
var lineBuffers = sync.Pool{New: func() any {
	return &lineText{data: make([]byte, 0, blockBytes+4<<10), lines: make([]blockLine, 0, blockLines)}
}}

func newLineBlock() *lineBlock {
	t := lineBuffers.Get().(*lineText)
	t.data, t.lines = t.data[:0], t.lines[:0]
	return &lineBlock{text: t}
}

func (b *lineBlock) add(num int, line []byte, err error) {
	t := b.text
	if err != nil {
		b.errs = append(b.errs, lineErr{len(t.lines), err})
	}
	t.data = append(t.data, line...)
	t.lines = append(t.lines, blockLine{num, len(t.data)})
}

// each calls fn for every line of the block, in order, with its number and text, or
// with the finding already made of it.
func (b *lineBlock) each(fn func(num int, line []byte, err error)) {
	t := b.text
	errs := b.errs
	start := 0
	for i, l := range t.lines {
		line := t.data[start:l.end]
		start = l.end
		var err error
		if len(errs) > 0 && errs[0].i == i {
			err, errs = errs[0].err, errs[1:]
		}
		fn(l.num, line, err)
	}
}

// release gives the block's text buffers back for later blocks.
func (b *lineBlock) release() {
	t := b.text
	b.text = nil
	if cap(t.data) <= 2*blockBytes { // a block with a long line grew it
		lineBuffers.Put(t)
	}
}
