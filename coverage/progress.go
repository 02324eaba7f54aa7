package coverage

import (
	"math"
	"runtime"
	"sort"
	"sync"
	"time"
)

// Progress is the registry's state at the end of the baseline year (the
// year before the period), at the end of every year of the period up to the
// as-of day, and on the as-of day itself: `kepu progress` and GET /api/progress.
type Progress struct {
	AsOf       string         `json:"as_of"`
	AsOfBasis  string         `json:"as_of_basis"`
	RecordedAt string         `json:"recorded_at,omitempty"`
	Period     Period         `json:"period"`
	Sample     bool           `json:"sample"`
	Years      []ProgressYear `json:"years"`
	Units      []UnitProgress `json:"units"`
	Projection []Projection   `json:"projection"`
	Method     string         `json:"projection_method"`
	results    []*Result      // one per year, for callers that need more
}

// ProgressYear is one day of the series, usually a 31 December.
type ProgressYear struct {
	Year   int            `json:"year"`
	AsOf   string         `json:"as_of"`
	Rules  []RuleProgress `json:"rules"`
	Region RegionProgress `json:"region"`
}

// RuleProgress is a rule's tally on one day.
type RuleProgress struct {
	ID      string `json:"id"`
	Scope   string `json:"scope"`
	Passing int    `json:"passing"`
	Total   int    `json:"total"`
	Pass    bool   `json:"pass"`
}

// RegionProgress holds the region totals on one day.
type RegionProgress struct {
	BaseTotals          BaseTotalsResult `json:"base_totals"`
	MobileMuseumLeagues int              `json:"mobile_museum_leagues"`
	Gini                float64          `json:"gini"`
	CountiesWithoutBase int              `json:"counties_without_base"`
}

// UnitProgress is one unit's history: for each of its level's unit rules,
// the year it first passed (nil when it never did; the baseline year means
// it passed by the baseline's end), the year it last fell back from
// passing to failing (a venue closed; absent when it never did), and its
// result on each day of the series.
type UnitProgress struct {
	Code      string            `json:"code"`
	Name      string            `json:"name"`
	Level     string            `json:"level"`
	Parent    string            `json:"parent,omitempty"`
	FirstPass map[string]*int   `json:"first_pass"`
	FellBack  map[string]int    `json:"fell_back"`
	ByYear    map[string][]bool `json:"by_year"`
}

// Projection is a rule's expected state at the period's end from the
// yearly trend (see Progress.Method).
type Projection struct {
	ID           string  `json:"id"`
	PassingAtEnd int     `json:"passing_at_end"`
	Total        int     `json:"total"`
	PerYear      float64 `json:"per_year"`
	OnTrack      bool    `json:"on_track"`
	Observed     bool    `json:"observed"` // the period's end is in the series: no projection needed
}

// ProjectionMethod says how Projection is computed.
const ProjectionMethod = "least-squares line through the year-end passing counts of the series " +
	"(for base_totals and mobile_museum_rotation, through each counted figure), " +
	"read at the period's end, rounded and bounded to 0..total; " +
	"on_track when that meets the target; at or after the period's end it is the observed state"

// Days is the series' days: each 31 December from the baseline year to the
// period's last year that is not after the as-of day, then the as-of day.
func (rs Ruleset) Days() []string {
	asOf := rs.AsOfDate()
	end := asOf
	if rs.Period.To < end {
		end = rs.Period.To
	}
	from, _ := time.Parse("2006-01-02", rs.Period.From)
	to, _ := time.Parse("2006-01-02", rs.Period.To)
	var out []string
	for y := from.Year() - 1; y <= to.Year(); y++ {
		d := time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		if d <= end {
			out = append(out, d)
		}
	}
	if len(out) == 0 || out[len(out)-1] != asOf {
		out = append(out, asOf)
	}
	sort.Strings(out)
	return out
}

// ProgressOf evaluates m under rs on every day of rs.Days.
func ProgressOf(m *Model, rs Ruleset) *Progress {
	days := rs.Days()
	p := &Progress{AsOf: rs.AsOfDate(), AsOfBasis: m.World.basis(), RecordedAt: m.World.RecordedAt, Period: rs.Period, Sample: m.World.Sample,
		Method: ProjectionMethod}
	// The days are independent evaluations of one read-only model: run them
	// on every CPU.
	p.results = make([]*Result, len(days))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for k, d := range days {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			r := rs
			r.AsOf = d
			p.results[k] = m.Evaluate(r)
		}()
	}
	wg.Wait()
	for _, res := range p.results {
		p.Years = append(p.Years, yearOf(res))
	}
	p.units(m)
	p.project(rs)
	return p
}

// Results are the evaluations behind each entry of Years.
func (p *Progress) Results() []*Result { return p.results }

func yearOf(res *Result) ProgressYear {
	y := ProgressYear{Year: yearOfDay(res.AsOf), AsOf: res.AsOf}
	for _, rr := range res.Rules {
		y.Rules = append(y.Rules, RuleProgress{ID: rr.ID, Scope: rr.Scope, Passing: rr.Passing, Total: rr.Total, Pass: rr.Pass})
	}
	reg := res.Region
	y.Region = RegionProgress{BaseTotals: reg.BaseTotals, MobileMuseumLeagues: reg.MobileMuseumLeagues,
		Gini: reg.Distribution.Gini, CountiesWithoutBase: reg.Distribution.CountiesWithoutBase}
	return y
}

func yearOfDay(d string) int { return When(d).Year() }

// unitRules are the unit-scope rules of each level, in result order.
var unitRules = map[string][]string{
	LevelCounty: {RuleVenue1000, RuleCaravanReach, RuleBaseDistribution},
	LevelLeague: {RuleLeagueMuseum},
}

// UnitRules lists the unit-scope rules of a level (county or league).
func UnitRules(level string) []string { return unitRules[level] }

func (p *Progress) units(m *Model) {
	last := p.results[len(p.results)-1]
	for _, idx := range [][]int{m.Counties, m.Leagues} {
		for _, i := range idx {
			u := &m.World.Units[i]
			up := UnitProgress{Code: u.Code, Name: u.Name, Level: u.Level, Parent: u.Parent,
				FirstPass: map[string]*int{}, FellBack: map[string]int{}, ByYear: map[string][]bool{}}
			if _, ok := last.Unit(u.Code); !ok {
				continue
			}
			for _, id := range unitRules[u.Level] {
				up.FirstPass[id] = nil
				for k, res := range p.results {
					ur, _ := res.Unit(u.Code)
					pass := ur.Rules[id].Pass
					up.ByYear[id] = append(up.ByYear[id], pass)
					if pass && up.FirstPass[id] == nil {
						y := p.Years[k].Year
						up.FirstPass[id] = &y
					}
					if !pass && k > 0 && up.ByYear[id][k-1] {
						up.FellBack[id] = p.Years[k].Year
					}
				}
			}
			p.Units = append(p.Units, up)
		}
	}
}

// project fills Projection from the series.
func (p *Progress) project(rs Ruleset) {
	observed := p.AsOf >= rs.Period.To
	end := decimalYear(rs.Period.To)
	xs := make([]float64, len(p.Years))
	for k, y := range p.Years {
		xs[k] = decimalYear(y.AsOf)
	}
	last := p.Years[len(p.Years)-1]
	series := func(f func(y ProgressYear) float64) (at, slope float64) {
		ys := make([]float64, len(p.Years))
		for k, y := range p.Years {
			ys[k] = f(y)
		}
		if observed {
			return ys[len(ys)-1], lineSlope(xs, ys)
		}
		a, b := fitLine(xs, ys)
		return a + b*end, b
	}
	for k, rp := range last.Rules {
		pr := Projection{ID: rp.ID, Total: rp.Total, Observed: observed}
		switch rp.ID {
		case RuleBaseTotals:
			nat, s := series(func(y ProgressYear) float64 { return float64(y.Region.BaseTotals.National) })
			reg, _ := series(func(y ProgressYear) float64 { return float64(y.Region.BaseTotals.Regional) })
			th, _ := series(func(y ProgressYear) float64 { return float64(y.Region.BaseTotals.Themed) })
			pr.PerYear = round(s, 3)
			if math.Round(nat) >= float64(rs.BaseTotals.National) && math.Round(reg) >= float64(rs.BaseTotals.Regional) &&
				math.Round(th) >= float64(rs.BaseTotals.Themed) {
				pr.PassingAtEnd = 1
			}
		case RuleMobileMuseum:
			n, s := series(func(y ProgressYear) float64 { return float64(y.Region.MobileMuseumLeagues) })
			pr.PerYear = round(s, 3)
			if math.Round(n) >= float64(rs.MobileMuseum.MinLeagues) {
				pr.PassingAtEnd = 1
			}
		default:
			n, s := series(func(y ProgressYear) float64 { return float64(y.Rules[k].Passing) })
			pr.PerYear = round(s, 3)
			pr.PassingAtEnd = int(math.Max(0, math.Min(float64(rp.Total), math.Round(n))))
		}
		pr.OnTrack = pr.PassingAtEnd >= pr.Total
		p.Projection = append(p.Projection, pr)
	}
}

// decimalYear is the end of a day as a year with a fraction: 2020-12-31 is 2021.0.
func decimalYear(d string) float64 {
	t, _ := time.Parse("2006-01-02", d)
	start := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	next := time.Date(t.Year()+1, 1, 1, 0, 0, 0, 0, time.UTC)
	return float64(t.Year()) + float64(t.Sub(start)+24*time.Hour)/float64(next.Sub(start))
}

// fitLine is the least-squares line y = a + b x through the points; with
// one point (or all at one x) it is flat through their mean.
func fitLine(xs, ys []float64) (a, b float64) {
	b = lineSlope(xs, ys)
	return mean(ys) - b*mean(xs), b
}

func mean(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

// lineSlope is the least-squares slope of ys over xs (0 when undefined).
func lineSlope(xs, ys []float64) float64 {
	mx, my := mean(xs), mean(ys)
	var sxy, sxx float64
	for i := range xs {
		sxy += (xs[i] - mx) * (ys[i] - my)
		sxx += (xs[i] - mx) * (xs[i] - mx)
	}
	if sxx == 0 {
		return 0
	}
	return sxy / sxx
}
