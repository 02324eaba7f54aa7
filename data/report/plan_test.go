package report

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/words"
	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"
)

// plans asks the solvers directly for what the planning section should show.
func plans(t *testing.T, m *coverage.Model) (*coverage.CaravanPlan, *coverage.VenuePlan) {
	t.Helper()
	rs := coverage.Defaults()
	cp, err := coverage.SuggestCaravans(context.Background(), m, rs, coverage.CaravanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	vp, err := coverage.SuggestVenues(context.Background(), m, rs, coverage.VenueOptions{K: 3, RadiusKm: 50})
	if err != nil {
		t.Fatal(err)
	}
	if len(cp.Stations) == 0 || len(vp.Sites) != 3 {
		t.Fatalf("sample plans: %d stations, %d sites; the test wants some of each", len(cp.Stations), len(vp.Sites))
	}
	return cp, vp
}

// TestPlanning writes the report and compares its planning section, on
// every page and in the workbook, with the solvers' own answers.
func TestPlanning(t *testing.T) {
	m, res := sample(t)
	cp, vp := plans(t, m)
	dir := t.TempDir()
	if err := Write(context.Background(), m, res, Options{Dir: dir, MapWidth: 400}); err != nil {
		t.Fatal(err)
	}
	parent := map[string]string{} // county code -> league code
	for _, i := range m.Counties {
		parent[m.World.Units[i].Code] = m.World.Units[i].Parent
	}
	t.Run("index.html", func(t *testing.T) {
		doc := parseHTML(t, filepath.Join(dir, IndexFile))
		var order []string
		for _, s := range elements(doc, "section") {
			order = append(order, attr(s, "id"))
		}
		if i, j := slices.Index(order, "gaps"), slices.Index(order, "planning"); j != i+1 || i < 0 {
			t.Errorf("sections %v: want planning right after gaps", order)
		}
		sec := byID(doc, "planning")
		var wantStations, wantSites [][]string
		for _, st := range cp.Stations {
			wantStations = append(wantStations, append([]string{st.Code}, st.Closes...))
		}
		for _, st := range vp.Sites {
			wantSites = append(wantSites, append([]string{st.Code}, st.Covers...))
		}
		if got := tableCodes(byID(sec, "plan-stations")); !equalRows(got, wantStations) {
			t.Errorf("stations (code, closes...): got %v, want %v", got, wantStations)
		}
		if got := tableCodes(byID(sec, "plan-sites")); !equalRows(got, wantSites) {
			t.Errorf("sites (code, covers...): got %v, want %v", got, wantSites)
		}
		text := textOf(sec)
		words := map[bool]string{true: "已证明为最少", false: "未能证明最少"}
		if !strings.Contains(text, words[cp.Optimal]) {
			t.Errorf("planning: no %q for a caravan plan with optimal=%v", words[cp.Optimal], cp.Optimal)
		}
		words = map[bool]string{true: "已证明最优", false: "未证明最优"}
		if !strings.Contains(text, words[vp.Optimal]) {
			t.Errorf("planning: no %q for a venue plan with optimal=%v", words[vp.Optimal], vp.Optimal)
		}
		share := func(v float64) string { return fmt.Sprintf("%.1f%%", v*100) }
		for _, want := range []string{share(vp.BaselineCovered / vp.TotalPopulation), share(vp.CoveredPopulation / vp.TotalPopulation)} {
			if !strings.Contains(text, want) {
				t.Errorf("planning: no covered share %q", want)
			}
		}
	})
	for _, li := range m.Leagues {
		league := m.World.Units[li].Code
		t.Run("league "+league, func(t *testing.T) {
			sec := byID(parseHTML(t, filepath.Join(dir, LeagueDir, league+".html")), "planning")
			if sec == nil {
				t.Fatal("no planning section")
			}
			for d := range sec.Descendants() {
				if code := attr(d, "data-code"); code != "" && hasClass(d, "county") && parent[code] != league {
					t.Errorf("names county %s of league %s", code, parent[code])
				}
			}
			// A station concerns the league when its seat is in the league
			// or it closes one of the league's counties.
			var want, got []string
			failing := false
			for _, code := range cp.Failing {
				failing = failing || parent[code] == league
			}
			for _, st := range cp.Stations {
				if parent[st.Code] == league || slices.ContainsFunc(st.Closes, func(c string) bool { return parent[c] == league }) {
					want = append(want, st.Code)
				}
			}
			for _, r := range tableCodes(byID(sec, "plan-stations")) {
				got = append(got, r[0])
			}
			if !slices.Equal(got, want) {
				t.Errorf("stations: got %v, want %v", got, want)
			}
			if none := strings.Contains(textOf(sec), "无需新增站点"); none != (!failing && len(want) == 0) {
				t.Errorf("says none needed: %v, with failing counties %v and stations %v", none, failing, want)
			}
			want, got = nil, nil
			for _, st := range vp.Sites {
				if parent[st.Code] == league || slices.ContainsFunc(st.Covers, func(c string) bool { return parent[c] == league }) {
					want = append(want, st.Code)
				}
			}
			for _, r := range tableCodes(byID(sec, "plan-sites")) {
				got = append(got, r[0])
			}
			if !slices.Equal(got, want) {
				t.Errorf("sites: got %v, want %v", got, want)
			}
		})
	}
	t.Run("workbook", func(t *testing.T) {
		f, err := excelize.OpenFile(filepath.Join(dir, WorkbookFile))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		checkSuggestionsSheet(t, f, "zh", cp, vp)
	})
}

// checkSuggestionsSheet finds the two tables of the suggestions sheet by
// their headers and compares their codes with the plans.
func checkSuggestionsSheet(t *testing.T, f *excelize.File, lang words.Lang, cp *coverage.CaravanPlan, vp *coverage.VenuePlan) {
	t.Helper()
	name := SheetName("suggestions", "zh")
	heads := [2]string{"站点（旗县驻地）", "选址（旗县驻地）"}
	if lang == "en" {
		name, heads = SheetName("suggestions", "en"), [2]string{"Station (county seat)", "Site (county seat)"}
	}
	rows, err := f.GetRows(name)
	if err != nil {
		t.Fatalf("sheet %s: %v", name, err)
	}
	var tables [2][]string // codes under each header, up to the first row without a rank
	k := -1
	for _, r := range rows {
		switch {
		case len(r) > 1 && (r[1] == heads[0] || r[1] == heads[1]):
			k++
		case k >= 0 && k < 2 && len(r) > 1 && r[0] != "" && strings.Trim(r[0], "0123456789") == "":
			tables[k] = append(tables[k], r[1])
		}
	}
	if k != 1 {
		t.Fatalf("%s: found %d table headers, want 2 (%v)", name, k+1, heads)
	}
	var want [2][]string
	for _, st := range cp.Stations {
		want[0] = append(want[0], st.Code)
	}
	for _, st := range vp.Sites {
		want[1] = append(want[1], st.Code)
	}
	for i := range 2 {
		if !slices.Equal(tables[i], want[i]) {
			t.Errorf("%s %s rows: got %v, want %v", name, heads[i], tables[i], want[i])
		}
	}
}

// TestLeagueCoverage checks the league pages' covered population against
// the solver's region figures: the leagues' parts add up to them.
func TestLeagueCoverage(t *testing.T) {
	m, res := sample(t)
	b, err := newBuilder(m, res, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.suggest(context.Background()); err != nil {
		t.Fatal(err)
	}
	var before, after, total float64
	for _, l := range b.leagues {
		bf, af, tt := b.leagueCoverage(scope{league: l, counties: b.countiesOf[l.Code]})
		before, after, total = before+bf, after+af, total+tt
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"before", before, b.venues.BaselineCovered},
		{"after", after, b.venues.CoveredPopulation},
		{"total", total, b.venues.TotalPopulation},
	} {
		if math.Abs(c.got-c.want) > 0.5 {
			t.Errorf("%s: leagues add up to %.0f, want the region's %.0f", c.name, c.got, c.want)
		}
	}
}

// TestPlanMarks checks the region maps star the suggestions, one star each,
// with a legend entry, and that the stars are drawn.
func TestPlanMarks(t *testing.T) {
	m, res := sample(t)
	cp, vp := plans(t, m)
	b, err := newBuilder(m, res, Options{MapWidth: 800})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.suggest(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		rule string
		want int
	}{
		{coverage.RuleCaravanReach, len(cp.Stations)},
		{coverage.RuleVenue1000, len(vp.Sites)},
		{coverage.RuleBaseDistribution, 0},
	} {
		mp := b.countyMap(scope{counties: b.counties}, tc.rule)
		stars := 0
		for _, mk := range mp.Marks {
			stars += boolInt(mk.Shape == Star)
		}
		legend := slices.ContainsFunc(mp.Legend, func(e LegendEntry) bool { return e.Shape == Star })
		if stars != tc.want || legend != (tc.want > 0) {
			t.Errorf("%s: %d stars (legend entry %v), want %d", tc.rule, stars, legend, tc.want)
		}
		if tc.want == 0 {
			continue
		}
		img := b.r.Render(mp)
		n := 0
		for y := range img.Bounds().Dy() {
			for x := range img.Bounds().Dx() {
				n += boolInt(img.RGBAAt(x, y) == planMark)
			}
		}
		if n < 40*(tc.want+1) { // each star and the legend's, some 100 pixels each
			t.Errorf("%s: %d pixels of the star colour for %d stars and a legend entry", tc.rule, n, tc.want)
		}
	}
}

func byID(n *html.Node, id string) *html.Node {
	if n == nil {
		return nil
	}
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && attr(d, "id") == id {
			return d
		}
	}
	return nil
}

func hasClass(n *html.Node, class string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), class)
}

// tableCodes lists, for each body row, the row's data-code and then those of
// the county elements in it.
func tableCodes(table *html.Node) [][]string {
	if table == nil {
		return nil
	}
	var out [][]string
	for _, tr := range elements(table, "tr") {
		code := attr(tr, "data-code")
		if code == "" {
			continue
		}
		row := []string{code}
		for d := range tr.Descendants() {
			if hasClass(d, "county") {
				row = append(row, attr(d, "data-code"))
			}
		}
		out = append(out, row)
	}
	return out
}

func equalRows(a, b [][]string) bool {
	return slices.EqualFunc(a, b, func(x, y []string) bool { return slices.Equal(x, y) })
}
