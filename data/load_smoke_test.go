package data_test

import (
	"testing"
	"time"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
)

func TestLoadEmbedded(t *testing.T) {
	start := time.Now()
	w, err := data.Load(data.Sources{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("load %v", time.Since(start))
	start = time.Now()
	res := coverage.Evaluate(w, coverage.Defaults())
	t.Logf("eval %v", time.Since(start))
	t.Logf("%+v", res.Dataset)
	for _, r := range res.Rules {
		t.Logf("%+v", r)
	}
	t.Logf("%+v %d", res.Region, len(res.Diagnostics))
}
