package report

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kepu/kepu/data/words"
	"github.com/xuri/excelize/v2"
)

// workbookBytes writes the sample's workbook; streamRows 1 streams every sheet.
func workbookBytes(t *testing.T, lang words.Lang, streamRows int) []byte {
	t.Helper()
	m, res := sample(t)
	var buf bytes.Buffer
	opt := Options{Lang: lang, StreamRows: streamRows, Generated: time.Date(2026, 3, 1, 8, 30, 0, 0, time.UTC)}
	if err := WriteWorkbook(context.Background(), &buf, m, res, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func openWorkbook(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// rowOf is the row number of the first row whose column A is label.
func rowOf(t *testing.T, f *excelize.File, sheet, label string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == label {
			return i + 1
		}
	}
	t.Fatalf("%s: no row %q", sheet, label)
	return 0
}

// TestWorkbookCells reads cells back with excelize, in memory and streamed:
// percentages are numbers in the 0.0% format, empty cells have no value
// and no type, and no cell anywhere holds an empty string.
func TestWorkbookCells(t *testing.T) {
	for _, tc := range []struct {
		name       string
		streamRows int
	}{{"in memory", 0}, {"streamed", 1}} {
		t.Run(tc.name, func(t *testing.T) {
			raw := workbookBytes(t, "zh", tc.streamRows)
			f := openWorkbook(t, raw)
			for _, p := range []struct{ label, value string }{{"市辖区以外的基地占比", "0.5164"}, {"市辖区以外的人口占比", "0.594"}} {
				cell := "B" + strconv.Itoa(rowOf(t, f, "概况", p.label))
				typ, _ := f.GetCellType("概况", cell)
				v, _ := f.GetCellValue("概况", cell, excelize.Options{RawCellValue: true})
				shown, _ := f.GetCellValue("概况", cell)
				if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber || v != p.value {
					t.Errorf("%s %s: type %v value %q, want the number %s", p.label, cell, typ, v, p.value)
				}
				if got := numFormatOf(t, f, "概况", cell); got != "0.0%" {
					t.Errorf("%s %s: format %q, want 0.0%%", p.label, cell, got)
				}
				if want := map[string]string{"0.5164": "51.6%", "0.594": "59.4%"}[p.value]; shown != want {
					t.Errorf("%s %s: shown %q, want %q", p.label, cell, shown, want)
				}
			}
			// 150102 新城区 is no former poverty county and has no
			// nearest-venue gap: its 原贫困县 cell (J2) is empty.
			if v, _ := f.GetCellValue("旗县", "A2"); v != "150102" {
				t.Fatalf("旗县 A2: got %q, want 150102", v)
			}
			if typ, _ := f.GetCellType("旗县", "J2"); typ != excelize.CellTypeUnset {
				t.Errorf("旗县 J2 (原贫困县 of 150102): type %v, want no value", typ)
			}
			// The first gap is a league's: no parent league.
			if typ, _ := f.GetCellType("差距", "G2"); typ != excelize.CellTypeUnset {
				t.Errorf("差距 G2 (盟市代码 of a league gap): type %v, want no value", typ)
			}
			if n := emptyStrings(t, raw); n > 0 {
				t.Errorf("%d cells hold an empty string, want none", n)
			}
		})
	}
}

func numFormatOf(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return map[int]string{0: "General", 3: "#,##0", 4: "#,##0.00", 10: "0.00%"}[st.NumFmt]
}

// emptyStrings counts, in the workbook's XML, shared strings and inline
// strings that are empty and cells with an empty value.
func emptyStrings(t *testing.T, raw []byte) int {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	empty := regexp.MustCompile(`<t[^>]*></t>|<t[^>]*/>|<v></v>|<v/>`)
	n := 0
	for _, zf := range z.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") && zf.Name != "xl/sharedStrings.xml" {
			continue
		}
		r, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		r.Close()
		n += len(empty.FindAll(b, -1))
	}
	return n
}

// TestWorkbookHeadersInWords: no header of any sheet is a rule id; the
// county sheet names the county rules in words, in Chinese and in English.
func TestWorkbookHeadersInWords(t *testing.T) {
	ids := []string{"venue_1000", "league_museum", "caravan_reach", "mobile_museum_rotation", "base_totals", "base_distribution"}
	for _, tc := range []struct {
		lang   words.Lang
		sheet  string
		wantAt map[string]string // cell: header
	}{
		{"zh", "旗县", map[string]string{"R1": "旗县1000平方米以上科普场馆", "S1": "科普大篷车旗县全覆盖", "T1": "科普教育基地分布", "C1": "盟市代码"}},
		{"en", "Counties", map[string]string{"R1": "county venue of 1000 m² or more", "S1": "caravan reach to every county", "T1": "education base distribution", "C1": "League code"}},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			f := openWorkbook(t, workbookBytes(t, tc.lang, 0))
			for cell, want := range tc.wantAt {
				if got, _ := f.GetCellValue(tc.sheet, cell); got != want {
					t.Errorf("%s %s: got %q, want %q", tc.sheet, cell, got, want)
				}
			}
			for _, s := range f.GetSheetList() {
				rows, err := f.GetRows(s)
				if err != nil || len(rows) == 0 {
					t.Fatalf("%s: %v", s, err)
				}
				for _, h := range rows[0] {
					if slices.Contains(ids, h) {
						t.Errorf("%s: header %q is a rule id", s, h)
					}
				}
			}
		})
	}
}

// TestWorkbookPropertiesAndPrint: kepu is the author and application, the
// report's date is the document's, and every sheet prints landscape, one
// page wide, with its header row on every page.
func TestWorkbookPropertiesAndPrint(t *testing.T) {
	for _, tc := range []struct {
		name       string
		streamRows int
	}{{"in memory", 0}, {"streamed", 1}} {
		t.Run(tc.name, func(t *testing.T) {
			f := openWorkbook(t, workbookBytes(t, "zh", tc.streamRows))
			doc, err := f.GetDocProps()
			if err != nil {
				t.Fatal(err)
			}
			if doc.Creator != "kepu" || doc.LastModifiedBy != "kepu" || doc.Created != "2026-03-01T08:30:00Z" ||
				doc.Modified != "2026-03-01T08:30:00Z" || doc.Title != "内蒙古自治区 科普设施覆盖评估报告" || doc.Language != "zh-CN" {
				t.Errorf("doc props: got creator %q, modified by %q, created %q, modified %q, title %q, language %q; "+
					"want kepu, kepu, 2026-03-01T08:30:00Z twice, 内蒙古自治区 科普设施覆盖评估报告, zh-CN",
					doc.Creator, doc.LastModifiedBy, doc.Created, doc.Modified, doc.Title, doc.Language)
			}
			app, err := f.GetAppProps()
			if err != nil {
				t.Fatal(err)
			}
			if app.Application != "kepu" {
				t.Errorf("application: got %q, want kepu", app.Application)
			}
			titles := map[string]string{}
			for _, d := range f.GetDefinedName() {
				if d.Name == "_xlnm.Print_Titles" {
					titles[d.Scope] = d.RefersTo
				}
			}
			for _, s := range f.GetSheetList() {
				pl, err := f.GetPageLayout(s)
				if err != nil {
					t.Fatal(err)
				}
				if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 ||
					pl.FitToHeight == nil || *pl.FitToHeight != 0 {
					t.Errorf("%s: page layout %s, want landscape, 1 page wide, any number tall", s, layout(pl))
				}
				sp, err := f.GetSheetProps(s)
				if err != nil {
					t.Fatal(err)
				}
				if sp.FitToPage == nil || !*sp.FitToPage {
					t.Errorf("%s: fit to page not set", s)
				}
				if want := "'" + s + "'!$1:$1"; titles[s] != want {
					t.Errorf("%s: print titles %q, want %q", s, titles[s], want)
				}
			}
		})
	}
}

func layout(pl excelize.PageLayoutOptions) string {
	var b strings.Builder
	if pl.Orientation != nil {
		b.WriteString(*pl.Orientation)
	}
	for _, p := range []*int{pl.FitToWidth, pl.FitToHeight} {
		b.WriteString(" ")
		if p != nil {
			b.WriteString(strconv.Itoa(*p))
		} else {
			b.WriteString("nil")
		}
	}
	return b.String()
}
