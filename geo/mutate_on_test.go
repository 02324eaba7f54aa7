//go:build mutate

package geo_test

// mutating is true under the mutate build tag (make mutate), which leaves
// out or shrinks the slowest tests so that a mutation run stays feasible.
const mutating = true
