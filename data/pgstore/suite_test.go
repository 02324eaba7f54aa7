package pgstore

import (
	"context"
	"testing"

	"github.com/kepu/kepu/data/storetest"
)

func openFresh(t testing.TB) *Store {
	st, err := Open(context.Background(), storetest.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestStoreSuite runs the suite every registry store passes.
func TestStoreSuite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store { return openFresh(t) })
}
