package data

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kepu/kepu/coverage"
)

// when reads an opened or closed value: a year (2023, "2023", "2023年") or a
// date ("2023-06-30", "2023/6/30", "2023.6.30", "2023年6月30日"; a time of
// day after the date is ignored with a warning). The typed field holds the
// canonical form (YYYY or YYYY-MM-DD); the property keeps what was written.
func (f fields) when(key string) coverage.When {
	v, ok := f.props[key]
	if !ok || v == nil {
		return ""
	}
	var s string
	switch x := v.(type) {
	case json.Number:
		s = string(x)
	case string:
		s = strings.TrimSpace(x)
	case float64:
		s = fmt.Sprint(x)
	default:
		f.fail(key, "must be a year or a YYYY-MM-DD date, got %s", describe(v))
		return ""
	}
	if s == "" {
		return ""
	}
	canon, dropped := canonicalWhen(s)
	w, err := coverage.ParseWhen(canon)
	if err != nil {
		f.fail(key, "%q is not a year (1900–2100) or a YYYY-MM-DD date", s)
		return ""
	}
	if dropped {
		f.ps.warn(f.n, f.id, key, "%q: the time of day is ignored; the date %s counts", s, w)
	}
	return w
}

// canonicalWhen rewrites the usual spreadsheet spellings of a year or a
// date as YYYY or YYYY-MM-DD; dropped is true when a time of day was cut.
func canonicalWhen(s string) (out string, dropped bool) {
	if i := strings.IndexAny(s, "T "); i == 10 {
		s, dropped = s[:10], true
	}
	s = strings.TrimSuffix(s, "日")
	s = strings.TrimSuffix(s, "年")
	r := strings.NewReplacer("年", "-", "月", "-", "/", "-", ".", "-")
	parts := strings.Split(r.Replace(s), "-")
	if len(parts) == 1 {
		return parts[0], dropped
	}
	if len(parts) != 3 || len(parts[0]) != 4 {
		return s, dropped
	}
	for i := 1; i < 3; i++ {
		if len(parts[i]) == 1 {
			parts[i] = "0" + parts[i]
		}
	}
	return strings.Join(parts, "-"), dropped
}

// dates reads opened and closed and checks that a closing is not before the opening.
func (f fields) dates(fac *coverage.Facility) {
	fac.Opened = f.when("opened")
	fac.Closed = f.when("closed")
	if fac.Opened != "" && fac.Closed != "" && fac.Closed.FirstDay() < fac.Opened.FirstDay() {
		f.fail("closed", "%s is before opened %s", fac.Closed, fac.Opened)
	}
}
