package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// workbookBody is an .xlsx written by excelize with the given rows.
func workbookBody(t *testing.T, rows [][]any) []byte {
	t.Helper()
	wb := excelize.NewFile()
	defer wb.Close()
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			wb.SetCellValue("Sheet1", cell, v)
		}
	}
	var buf bytes.Buffer
	if _, err := wb.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestUploadWorkbook posts a Chinese workbook to /api/facilities: a venue
// without coordinates lands in 固阳县 by its 所在旗县, and the check says so.
func TestUploadWorkbook(t *testing.T) {
	s, _ := editServer(t, Token{Name: "planner", Value: testToken})
	body := workbookBody(t, [][]any{
		{"编号", "名称", "类别", "建筑面积（平方米）", "所在旗县", "经度", "纬度"},
		{"UP1", "固阳县新馆", "科技馆", 98765, "固阳县", nil, nil},
		{"UP2", "新城区新馆", "科普场馆", 54321, nil, 111.665544, 40.858289},
	})
	req := httptest.NewRequest(http.MethodPost, "/api/facilities", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Type", mimeXLSX)
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusCreated {
		t.Fatalf("POST workbook: %d %s", rec.Code, rec.Body)
	}
	var created featureCollectionDoc
	decode(t, rec, &created)
	if len(created.Features) != 2 || created.Features[0].Properties["located_by"] != "county" ||
		created.Features[0].Properties["county"] != "150222" {
		t.Errorf("created %+v, want UP1 located_by county in 150222", created.Features)
	}
	if c := created.Features[0].Geometry["coordinates"]; c == nil || c.([]any)[0] != 110.060514 {
		t.Errorf("UP1 drawn at %v, want the seat of 固阳县 [110.060514, 41.034105]", c)
	}
	var doc struct {
		Units []struct {
			Code    string  `json:"code"`
			Largest float64 `json:"largest_venue_m2"`
		} `json:"units"`
		Diagnostics []struct{ Code, Facility, Located string } `json:"diagnostics"`
	}
	if err := json.Unmarshal(get(t, s, "/api/check").Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	largest := map[string]float64{}
	for _, u := range doc.Units {
		largest[u.Code] = u.Largest
	}
	if largest["150222"] != 98765 || largest["150102"] != 54321 {
		t.Errorf("largest venues 150222 %v, 150102 %v; want 98765 and 54321", largest["150222"], largest["150102"])
	}
	found := false
	for _, d := range doc.Diagnostics {
		found = found || d.Code == "located_by_county" && d.Facility == "UP1" && d.Located == "150222"
	}
	if !found {
		t.Errorf("no located_by_county diagnostic for UP1 in 150222")
	}

	bad := httptest.NewRequest(http.MethodPost, "/api/facilities", strings.NewReader("id,category\n"))
	bad.Header.Set("Authorization", "Bearer "+testToken)
	bad.Header.Set("Content-Type", mimeXLSX)
	rec = httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, bad)
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "not an .xlsx workbook") {
		t.Errorf("CSV sent as a workbook: %d %s, want 400 naming it", rec.Code, rec.Body)
	}
}

// TestTemplateRoute serves the template with the served units' counties.
func TestTemplateRoute(t *testing.T) {
	s := newServer(t, loadWorld(t), nil)
	rec := get(t, s, "/api/template.xlsx")
	wantStatus(t, rec, http.StatusOK)
	if ct := rec.Header().Get("Content-Type"); ct != mimeXLSX {
		t.Errorf("Content-Type %q, want %q", ct, mimeXLSX)
	}
	wb, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := wb.GetRows("设施名录")
	if len(rows) != 2 || rows[0][0] != "编号" || rows[0][2] != "类别" || rows[1][2] != "科普场馆" {
		t.Errorf("template rows %v, want headers 编号…类别 and an example 科普场馆", rows)
	}
}
