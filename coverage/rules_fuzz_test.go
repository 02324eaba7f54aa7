package coverage

import "testing"

// FuzzParseRules: any bytes give rules that validate, or an error; never a panic.
func FuzzParseRules(f *testing.F) {
	for _, s := range []string{
		"", "period: {from: 2021-01-01, to: 2023-12-31}\n",
		"region: {name: 甘肃省, code: \"620000\", league_word: 市州, county_word: 县区}\n",
		"base_totals: {national: 30, plan_text: 全省创建国家级科普教育基地30个以上}\n",
		`{"region": {"code": "62"}}`, "region: [1, 2]\n", "venue_1000: {plan_text: 7}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		rs, err := ParseRules(b)
		if err != nil {
			return
		}
		if err := rs.Validate(); err != nil {
			t.Fatalf("ParseRules accepted rules that do not validate: %v", err)
		}
		if c := rs.Region.Code; c != "" && !isAdminCode(c) {
			t.Fatalf("region code %q accepted", c)
		}
	})
}
