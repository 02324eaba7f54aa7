package pgstore

import (
	"context"
	"strconv"
	"sync"
	"time"
)

// PollEvery is how often Watch also reads the version itself, in case a
// notification was lost with its connection.
const PollEvery = time.Second

// Watch calls changed with the registry's version whenever a writer (this
// process or another replica) commits, until ctx ends. It listens on
// Channel over a connection of its own and, as a fallback for a dropped
// connection, compares the stored version every PollEvery. changed is
// never called twice at once, and only for versions above the last one
// it was given.
func (s *Store) Watch(ctx context.Context, changed func(version uint64)) {
	var mu sync.Mutex
	last, _ := s.Version(ctx)
	tell := func(v uint64) {
		mu.Lock()
		defer mu.Unlock()
		if v > last {
			last = v
			changed(v)
		}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(PollEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if v, err := s.Version(ctx); err == nil {
					tell(v)
				}
			}
		}
	}()
	for ctx.Err() == nil {
		s.listen(ctx, tell)
		select { // the connection failed: try again shortly; the poller covers the gap
		case <-ctx.Done():
		case <-time.After(PollEvery):
		}
	}
	<-done
}

// listen holds one LISTEN connection until it fails or ctx ends.
func (s *Store) listen(ctx context.Context, tell func(uint64)) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return
	}
	// A connection that listened is not given back to the pool: it may be
	// mid-wait when ctx ends.
	pc := conn.Hijack()
	defer pc.Close(context.Background())
	if _, err := pc.Exec(ctx, "LISTEN "+Channel); err != nil {
		return
	}
	for {
		n, err := pc.WaitForNotification(ctx)
		if err != nil {
			return
		}
		if v, perr := strconv.ParseUint(n.Payload, 10, 64); perr == nil {
			tell(v)
		}
	}
}
