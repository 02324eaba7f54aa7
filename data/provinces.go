package data

import (
	"sort"
	"strings"

	"github.com/kepu/kepu/coverage"
)

// province is one provincial-level unit of the national table.
type province struct {
	name, nameEN, kind string
}

// provinces are China's provincial-level units by the two-digit prefix of
// their administrative codes: the 31 of the mainland, Taiwan, Hong Kong and Macao.
var provinces = map[string]province{
	"11": {"北京市", "Beijing", "municipality"},
	"12": {"天津市", "Tianjin", "municipality"},
	"13": {"河北省", "Hebei Province", "province"},
	"14": {"山西省", "Shanxi Province", "province"},
	"15": {"内蒙古自治区", "Inner Mongolia Autonomous Region", "autonomous_region"},
	"21": {"辽宁省", "Liaoning Province", "province"},
	"22": {"吉林省", "Jilin Province", "province"},
	"23": {"黑龙江省", "Heilongjiang Province", "province"},
	"31": {"上海市", "Shanghai", "municipality"},
	"32": {"江苏省", "Jiangsu Province", "province"},
	"33": {"浙江省", "Zhejiang Province", "province"},
	"34": {"安徽省", "Anhui Province", "province"},
	"35": {"福建省", "Fujian Province", "province"},
	"36": {"江西省", "Jiangxi Province", "province"},
	"37": {"山东省", "Shandong Province", "province"},
	"41": {"河南省", "Henan Province", "province"},
	"42": {"湖北省", "Hubei Province", "province"},
	"43": {"湖南省", "Hunan Province", "province"},
	"44": {"广东省", "Guangdong Province", "province"},
	"45": {"广西壮族自治区", "Guangxi Zhuang Autonomous Region", "autonomous_region"},
	"46": {"海南省", "Hainan Province", "province"},
	"50": {"重庆市", "Chongqing", "municipality"},
	"51": {"四川省", "Sichuan Province", "province"},
	"52": {"贵州省", "Guizhou Province", "province"},
	"53": {"云南省", "Yunnan Province", "province"},
	"54": {"西藏自治区", "Tibet Autonomous Region", "autonomous_region"},
	"61": {"陕西省", "Shaanxi Province", "province"},
	"62": {"甘肃省", "Gansu Province", "province"},
	"63": {"青海省", "Qinghai Province", "province"},
	"64": {"宁夏回族自治区", "Ningxia Hui Autonomous Region", "autonomous_region"},
	"65": {"新疆维吾尔自治区", "Xinjiang Uygur Autonomous Region", "autonomous_region"},
	"71": {"台湾省", "Taiwan Province", "province"},
	"81": {"香港特别行政区", "Hong Kong Special Administrative Region", "sar"},
	"82": {"澳门特别行政区", "Macao Special Administrative Region", "sar"},
}

// Nation is the region of units from more than a few provinces.
var Nation = coverage.Region{Code: "000000", Name: "全国", NameEN: "China", Kind: "nation"}

// ProvinceRegion is the region of a two-digit code prefix from the national
// table; ok is false for a prefix that names no provincial-level unit.
func ProvinceRegion(prefix string) (coverage.Region, bool) {
	p, ok := provinces[prefix]
	if !ok {
		return coverage.Region{}, false
	}
	if prefix == coverage.RegionCode[:2] {
		return coverage.InnerMongolia, true
	}
	return coverage.Region{Code: prefix + "0000", Name: p.name, NameEN: p.nameEN, Kind: p.kind}, true
}

// RegionOf names the region of the units: the `level: region` unit when
// there is one, else the provincial-level unit of the counties' common
// code prefix; counties of two or three provinces give their names joined,
// of more the nation. No county at all gives Inner Mongolia, the default.
func RegionOf(units []coverage.Unit, region *coverage.Unit) coverage.Region {
	if region != nil {
		r := coverage.Region{Code: region.Code, Name: region.Name, Kind: region.Kind}
		if p, ok := ProvinceRegion(region.Code[:2]); ok && region.Code[2:] == "0000" {
			r.NameEN, r.Plan = p.NameEN, p.Plan
			if r.Kind == "" {
				r.Kind = p.Kind
			}
		}
		if en, ok := region.Props["name_en"].(string); ok && en != "" {
			r.NameEN = en
		}
		return r
	}
	seen := map[string]bool{}
	for _, u := range units {
		if u.Level == coverage.LevelCounty && len(u.Code) == 6 {
			seen[u.Code[:2]] = true
		}
	}
	prefixes := make([]string, 0, len(seen))
	for p := range seen {
		prefixes = append(prefixes, p)
	}
	sort.Strings(prefixes)
	switch {
	case len(prefixes) == 0:
		return coverage.InnerMongolia
	case len(prefixes) == 1:
		if r, ok := ProvinceRegion(prefixes[0]); ok {
			return r
		}
		return coverage.Region{Code: prefixes[0] + "0000", Name: prefixes[0] + "0000", Kind: "province"}
	case len(prefixes) <= 3:
		var zh, en []string
		for _, p := range prefixes {
			r, ok := ProvinceRegion(p)
			if !ok {
				return Nation
			}
			zh, en = append(zh, r.Name), append(en, r.NameEN)
		}
		return coverage.Region{Code: Nation.Code, Name: strings.Join(zh, "、"), NameEN: strings.Join(en, ", "), Kind: "nation"}
	}
	return Nation
}
