package pgstore

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/kepu/kepu/coverage"
	"github.com/paulmach/orb"

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
	// Hold three connections at once, so the pool must open three.
	var conns []*pgxpool.Conn
	for range 3 {
		c, err := st.pool.Acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		var v string
		if err := c.QueryRow(ctx, "SHOW synchronous_commit").Scan(&v); err != nil {
			t.Fatal(err)
		}
		if v != "on" {
			t.Errorf("connection %d: synchronous_commit on the store's pool = %q, want on", i, v)
		}
		c.Release()
	}
}

func TestMerge(t *testing.T) {
	st := openFresh(t)
	storetest.RunMerge(t, st, st, func(m Merged) [3][]string { return [3][]string{m.Added, m.Changed, m.Unchanged} })
}

// TestWatchHearsAnotherWriter: a store watching hears, within a second,
// the version of a commit made through another store on the database.
func TestWatchHearsAnotherWriter(t *testing.T) {
	raw := storetest.PostgresURL(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	watcher, err := Open(ctx, raw)
	if err != nil {
		t.Fatal(err)
	}
	defer watcher.Close()
	writer, err := Open(ctx, raw)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	heard := make(chan uint64, 16)
	done := make(chan struct{})
	go func() { watcher.Watch(ctx, func(v uint64) { heard <- v }); close(done) }()
	time.Sleep(200 * time.Millisecond) // the watcher is listening
	for i, id := range []string{"W1", "W2"} {
		if err := writer.CreateFacilities(ctx, "w", []coverage.Facility{{ID: id, Name: id, Category: coverage.CategoryVenue,
			Status: coverage.StatusOpen, FloorArea: 1000, Point: orb.Point{111.7, 40.8}}}); err != nil {
			t.Fatal(err)
		}
		want, _ := writer.Version(ctx)
		select {
		case v := <-heard:
			if v != want {
				t.Errorf("write %d: heard version %d, want %d", i+1, v, want)
			}
		case <-time.After(time.Second):
			t.Fatalf("write %d: nothing heard within a second", i+1)
		}
	}
	cancel()
	<-done
}
