package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportMerge merges a second registry by id: new ids are added, a
// changed record is changed, the same ones are counted unchanged, and the
// counts show at most 10 example ids a line.
func TestImportMerge(t *testing.T) {
	for _, v := range []string{"LANG", "LC_ALL", "LC_MESSAGES"} {
		t.Setenv(v, "") // Chinese, the default, until the English part below
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "kepu.gpkg")
	rows := func(extra string, area func(i int) int) string {
		var b strings.Builder
		b.WriteString("编号,名称,类别,建筑面积（平方米）,经度,纬度\n")
		for i := 1; i <= 12; i++ {
			fmt.Fprintf(&b, "V%02d,馆%d,科技馆,%d,111.6,40.8\n", i, i, area(i))
		}
		b.WriteString(extra)
		return b.String()
	}
	first := filepath.Join(dir, "first.csv")
	os.WriteFile(first, []byte(rows("", func(int) int { return 500 })), 0o644)
	mustRun(t, "import", "--db", db, first)
	second := filepath.Join(dir, "second.csv")
	os.WriteFile(second, []byte(rows("N01,新馆,科技馆,900,,\nN02,新馆,基地,,111.6,40.8\n", func(i int) int {
		if i == 3 {
			return 1500
		}
		return 500
	})), 0o644)
	// N01 has no coordinates and no county: the whole merge is refused.
	if code, _, errs := runKepu("import", "--db", db, "--merge", second); code != exitUsage || !strings.Contains(errs, "第 14 行（N01）：经度：没有坐标") {
		t.Fatalf("merge with a bad row: exit %d, stderr %s", code, errs)
	}
	os.WriteFile(second, []byte(strings.Replace(rows("N01,新馆,科技馆,900,,\nN02,新馆,基地,,111.6,40.8\n", func(i int) int {
		if i == 3 {
			return 1500
		}
		return 500
	}), "N01,新馆,科技馆,900,,", "N01,新馆,科技馆,900,111.7,40.9", 1)), 0o644)
	got := mustRun(t, "import", "--db", db, "--merge", second)
	want := "已合并到 " + db + "：新增 2 处，修改 1 处，未变 11 处\n" +
		"  新增 2 处：N01, N02\n" +
		"  修改 1 处：V03\n" +
		"  未变 11 处：V01, V02, V04, V05, V06, V07, V08, V09, V10, V11，…（另 1 处）\n"
	if got != want {
		t.Errorf("merge output:\n%s\nwant:\n%s", got, want)
	}
	t.Setenv("LANG", "en_US.UTF-8") // the counts in English on request
	again := mustRun(t, "import", "--db", db, "--merge", second)
	if !strings.HasPrefix(again, "merged into "+db+": 0 added, 0 changed, 14 unchanged\n") {
		t.Errorf("merging the same file again: %s", again)
	}
	csv := mustRun(t, "export", "--db", db, "--what", "facilities", "--format", "csv")
	if n := strings.Count(csv, "\n"); n != 15 {
		t.Errorf("export has %d lines, want a header and 14 facilities", n)
	}
	if !strings.Contains(csv, "V03,馆3,venue,open,1500") {
		t.Errorf("V03 not changed to 1500 m² in the export:\n%s", csv)
	}
}

// TestTemplateCommand writes the template and reads it back as a registry:
// its one example row is a venue in 新城区.
func TestTemplateCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "模板.xlsx")
	mustRun(t, "template", "--out", out)
	got := mustRun(t, "export", "--facilities", out, "--what", "facilities", "--format", "csv")
	if !strings.Contains(got, "111.665544,40.858289,VE0001,某某旗科技馆（示例，请删除）,venue,open,1200,false,,,,,150102,2021") {
		t.Errorf("the template read back:\n%s", got)
	}
}
