package data_test

import (
	"os"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
)

// chinaFixture names the national fixture built by scripts/china-units.mjs
// (make china-fixture); benchmarks on it skip without it.
func chinaFixture(b *testing.B) data.Sources {
	units, facilities := os.Getenv("KEPU_CHINA_UNITS"), os.Getenv("KEPU_CHINA_FACILITIES")
	if units == "" || facilities == "" {
		b.Skip("KEPU_CHINA_UNITS and KEPU_CHINA_FACILITIES name the national fixture (make china-fixture)")
	}
	return data.Sources{Units: []string{units}, Facilities: []string{facilities}}
}

// BenchmarkChinaLoad reads and validates the national units and facilities.
func BenchmarkChinaLoad(b *testing.B) {
	src := chinaFixture(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := data.Load(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkChinaEvaluate places the national facilities and evaluates every rule.
func BenchmarkChinaEvaluate(b *testing.B) {
	w, err := data.Load(chinaFixture(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		coverage.Evaluate(w, coverage.Defaults())
	}
}
