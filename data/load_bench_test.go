// BenchmarkLoadEmbedded measures reading and validating the embedded dataset.
package data_test

import (
	"github.com/kepu/kepu/data"
	"testing"
)

func BenchmarkLoadEmbedded(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := data.Load(data.Sources{}); err != nil {
			b.Fatal(err)
		}
	}
}
