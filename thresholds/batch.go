package thresholds

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// batchChunk is how many consecutive cases a worker takes at a time: enough to make
// handing out work cheap, few enough that the last chunks spread over every core.
const batchChunk = 1024

// EvaluateAll decides every case of a corpus as [Framework.Evaluate] does, on every core
// (runtime.GOMAXPROCS goroutines, none for a corpus of one chunk). decisions[i] and
// errs[i] are case i's; errs is nil when every case was decided, and otherwise holds an
// error exactly where the decision is the zero Decision.
//
// Each Decision shares no memory with the framework; decisions of one call may hold
// windows of one array, never overlapping, each window's capacity ending with it.
// EvaluateAll reads the cases and does not keep them.
func (f *Framework) EvaluateAll(cases []Case) (decisions []Decision, errs []error) {
	decisions = make([]Decision, len(cases))
	fails := make([][]failure, chunks(len(cases)))
	inParallel(len(cases), func(chunk, lo, hi int) {
		var s slab
		for i := lo; i < hi; i++ {
			var o Outcome
			if err := f.outcome(&o, cases[i].Indicators); err != nil {
				fails[chunk] = append(fails[chunk], failure{i, err})
				continue
			}
			decisions[i] = s.decision(&o)
		}
	})
	return decisions, gather(len(cases), fails)
}

// SummariseAll decides every case of a corpus on every core as EvaluateAll does, but
// keeps only each decision's gist: level, urgency and deciding rule. It allocates
// nothing per case, so it scores large corpora quickly. summaries[i] and errs[i] are
// case i's; errs is nil when every case was decided.
func (f *Framework) SummariseAll(cases []Case) (summaries []Summary, errs []error) {
	summaries = make([]Summary, len(cases))
	fails := make([][]failure, chunks(len(cases)))
	inParallel(len(cases), func(chunk, lo, hi int) {
		for i := lo; i < hi; i++ {
			s, err := f.summarise(cases[i])
			if err != nil {
				fails[chunk] = append(fails[chunk], failure{i, err})
				continue
			}
			summaries[i] = s
		}
	})
	return summaries, gather(len(cases), fails)
}

// CompareCorpus is [CompareFrameworks] over a corpus held in a slice, on every core
// (runtime.GOMAXPROCS goroutines, none for a corpus of one chunk). Its Impact is the one
// CompareFrameworks gives for the same cases in the same order: the same counts and the
// same changes, in corpus order, with the same indices.
func CompareCorpus(before, after *Framework, cases []Case) Impact {
	parts := make([]Impact, chunks(len(cases)))
	inParallel(len(cases), func(chunk, lo, hi int) {
		im := &parts[chunk]
		for i := lo; i < hi; i++ {
			im.add(i, cases[i], before, after)
		}
	})
	var im Impact
	n := 0
	for _, p := range parts {
		n += len(p.Changes)
	}
	if n > 0 {
		im.Changes = make([]Change, 0, n)
	}
	for _, p := range parts {
		im.Cases += p.Cases
		im.Up += p.Up
		im.Down += p.Down
		im.Urgency += p.Urgency
		im.Undecidable += p.Undecidable
		im.Changes = append(im.Changes, p.Changes...)
	}
	return im
}

// failure is the error of case i of a batch.
type failure struct {
	i   int
	err error
}

// chunks returns the number of chunks of a corpus of n cases.
func chunks(n int) int { return (n + batchChunk - 1) / batchChunk }

// gather returns the errors of a batch of n cases by case, or nil when there are none.
func gather(n int, fails [][]failure) []error {
	var errs []error
	for _, fs := range fails {
		for _, f := range fs {
			if errs == nil {
				errs = make([]error, n)
			}
			errs[f.i] = f.err
		}
	}
	return errs
}

// inParallel calls work for every chunk of n cases, chunk c covering cases [lo, hi), on
// up to GOMAXPROCS goroutines that take the chunks in turn, and returns when all are
// done. A single chunk runs on the calling goroutine.
func inParallel(n int, work func(chunk, lo, hi int)) {
	total := chunks(n)
	workers := min(runtime.GOMAXPROCS(0), total)
	if workers <= 1 {
		for c := range total {
			work(c, c*batchChunk, min((c+1)*batchChunk, n))
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				c := int(next.Add(1) - 1)
				if c >= total {
					return
				}
				work(c, c*batchChunk, min((c+1)*batchChunk, n))
			}
		})
	}
	wg.Wait()
}
