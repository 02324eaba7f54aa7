package words_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/kepu/kepu/data/words"
)

var update = flag.Bool("update", false, "rewrite web/ui/src/words.js")

const mapWords = "../../web/ui/src/words.js"

// catalogJS is the map's copy of the wording, as words.js holds it.
func catalogJS(t *testing.T) []byte {
	t.Helper()
	doc := map[string]map[string]string{"zh": words.Catalog(words.ZH), "en": words.Catalog(words.EN)}
	var b bytes.Buffer
	b.WriteString("// words.js: the wording the map says itself (rule names, gap details, field\n" +
		"// names), from kepu's one wording source, package data/words. Written by\n" +
		"// `go test ./data/words -run TestCatalogForTheMap -update`; do not edit by hand.\n" +
		"export default ")
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestCatalogForTheMap fails when web/ui/src/words.js is not what the
// words package says (run with -update to rewrite it).
func TestCatalogForTheMap(t *testing.T) {
	want := catalogJS(t)
	if *update {
		if err := os.WriteFile(mapWords, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(mapWords)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: run go test ./data/words -run TestCatalogForTheMap -update", mapWords)
	}
}

func TestCatalogKeys(t *testing.T) {
	zh, en := words.Catalog(words.ZH), words.Catalog(words.EN)
	for _, tc := range []struct{ key, zh, en string }{
		{"rule.league_museum", "盟市综合性科普场馆", "league comprehensive venue"},
		{"detail.venue_small", "最大开放场馆 {largest_m2} 平方米，不足 {target_m2} 平方米", "largest open venue {largest_m2} m² < {target_m2} m²"},
		{"field.located_county", "所在旗县（按位置）", "County (by location)"},
		{"action.build_league_museum", "新建盟市综合性科普场馆", "build league comprehensive venue"},
	} {
		if zh[tc.key] != tc.zh || en[tc.key] != tc.en {
			t.Errorf("%s: got %q / %q, want %q / %q", tc.key, zh[tc.key], en[tc.key], tc.zh, tc.en)
		}
	}
	if len(zh) != len(en) {
		t.Errorf("zh has %d keys, en %d", len(zh), len(en))
	}
}
