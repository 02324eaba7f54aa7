package data_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kepu/kepu/data"
)

// TestSheetWithoutIDs: a registry sheet with no 编号 column (as many are
// kept) is read with each record named by its row, said once as a
// warning; a sheet with the column still needs every id.
func TestSheetWithoutIDs(t *testing.T) {
	csv := "名称,类别,状态,建筑面积（平方米）,所在旗县\n甲馆,科技馆,开放,1500,新城区\n\n乙馆,科普场馆,开放,800,150203\n"
	path := filepath.Join(t.TempDir(), "台账.csv")
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := data.Load(data.Sources{Facilities: []string{path}})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	var got []string
	for _, f := range w.Facilities {
		got = append(got, f.ID+"="+f.Name+"@"+f.County)
	}
	if want := "台账-R2=甲馆@150102 台账-R4=乙馆@150203"; strings.Join(got, " ") != want {
		t.Errorf("ids: got %q, want %q (row 3 is blank)", strings.Join(got, " "), want)
	}
	warned := 0
	for _, d := range w.Diagnostics {
		if d.Field == "id" && strings.Contains(d.Message, "台账-R2 is row 2") {
			warned++
		}
	}
	if warned != 1 {
		t.Errorf("diagnostics: %d warnings about the id column, want 1: %+v", warned, w.Diagnostics)
	}
	withIDs := "编号,名称,类别,所在旗县\nV1,甲馆,科技馆,150102\n,乙馆,科技馆,150102\n"
	_, ps, _ := data.ReadFacilities("有编号.csv", strings.NewReader(withIDs), data.Options{})
	if len(ps) != 1 || ps[0].String() != "有编号.csv: row 3: 编号: missing" {
		t.Errorf("a sheet with an 编号 column and an empty cell: got %v, want one problem, row 3: 编号: missing", ps)
	}
}
