//go:build mutate

package coverage

// mutating is true under the mutate build tag (see mutate_on_test.go).
const mutating = true
