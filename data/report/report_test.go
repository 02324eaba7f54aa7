package report

import (
	"bytes"
	"context"
	"encoding/base64"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/words"
	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"
)

// sample evaluates the embedded data under the default rules.
func sample(t testing.TB) (*coverage.Model, *coverage.Result) {
	t.Helper()
	w, err := data.Load(data.Sources{})
	if err != nil {
		t.Fatal(err)
	}
	m := coverage.NewModel(w)
	return m, m.Evaluate(coverage.Defaults())
}

// TestWrite writes the whole report once and opens everything it wrote.
func TestWrite(t *testing.T) {
	m, res := sample(t)
	dir := t.TempDir()
	var steps []string
	opt := Options{Dir: dir, MapWidth: 600, Progress: func(done, total int, step string) {
		steps = append(steps, step)
		if total != Steps(m) {
			t.Errorf("progress total: got %d, want %d", total, Steps(m))
		}
	}}
	if err := Write(context.Background(), m, res, opt); err != nil {
		t.Fatal(err)
	}
	if len(steps) != Steps(m) {
		t.Errorf("progress steps: got %d, want %d", len(steps), Steps(m))
	}
	t.Run("gaps.csv is what kepu gaps --format csv prints, behind one BOM", func(t *testing.T) {
		var want bytes.Buffer
		if err := data.WriteGapsCSV(&want, words.Gaps(res.Gaps(coverage.GapFilter{}), words.ZH, words.RegionSpeech(res.Region.Region))); err != nil {
			t.Fatal(err)
		}
		bom := []byte{0xEF, 0xBB, 0xBF}
		got := readFile(t, dir, GapsFile)
		if !bytes.HasPrefix(got, bom) || bytes.HasPrefix(got[3:], bom) {
			t.Errorf("gaps.csv starts % X, want one UTF-8 BOM (EF BB BF) and then the header", got[:min(6, len(got))])
		}
		if body := bytes.TrimPrefix(got, bom); !bytes.Equal(body, bytes.TrimPrefix(want.Bytes(), bom)) {
			t.Errorf("gaps.csv: got %d bytes after the BOM, want the %d bytes WriteGapsCSV prints", len(body), want.Len())
		}
	})
	t.Run("check.json is what kepu check --format json prints", func(t *testing.T) {
		var want bytes.Buffer
		if err := data.WriteJSON(&want, words.Result(res, words.ZH)); err != nil {
			t.Fatal(err)
		}
		if got := readFile(t, dir, CheckFile); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("check.json: got %d bytes, want the %d bytes WriteJSON prints", len(got), want.Len())
		}
	})
	t.Run("workbook", func(t *testing.T) { checkWorkbook(t, filepath.Join(dir, WorkbookFile), "zh", len(m.Counties)) })
	t.Run("index.html", func(t *testing.T) {
		doc := parseHTML(t, filepath.Join(dir, IndexFile))
		links := map[string]bool{}
		for _, a := range elements(doc, "a") {
			links[attr(a, "href")] = true
		}
		for _, li := range m.Leagues {
			code := m.World.Units[li].Code
			href := "leagues/" + code + ".html"
			if !links[href] {
				t.Errorf("index.html: no link to %s", href)
			}
			if _, err := os.Stat(filepath.Join(dir, href)); err != nil {
				t.Errorf("linked page: %v", err)
			}
		}
		checkImages(t, doc, len(MapRules)+1) // the maps and the progress chart
		checkSampleLabel(t, doc)
	})
	for _, li := range m.Leagues {
		code := m.World.Units[li].Code
		t.Run("league "+code, func(t *testing.T) {
			doc := parseHTML(t, filepath.Join(dir, LeagueDir, code+".html"))
			checkImages(t, doc, len(MapRules)+1) // the maps and the progress chart
			checkSampleLabel(t, doc)
			back := false
			for _, a := range elements(doc, "a") {
				back = back || attr(a, "href") == "../index.html"
			}
			if !back {
				t.Errorf("%s.html: no link back to ../index.html", code)
			}
		})
	}
}

// TestWriteEnglish checks that --lang en changes the words, not the data.
func TestWriteEnglish(t *testing.T) {
	m, res := sample(t)
	dir := t.TempDir()
	if err := Write(context.Background(), m, res, Options{Dir: dir, Lang: "en", MapWidth: 400}); err != nil {
		t.Fatal(err)
	}
	checkWorkbook(t, filepath.Join(dir, WorkbookFile), "en", len(m.Counties))
	f, err := excelize.OpenFile(filepath.Join(dir, WorkbookFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cp, vp := plans(t, m)
	checkSuggestionsSheet(t, f, "en", cp, vp)
	doc := parseHTML(t, filepath.Join(dir, IndexFile))
	if got := attr(elements(doc, "html")[0], "lang"); got != "en" {
		t.Errorf("html lang: got %q, want en", got)
	}
	text := textOf(doc)
	for _, want := range []string{"Targets and actual figures", "Gap list, by priority", "county venue of 1000 m² or more", "sample data",
		"Planning suggestions", "New caravan stations", "proven minimal", "New venue sites", "Population newly covered"} {
		if !strings.Contains(text, want) {
			t.Errorf("index.html (en): no %q", want)
		}
	}
	if strings.Contains(text, "规划指标与实际") {
		t.Errorf("index.html (en): still has the Chinese heading 规划指标与实际")
	}
}

func checkWorkbook(t *testing.T, path string, lang words.Lang, counties int) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var want []string
	for _, k := range SheetKeys {
		want = append(want, SheetName(k, lang))
	}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sheets: got %v, want %v", got, want)
	}
	sheet := SheetName("county_table", lang)
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(rows), counties+1; got != want {
		t.Errorf("%s: got %d rows, want %d (a header and one per county)", sheet, got, want)
	}
	wantHead := map[words.Lang][]string{"zh": {"代码", "名称", "盟市代码", "盟市", "类型", "常住人口"},
		"en": {"Code", "Name", "League code", "League", "Kind", "Population"}}[lang]
	if got := rows[0][:len(wantHead)]; strings.Join(got, ",") != strings.Join(wantHead, ",") {
		t.Errorf("%s header: got %v, want %v", sheet, got, wantHead)
	}
	codes := map[string]bool{}
	for _, r := range rows[1:] {
		codes[r[0]] = true
	}
	if len(codes) != counties {
		t.Errorf("%s: got %d distinct county codes, want %d", sheet, len(codes), counties)
	}
	for _, s := range f.GetSheetList() {
		p, err := f.GetPanes(s)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Freeze || p.YSplit != 1 {
			t.Errorf("%s: panes %+v, want the header row frozen", s, p)
		}
	}
}

func checkImages(t *testing.T, doc *html.Node, want int) {
	t.Helper()
	imgs := elements(doc, "img")
	if len(imgs) != want {
		t.Errorf("got %d <img>, want %d", len(imgs), want)
	}
	for _, img := range imgs {
		src := attr(img, "src")
		b64, ok := strings.CutPrefix(src, "data:image/png;base64,")
		if !ok {
			t.Errorf("img src %.40q: not a PNG data URI", src)
			continue
		}
		raw, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			t.Errorf("img %q: %v", attr(img, "alt"), err)
			continue
		}
		pic, err := png.Decode(bytes.NewReader(raw))
		if err != nil {
			t.Errorf("img %q: %v", attr(img, "alt"), err)
			continue
		}
		if b := pic.Bounds(); b.Dx() < 300 || b.Dy() < 200 {
			t.Errorf("img %q: %v, want at least 300×200", attr(img, "alt"), b.Size())
		}
		if n := colours(pic); n < 4 {
			t.Errorf("img %q: %d distinct colours, want a drawn map (at least 4)", attr(img, "alt"), n)
		}
	}
}

func checkSampleLabel(t *testing.T, doc *html.Node) {
	t.Helper()
	if text := textOf(doc); !strings.Contains(text, "示例数据") || !strings.Contains(text, "sample data") {
		t.Errorf("page does not say 示例数据 / sample data")
	}
}

func colours(img image.Image) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
		}
	}
	return len(seen)
}

func readFile(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parseHTML(t *testing.T, path string) *html.Node {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func elements(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && d.Data == tag {
			out = append(out, d)
		}
	}
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}
