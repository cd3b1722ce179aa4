package referral

import (
	"slices"
	"sync"
)

// calAddedBefore returns the number of one-off bank holidays added (not moved) in the
// years before y: counted once for the years of calTable, so that counting holidays,
// which every deadline does several times, does not walk calOneOffs each time.
func calAddedBefore(y int64) int64 {
	if y >= calFirstYear && y <= calLastYear {
		return calAddedTable()[y-calFirstYear]
	}
	return calAddedBeforeSlow(y)
}

// calAddedTable holds calAddedBefore for calFirstYear..calLastYear, built once.
var calAddedTable = sync.OnceValue(func() *[calLastYear - calFirstYear + 1]int64 {
	var t [calLastYear - calFirstYear + 1]int64
	for i := range t {
		t[i] = calAddedBeforeSlow(int64(calFirstYear + i))
	}
	return &t
})

// calAddedBeforeSlow counts the added one-offs before year y by walking calOneOffs.
func calAddedBeforeSlow(y int64) int64 {
	n := int64(0)
	for _, o := range calOneOffs {
		if int64(o.year) < y && o.replacesMonth == 0 {
			n++
		}
	}
	return n
}

// calWork indexes the working days of the supported years, built once (about 150 KB),
// so that counting n working days from a day of those years is two table reads instead
// of counting holidays: before[i] is the number of working days among the days
// calFirstDay to calFirstDay+i, and days[k] the offset from calFirstDay of the working
// day k (0 the first).
type calWork struct {
	before []uint16
	days   []uint16
}

var calWorkTable = sync.OnceValue(func() *calWork {
	n := calLastDay - calFirstDay + 1
	w := &calWork{before: make([]uint16, n)}
	count := 0
	for i := range n {
		if calIsWorkingSlow(calFirstDay + i) {
			w.days = append(w.days, uint16(i))
			count++
		}
		w.before[i] = uint16(count)
	}
	w.days = slices.Clip(w.days)
	return w
})

// calAddWorkingFast returns the n-th working day after day z (n > 0) from calWorkTable,
// and false when z or the result is outside the supported years.
func calAddWorkingFast(z, n int64) (int64, bool) {
	if !calInRange(z) {
		return 0, false
	}
	w := calWorkTable()
	k := int64(w.before[z-calFirstDay]) + n - 1 // the result is working day k
	if k >= int64(len(w.days)) {
		return 0, false
	}
	return calFirstDay + int64(w.days[k]), true
}
