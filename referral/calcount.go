package referral

import "sync"

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
