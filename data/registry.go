package data

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/embedded"
)

// What every registry store (data/gpkg, data/pgstore) shares: its errors,
// audit words, the world it serves, the audit replay and the merge's idea
// of a changed record. The stores keep only their own storage.

// Errors a store returns, wrapped with the record they concern. Each has a
// coverage error code (coverage.ErrorCode), and they match fs.ErrNotExist,
// fs.ErrExist, syscall.ENOSPC and syscall.EROFS. A full or read-only store
// tells the person who asked only what its sentinel says (the driver's
// words stay in the error's text for the log).
var (
	ErrNotFound error = storeError{msg: "not found", like: fs.ErrNotExist, code: coverage.ENOTFOUND}
	ErrConflict error = storeError{msg: "already exists", like: fs.ErrExist, code: coverage.ECONFLICT}
	ErrFull     error = storeError{msg: "the registry's disk is full: the change was not saved; free space on the server and send it again",
		like: syscall.ENOSPC, code: coverage.EFULL, sealed: true}
	ErrReadOnly error = storeError{msg: "the registry is read-only just now: the change was not saved; send it again once the database is writable",
		like: syscall.EROFS, code: coverage.EUNAVAILABLE, sealed: true, retry: time.Minute}
)

type storeError struct {
	msg    string
	like   error
	code   string
	sealed bool // the message alone is for the requester (coverage.ErrorMessage)
	retry  time.Duration
}

func (e storeError) Error() string        { return e.msg }
func (e storeError) Is(target error) bool { return target == e.like }
func (e storeError) ErrorCode() string    { return e.code }

// As gives a sealed error's message as a *coverage.Error.
func (e storeError) As(target any) bool {
	t, ok := target.(**coverage.Error)
	if ok && e.sealed {
		*t = &coverage.Error{Code: e.code, Message: e.msg, RetryAfter: e.retry}
	}
	return ok && e.sealed
}

// ConflictError lists the ids that already exist; it matches ErrConflict.
type ConflictError struct {
	Kind string // "facility" or "event"
	IDs  []string
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("%s id already exists: %s", e.Kind, strings.Join(e.IDs, ", "))
}

// ErrorCode is coverage.ECONFLICT.
func (e *ConflictError) ErrorCode() string { return coverage.ECONFLICT }

// Is makes errors.Is(err, ErrConflict) and errors.Is(err, fs.ErrExist) true.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict || target == fs.ErrExist }

// Audit actions.
const (
	ActionCreate = "create"
	ActionUpdate = "update"
	ActionDelete = "delete"
	ActionImport = "import"
	ActionSeed   = "seed"
)

// Editor is what a store gives for editing the registry one record at a
// time, each change audited under who (the API's edits and the store
// suite use it). A missing id is ErrNotFound, a taken one ErrConflict.
type Editor interface {
	Facilities(ctx context.Context) ([]coverage.Facility, error)
	Events(ctx context.Context) ([]coverage.Event, error)
	CreateFacilities(ctx context.Context, who string, fs []coverage.Facility) error
	UpdateFacility(ctx context.Context, who string, f coverage.Facility) (coverage.Facility, error)
	DeleteFacility(ctx context.Context, who, id string) (coverage.Facility, error)
	CreateEvents(ctx context.Context, who string, es []coverage.Event) error
	UpdateEvent(ctx context.Context, who string, e coverage.Event) (coverage.Event, error)
	DeleteEvent(ctx context.Context, who, id string) (coverage.Event, error)
}

// ImportAction is the audit action of an import: ActionSeed for the
// sample registry, ActionImport for any other.
func ImportAction(sample bool) string {
	if sample {
		return ActionSeed
	}
	return ActionImport
}

// StillSample says whether a store holds only the sample after an import:
// was is its "sample" meta value before ("" when never seeded). A sample
// import keeps the label unless real records were imported before (was is
// "false") and not replaced; any other import removes it.
func StillSample(sample, replace bool, was string) bool {
	return sample && (replace || was != "false")
}

// RegistryReader is what a store gives for the world it serves: its
// records, whether they are the sample, and its name among the sources.
type RegistryReader interface {
	Facilities(ctx context.Context) ([]coverage.Facility, error)
	Events(ctx context.Context) ([]coverage.Event, error)
	Sample(ctx context.Context) (bool, error)
	Name() string
}

// StoreWorld reads the units from src (embedded by default, through Load)
// and the facilities and events from the store r: the world the rules are
// evaluated on. Stores give records; the world is loaded here alone.
func StoreWorld(ctx context.Context, r RegistryReader, src Sources) (*coverage.World, error) {
	name := r.Name()
	w, err := Load(Sources{Units: src.Units, CRS: src.CRS, SkipInvalid: src.SkipInvalid})
	if err != nil {
		return nil, err
	}
	if w.Facilities, err = r.Facilities(ctx); err != nil {
		return nil, err
	}
	if w.Events, err = r.Events(ctx); err != nil {
		return nil, err
	}
	if w.Sample, err = r.Sample(ctx); err != nil {
		return nil, err
	}
	var sources []string
	for _, s := range w.Sources {
		if s != embedded.Facilities && s != embedded.Events {
			sources = append(sources, s)
		}
	}
	w.Sources = append(sources, name)
	return w, nil
}

// Seeder is a store that can be seeded (SeedSample).
type Seeder interface {
	Seeded(ctx context.Context) (bool, error)
	Import(ctx context.Context, who string, fs []coverage.Facility, es []coverage.Event, replace, sample bool) error
}

// SeedSample fills a store that was never seeded with the embedded sample
// registry (示例数据) and reports whether it did.
func SeedSample(ctx context.Context, s Seeder) (bool, error) {
	seeded, err := s.Seeded(ctx)
	if err != nil || seeded {
		return false, err
	}
	w, err := Load(Sources{})
	if err != nil {
		return false, err
	}
	return true, s.Import(ctx, "kepu", w.Facilities, w.Events, false, true)
}

// Merged says what a merge did, by id, in the order of the input.
type Merged struct {
	Added, Changed, Unchanged []string
}

// Merge sorts fs against a registry by id, as both stores' MergeFacilities
// do inside their transaction: byID reads the stored record (ErrNotFound
// when there is none); a facility the registry lacks is returned in add,
// for the caller to insert with the rest; one that differs from its stored
// record (SameFacility) is passed to change with that record; one that is
// the same is left alone. Every facility not in fs is kept.
func Merge(fs []coverage.Facility, byID func(id string) (coverage.Facility, error), change func(before, f coverage.Facility) error) (m Merged, add []coverage.Facility, err error) {
	for _, f := range fs {
		before, err := byID(f.ID)
		switch {
		case errors.Is(err, ErrNotFound):
			add = append(add, f)
			m.Added = append(m.Added, f.ID)
			continue
		case err != nil:
			return Merged{}, nil, err
		}
		same, err := SameFacility(before, f)
		if err != nil {
			return Merged{}, nil, err
		}
		if same {
			m.Unchanged = append(m.Unchanged, f.ID)
			continue
		}
		if err := change(before, f); err != nil {
			return Merged{}, nil, err
		}
		m.Changed = append(m.Changed, f.ID)
	}
	return m, add, nil
}

// SameFacility reports whether two facilities are the same as a user sees
// and exports them (their GeoJSON features): a merge leaves such a one alone.
func SameFacility(a, b coverage.Facility) (bool, error) {
	ja, err := json.Marshal(FacilityFeature(a))
	if err != nil {
		return false, err
	}
	jb, err := json.Marshal(FacilityFeature(b))
	return string(ja) == string(jb), err
}

// RecordedBound is the last instant --recorded-at names: a day's last
// moment in UTC, or the time itself (RFC 3339).
func RecordedBound(at string) (time.Time, error) {
	if d, err := time.Parse("2006-01-02", at); err == nil {
		return d.Add(24*time.Hour - time.Nanosecond), nil
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return time.Time{}, fmt.Errorf("--recorded-at %q: want a YYYY-MM-DD date or an RFC 3339 time", at)
	}
	return t.UTC(), nil
}

// Replay rebuilds a registry from a store's audit rows, given in the order
// they were written: each record is the "after" of its last change, gone
// when that change deleted it, in the order it was (last) created.
type Replay struct {
	live map[string]map[string]replayed // kind → id → record
}

type replayed struct {
	seq     int64
	feature string
}

// Add takes one audit row: seq orders it, after is the record's GeoJSON
// feature after the change, nil for a deletion.
func (r *Replay) Add(seq int64, kind, id string, after *string) {
	if r.live == nil {
		r.live = map[string]map[string]replayed{"facility": {}, "event": {}}
	}
	m, ok := r.live[kind]
	if !ok {
		return
	}
	if after == nil {
		delete(m, id)
		return
	}
	rec, seen := m[id]
	if !seen {
		rec.seq = seq
	}
	rec.feature = *after
	m[id] = rec
}

// Records reads the replayed registry back through the same validation as
// any input file; name names it in problems.
func (r *Replay) Records(name string) ([]coverage.Facility, []coverage.Event, error) {
	fs, ps, err := ReadFacilities(name, r.collection("facility"), Options{})
	if err != nil || HasErrors(ps) {
		return nil, nil, replayError(err, ps)
	}
	es, ps, err := ReadEvents(name, r.collection("event"), Options{})
	if err != nil || HasErrors(ps) {
		return nil, nil, replayError(err, ps)
	}
	return fs, es, nil
}

// collection is the live records of kind as a GeoJSON FeatureCollection.
func (r *Replay) collection(kind string) *bytes.Reader {
	rs := make([]replayed, 0, len(r.live[kind]))
	for _, rec := range r.live[kind] {
		rs = append(rs, rec)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].seq < rs[j].seq })
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i, rec := range rs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(rec.feature)
	}
	b.WriteString("]}")
	return bytes.NewReader(b.Bytes())
}

// AuditRows is what both stores' audit queries return (database/sql's and
// pgx's rows): fid, kind, record_id and after (NULL for a deletion).
type AuditRows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// RecordedAt is the registry a store recorded at the end of day at
// (YYYY-MM-DD, UTC) or at the instant at (RFC 3339): audit(bound) gives
// the store's audit rows written at or before bound, oldest first, and a
// function that closes them; they are replayed from the first row on
// (replayRows). store prefixes errors from the store, name names it.
func RecordedAt(at, store, name string, audit func(bound time.Time) (AuditRows, func(), error)) ([]coverage.Facility, []coverage.Event, error) {
	bound, err := RecordedBound(at)
	if err != nil {
		return nil, nil, err
	}
	rows, done, err := audit(bound)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: audit: %w", store, err)
	}
	defer done()
	fs, es, err := replayRows(rows, fmt.Sprintf("%s audit to %s", name, at))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", store, err)
	}
	return fs, es, nil
}

// replayRows replays a store's audit rows, given in the order they were
// written, and reads the registry back (Records); name names it.
func replayRows(rows AuditRows, name string) ([]coverage.Facility, []coverage.Event, error) {
	var r Replay
	for rows.Next() {
		var (
			fid      int64
			kind, id string
			after    *string // nil: a deletion
		)
		if err := rows.Scan(&fid, &kind, &id, &after); err != nil {
			return nil, nil, fmt.Errorf("audit: %w", err)
		}
		r.Add(fid, kind, id, after)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("audit: %w", err)
	}
	return r.Records(name)
}

func replayError(err error, ps []Problem) error {
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return fmt.Errorf("audit: %w", &InvalidError{Problems: ps})
}
