package pgstore

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/kepu/kepu/data/storetest"
)

// testURL is the server the tests use: $KEPU_TEST_POSTGRES (scripts/pg-cluster.sh
// starts a throw-away one; .ci/run does). Without it the tests skip, unless
// $KEPU_REQUIRE_POSTGRES asks for them.
func testURL(t testing.TB) string {
	u := os.Getenv("KEPU_TEST_POSTGRES")
	if u == "" {
		if os.Getenv("KEPU_REQUIRE_POSTGRES") != "" {
			t.Fatal("KEPU_REQUIRE_POSTGRES is set but KEPU_TEST_POSTGRES names no server")
		}
		t.Skip("no PostgreSQL: set KEPU_TEST_POSTGRES=postgres://... (scripts/pg-cluster.sh start DIR prints one)")
	}
	return u
}

var dbSeq atomic.Int64

// freshDB creates an empty database for one test and returns its URL.
func freshDB(t testing.TB) string {
	base := testURL(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	name := fmt.Sprintf("kepu_t%d_%d", os.Getpid(), dbSeq.Add(1))
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, base)
		if err == nil {
			c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			c.Close(ctx)
		}
	})
	i := strings.LastIndex(base, "/")
	rest := ""
	if q := strings.Index(base[i:], "?"); q >= 0 {
		rest = base[i+q:]
	}
	return base[:i+1] + name + rest
}

func openFresh(t testing.TB) *Store {
	st, err := Open(context.Background(), freshDB(t))
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
