package main

import (
	"encoding/csv"
	"encoding/json"
	"html"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/web"
)

// englishRuleText is the English that used to leak into Chinese surfaces:
// the engine's old detail texts and targets, English rule names, the
// English wording of today's templates, and raw field names in prose. Ids
// (VE2600209, venue_1000), codes, units (m², km) and the bilingual sample
// label (示例数据 sample data) are not rule text and may appear.
var englishRuleText = regexp.MustCompile(`(?i)` + strings.Join([]string{
	`largest open (comprehensive )?venue`, `nearest open caravan`, `no open (comprehensive )?venue`, `no open caravan`,
	`open bases`, `\bbases? < `, `mobile museum (stops|rotation|leagues)`, `(national|regional|culture/tourism) bases`,
	`no caravan visit`, `the league needs`, `needed\b`, `from the seat`, `\breach \d`,
	`every (county|league)( seat)? (has|within)`, `an open caravan in or within reach`, `at least \d+ open base`,
	`county venue`, `league (comprehensive|science) (venue|museum)`, `caravan (reach|coverage)`, `education base`,
	`base (totals|distribution)\b`, `\d+/\d+ (counties|leagues)\b`, `\bshortfall \d`, `\bpriority \d`, `\bpipeline: `,
	`located_county`, `\bactual \d`, `\btarget \d`,
}, "|"))

// TestChineseSurfacesSayNoEnglishRuleText walks every surface a Chinese
// reader sees by default (CLI text, help and errors, gap CSV, the check
// document's texts, the map's panel texts, KML, the workbook and the
// report) and fails on English rule text.
func TestChineseSurfacesSayNoEnglishRuleText(t *testing.T) {
	t.Setenv("LANG", "")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("id,name,category,floor_area_m2,lon,lat\nVE1,甲馆,venue,abc,111.7,40.8\n"), 0o644)

	surfaces := map[string]string{}
	cli := func(name string, want int, args ...string) string {
		code, out, errs := runKepu(args...)
		if code != want {
			t.Errorf("kepu %s: exit %d, want %d (stderr %.200s)", strings.Join(args, " "), code, want, errs)
		}
		surfaces[name] = out + errs
		return out
	}
	cli("kepu check", exitGap, "check")
	cli("kepu gaps", exitGap, "gaps")
	cli("kepu progress", exitPass, "progress")
	cli("kepu --help", exitPass, "--help")
	cli("kepu check -h", exitPass, "check", "-h")
	cli("kepu check --format xml", exitUsage, "check", "--format", "xml")
	cli("kepu check --facilities bad.csv", exitUsage, "check", "--facilities", bad)
	csvOut := cli("kepu gaps --format csv", exitGap, "gaps", "--format", "csv")
	if !strings.HasPrefix(csvOut, "\ufeffrule,code,name,") {
		t.Errorf("gap CSV: got %.20q, want a byte-order mark and the header", csvOut)
	}
	surfaces["kepu gaps --format csv"] = csvColumn(t, csvOut, "detail")
	surfaces["check JSON texts"] = jsonTexts(t, cli("kepu check --format json", exitGap, "check", "--format", "json"))
	cli("gaps KML", exitPass, "export", "--what", "gaps", "--format", "kml")
	cli("facilities KML", exitPass, "export", "--format", "kml")

	// The map: its panel JSON (what the API answers without ?lang=) and the
	// words it says itself (words.js, the zh labels of i18n.js).
	w, err := data.Load(data.Sources{})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Config{World: w, Rules: coverage.Defaults(), Log: log.New(io.Discard, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/api/units/150404", "/api/units/150100", "/api/gaps?view=lean", "/api/check?view=summary"} {
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: %d", path, rec.Code)
		}
		surfaces["GET "+path] = jsonTexts(t, rec.Body.String())
	}
	for _, f := range []string{"../../web/ui/src/words.js", "../../web/ui/src/i18n.js"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		surfaces[f+" (zh)"] = zhPart(string(b))
	}
	if !strings.Contains(surfaces["../../web/ui/src/words.js (zh)"], "\n所在旗县（按位置）\n") {
		t.Errorf("words.js: the map has no Chinese name for located_county")
	}

	// The report: its pages and its workbook.
	rep := filepath.Join(dir, "rep")
	cli("kepu report", exitPass, "report", "--out", rep, "--quiet")
	pages, _ := filepath.Glob(filepath.Join(rep, "*.html"))
	leagues, _ := filepath.Glob(filepath.Join(rep, "leagues", "*.html"))
	for _, p := range append(pages, leagues...) {
		b, _ := os.ReadFile(p)
		surfaces[filepath.Base(p)] = visibleText(string(b))
	}
	surfaces["report.xlsx"] = workbookText(t, filepath.Join(rep, "report.xlsx"))
	if len(pages) == 0 || len(leagues) == 0 {
		t.Errorf("report: %d pages, %d league pages", len(pages), len(leagues))
	}

	for name, s := range surfaces {
		if s == "" {
			t.Errorf("%s: empty", name)
		}
		for _, m := range englishRuleText.FindAllStringIndex(s, 3) {
			from, to := max(0, m[0]-40), min(len(s), m[1]+40)
			t.Errorf("%s: English rule text %q in …%s…", name, s[m[0]:m[1]], s[from:to])
		}
	}
}

// jsonTexts are the texts for people in a JSON document: every detail,
// target, actual (when a string) and message, one per line.
func jsonTexts(t *testing.T, doc string) string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatalf("decoding %.60q: %v", doc, err)
	}
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if s, ok := e.(string); ok && (k == "detail" || k == "target" || k == "actual") {
					b.WriteString(s + "\n")
				}
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return b.String()
}

// labelValue is one label of a map dictionary: key: 'value' or "key": "value".
var labelValue = regexp.MustCompile(`(?m)^\s*['"]?[\w.]+['"]?: ['"](.*)['"],?$`)

// zhPart is the labels (not the keys) of the Chinese dictionary of a map
// source, one per line.
func zhPart(src string) string {
	var b strings.Builder
	for _, m := range labelValue.FindAllStringSubmatch(zhDictionary(src), -1) {
		b.WriteString(m[1] + "\n")
	}
	return b.String()
}

// zhDictionary is the Chinese dictionary of a map source: from `"zh": {`
// (words.js) or `const zh = {` (i18n.js) to the dictionary's end.
func zhDictionary(src string) string {
	for _, open := range []string{`"zh": {`, "const zh = {"} {
		if i := strings.Index(src, open); i >= 0 {
			rest := src[i:]
			if j := strings.Index(rest, "\n  }"); j >= 0 && open[0] == '"' {
				return rest[:j]
			}
			if j := strings.Index(rest, "\n};"); j >= 0 {
				return rest[:j]
			}
		}
	}
	return ""
}

// csvColumn is one column of a CSV document (after its byte-order mark),
// one cell per line; the header names columns, it is not text for people.
func csvColumn(t *testing.T, doc, col string) string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(doc, "\ufeff"))).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("CSV: %d rows, %v", len(rows), err)
	}
	k := slices.Index(rows[0], col)
	if k < 0 {
		t.Fatalf("CSV: no %s column in %v", col, rows[0])
	}
	var b strings.Builder
	for _, r := range rows[1:] {
		b.WriteString(r[k] + "\n")
	}
	return b.String()
}

var (
	hiddenHTML = regexp.MustCompile(`(?s)<(style|script)\b.*?</(style|script)>`)
	htmlTag    = regexp.MustCompile(`(?s)<[^>]*>`)
)

// visibleText is an HTML page's text as a reader sees it: no styles,
// scripts, tags or attributes.
func visibleText(page string) string {
	return html.UnescapeString(htmlTag.ReplaceAllString(hiddenHTML.ReplaceAllString(page, ""), " "))
}
