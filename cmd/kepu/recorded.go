package main

import (
	"context"
	"flag"
	"os"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/pgstore"
	"github.com/kepu/kepu/data/words"
)

// recordedFlags let a batch command read the registry from a GeoPackage
// (--db) and, with --recorded-at, as the store recorded it on a day.
type recordedFlags struct {
	db, at string
}

func (rf *recordedFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&rf.db, "db", "", "read the registry from this GeoPackage or postgres://... database (kepu import/serve --db) instead of --facilities/--events; else $KEPU_DB")
	fs.StringVar(&rf.at, "recorded-at", "", "with --db: the registry as recorded on this day (YYYY-MM-DD, or an RFC 3339 time), "+
		"replaying the store's audit up to it; --as-of defaults to the same day")
}

// load reads the world and the rules: from the inputs, or with --db the
// units from the inputs and the registry from the store.
func (rf *recordedFlags) load(in *inputs) (*coverage.World, coverage.Ruleset, error) {
	if rf.db == "" && len(in.facilities) == 0 && in.events == "" {
		rf.db = dbOr("", "")
	}
	if rf.db == "" {
		if rf.at != "" {
			return nil, coverage.Ruleset{}, words.Errorf("--recorded-at needs --db: only a registry store keeps its recorded changes")
		}
		return in.load()
	}
	rs, err := in.ruleset()
	if err != nil {
		return nil, rs, err
	}
	if len(in.facilities) > 0 || in.events != "" {
		return nil, rs, words.Errorf("--facilities/--events with --db: the registry is in the file")
	}
	if _, err := os.Stat(rf.db); err != nil && !pgstore.IsURL(rf.db) {
		return nil, rs, words.Errorf("--db: %w", err)
	}
	ctx := context.Background()
	st, err := openRegistry(ctx, rf.db)
	if err != nil {
		return nil, rs, err
	}
	defer st.Close()
	w, err := data.StoreWorld(ctx, st, data.Sources{Units: in.units, CRS: in.crs, SkipInvalid: in.skipInvalid})
	if err != nil || rf.at == "" {
		return w, rs, err
	}
	if w.Facilities, w.Events, err = st.RecordedAt(ctx, rf.at); err != nil {
		return nil, rs, err
	}
	w.RecordedAt = rf.at
	if rs.AsOf == "" {
		rs.AsOf = rf.at[:min(len(rf.at), 10)]
		if err := rs.Validate(); err != nil {
			return nil, rs, words.Errorf("--recorded-at: %w", err)
		}
	}
	return w, rs, nil
}
