package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/words"
	"github.com/kepu/kepu/web"
)

// storeFlags are the persistence flags of kepu serve, and the store they open.
type storeFlags struct {
	db, tokenFile string
	store         registry
	toks          []web.Token
}

// load reads the world: from the --db store when given, else from the inputs.
func (sf *storeFlags) load(in *inputs, stderr io.Writer) (*coverage.World, coverage.Ruleset, error) {
	sf.db = dbOr(sf.db, "")
	if sf.db == "" {
		return in.load()
	}
	rs, err := in.ruleset()
	if err != nil {
		return nil, rs, err
	}
	// The token file is read before the database is made, so a mistyped
	// path leaves no new file behind.
	if sf.toks, err = sf.tokens(); err != nil {
		return nil, rs, err
	}
	st, w, err := openStore(context.Background(), sf.db, in, stderr)
	sf.store = st
	return w, rs, err
}

// attach turns on the edit API when a store is open.
func (sf *storeFlags) attach(srv *web.Server, stderr io.Writer) error {
	if sf.store == nil {
		if sf.tokenFile != "" {
			return words.Errorf("--token-file needs --db: edits are only accepted with a store to keep them")
		}
		return nil
	}
	ts := sf.toks
	if len(ts) == 0 {
		fmt.Fprintln(stderr, words.Say(langOfOutput(stderr), "kepu serve: no write token (KEPU_TOKEN or --token-file): the API is read-only"))
	}
	srv.EnableEdits(sf.store, ts)
	return nil
}

// scenarios is where the server keeps scenarios: the store when one is
// open, else nil (in memory).
func (sf *storeFlags) scenarios() web.ScenarioStore {
	if sf.store == nil {
		return nil
	}
	return sf.store
}

// follow keeps the server's world in step with writes other processes
// commit to a shared store (PostgreSQL replicas), until ctx ends.
func (sf *storeFlags) follow(ctx context.Context, srv *web.Server) {
	type watcher interface {
		Watch(ctx context.Context, changed func(version uint64))
	}
	if w, ok := sf.store.(watcher); ok {
		go w.Watch(ctx, func(uint64) { srv.RegistryChanged() })
	}
}

// close closes the store, if one is open.
func (sf *storeFlags) close() {
	if sf.store != nil {
		sf.store.Close()
	}
}

func (sf *storeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&sf.db, "db", "", "keep the registry and posted scenarios in this GeoPackage file (e.g. kepu.gpkg), or in a PostgreSQL/PostGIS "+
		"database shared by several replicas (postgres://...), and accept edits over the API; the first start fills it from the input flags "+
		"(default: the embedded sample); else $KEPU_DB")
	fs.StringVar(&sf.tokenFile, "token-file", "", "file of write tokens, one per line as TOKEN or NAME TOKEN (else $KEPU_TOKEN)")
}

// tokens are the write tokens: the token file's, else $KEPU_TOKEN's.
func (sf *storeFlags) tokens() ([]web.Token, error) {
	if sf.tokenFile != "" {
		b, err := os.ReadFile(sf.tokenFile)
		if err != nil {
			return nil, err
		}
		ts, err := web.ParseTokens(string(b))
		if err != nil {
			return nil, words.Errorf("%s: %w", sf.tokenFile, err)
		}
		if len(ts) == 0 {
			return nil, words.Errorf("%s: no token in the file", sf.tokenFile)
		}
		return ts, nil
	}
	if t := strings.TrimSpace(os.Getenv("KEPU_TOKEN")); t != "" {
		return []web.Token{{Name: "token", Value: t}}, nil
	}
	return nil, nil
}

// openStore opens the GeoPackage, seeds it from the inputs on its first
// start and returns the world it holds. Input flags naming facilities or
// events are refused once the store is seeded: the store is the registry.
func openStore(ctx context.Context, path string, in *inputs, stderr io.Writer) (registry, *coverage.World, error) {
	st, err := openRegistry(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	// One server per file: a second one would serve a world the first
	// one's edits never reach.
	if err := st.Lock(); err != nil {
		st.Close()
		return nil, nil, err
	}
	seeded, err := st.Seeded(ctx)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	if !seeded {
		w, _, err := in.load()
		if err != nil {
			st.Close()
			return nil, nil, err
		}
		if err := st.Import(ctx, "kepu", w.Facilities, w.Events, false, w.Sample); err != nil {
			st.Close()
			return nil, nil, err
		}
		fmt.Fprint(stderr, words.Sayf(langOfOutput(stderr), "kepu: %s: seeded with %d facilities and %d events%s\n", dbDisplay(path), len(w.Facilities), len(w.Events),
			map[bool]string{true: " (示例数据 sample data)", false: ""}[w.Sample]))
	} else if len(in.facilities) > 0 || in.events != "" {
		st.Close()
		return nil, nil, words.Errorf("--facilities/--events with an existing --db: the registry is in the file; use kepu import to add to it")
	}
	w, err := data.StoreWorld(ctx, st, data.Sources{Units: in.units, CRS: in.crs, SkipInvalid: in.skipInvalid})
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, w, nil
}
