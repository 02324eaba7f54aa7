package gpkg

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"time"
)

// ErrHeld is returned by Lock when another process holds the file.
var ErrHeld = errors.New("held by another process")

// Lock makes this process the file's only server: it takes an exclusive
// lock on a sidecar file (PATH.lock) and writes who holds it there. The lock
// is the kernel's (flock), so it ends with the process, even after SIGKILL.
// A second Lock on the same file, from any process, fails with ErrHeld and
// names the holder. Close releases it.
func (s *Store) Lock() error {
	name := s.path + ".lock"
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("gpkg: %s: %w", name, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder, _ := os.ReadFile(name)
		f.Close()
		who := strings.TrimSpace(string(holder))
		if who == "" {
			who = "a process that has not said who it is"
		}
		return fmt.Errorf("gpkg: %s is %w: %s", s.path, ErrHeld, who)
	}
	host, _ := os.Hostname()
	if err := f.Truncate(0); err == nil {
		fmt.Fprintf(f, "kepu pid %d on %s since %s\n", os.Getpid(), host, time.Now().Format(time.RFC3339))
	}
	s.lock = f
	return nil
}

// unlock releases the lock taken by Lock, if any.
func (s *Store) unlock() error {
	if s.lock == nil {
		return nil
	}
	f := s.lock
	s.lock = nil
	f.Truncate(0)
	return f.Close() // closing the descriptor drops the flock
}

// sqliteMagic opens every SQLite 3 file (and so every GeoPackage).
const sqliteMagic = "SQLite format 3\x00"

// checkExisting refuses a file at path that kepu must not write into: an
// empty one (a failed copy, say) or one that is not SQLite. It reports
// whether the file exists.
func checkExisting(path string) (bool, error) {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if st.IsDir() {
		return true, errors.New("is a directory, not a GeoPackage file")
	}
	if st.Size() == 0 {
		return true, errors.New("the file is empty (0 bytes), so it is not a kepu GeoPackage; kepu will not fill it: remove it, or name a file that does not exist yet")
	}
	f, err := os.Open(path)
	if err != nil {
		return true, err
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	if n, _ := f.Read(head); n < len(head) || string(head) != sqliteMagic {
		return true, errors.New("not a GeoPackage (not an SQLite file); kepu will not write into it")
	}
	return true, nil
}
