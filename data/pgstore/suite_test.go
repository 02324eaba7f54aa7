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

// TestCommitsAreDurable reads synchronous_commit back on the store's own
// pool, after the database's default was turned off: the store's
// connections still commit synchronously.
func TestCommitsAreDurable(t *testing.T) {
	raw := storetest.PostgresURL(t)
	ctx := context.Background()
	first, err := Open(ctx, raw)
	if err != nil {
		t.Fatal(err)
	}
	var db string
	if err := first.pool.QueryRow(ctx, "SELECT current_database()").Scan(&db); err != nil {
		t.Fatal(err)
	}
	if _, err := first.pool.Exec(ctx, "ALTER DATABASE "+db+" SET synchronous_commit = off"); err != nil {
		t.Fatal(err)
	}
	first.Close()
	st, err := Open(ctx, raw)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var v string
	if err := st.pool.QueryRow(ctx, "SHOW synchronous_commit").Scan(&v); err != nil {
		t.Fatal(err)
	}
	if v != "on" {
		t.Errorf("synchronous_commit on the store's pool = %q, want on", v)
	}
}

func TestMerge(t *testing.T) {
	st := openFresh(t)
	storetest.RunMerge(t, st, st, func(m Merged) [3][]string { return [3][]string{m.Added, m.Changed, m.Unchanged} })
}
