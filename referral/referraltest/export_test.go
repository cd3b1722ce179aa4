package referraltest

// RunConformanceOf runs the cases of another file system by the rule of RunConformance,
// for the tests of the runner itself.
var RunConformanceOf = runConformance
