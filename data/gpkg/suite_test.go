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

func TestMergeSuite(t *testing.T) {
	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "k.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	storetest.RunMerge(t, st, st, func(m Merged) [3][]string { return [3][]string{m.Added, m.Changed, m.Unchanged} })
}
