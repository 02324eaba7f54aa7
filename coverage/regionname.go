package coverage

import "github.com/paulmach/orb"

// Region names the whole territory the units cover: a province, an
// autonomous region, a municipality, or several (the nation). It comes from
// the data (a `level: region` feature, else the counties' code prefix) and a
// rules file's `region` section may rename it or name its levels.
type Region struct {
	Code   string `json:"code" yaml:"code"`
	Name   string `json:"name" yaml:"name"`
	NameEN string `json:"name_en,omitempty" yaml:"name_en"`
	// Kind is province, autonomous_region, municipality, sar or nation.
	Kind string `json:"kind,omitempty" yaml:"kind"`
	// Plan is the title of the region's implementation plan.
	Plan string `json:"plan,omitempty" yaml:"plan"`
	// LeagueWord and CountyWord are what the region calls its two levels
	// (盟市 and 旗县 in Inner Mongolia); empty means the words for its kind.
	LeagueWord   string `json:"league_word,omitempty" yaml:"league_word"`
	CountyWord   string `json:"county_word,omitempty" yaml:"county_word"`
	LeagueWordEN string `json:"league_word_en,omitempty" yaml:"league_word_en"`
	CountyWordEN string `json:"county_word_en,omitempty" yaml:"county_word_en"`
	// Bounds is [west, south, east, north] of the counties' outlines.
	Bounds []float64 `json:"bounds,omitempty" yaml:"-"`
}

// InnerMongolia is the region of the embedded data and of the plan whose
// figures are the rules' defaults.
var InnerMongolia = Region{Code: RegionCode, Name: RegionName, NameEN: "Inner Mongolia Autonomous Region",
	Kind: "autonomous_region", Plan: "内蒙古自治区全民科学素质行动规划纲要实施方案（2021—2025年）"}

// IsInnerMongolia reports whether the region is Inner Mongolia's.
func (r Region) IsInnerMongolia() bool { return r.Code == RegionCode }

// over returns r with every field o sets replaced by o's.
func (r Region) over(o Region) Region {
	for _, f := range []struct {
		dst *string
		v   string
	}{
		{&r.Code, o.Code}, {&r.Name, o.Name}, {&r.NameEN, o.NameEN}, {&r.Kind, o.Kind}, {&r.Plan, o.Plan},
		{&r.LeagueWord, o.LeagueWord}, {&r.CountyWord, o.CountyWord},
		{&r.LeagueWordEN, o.LeagueWordEN}, {&r.CountyWordEN, o.CountyWordEN},
	} {
		if f.v != "" {
			*f.dst = f.v
		}
	}
	return r
}

// bounds is [west, south, east, north] of the geometries (nil when none).
func bounds(gs []orb.Geometry) []float64 {
	var b orb.Bound
	have := false
	for _, g := range gs {
		if g == nil {
			continue
		}
		if gb := g.Bound(); !have {
			b, have = gb, true
		} else {
			b = b.Union(gb)
		}
	}
	if !have {
		return nil
	}
	return []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}
}

// Region is the model's region under rs: the world's (Inner Mongolia's when
// the world names none) with the rules file's names over it, and the
// counties' bounds.
func (m *Model) Region(rs Ruleset) Region {
	r := m.World.Region
	if r.Code == "" && r.Name == "" {
		r = InnerMongolia
	}
	r = r.over(rs.Region)
	r.Bounds = m.bounds
	return r
}
