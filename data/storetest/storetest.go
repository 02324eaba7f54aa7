// Package storetest is the test suite every registry store passes: the
// GeoPackage (data/gpkg) and PostgreSQL (data/pgstore) stores run the same
// cases, so that `--db kepu.gpkg` and `--db postgres://...` behave alike.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/paulmach/orb"
)

// Store is what the suite exercises.
type Store interface {
	data.Editor
	data.RegistryReader
	data.Seeder
	Facility(ctx context.Context, id string) (coverage.Facility, error)
	SaveScenario(ctx context.Context, who, id, name string, summary, body json.RawMessage) error
	ScenarioBody(ctx context.Context, id string) (json.RawMessage, error)
	ScenarioSummaries(ctx context.Context) ([]json.RawMessage, error)
	RecordedAt(ctx context.Context, at string) ([]coverage.Facility, []coverage.Event, error)
}

// Merger is a store that merges by id (kepu import --merge); the result's
// fields are Added, Changed and Unchanged, in input order.
type Merger[M any] interface {
	MergeFacilities(ctx context.Context, who string, fs []coverage.Facility) (M, error)
}

// RunMerge checks a store's merge: a new id added, a changed record
// changed, an equal one kept, one not named left alone; ids come back
// as the store's result says, through ids.
func RunMerge[M any](t *testing.T, s Store, m Merger[M], ids func(M) [3][]string) {
	must(t, s.CreateFacilities(ctx, "a", []coverage.Facility{venue("KEEP", 1000), venue("SAME", 1200), venue("EDIT", 900)}))
	res, err := m.MergeFacilities(ctx, "m", []coverage.Facility{venue("SAME", 1200), venue("EDIT", 1000), venue("NEW", 500)})
	must(t, err)
	got := ids(res)
	if want := [3][]string{{"NEW"}, {"EDIT"}, {"SAME"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("merge: added/changed/unchanged %v, want %v", got, want)
	}
	fs, _ := s.Facilities(ctx)
	area := map[string]float64{}
	for _, f := range fs {
		area[f.ID] = f.FloorArea
	}
	if want := map[string]float64{"KEEP": 1000, "SAME": 1200, "EDIT": 1000, "NEW": 500}; !reflect.DeepEqual(area, want) {
		t.Errorf("after the merge: %v, want %v", area, want)
	}
}

// Run runs every case, each on a fresh, empty store from open.
func Run(t *testing.T, open func(t *testing.T) Store) {
	for _, c := range []struct {
		name string
		run  func(t *testing.T, s Store)
	}{
		{"SampleRoundTrip", sampleRoundTrip},
		{"CreateRefusesTakenIDsWhole", createRefusesTakenIDs},
		{"UpdateAndDelete", updateAndDelete},
		{"Events", events},
		{"ImportIsAllOrNothing", importAllOrNothing},
		{"ImportWhoseNthRecordFailsChangesNothing", importNthFails},
		{"ReplaceAndSampleFlag", replaceAndSample},
		{"Scenarios", scenarios},
		{"PassThroughAndUnicode", passThrough},
		{"RecordedAtReplaysTheAudit", recordedAt},
	} {
		t.Run(c.name, func(t *testing.T) { c.run(t, open(t)) })
	}
}

var ctx = context.Background()

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func sample(t *testing.T) *coverage.World {
	t.Helper()
	w, err := data.Load(data.Sources{})
	must(t, err)
	return w
}

func venue(id string, area float64) coverage.Facility {
	return coverage.Facility{ID: id, Name: "测试馆 " + id, Category: coverage.CategoryVenue, Status: coverage.StatusOpen,
		FloorArea: area, Point: orb.Point{111.7, 40.8}, Props: map[string]any{}}
}

// propsJSON is a property map as JSON (keys sorted, numbers as written),
// so that a number read back as float64 equals one read as json.Number.
// An empty list is the same as none (the GeoPackage keeps themes as text).
func propsJSON(p map[string]any) string {
	q := map[string]any{}
	for k, v := range p {
		if l, ok := v.([]any); ok && len(l) == 0 {
			continue
		}
		q[k] = v
	}
	b, _ := json.Marshal(q)
	return string(b)
}

// sameFacility compares two facilities as a user sees and exports them:
// their GeoJSON features (a store may keep typed fields in Props or not).
func sameFacility(a, b coverage.Facility) bool {
	fa, fb := data.FacilityFeature(a), data.FacilityFeature(b)
	return propsJSON(fa.Properties) == propsJSON(fb.Properties) && fa.Geometry == fb.Geometry && a.LocatedBy == b.LocatedBy
}

func ids(fs []coverage.Facility) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.ID
	}
	return out
}

// sampleRoundTrip: the 739 sample facilities and 16 events come back as
// they went in, in order, with the sample flag.
func sampleRoundTrip(t *testing.T, s Store) {
	w := sample(t)
	if seeded, _ := s.Seeded(ctx); seeded {
		t.Fatal("a new store says it is seeded")
	}
	must(t, s.Import(ctx, "kepu", w.Facilities, w.Events, false, true))
	fs, err := s.Facilities(ctx)
	must(t, err)
	if len(fs) != 739 {
		t.Fatalf("stored %d facilities, want 739", len(fs))
	}
	for i := range fs {
		if !sameFacility(fs[i], w.Facilities[i]) {
			t.Fatalf("facility %d: got %+v, want %+v", i+1, fs[i], w.Facilities[i])
		}
	}
	es, err := s.Events(ctx)
	must(t, err)
	if len(es) != len(w.Events) {
		t.Fatalf("events: got %d, want %d", len(es), len(w.Events))
	}
	for i := range es {
		a, b := es[i], w.Events[i]
		fa, fb := data.EventFeature(a), data.EventFeature(b)
		if propsJSON(fa.Properties) != propsJSON(fb.Properties) || fa.Geometry != fb.Geometry {
			t.Errorf("event %d: got %+v, want %+v", i+1, a, b)
		}
	}
	seeded, _ := s.Seeded(ctx)
	isSample, _ := s.Sample(ctx)
	if !seeded || !isSample {
		t.Errorf("after seeding: seeded %v, sample %v; want true, true", seeded, isSample)
	}
	world, err := data.StoreWorld(ctx, s, data.Sources{})
	must(t, err)
	if len(world.Facilities) != 739 || len(world.Units) != 115 || !world.Sample {
		t.Errorf("World: %d facilities, %d units, sample %v; want 739, 115, true", len(world.Facilities), len(world.Units), world.Sample)
	}
}

func createRefusesTakenIDs(t *testing.T, s Store) {
	must(t, s.CreateFacilities(ctx, "a", []coverage.Facility{venue("VE1", 900), venue("VE2", 1200)}))
	err := s.CreateFacilities(ctx, "a", []coverage.Facility{venue("VE3", 1), venue("VE2", 1), venue("VE1", 1)})
	if !errors.Is(err, fs.ErrExist) || !strings.Contains(err.Error(), "VE1") || !strings.Contains(err.Error(), "VE2") || strings.Contains(err.Error(), "VE3") {
		t.Fatalf("create with taken ids: got %v, want fs.ErrExist naming VE1, VE2", err)
	}
	got, _ := s.Facilities(ctx)
	if want := []string{"VE1", "VE2"}; !reflect.DeepEqual(ids(got), want) {
		t.Errorf("after the refused create: %v, want %v (VE3 must not be written)", ids(got), want)
	}
}

func updateAndDelete(t *testing.T, s Store) {
	must(t, s.CreateFacilities(ctx, "a", []coverage.Facility{venue("VE1", 960)}))
	if _, err := s.UpdateFacility(ctx, "a", venue("NOPE", 1)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("update of a missing id: got %v, want fs.ErrNotExist", err)
	}
	bigger := venue("VE1", 1000)
	bigger.Status = coverage.StatusUnderConstruction
	before, err := s.UpdateFacility(ctx, "a", bigger)
	must(t, err)
	if before.FloorArea != 960 {
		t.Errorf("update returned the record as it was with %v m², want 960", before.FloorArea)
	}
	now, err := s.Facility(ctx, "VE1")
	must(t, err)
	if now.FloorArea != 1000 || now.Status != coverage.StatusUnderConstruction {
		t.Errorf("after update: %v m², %s; want 1000, under_construction", now.FloorArea, now.Status)
	}
	gone, err := s.DeleteFacility(ctx, "a", "VE1")
	must(t, err)
	if gone.FloorArea != 1000 {
		t.Errorf("delete returned %v m², want 1000", gone.FloorArea)
	}
	if _, err := s.DeleteFacility(ctx, "a", "VE1"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("second delete: got %v, want fs.ErrNotExist", err)
	}
	if _, err := s.Facility(ctx, "VE1"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("reading a deleted id: got %v, want fs.ErrNotExist", err)
	}
}

func events(t *testing.T, s Store) {
	e := coverage.Event{ID: "EV1", Kind: "mobile_museum", Date: "2023-05-01", Name: "流动科技馆", Point: orb.Point{111.7, 40.8}, Props: map[string]any{}}
	must(t, s.CreateEvents(ctx, "a", []coverage.Event{e}))
	if err := s.CreateEvents(ctx, "a", []coverage.Event{e}); !errors.Is(err, fs.ErrExist) {
		t.Errorf("second create of EV1: got %v, want fs.ErrExist", err)
	}
	e2 := e
	e2.Date = "2024-06-30"
	before, err := s.UpdateEvent(ctx, "a", e2)
	must(t, err)
	es, _ := s.Events(ctx)
	if before.Date != "2023-05-01" || len(es) != 1 || es[0].Date != "2024-06-30" {
		t.Errorf("after update: before %s, stored %+v; want 2023-05-01 and one event dated 2024-06-30", before.Date, es)
	}
	if _, err := s.DeleteEvent(ctx, "a", "EV1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteEvent(ctx, "a", "EV1"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("second delete of EV1: got %v, want fs.ErrNotExist", err)
	}
}

// importAllOrNothing: an import whose last event id is taken writes none
// of its facilities either.
func importAllOrNothing(t *testing.T, s Store) {
	e := coverage.Event{ID: "EV1", Kind: "caravan_visit", Date: "2022-01-01", Point: orb.Point{111.7, 40.8}, Props: map[string]any{}}
	must(t, s.CreateEvents(ctx, "a", []coverage.Event{e}))
	err := s.Import(ctx, "a", []coverage.Facility{venue("VE1", 1), venue("VE2", 2)}, []coverage.Event{e}, false, false)
	if !errors.Is(err, fs.ErrExist) {
		t.Fatalf("import with a taken event id: got %v, want fs.ErrExist", err)
	}
	got, _ := s.Facilities(ctx)
	seeded, _ := s.Seeded(ctx)
	if len(got) != 0 || seeded {
		t.Errorf("after the refused import: %d facilities, seeded %v; want 0 and false", len(got), seeded)
	}
}

// snapshot is everything a store shows: its facilities and events as
// exported, its seeded and sample flags, and the audit replayed to now.
func snapshot(t *testing.T, s Store) string {
	t.Helper()
	fs, err := s.Facilities(ctx)
	must(t, err)
	es, err := s.Events(ctx)
	must(t, err)
	seeded, err := s.Seeded(ctx)
	must(t, err)
	isSample, err := s.Sample(ctx)
	must(t, err)
	rf, re, err := s.RecordedAt(ctx, time.Now().UTC().Add(time.Hour).Format(time.RFC3339Nano))
	must(t, err)
	var b strings.Builder
	for _, f := range fs {
		ft := data.FacilityFeature(f)
		fmt.Fprintf(&b, "facility %s %v\n", propsJSON(ft.Properties), ft.Geometry)
	}
	for _, e := range es {
		et := data.EventFeature(e)
		fmt.Fprintf(&b, "event %s %v\n", propsJSON(et.Properties), et.Geometry)
	}
	fmt.Fprintf(&b, "seeded %v sample %v\nrecorded %v %v\n", seeded, isSample, ids(rf), len(re))
	return b.String()
}

// importNthFails: an import whose third record fails (an id taken in the
// store, or given twice in the batch), with or without replace, leaves the
// store exactly as it was: records, flags and audit.
func importNthFails(t *testing.T, s Store) {
	e := coverage.Event{ID: "EV1", Kind: "caravan_visit", Date: "2022-01-01", Point: orb.Point{111.7, 40.8}, Props: map[string]any{}}
	must(t, s.Import(ctx, "kepu", []coverage.Facility{venue("OLD1", 900), venue("OLD2", 1200)}, []coverage.Event{e}, false, true))
	before := snapshot(t, s)
	e2 := e
	e2.ID = "EV2"
	for _, tc := range []struct {
		name    string
		fs      []coverage.Facility
		es      []coverage.Event
		replace bool
	}{
		{"third facility's id taken", []coverage.Facility{venue("N1", 1), venue("N2", 2), venue("OLD2", 3), venue("N4", 4)}, nil, false},
		{"third facility's id given twice, replacing", []coverage.Facility{venue("N1", 1), venue("N2", 2), venue("N1", 3), venue("N4", 4)}, nil, true},
		{"third record an event given twice, replacing", []coverage.Facility{venue("N1", 1)}, []coverage.Event{e2, e2}, true},
		{"an event id taken after the facilities", []coverage.Facility{venue("N1", 1), venue("N2", 2)}, []coverage.Event{e2, e}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := s.Import(ctx, "b", tc.fs, tc.es, tc.replace, false); err == nil {
				t.Fatal("the import succeeded, want it refused")
			}
			if after := snapshot(t, s); after != before {
				t.Errorf("the store changed:\nbefore\n%s\nafter\n%s", before, after)
			}
		})
	}
}

func replaceAndSample(t *testing.T, s Store) {
	must(t, s.Import(ctx, "kepu", []coverage.Facility{venue("S1", 1)}, nil, false, true))
	if err := s.Import(ctx, "a", []coverage.Facility{venue("S1", 2)}, nil, false, false); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("import over a taken id without replace: %v, want fs.ErrExist", err)
	}
	must(t, s.Import(ctx, "a", []coverage.Facility{venue("R1", 1), venue("S1", 5)}, nil, true, false))
	got, _ := s.Facilities(ctx)
	isSample, _ := s.Sample(ctx)
	if want := []string{"R1", "S1"}; !reflect.DeepEqual(ids(got), want) || got[1].FloorArea != 5 || isSample {
		t.Errorf("after replace: %v (S1 %v m²), sample %v; want %v, 5 m², false", ids(got), got[1].FloorArea, isSample, want)
	}
}

func scenarios(t *testing.T, s Store) {
	body := json.RawMessage(`{"name":"甲","z":1,  "a":[2,1]}`)
	must(t, s.SaveScenario(ctx, "a", "SC1", "甲", json.RawMessage(`{"id":"SC1"}`), body))
	must(t, s.SaveScenario(ctx, "a", "SC2", "乙", json.RawMessage(`{"id":"SC2"}`), json.RawMessage(`{}`)))
	got, err := s.ScenarioBody(ctx, "SC1")
	must(t, err)
	if string(got) != string(body) {
		t.Errorf("scenario body: got %s, want the bytes posted %s", got, body)
	}
	list, err := s.ScenarioSummaries(ctx)
	must(t, err)
	if len(list) != 2 || string(list[0]) != `{"id":"SC2"}` || string(list[1]) != `{"id":"SC1"}` {
		t.Errorf("summaries: got %s, want SC2 then SC1", list)
	}
	if _, err := s.ScenarioBody(ctx, "NOPE"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing scenario: got %v, want fs.ErrNotExist", err)
	}
}

// passThrough: unknown properties, nested values and Chinese text survive.
func passThrough(t *testing.T, s Store) {
	f := venue("VE甲", 1000)
	f.Themes = []string{"culture", "tourism"}
	f.Props = map[string]any{"联系人": "王老师", "tags": []any{"a", "b"}, "extra": map[string]any{"n": json.Number("1.25")}}
	must(t, s.CreateFacilities(ctx, "a", []coverage.Facility{f}))
	got, err := s.Facility(ctx, "VE甲")
	must(t, err)
	for _, key := range []string{"联系人", "tags", "extra"} {
		if g, w := propsJSON(map[string]any{key: got.Props[key]}), propsJSON(map[string]any{key: f.Props[key]}); g != w {
			t.Errorf("property %s: got %s, want %s", key, g, w)
		}
	}
	if !reflect.DeepEqual(got.Themes, f.Themes) || got.Name != f.Name {
		t.Errorf("got themes %v name %q, want %v %q", got.Themes, got.Name, f.Themes, f.Name)
	}
}

// recordedAt replays the audit to instants between the writes: each
// record as last written before the instant, gone once deleted, a record
// created again placed where it was created again.
func recordedAt(t *testing.T, s Store) {
	var at []string
	mark := func() {
		time.Sleep(20 * time.Millisecond) // both stores keep at least milliseconds
		at = append(at, time.Now().UTC().Format(time.RFC3339Nano))
		time.Sleep(20 * time.Millisecond)
	}
	mark()
	must(t, s.CreateFacilities(ctx, "a", []coverage.Facility{venue("V1", 1500)}))
	mark()
	_, err := s.UpdateFacility(ctx, "a", venue("V1", 900))
	must(t, err)
	mark()
	must(t, s.CreateFacilities(ctx, "a", []coverage.Facility{venue("V2", 1500)}))
	mark()
	_, err = s.DeleteFacility(ctx, "a", "V1")
	must(t, err)
	mark()
	must(t, s.CreateFacilities(ctx, "a", []coverage.Facility{venue("V1", 2000)}))
	mark()
	for i, want := range []string{"", "V1:1500", "V1:900", "V1:900 V2:1500", "V2:1500", "V2:1500 V1:2000"} {
		fs, _, err := s.RecordedAt(ctx, at[i])
		must(t, err)
		var got []string
		for _, f := range fs {
			got = append(got, fmt.Sprintf("%s:%v", f.ID, f.FloorArea))
		}
		if g := strings.Join(got, " "); g != want {
			t.Errorf("RecordedAt(%s, mark %d) = %q, want %q", at[i], i, g, want)
		}
	}
	if _, _, err := s.RecordedAt(ctx, "yesterday"); err == nil || !strings.Contains(err.Error(), "yesterday") {
		t.Errorf("RecordedAt(yesterday): %v, want an error naming the value", err)
	}
}
