package words_test

import (
	"testing"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data/words"
)

func TestDetail(t *testing.T) {
	for _, tc := range []struct {
		name   string
		fact   *coverage.Fact
		zh, en string
	}{
		{"none", nil, "", ""},
		{"venue none", &coverage.Fact{Kind: coverage.FactVenueNone, TargetM2: 1000},
			"没有开放的科普场馆，需 1,000 平方米以上", "no open venue; one of 1,000 m² or more is needed"},
		{"venue small", &coverage.Fact{Kind: coverage.FactVenueSmall, LargestM2: 960, TargetM2: 1000},
			"最大开放场馆 960 平方米，不足 1,000 平方米", "largest open venue 960 m² < 1,000 m²"},
		{"museum none", &coverage.Fact{Kind: coverage.FactMuseumNone, TargetM2: 4000},
			"没有开放的综合性科普场馆，需 4,000 平方米", "no open comprehensive venue; the league needs 4,000 m²"},
		{"museum small", &coverage.Fact{Kind: coverage.FactMuseumSmall, Facility: "VE1", LargestM2: 16000, TargetM2: 20456.4},
			"最大开放综合性场馆 VE1 16,000 平方米，需 20,456.4 平方米", "largest open comprehensive venue VE1 16,000 m² < 20,456.4 m²"},
		{"caravan none", &coverage.Fact{Kind: coverage.FactCaravanNone, ReachKm: 100},
			"没有开放的科普大篷车；评估期内无大篷车活动", "no open caravan in the region; no caravan visit in the period"},
		{"caravan far", &coverage.Fact{Kind: coverage.FactCaravanFar, NearestKm: 168.066, ReachKm: 60},
			"最近的开放大篷车距驻地 168.1 公里，服务半径 60 公里；评估期内无大篷车活动",
			"nearest open caravan 168.1 km from the seat, reach 60 km; no caravan visit in the period"},
		{"bases few", &coverage.Fact{Kind: coverage.FactBasesFew, Count: 0, Target: 1},
			"开放的科普教育基地 0 个，少于 1 个", "0 open bases < 1"},
		{"mobile few", &coverage.Fact{Kind: coverage.FactMobileFew, Count: 4, Target: 5,
			Next: []coverage.Place{{Code: "150500", Name: "通辽市"}, {Code: "150400", Name: "赤峰市"}}},
			"评估期内流动科技馆在 4 个盟市巡展，需 5 个；建议下一站（农村牧区人口最多）：通辽市、赤峰市",
			"mobile museum stops in 4 leagues in the period, 5 needed; next, most rural residents first: 通辽市, 赤峰市"},
		{"base totals", &coverage.Fact{Kind: coverage.FactBaseTotalFew, Component: "regional", Count: 472, Target: 500},
			"自治区级基地 472 个，少于 500 个", "regional bases 472 < 500"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := words.Detail(tc.fact, words.ZH); got != tc.zh {
				t.Errorf("zh: got %q, want %q", got, tc.zh)
			}
			if got := words.Detail(tc.fact, words.EN); got != tc.en {
				t.Errorf("en: got %q, want %q", got, tc.en)
			}
		})
	}
}

// TestEveryFactKindIsSaid: a kind the engine adds without wording fails here.
func TestEveryFactKindIsSaid(t *testing.T) {
	for _, kind := range coverage.FactKinds {
		zh := words.Detail(&coverage.Fact{Kind: kind}, words.ZH)
		if zh == kind || zh == "" {
			t.Errorf("%s: no Chinese wording (got %q)", kind, zh)
		}
	}
}

func TestParseLang(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want words.Lang
		ok   bool
	}{{"", words.ZH, true}, {"zh", words.ZH, true}, {"zh-CN", words.ZH, true}, {"EN", words.EN, true},
		{"en_US", words.EN, true}, {"fr", words.ZH, false}, {"english", words.ZH, false}} {
		got, err := words.ParseLang(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParseLang(%q): got %q, %v; want %q, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestFromEnv(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want words.Lang
	}{
		{map[string]string{}, words.ZH},
		{map[string]string{"LANG": "C.UTF-8"}, words.ZH},
		{map[string]string{"LANG": "en_US.UTF-8"}, words.EN},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, words.ZH},
		{map[string]string{"LC_MESSAGES": "en_GB", "LANG": "zh_CN"}, words.EN},
	} {
		if got := words.FromEnv(func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("FromEnv(%v): got %q, want %q", tc.env, got, tc.want)
		}
	}
}

func TestSayError(t *testing.T) {
	err := words.Errorf("--as-of: %w", words.Errorf("--format %q: use text, json or csv", "xml"))
	if got, want := words.SayError(err, words.ZH, nil), `--as-of：--format "xml"：请使用 text、json 或 csv`; got != want {
		t.Errorf("zh: got %q, want %q", got, want)
	}
	if got, want := err.Error(), `--as-of: --format "xml": use text, json or csv`; got != want {
		t.Errorf("en: got %q, want %q", got, want)
	}
}
