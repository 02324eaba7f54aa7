package report

import (
	"bytes"
	"context"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestStreamedWorkbookHoldsTheSameCells: streamed sheets (every sheet
// here, with a threshold of one row) read back cell for cell as the
// in-memory ones, with the header frozen.
func TestStreamedWorkbookHoldsTheSameCells(t *testing.T) {
	m, res := sample(t)
	read := func(streamRows int) *excelize.File {
		var buf bytes.Buffer
		if err := WriteWorkbook(context.Background(), &buf, m, res, Options{Lang: "zh", StreamRows: streamRows}); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	mem, streamed := read(1<<30), read(1)
	defer mem.Close()
	defer streamed.Close()
	if got, want := streamed.GetSheetList(), mem.GetSheetList(); !reflect.DeepEqual(got, want) {
		t.Fatalf("sheets: got %v, want %v", got, want)
	}
	for _, s := range mem.GetSheetList() {
		want, err := mem.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		got, err := streamed.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: streamed rows differ (%d rows, want %d)", s, len(got), len(want))
		}
		if p, err := streamed.GetPanes(s); err != nil || !p.Freeze || p.YSplit != 1 {
			t.Errorf("%s: panes %+v %v, want the header row frozen", s, p, err)
		}
	}
}
