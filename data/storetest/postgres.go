package storetest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
)

var dbSeq atomic.Int64

// PostgresURL creates an empty database for one test on the server
// $KEPU_TEST_POSTGRES names (scripts/pg-cluster.sh starts a throw-away one;
// .ci/run does) and returns its URL; it is dropped when the test ends.
// Without a server the test skips, unless $KEPU_REQUIRE_POSTGRES asks for it.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("KEPU_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("KEPU_REQUIRE_POSTGRES") != "" {
			t.Fatal("KEPU_REQUIRE_POSTGRES is set but KEPU_TEST_POSTGRES names no server")
		}
		t.Skip("no PostgreSQL: set KEPU_TEST_POSTGRES=postgres://... (scripts/pg-cluster.sh start DIR prints one)")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("KEPU_TEST_POSTGRES: %v", err)
	}
	defer conn.Close(ctx)
	name := fmt.Sprintf("kepu_t%d_%d", os.Getpid(), dbSeq.Add(1))
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if c, err := pgx.Connect(ctx, base); err == nil {
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
