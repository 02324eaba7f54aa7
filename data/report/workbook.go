package report

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/words"
	"github.com/xuri/excelize/v2"
)

// Column formats in the workbook.
const (
	fmtText = iota
	fmtInt  // #,##0
	fmtDec  // #,##0.00
	fmtPct  // 0.0%
	fmtWrap // text wrapped within the column, for long sentences
)

// percent is a share from 0 to 1, written as a number in the 0.0% format.
type percent float64

type column struct {
	key    string // label key, or the header itself when no label has it
	width  float64
	format int
}

// sheet is one worksheet: a header row and the data rows.
type sheet struct {
	name    string
	columns []column
	rows    [][]any
	// notes are rows after the table, outside its filter; next is a
	// further table below, after a blank row, with its own header.
	notes [][]any
	next  *sheet
}

// SheetKeys are the workbook's sheets, as label keys, in order.
var SheetKeys = []string{"summary", "rule_table", "county_table", "leagues", "gap_list", "facilities", "suggestions", "progress", "investment"}

// Sheet names are short: Excel allows 31 characters.
var sheetNames = map[string][2]string{
	"summary": {"概况", "Summary"}, "rule_table": {"规则", "Rules"}, "county_table": {"旗县", "Counties"},
	"leagues": {"盟市", "Leagues"}, "gap_list": {"差距", "Gaps"}, "facilities": {"设施", "Facilities"},
	"suggestions": {"规划建议", "Suggestions"}, "progress": {"进展", "Progress"}, "investment": {"投资计划", "Investment plan"},
}

// SheetName is the name of a workbook sheet in the language.
func SheetName(key string, lang words.Lang) string {
	n := sheetNames[key]
	return pick(lang, n[0], n[1])
}

// workbook writes the workbook, one sheet per SheetKeys entry, to buf.
func (b *builder) workbook(buf *bytes.Buffer) error {
	f := excelize.NewFile()
	defer f.Close()
	sheets := []sheet{b.summarySheet(), b.rulesSheet(), b.countiesSheet(), b.leaguesSheet(), b.gapsSheet(), b.facilitiesSheet(),
		b.suggestionsSheet(), b.progressSheet(), b.investmentSheet()}
	for i, s := range sheets {
		s.name = b.say(SheetName(SheetKeys[i], b.opt.Lang))
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return err
		}
		// Before the rows: a streamed sheet keeps only what is set before it starts.
		if err := printSetup(f, s.name); err != nil {
			return fmt.Errorf("sheet %s: %w", s.name, err)
		}
		if rows(&s) > b.streamRows() {
			if err := b.streamSheet(f, s); err != nil {
				return fmt.Errorf("sheet %s: %w", s.name, err)
			}
			continue
		}
		if err := b.fillSheet(f, s); err != nil {
			return fmt.Errorf("sheet %s: %w", s.name, err)
		}
		// Again: the autofilter rewrites the sheet's properties.
		if err := pageSetup(f, s.name); err != nil {
			return fmt.Errorf("sheet %s: %w", s.name, err)
		}
	}
	if err := b.properties(f); err != nil {
		return err
	}
	return f.Write(buf)
}

// rows counts a sheet's rows, every table's.
func rows(s *sheet) int {
	n := 0
	for t := s; t != nil; t = t.next {
		n += 2 + len(t.rows) + len(t.notes)
	}
	return n
}

// streamRows is the size beyond which a sheet is streamed to the file
// rather than built in memory (a national registry is 600,000 rows).
func (b *builder) streamRows() int {
	if b.opt.StreamRows > 0 {
		return b.opt.StreamRows
	}
	return 20_000
}

// numFormats are the Excel number formats of the column formats (0 is
// General); each also has a style of its own (numStyle).
var numFormats = map[int]int{fmtText: 0, fmtInt: 3, fmtDec: 4, fmtPct: 10, fmtWrap: 0}

// numStyle is the style of a column format: its number format, top
// aligned so that a row with wrapped text reads from its top line.
func numStyle(f *excelize.File, format int) (int, error) {
	top := &excelize.Alignment{Vertical: "top"}
	switch format {
	case fmtPct:
		pct := "0.0%" // one decimal; Excel's built-in format 10 has two
		return f.NewStyle(&excelize.Style{CustomNumFmt: &pct, Alignment: top})
	case fmtWrap:
		return f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	}
	return f.NewStyle(&excelize.Style{NumFmt: numFormats[format], Alignment: top})
}

// lineHeight is a row's height per line of text, in points.
const lineHeight = 16

// rowHeight is the height a row needs for its wrapped text: its longest
// wrapped cell's lines, a CJK character counting two widths of a digit;
// 0 when one line will do.
func rowHeight(row []any, cols []column) float64 {
	lines := 1
	for i, v := range row {
		s, ok := v.(string)
		if !ok || i >= len(cols) || cols[i].format != fmtWrap {
			continue
		}
		n := 0
		for _, part := range strings.Split(s, "\n") {
			w := 0.0
			for _, c := range part {
				w += 1
				if c > 0x2E80 {
					w += 0.9
				}
			}
			n += max(1, int(math.Ceil(w/(cols[i].width-1))))
		}
		lines = max(lines, n)
	}
	if lines == 1 {
		return 0
	}
	return float64(lines * lineHeight)
}

// streamSheet writes a large sheet row by row through excelize's stream
// writer, holding no cells in memory: the same header style, number
// formats, widths and frozen header as fillSheet, with the first table's
// filter as an Excel table.
func (b *builder) streamSheet(f *excelize.File, s sheet) error {
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"0B4F8A"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	if err != nil {
		return err
	}
	styles := map[int]int{}
	for k := range numFormats {
		if styles[k], err = numStyle(f, k); err != nil {
			return err
		}
	}
	sw, err := f.NewStreamWriter(s.name)
	if err != nil {
		return err
	}
	var widths []float64
	for t := &s; t != nil; t = t.next {
		for i, c := range t.columns {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], c.width)
		}
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	top := 1
	for t := &s; t != nil; t = t.next {
		header := make([]any, len(t.columns))
		for i, c := range t.columns {
			header[i] = excelize.Cell{StyleID: head, Value: b.headerLabel(c.key)}
		}
		if err := sw.SetRow(cellName(top), header, excelize.RowOpts{Height: 30}); err != nil {
			return err
		}
		for r, row := range slices.Concat(t.rows, t.notes) {
			out := make([]any, len(row))
			for i, v := range row {
				v = b.cellValue(v)
				if p, ok := v.(percent); ok {
					out[i] = excelize.Cell{StyleID: styles[fmtPct], Value: float64(p)}
					continue
				}
				if st, ok := styles[t.columns[min(i, len(t.columns)-1)].format]; ok && v != nil && r < len(t.rows) && i < len(t.columns) {
					v = excelize.Cell{StyleID: st, Value: v}
				}
				out[i] = v
			}
			if err := sw.SetRow(cellName(top+1+r), out); err != nil {
				return err
			}
		}
		top += 2 + len(t.rows) + len(t.notes)
	}
	if len(s.rows) > 0 && uniqueHeaders(b, s.columns) {
		last, _ := excelize.ColumnNumberToName(len(s.columns))
		off := false
		if err := sw.AddTable(&excelize.Table{Range: fmt.Sprintf("A1:%s%d", last, len(s.rows)+1), Name: "kepu_" + b.tableNumber(s.name),
			StyleName: "", ShowRowStripes: &off}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func cellName(row int) string {
	c, _ := excelize.CoordinatesToCellName(1, row)
	return c
}

// headerLabel is a column's header in the report's language: a label,
// a rule's name for a rule id, or the header as written.
func (b *builder) headerLabel(key string) string {
	if l, ok := b.L[key]; ok {
		return l
	}
	if slices.Contains(coverage.RuleIDs, key) {
		return b.say(words.RuleName(key, b.opt.Lang))
	}
	return b.say(key) // a header written out (the 投资计划 sheet's), in the region's words
}

func uniqueHeaders(b *builder, cols []column) bool {
	seen := map[string]bool{}
	for _, c := range cols {
		h := b.headerLabel(c.key)
		if h == "" || seen[h] {
			return false
		}
		seen[h] = true
	}
	return true
}

// tableNumber numbers a sheet for its table name: its position among the sheets.
func (b *builder) tableNumber(name string) string {
	for i, k := range SheetKeys {
		if b.say(SheetName(k, "zh")) == name || SheetName(k, "en") == name {
			return fmt.Sprint(i + 1)
		}
	}
	return "0"
}

func (b *builder) fillSheet(f *excelize.File, s sheet) error {
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"0B4F8A"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	if err != nil {
		return err
	}
	var widths []float64
	row := 1
	for t := &s; t != nil; t = t.next {
		if err := b.fillTable(f, s.name, t, row, head); err != nil {
			return err
		}
		for i, c := range t.columns {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], c.width)
		}
		row += 2 + len(t.rows) + len(t.notes) // a blank row before the next table
	}
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(s.name, col, col, w); err != nil {
			return err
		}
	}
	if len(s.rows) > 0 {
		last, _ := excelize.ColumnNumberToName(len(s.columns))
		if err := f.AutoFilter(s.name, fmt.Sprintf("A1:%s%d", last, len(s.rows)+1), nil); err != nil {
			return err
		}
	}
	return f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}})
}

// fillTable writes one table of a sheet from row top: the header, the
// rows with their number formats, then the notes.
func (b *builder) fillTable(f *excelize.File, name string, t *sheet, top int, head int) error {
	header := make([]any, len(t.columns))
	for i, c := range t.columns {
		header[i] = b.headerLabel(c.key)
	}
	var percents []string // cells holding a percent, styled last
	put := func(r int, row []any) error {
		for i, v := range row {
			v = b.cellValue(v)
			if v == nil {
				continue // an empty cell stays empty
			}
			cell, _ := excelize.CoordinatesToCellName(i+1, r)
			if p, ok := v.(percent); ok {
				v = float64(p)
				percents = append(percents, cell)
			}
			if err := f.SetCellValue(name, cell, v); err != nil {
				return err
			}
		}
		return nil
	}
	if err := put(top, header); err != nil {
		return err
	}
	for r, row := range slices.Concat(t.rows, t.notes) {
		if err := put(top+1+r, row); err != nil {
			return err
		}
		if h := rowHeight(row, t.columns); h > 0 && r < len(t.rows) {
			if err := f.SetRowHeight(name, top+1+r, h); err != nil {
				return err
			}
		}
	}
	for i, c := range t.columns {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if _, ok := numFormats[c.format]; ok && len(t.rows) > 0 {
			st, err := numStyle(f, c.format)
			if err != nil {
				return err
			}
			if err := f.SetCellStyle(name, fmt.Sprintf("%s%d", col, top+1), fmt.Sprintf("%s%d", col, top+len(t.rows)), st); err != nil {
				return err
			}
		}
	}
	if len(percents) > 0 {
		st, err := numStyle(f, fmtPct)
		if err != nil {
			return err
		}
		for _, cell := range percents {
			if err := f.SetCellStyle(name, cell, cell, st); err != nil {
				return err
			}
		}
	}
	last, _ := excelize.ColumnNumberToName(len(t.columns))
	if err := f.SetCellStyle(name, fmt.Sprintf("A%d", top), fmt.Sprintf("%s%d", last, top), head); err != nil {
		return err
	}
	return f.SetRowHeight(name, top, 30)
}

func (b *builder) summarySheet() sheet {
	L, res, lang := b.L, b.res, b.opt.Lang
	d := res.Dataset
	s := sheet{columns: []column{{"item", 36, fmtText}, {"value", 80, fmtWrap}}}
	add := func(k string, v any) { s.rows = append(s.rows, []any{k, v}) }
	add(L["report_title"], L["region"])
	if d.Sample {
		add(L["sample"], L["sample_banner"])
	}
	add(L["period"], d.Period.From+" – "+d.Period.To)
	if !b.opt.Generated.IsZero() {
		add(L["generated"], b.opt.Generated.Format("2006-01-02 15:04"))
	}
	add(L["counties"], d.Counties)
	add(L["leagues"], d.Leagues)
	add(L["facilities"], d.Facilities)
	add(L["events"], d.Events)
	pass := 0
	for _, r := range res.Rules {
		pass += boolInt(r.Pass)
	}
	add(L["rules_passing"], fmt.Sprintf("%d / %d", pass, len(res.Rules)))
	add(L["gaps"], len(res.Gaps(coverage.GapFilter{})))
	dist := res.Region.Distribution
	add(L["gini"], dist.Gini)
	add(L["nonurban_bases"], percent(dist.NonUrbanBaseShare))
	add(L["nonurban_pop"], percent(dist.NonUrbanPopulationShare))
	add(L["without_base"], dist.CountiesWithoutBase)
	add(L["sources"], strings.Join(b.inputNames(), "\n"))
	add(L["diagnostics"], len(res.Diagnostics))
	for _, n := range b.sourceNotes() {
		add(L["attribution"]+pick(lang, "：", ": ")+n.Title, n.Text)
	}
	return s
}

func (b *builder) rulesSheet() sheet {
	s := sheet{columns: []column{{"rule_id", 22, fmtText}, {"rule", 22, fmtWrap}, {"scope", 8, fmtText}, {"result", 8, fmtText},
		{"passing", 8, fmtInt}, {"total", 8, fmtInt}, {"target", 40, fmtWrap}, {"actual", 24, fmtWrap}, {"plan_text", 50, fmtWrap}}}
	for _, r := range b.rules(scope{counties: b.counties}) {
		s.rows = append(s.rows, []any{r.ID, r.Name, r.Scope, passWord(r.Pass, b.L), r.Passing, r.Total, r.Target, r.Actual, r.PlanText})
	}
	return s
}

func passWord(pass bool, L map[string]string) string {
	if pass {
		return L["pass"]
	}
	return L["fail"]
}

func (b *builder) countiesSheet() sheet {
	L, lang := b.L, b.opt.Lang
	s := sheet{columns: []column{{"code", 10, fmtText}, {"name", 20, fmtText}, {"parent_code", 10, fmtText}, {"league", 16, fmtText},
		{"kind", 10, fmtText}, {"population", 13, fmtInt}, {"population_urb", 13, fmtInt}, {"population_rur", 13, fmtInt},
		{"border", 8, fmtText}, {"former_poverty", 10, fmtText}, {"largest_venue", 14, fmtInt}, {"nearest_venue", 14, fmtDec},
		{"bases", 8, fmtInt}, {"bases_national", 8, fmtInt}, {"bases_regional", 8, fmtInt}, {"bases_themed", 10, fmtInt},
		{"per_100k", 12, fmtDec}, {"venue_1000", 14, fmtText}, {"caravan_reach", 14, fmtText}, {"base_distribution", 16, fmtText},
		{"priority", 10, fmtDec}}}
	for _, c := range b.counties {
		ur, _ := b.res.Unit(c.Code)
		league := ""
		if l, ok := b.unit[c.Parent]; ok {
			league = l.Name
		}
		var nearest any
		if ur.NearestVenue != nil {
			nearest = ur.NearestVenue.DistanceKm
		}
		yes := map[bool]string{true: L["yes"], false: L["no"]}
		s.rows = append(s.rows, []any{c.Code, c.Name, c.Parent, league, words.KindName(c.Kind, lang), c.Population, c.PopulationUrban,
			c.PopulationRural, yes[c.Border], words.Word(c.FormerPoverty, lang), ur.LargestVenueM2, nearest,
			ur.Bases.Total, ur.Bases.National, ur.Bases.Regional, ur.Bases.Themed, b.res.Region.Distribution.Per100k[c.Code],
			b.venueBadge(ur).Text, passWord(ur.Rules[coverage.RuleCaravanReach].Pass, L),
			passWord(ur.Rules[coverage.RuleBaseDistribution].Pass, L), ur.Priority})
	}
	return s
}

func (b *builder) leaguesSheet() sheet {
	L := b.L
	s := sheet{columns: []column{{"code", 10, fmtText}, {"name", 20, fmtText}, {"county_count", 8, fmtInt}, {"population", 13, fmtInt},
		{"population_urb", 13, fmtInt}, {"league_museum", 16, fmtText}, {"actual", 12, fmtInt}, {"target", 12, fmtInt},
		{"venue_1000", 12, fmtInt}, {"caravan_reach", 14, fmtInt}, {"bases", 8, fmtInt}, {"per_100k", 12, fmtDec}, {"gaps", 8, fmtInt}}}
	for _, l := range b.leagues {
		ur, _ := b.res.Unit(l.Code)
		sc := scope{league: l, counties: b.countiesOf[l.Code]}
		passing := map[string]int{}
		for _, r := range b.rules(sc) {
			passing[r.ID] = r.Passing
		}
		lm := ur.Rules[coverage.RuleLeagueMuseum]
		d := b.leagueDist(l)
		s.rows = append(s.rows, []any{l.Code, l.Name, len(sc.counties), l.Population, l.PopulationUrban, passWord(lm.Pass, L),
			lm.Actual, lm.Target, passing[coverage.RuleVenue1000], passing[coverage.RuleCaravanReach], d.Bases, d.rate,
			len(b.gaps(sc))})
	}
	return s
}

func (b *builder) gapsSheet() sheet {
	lang := b.opt.Lang
	s := sheet{columns: []column{{"rank", 6, fmtInt}, {"rule_id", 22, fmtText}, {"rule", 24, fmtText}, {"code", 10, fmtText},
		{"name", 18, fmtText}, {"level", 8, fmtText}, {"parent_code", 10, fmtText}, {"priority", 10, fmtDec}, {"actual", 12, fmtDec},
		{"target", 12, fmtDec}, {"shortfall", 12, fmtDec}, {"detail", 50, fmtWrap}}}
	parts := []string{"population", "rural", "distance", "former_poverty", "border"}
	for _, p := range parts {
		s.columns = append(s.columns, column{words.Word(p, lang) + " " + b.L["scores"], 12, fmtDec})
	}
	s.columns = append(s.columns, column{"pipeline", 30, fmtText})
	for i, g := range b.res.Gaps(coverage.GapFilter{}) {
		row := []any{i + 1, g.Rule, words.RuleName(g.Rule, lang), g.Code, g.Name, b.scopeName(g.Level), g.Parent,
			g.Priority, g.Actual, g.Target, g.Shortfall, words.GapDetail(g, lang)}
		for _, name := range parts {
			var v any
			for _, p := range g.Parts {
				if p.Name == name {
					v = p.Score
				}
			}
			row = append(row, v)
		}
		s.rows = append(s.rows, append(row, b.facilityList(g.Pipeline)))
	}
	return s
}

func (b *builder) facilitiesSheet() sheet {
	lang := b.opt.Lang
	s := sheet{columns: []column{{"code", 12, fmtText}, {"name", 28, fmtText}, {"category", 12, fmtText}, {"status", 10, fmtText},
		{"county", 20, fmtText}, {"league", 16, fmtText}, {"lon", 11, fmtText}, {"lat", 11, fmtText}, {"floor_area", 12, fmtInt},
		{"comprehensive", 8, fmtText}, {"reach_km", 10, fmtInt}, {"base_level", 10, fmtText}, {"themes", 16, fmtText},
		{"declared_county", 10, fmtText}, {"opened", 11, fmtText}, {"closed", 11, fmtText}}}
	s.columns[0].key = "facility_id"
	for i := range b.m.World.Facilities {
		f := &b.m.World.Facilities[i]
		county, league := "", ""
		if c, ok := b.unit[b.m.FacilityCounty[i]]; ok {
			county = c.Code + " " + c.Name
			if l, ok := b.unit[c.Parent]; ok {
				league = l.Name
			}
		}
		var area, reach any
		if f.FloorArea > 0 {
			area = f.FloorArea
		}
		if f.ReachKm > 0 {
			reach = f.ReachKm
		}
		comp := ""
		if f.Comprehensive {
			comp = b.L["yes"]
		}
		s.rows = append(s.rows, []any{f.ID, f.Name, words.Word(f.Category, lang), words.Word(f.Status, lang), county, league,
			f.Point[0], f.Point[1], area, comp, reach, words.Word(f.Level, lang), strings.Join(f.Themes, ", "), f.County, whenCell(f.Opened), whenCell(f.Closed)})
	}
	return s
}

// suggestionsSheet is the planning section as two tables: the caravan
// stations, then the venue sites, each followed by what the solver proved.
func (b *builder) suggestionsSheet() sheet {
	L, cp, vp := b.L, b.caravans, b.venues
	pv := b.planning(scope{counties: b.counties})
	st := sheet{columns: []column{{"rank", 6, fmtInt}, {"station", 12, fmtText}, {"name", 20, fmtText}, {"league", 16, fmtText},
		{"lon", 11, fmtText}, {"lat", 11, fmtText}, {"closes", 40, fmtText}, {"reaches_count", 12, fmtInt}}}
	for i, s := range cp.Stations {
		refs, _ := b.refs(scope{}, s.Closes)
		st.rows = append(st.rows, []any{i + 1, s.Code, s.Name, pv.Stations[i].League, s.Lon, s.Lat, refList(refs), len(s.Reaches)})
	}
	st.notes = [][]any{{L["result"], pv.StationIntro + " " + pv.StationResult}}
	if len(pv.Uncoverable) > 0 {
		st.notes = append(st.notes, []any{L["uncoverable"], refList(pv.Uncoverable)})
	}
	vs := &sheet{columns: []column{{"rank", 6, fmtInt}, {"site", 12, fmtText}, {"name", 20, fmtText}, {"league", 16, fmtText},
		{"lon", 11, fmtText}, {"lat", 11, fmtText}, {"covers", 40, fmtText}, {"gain", 14, fmtInt}}}
	for i, s := range vp.Sites {
		refs, _ := b.refs(scope{}, s.Covers)
		vs.rows = append(vs.rows, []any{i + 1, s.Code, s.Name, pv.Sites[i].League, s.Lon, s.Lat, refList(refs), s.Gain})
	}
	vs.notes = [][]any{{L["result"], pv.SiteIntro + " " + pv.SiteCoverage + " " + pv.SiteResult}}
	st.next = vs
	return st
}

// refList names counties as "code name", separated by Chinese semicolons.
func refList(refs []countyRef) string {
	var b strings.Builder
	for i, r := range refs {
		if i > 0 {
			b.WriteString("；")
		}
		b.WriteString(r.Code + " " + r.Name)
	}
	return b.String()
}

// whenCell is an opened or closed value as a cell: a year as a number, a date as text.
func whenCell(w coverage.When) any {
	if w.IsYear() {
		return w.Year()
	}
	return string(w)
}

// cellValue is a row's value as a cell: text in the region's words, nil
// (no cell at all) for an empty text or a nil.
func (b *builder) cellValue(v any) any {
	if str, ok := v.(string); ok {
		if str == "" {
			return nil
		}
		return b.say(str)
	}
	return v
}
