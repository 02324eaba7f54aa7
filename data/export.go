package data

import (
	"encoding/json"
	"fmt"
	"image/color"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/words"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/twpayne/go-kml/v3"
)

// WriteFacilitiesCSV writes facilities as CSV that ReadFacilitiesCSV reads
// back: lon, lat, the typed fields, then every pass-through property in
// name order (lists joined with ';', other values as JSON).
func WriteFacilitiesCSV(w io.Writer, fs []coverage.Facility) error {
	extra := map[string]bool{}
	for _, f := range fs {
		for k := range Extra(f.Props, FacilityKeys) {
			extra[strings.ToLower(k)] = true
		}
	}
	var extraCols []string
	for k := range extra {
		if k != "lon" && k != "lat" {
			extraCols = append(extraCols, k)
		}
	}
	sort.Strings(extraCols)
	header := append(append([]string{"lon", "lat"}, FacilityKeys...), extraCols...)
	cw, err := newCSV(w)
	if err != nil {
		return err
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, f := range fs {
		props := FacilityFeature(f).Properties
		lower := map[string]any{}
		for k, v := range props {
			lower[strings.ToLower(k)] = v
		}
		rec := []string{fmtNum(f.Point[0]), fmtNum(f.Point[1])}
		for _, col := range header[2:] {
			rec = append(rec, csvCell(lower[col]))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvCell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return fmtNum(x)
	case int:
		return strconv.Itoa(x)
	case bool:
		return strconv.FormatBool(x)
	case json.Number:
		return string(x)
	case []string:
		return strings.Join(x, ";")
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = csvCell(e)
		}
		return strings.Join(parts, ";")
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// GapPlaces places each unit of a result for a map of gaps: a county at
// its seat, a league at the seat of its most populous county, the region
// at the middle of all seats.
func GapPlaces(res *coverage.Result) map[string]orb.Point {
	out := map[string]orb.Point{}
	best := map[string]coverage.UnitResult{}
	var all orb.MultiPoint
	for _, u := range res.Units {
		if u.Level != coverage.LevelCounty || (u.SeatLon == 0 && u.SeatLat == 0) {
			continue
		}
		p := orb.Point{u.SeatLon, u.SeatLat}
		out[u.Code] = p
		all = append(all, p)
		if b, ok := best[u.Parent]; !ok || u.Population > b.Population {
			best[u.Parent] = u
		}
	}
	for league, u := range best {
		out[league] = orb.Point{u.SeatLon, u.SeatLat}
	}
	if len(all) > 0 {
		out[res.Region.Code] = all.Bound().Center()
	}
	return out
}

// GapCollection is the gap list as GeoJSON points (see GapPlaces); every
// gap row column is a property, with the priority parts.
func GapCollection(res *coverage.Result, gaps []coverage.Gap) *geojson.FeatureCollection {
	places := GapPlaces(res)
	fc := geojson.NewFeatureCollection()
	fc.Features = []*geojson.Feature{}
	for _, g := range gaps {
		p, ok := places[g.Code]
		if !ok {
			continue
		}
		f := geojson.NewFeature(p)
		f.Properties = geojson.Properties{"rule": g.Rule, "code": g.Code, "name": g.Name, "level": g.Level,
			"parent": g.Parent, "priority": g.Priority, "actual": g.Actual, "target": g.Target,
			"shortfall": g.Shortfall, "detail": g.Detail, "parts": g.Parts, "pipeline": g.Pipeline}
		fc.Append(f)
	}
	return fc
}

// WriteGapsKML writes the gap list as KML placemarks at the places of
// GapPlaces, coloured by priority (red: top third), each with a
// description of the gap and its priority parts in the language, for
// Google Earth or 奥维.
func WriteGapsKML(w io.Writer, res *coverage.Result, gaps []coverage.Gap, sample bool, lang words.Lang) error {
	places := GapPlaces(res)
	high, mid := priorityCuts(gaps)
	sp := words.RegionSpeech(res.Region.Region)
	region := sp.RegionName(lang)
	doc := []kml.Element{kml.Name(title(region+lang.Pick(" kepu 差距清单", " kepu gaps"), sample)),
		kml.Description(sp.Say(fmt.Sprintf(lang.Pick("%s：尚未达到的规划目标（%s），按优先级排序。%s", "%s: the targets of the %s not yet met, by priority. %s"),
			region, sp.Plan(lang), sampleNote(sample, lang)))),
		pinStyle("high", color.RGBA{R: 0xd7, G: 0x30, B: 0x27, A: 0xff}),
		pinStyle("mid", color.RGBA{R: 0xfc, G: 0x8d, B: 0x59, A: 0xff}),
		pinStyle("low", color.RGBA{R: 0xfe, G: 0xe0, B: 0x8b, A: 0xff})}
	for i, g := range gaps {
		p, ok := places[g.Code]
		if !ok {
			continue
		}
		style := "#low"
		switch {
		case g.Priority >= high:
			style = "#high"
		case g.Priority >= mid:
			style = "#mid"
		}
		doc = append(doc, kml.Placemark(
			kml.Name(fmt.Sprintf("%d. %s %s", i+1, g.Name, sp.Say(words.RuleName(g.Rule, lang)))),
			kml.Description(sp.Say(gapDescription(g, lang))),
			kml.StyleURL(style),
			kml.ExtendedData(
				kml.Data("rule", kml.Value(g.Rule)), kml.Data("code", kml.Value(g.Code)),
				kml.Data("priority", kml.Value(fmtNum(g.Priority))), kml.Data("shortfall", kml.Value(fmtNum(g.Shortfall))),
			),
			kml.Point(kml.Coordinates(kml.Coordinate{Lon: p[0], Lat: p[1]})),
		))
	}
	return kml.KML(kml.Document(doc...)).WriteIndent(w, "", "  ")
}

// WriteFacilitiesKML writes facilities as KML placemarks, each described
// field by field in the language.
func WriteFacilitiesKML(w io.Writer, fs []coverage.Facility, sample bool, lang words.Lang) error {
	doc := []kml.Element{kml.Name(title(lang.Pick("kepu 科普设施", "kepu facilities"), sample))}
	sep := lang.Pick("：", ": ")
	for _, f := range fs {
		var lines []string
		for _, k := range FacilityKeys {
			if v, ok := FacilityFeature(f).Properties[k]; ok && k != "name" {
				lines = append(lines, words.FieldName(k, lang)+sep+words.Word(csvCell(v), lang))
			}
		}
		if f.LocatedBy == coverage.LocatedByCounty {
			lines = append(lines, words.FieldName("located_by", lang)+sep+lang.Pick("无坐标，标注于旗县驻地", "no coordinates: drawn at the county seat"))
		}
		name := f.Name
		if name == "" {
			name = f.ID
		}
		doc = append(doc, kml.Placemark(kml.Name(name), kml.Description(strings.Join(lines, "\n")),
			kml.Point(kml.Coordinates(kml.Coordinate{Lon: f.Point[0], Lat: f.Point[1]}))))
	}
	return kml.KML(kml.Document(doc...)).WriteIndent(w, "", "  ")
}

func gapDescription(g coverage.Gap, lang words.Lang) string {
	var b strings.Builder
	level := words.Word("level_"+g.Level, lang)
	fmt.Fprintf(&b, lang.Pick("%s（%s %s）\n%s\n", "%s (%s %s)\n%s\n"), g.Name, level, g.Code, words.GapDetail(g, lang))
	fmt.Fprintf(&b, lang.Pick("现状 %s，目标 %s，缺口 %s\n", "actual %s, target %s, shortfall %s\n"), fmtNum(g.Actual), fmtNum(g.Target), fmtNum(g.Shortfall))
	fmt.Fprintf(&b, lang.Pick("优先级 %s", "priority %s"), fmtNum(g.Priority))
	for _, p := range g.Parts {
		measure := fmtNum(p.Measure)
		if u := words.MeasureUnit(p.Unit, lang); u != "" {
			measure += " " + u
		}
		fmt.Fprintf(&b, lang.Pick("\n  %s：%s（%s）", "\n  %s: %s (%s)"), words.Word(p.Name, lang), fmtNum(p.Score), measure)
	}
	if len(g.Pipeline) > 0 {
		fmt.Fprintf(&b, lang.Pick("\n在建/规划：%s", "\npipeline: %s"), strings.Join(g.Pipeline, ", "))
	}
	return b.String()
}

// priorityCuts are the priorities at the top third and top two thirds.
func priorityCuts(gaps []coverage.Gap) (high, mid float64) {
	if len(gaps) == 0 {
		return 0, 0
	}
	ps := make([]float64, len(gaps))
	for i, g := range gaps {
		ps[i] = g.Priority
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(ps)))
	return ps[(len(ps)-1)/3], ps[2*(len(ps)-1)/3]
}

func pinStyle(id string, c color.Color) kml.Element {
	return kml.SharedStyle(id, kml.IconStyle(kml.Color(c), kml.Scale(1.1),
		kml.Icon(kml.Href("http://maps.google.com/mapfiles/kml/pushpin/wht-pushpin.png"))))
}

func title(t string, sample bool) string {
	if sample {
		return t + " (示例数据 sample data)"
	}
	return t
}

func sampleNote(sample bool, lang words.Lang) string {
	if sample {
		return lang.Pick("设施名录为合成的示例数据，并非真实情况。", "The facility registry is synthetic sample data (示例数据).")
	}
	return ""
}
