package gpkg

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/kepu/kepu/data/storetest"
)

// TestStoreSuite runs the suite every registry store passes.
func TestStoreSuite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store {
		st, err := Open(context.Background(), filepath.Join(t.TempDir(), "k.gpkg"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	})
}
