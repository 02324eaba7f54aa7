package gpkg

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestLockIsExclusive(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.gpkg")
	a, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Lock(); err != nil {
		t.Fatalf("first Lock: %v", err)
	}
	b, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	err = b.Lock()
	if !errors.Is(err, ErrHeld) {
		t.Fatalf("second Lock: got %v, want ErrHeld", err)
	}
	if want := "kepu pid " + strconv.Itoa(os.Getpid()); !strings.Contains(err.Error(), want) {
		t.Errorf("second Lock: %q does not name the holder (%q)", err, want)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if err := b.Lock(); err != nil {
		t.Errorf("Lock after the holder closed: %v", err)
	}
}

func TestOpenRefusesFilesKepuDidNotMake(t *testing.T) {
	dir := t.TempDir()
	foreign := filepath.Join(dir, "foreign.gpkg")
	db, err := sql.Open("sqlite", "file:"+foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE roads (id INTEGER)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, c := range []struct {
		name, body, want string
	}{
		{"empty", "", "empty (0 bytes)"},
		{"text", "id,name\n1,x\n", "not an SQLite file"},
		{"foreign", "", "kepu did not make"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := foreign
			if c.name != "foreign" {
				path = filepath.Join(dir, c.name+".gpkg")
				if err := os.WriteFile(path, []byte(c.body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before, _ := os.ReadFile(path)
			st, err := Open(context.Background(), path)
			if err == nil {
				st.Close()
				t.Fatalf("Open(%s) = nil error, want one saying %q", c.name, c.want)
			}
			if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("Open(%s): got %q, want the path and %q", c.name, err, c.want)
			}
			if after, _ := os.ReadFile(path); string(after) != string(before) {
				t.Errorf("Open(%s) changed the file: %d bytes before, %d after", c.name, len(before), len(after))
			}
		})
	}
}

// TestPragmasOnTheStoresPool reads the durability settings back on the
// store's own connections (every one of them: the pool opens several):
// WAL, synchronous=FULL (2), foreign keys on.
func TestPragmasOnTheStoresPool(t *testing.T) {
	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "k.gpkg"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	var conns []*sql.Conn
	for range 3 {
		c, err := st.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		var mode string
		var sync, fk, busy int
		if err := c.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
			t.Fatal(err)
		}
		c.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync)
		c.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk)
		c.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&busy)
		if mode != "wal" || sync != 2 || fk != 1 || busy != 10000 {
			t.Errorf("connection %d: journal_mode %s, synchronous %d, foreign_keys %d, busy_timeout %d; want wal, 2 (FULL), 1, 10000", i, mode, sync, fk, busy)
		}
		c.Close()
	}
}
