package report

import (
	"fmt"
	"image/color"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/words"
	"github.com/paulmach/orb"
)

// MapRules are the county-scope rules the report draws a map for.
var MapRules = []string{coverage.RuleVenue1000, coverage.RuleCaravanReach, coverage.RuleBaseDistribution}

// Class colours (ColorBrewer RdYlGn, readable in print and by most colour-blind readers).
var (
	passFill = color.RGBA{26, 152, 80, 255}
	warnFill = color.RGBA{253, 174, 97, 255}
	failFill = color.RGBA{215, 48, 39, 255}
	noFill   = color.RGBA{220, 220, 220, 255}
)

// Facility mark colours, as on the web map.
var (
	venueMark   = color.RGBA{30, 64, 175, 255}
	caravanMark = color.RGBA{13, 148, 136, 255}
	baseMark    = color.RGBA{109, 40, 217, 255}
	planMark    = color.RGBA{255, 194, 10, 255} // suggested stations and sites
)

// countyMap describes the map of one county-scope rule over a scope, its
// words in the report's language and the region's words: county names on
// a league's map, league names on the region's.
func (b *builder) countyMap(s scope, rule string) Map {
	rs, lang := b.res.Ruleset, b.opt.Lang
	say := func(zh, en string) string { return b.say(pick(lang, zh, en)) }
	m := Map{Width: b.opt.MapWidth, OutlineLabel: say("盟市界", "league boundary"), North: say("北", "N"), Km: say("公里", "km")}
	counts := make([]int, 3)
	for _, c := range s.counties {
		ur, ok := b.res.Unit(c.Code)
		fill := noFill
		if ok {
			k := 2
			switch {
			case rule == coverage.RuleVenue1000:
				k = venueClass(ur)
			case ur.Rules[rule].Pass:
				k = 0
			}
			counts[k]++
			fill = []color.RGBA{passFill, warnFill, failFill}[k]
		}
		m.Areas = append(m.Areas, Area{Geometry: c.Geometry, Fill: fill})
		if s.league != nil && c.HasSeat {
			m.Labels = append(m.Labels, Label{Point: c.Seat, Text: c.Name, Fallback: c.Code})
		}
	}
	if s.league != nil {
		m.Outlines = []orb.Geometry{s.league.Geometry}
	} else {
		for _, l := range b.leagues {
			m.Outlines = append(m.Outlines, l.Geometry)
			if at, ok := b.leagueLabelPoint(l); ok {
				m.Labels = append(m.Labels, Label{Point: at, Text: l.Name, Fallback: l.Code})
			}
		}
	}
	marks := b.marks(s, rule)
	m.Marks = marks
	entry := func(c color.RGBA, zh, en string, args ...any) LegendEntry {
		return LegendEntry{Fill: c, Label: fmt.Sprintf(say(zh, en), args...)}
	}
	switch rule {
	case coverage.RuleVenue1000:
		a := rs.Venue1000.MinFloorAreaM2
		m.Legend = []LegendEntry{entry(passFill, "有 %.0f 平方米以上场馆（%d）", "venue ≥ %.0f m² (%d)", a, counts[0]),
			entry(warnFill, "最大场馆不足 %.0f 平方米（%d）", "largest venue < %.0f m² (%d)", a, counts[1]),
			entry(failFill, "没有开放的场馆（%d）", "no open venue (%d)", counts[2]),
			entry(venueMark, "%.0f 平方米以上的开放场馆（%d）", "open venue ≥ %.0f m² (%d)", a, len(marks))}
	case coverage.RuleCaravanReach:
		m.Legend = []LegendEntry{entry(passFill, "大篷车覆盖（%d）", "reached by a caravan (%d)", counts[0]),
			entry(failFill, "未覆盖（%d）", "not reached (%d)", counts[2]),
			entry(caravanMark, "开放的科普大篷车（%d）", "open caravan (%d)", len(marks))}
	default:
		m.Legend = []LegendEntry{entry(passFill, "有开放的科普教育基地（%d）", "has an open base (%d)", counts[0]),
			entry(failFill, "没有开放的基地（%d）", "no open base (%d)", counts[2]),
			entry(baseMark, "开放的科普教育基地（%d）", "open base (%d)", len(marks))}
	}
	if stars, label := b.suggestionMarks(s, rule); len(stars) > 0 {
		m.Marks = append(m.Marks, stars...)
		m.Legend = append(m.Legend, LegendEntry{Fill: planMark, Label: fmt.Sprintf(say("%s（%d）", "%s (%d)"), label, len(stars)), Shape: Star})
	}
	where := b.L["region"] + say(" 全区", ", all leagues")
	if s.league != nil {
		where = s.league.Name
	}
	m.Title = fmt.Sprintf(say("%s：%s", "%s: %s"), where, b.say(words.RuleName(rule, lang)))
	p := b.res.Dataset.Period
	m.Subtitle = fmt.Sprintf(say("%d / %d 个旗县达标  |  评估期 %s 至 %s", "%d of %d counties pass  |  period %s to %s"),
		counts[0], len(s.counties), p.From, p.To)
	if b.res.Dataset.Sample {
		m.Subtitle += say("  |  示例数据（合成，非真实情况）", "  |  sample data (synthetic)")
	}
	return m
}

// leagueLabelPoint is where a league's name goes on the region's map: the
// seat of its most populous county (usually the league's own seat).
func (b *builder) leagueLabelPoint(l *coverage.Unit) (orb.Point, bool) {
	var best *coverage.Unit
	for _, c := range b.countiesOf[l.Code] {
		if c.HasSeat && (best == nil || c.Population > best.Population) {
			best = c
		}
	}
	if best == nil {
		return orb.Point{}, false
	}
	return best.Seat, true
}

// marks are the facilities counting on the report's day a rule map shows in the scope's counties:
// compliant venues, caravans or bases.
func (b *builder) marks(s scope, rule string) []Mark {
	w, min := b.m.World, b.res.Ruleset.Venue1000.MinFloorAreaM2
	var out []Mark
	for _, c := range s.counties {
		for _, i := range b.m.Located[c.Code] {
			f := &w.Facilities[i]
			if !f.CountsAsOf(b.res.AsOf) {
				continue
			}
			switch {
			case rule == coverage.RuleVenue1000 && f.Category == coverage.CategoryVenue && f.FloorArea >= min:
				out = append(out, Mark{Point: f.Point, Fill: venueMark, Radius: 4})
			case rule == coverage.RuleCaravanReach && f.Category == coverage.CategoryCaravan:
				out = append(out, Mark{Point: f.Point, Fill: caravanMark, Radius: 4})
			case rule == coverage.RuleBaseDistribution && f.Category == coverage.CategoryBase:
				out = append(out, Mark{Point: f.Point, Fill: baseMark, Radius: 2.5})
			}
		}
	}
	return out
}

// suggestionMarks are the planning section's suggestions a rule map shows
// as stars: caravan stations on caravan_reach, venue sites on venue_1000,
// those lying in the scope's counties. The region map numbers them as the
// section's tables do.
func (b *builder) suggestionMarks(s scope, rule string) ([]Mark, string) {
	type point struct{ lon, lat float64 }
	var pts []point
	var label string
	switch {
	case rule == coverage.RuleCaravanReach && b.caravans != nil:
		for _, st := range b.caravans.Stations {
			pts = append(pts, point{st.Lon, st.Lat})
		}
		label = fmt.Sprintf(b.say(pick(b.opt.Lang, "建议站点，服务半径 %.0f 公里", "suggested station, reach %.0f km")), b.caravans.ReachKm)
	case rule == coverage.RuleVenue1000 && b.venues != nil:
		for _, st := range b.venues.Sites {
			pts = append(pts, point{st.Lon, st.Lat})
		}
		label = fmt.Sprintf(b.say(pick(b.opt.Lang, "建议场馆选址，服务 %.0f 公里", "suggested venue site, %.0f km")), b.venues.RadiusKm)
	}
	var out []Mark
	for i, p := range pts {
		county, league := b.located(p.lon, p.lat)
		if county == "" || !s.in(county, league) {
			continue
		}
		mk := Mark{Point: orb.Point{p.lon, p.lat}, Fill: planMark, Radius: 9, Shape: Star}
		if s.league == nil {
			mk.Text = fmt.Sprintf("#%d", i+1)
		}
		out = append(out, mk)
	}
	return out, label
}

// mapCaption explains a map in the report's language.
func mapCaption(rule string, lang words.Lang) string {
	switch rule {
	case coverage.RuleVenue1000:
		return pick(lang, "绿色：有 1000 平方米以上的开放科普场馆；橙色：有场馆但不足 1000 平方米；红色：没有开放的科普场馆。粗线为盟市界。",
			"Green: an open venue of at least 1000 m²; orange: a smaller venue only; red: no open venue. Thick lines are league boundaries.")
	case coverage.RuleCaravanReach:
		return pick(lang, "绿色：旗县驻地在开放大篷车服务半径内，或旗县内有大篷车或评估期内的大篷车活动；红色：未覆盖。",
			"Green: the county seat is within an open caravan's reach, or a caravan is based or visited there in the period; red: not reached.")
	}
	return pick(lang, "绿色：旗县内至少有一个开放的科普教育基地；红色：没有。", "Green: at least one open base in the county; red: none.")
}
