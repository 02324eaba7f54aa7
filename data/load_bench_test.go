package data_test
import ("testing"; "github.com/kepu/kepu/data")
func BenchmarkLoadEmbedded(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := data.Load(data.Sources{}); err != nil { b.Fatal(err) }
	}
}
