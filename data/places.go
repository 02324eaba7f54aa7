package data

import (
	"sort"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/paulmach/orb"
)

// places finds a county by its code, its name, or an address that names it,
// for records without coordinates.
type places struct {
	byCode map[string]*coverage.Unit // counties
	byName map[string][]string       // county name → codes
	names  []string                  // county names, longest first
	league map[string]string         // league code → name
}

func newPlaces(units []coverage.Unit) *places {
	p := &places{byCode: map[string]*coverage.Unit{}, byName: map[string][]string{}, league: map[string]string{}}
	for i := range units {
		u := &units[i]
		switch u.Level {
		case coverage.LevelCounty:
			p.byCode[u.Code] = u
			if u.Name != "" {
				if len(p.byName[u.Name]) == 0 {
					p.names = append(p.names, u.Name)
				}
				p.byName[u.Name] = append(p.byName[u.Name], u.Code)
			}
		case coverage.LevelLeague:
			p.league[u.Code] = u.Name
		}
	}
	sort.Slice(p.names, func(a, b int) bool {
		if len(p.names[a]) != len(p.names[b]) {
			return len(p.names[a]) > len(p.names[b])
		}
		return p.names[a] < p.names[b]
	})
	return p
}

// seat is the county's seat, if it has one.
func (p *places) seat(code string) (orb.Point, bool) {
	u, ok := p.byCode[code]
	if !ok || !u.HasSeat {
		return orb.Point{}, false
	}
	return u.Seat, true
}

// named picks one of the counties sharing a name, by the league named in
// text ("赤峰市松山区"); it returns them all when that does not decide.
func (p *places) named(codes []string, text string) []string {
	if len(codes) < 2 {
		return codes
	}
	var in []string
	for _, c := range codes {
		if l := p.league[p.byCode[c].Parent]; l != "" && strings.Contains(text, l) {
			in = append(in, c)
		}
	}
	if len(in) == 1 {
		return in
	}
	return codes
}

// inAddress lists the counties an address names. The longest name wins
// where names overlap (科尔沁左翼中旗 over 科尔沁区 never arises, but 新城区 over
// 城区 does); names are matched with their suffix (旗, 县, 市, 区) as written.
func (p *places) inAddress(addr string) []string {
	taken := make([]bool, len(addr))
	var found []string
	for _, name := range p.names {
		for from := 0; ; {
			i := strings.Index(addr[from:], name)
			if i < 0 {
				break
			}
			i += from
			free := true
			for k := i; k < i+len(name); k++ {
				free = free && !taken[k]
			}
			if free {
				for k := i; k < i+len(name); k++ {
					taken[k] = true
				}
				found = append(found, p.named(p.byName[name], addr)...)
			}
			from = i + len(name)
		}
	}
	sort.Strings(found)
	return dedupe(found)
}

func dedupe(ss []string) []string {
	out := ss[:0]
	for i, s := range ss {
		if i == 0 || s != ss[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// countyCode resolves a declared county, written as a 6-digit code or as a
// unit name, reporting one it cannot resolve. Without units (a reader
// called alone) only a code is taken.
func (o Options) countyCode(fl fields, v string) string {
	if isCode(v) {
		return v
	}
	if o.places == nil {
		fl.fail("county", "%q is not a 6-digit administrative code", v)
		return ""
	}
	codes := o.places.named(o.places.byName[v], v)
	switch len(codes) {
	case 1:
		return codes[0]
	case 0:
		fl.fail("county", "%q is neither a 6-digit administrative code nor the name of a county (names are matched as written, with 旗, 县, 市 or 区)", v)
	default:
		fl.fail("county", "%q names several counties (%s); give the 6-digit code", v, strings.Join(codes, ", "))
	}
	return ""
}

// locate places a record: by its coordinates when it has them (has), else
// in its declared county or the one county its address names, at the
// seat, with LocatedBy "county". geomField names the missing coordinates.
func (o Options) locate(fl fields, f *coverage.Facility, pt orb.Point, has bool, geomField string) {
	declared := fl.str("county", false)
	code := ""
	if declared != "" {
		code = o.countyCode(fl, declared)
	}
	if has {
		f.Point, f.County = pt, code
		if code != "" && fl.str("located_by", false) == coverage.LocatedByCounty {
			f.LocatedBy = coverage.LocatedByCounty
		}
		return
	}
	if declared == "" {
		addr := fl.str("address", false)
		if addr == "" {
			fl.fail(geomField, "no coordinates, and no county (旗县) or address (地址) to place the record by")
			return
		}
		code = o.addressCounty(fl, addr)
	}
	if code == "" {
		return
	}
	f.County, f.LocatedBy = code, coverage.LocatedByCounty
	fl.props["located_by"] = coverage.LocatedByCounty
	if o.places == nil {
		return
	}
	seat, ok := o.places.seat(code)
	if !ok {
		fl.fail("county", "no coordinates, and %s is not a county with a seat to place the record at", code)
		return
	}
	f.Point = seat
}

// addressCounty is the one county an address names, or "" with the
// problem reported.
func (o Options) addressCounty(fl fields, addr string) string {
	if o.places == nil {
		fl.fail("address", "no coordinates, and no units to find the county of the address in")
		return ""
	}
	codes := o.places.inAddress(addr)
	switch len(codes) {
	case 1:
		return codes[0]
	case 0:
		fl.fail("address", "no coordinates, and %q names no county (write the county's name as 某某旗, 某某县, 某某市 or 某某区)", addr)
	default:
		var names []string
		for _, c := range codes {
			names = append(names, o.places.byCode[c].Name+" "+c)
		}
		fl.fail("address", "no coordinates, and %q names several counties (%s); give lon/lat or the county", addr, strings.Join(names, ", "))
	}
	return ""
}
