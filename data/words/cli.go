package words

import (
	"fmt"
	"strings"
)

// Sayf formats a message for people in the language: Chinese uses the
// translation of format kepu knows (from the messages table), English (and
// any format without a translation) format itself. Error arguments are
// written by their Error method; say them first when they need saying.
func Sayf(lang Lang, format string, args ...any) string {
	if lang != EN {
		if zh, ok := messages[format]; ok {
			format = zh
		}
	}
	return fmt.Sprintf(strings.ReplaceAll(format, "%w", "%v"), args...)
}

// Say is a fixed message (a flag's help, a command's summary) in the language.
func Say(lang Lang, s string) string {
	if lang != EN {
		if zh, ok := messages[s]; ok {
			return zh
		}
	}
	return s
}

// Known reports whether kepu has a Chinese text for the message.
func Known(s string) bool { _, ok := messages[s]; return ok }

// Message is an error for people: an English format and its arguments,
// said in a language by SayError. Its Error is the English text.
type Message struct {
	Format string
	Args   []any
}

// Errorf is a Message error; %w wraps an argument as fmt.Errorf does.
func Errorf(format string, args ...any) error { return &Message{Format: format, Args: args} }

func (m *Message) Error() string { return Sayf(EN, m.Format, m.Args...) }

// Unwrap is the first error argument.
func (m *Message) Unwrap() error {
	for _, a := range m.Args {
		if e, ok := a.(error); ok {
			return e
		}
	}
	return nil
}

// Say is the message in the language, error arguments said by say.
func (m *Message) Say(lang Lang, say func(error) string) string {
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		if e, ok := a.(error); ok {
			a = say(e)
		}
		args[i] = a
	}
	return Sayf(lang, m.Format, args...)
}

// SayError is err in the language: a Message said in it (its error
// arguments likewise, through say when given), else err's own text.
func SayError(err error, lang Lang, say func(error) string) string {
	if say == nil {
		say = func(e error) string { return SayError(e, lang, nil) }
	}
	if m, ok := err.(*Message); ok {
		return m.Say(lang, say)
	}
	return err.Error()
}

// messages are the Chinese texts of kepu's command-line messages and
// input-problem reasons, by their English text (formats keep their verbs;
// %[n] reorders them).
var messages = map[string]string{
	// Commands and usage.
	"evaluate every rule and print a summary":                                           "逐项核查规划目标并输出概况",
	"the gap list, ranked by priority":                                                  "差距清单，按优先级排序",
	"the HTTP API, vector tiles and web map":                                            "HTTP 接口、矢量瓦片和网页地图",
	"site suggestions for caravans and venues":                                          "科普大篷车站点和科普场馆选址建议",
	"batch report for the region and each league":                                       "全区和各盟市的评估报告",
	"add facility and event files to a GeoPackage registry (--db)":                      "把设施和活动文件导入 GeoPackage 登记库（--db）",
	"write facilities or gaps as GeoJSON, CSV, KML or GeoPackage":                       "以 GeoJSON、CSV、KML 或 GeoPackage 导出设施或差距",
	"investment plan: the actions that close the most gaps within a budget":             "投资计划：预算内关闭差距最多的行动",
	"each rule by year from the 2020 baseline, with the projection to the period's end": "各项目标自 2020 年基线起的逐年进展及期末预测",
	"write the registry template workbook (Chinese headers, drop-down lists)":           "生成设施登记模板工作簿（中文表头、下拉选项）",
	"usage: kepu <command> [flags]\n\ncommands:":                                        "用法：kepu <命令> [参数]\n\n命令：",
	"\nRun 'kepu <command> -h' for its flags. With no input flags kepu uses the embedded\nInner Mongolia data (the facility registry is synthetic sample data, 示例数据).": "\n运行 'kepu <命令> -h' 查看该命令的参数。不给输入参数时，kepu 使用内置的内蒙古数据\n（设施名录为合成的示例数据 / sample data）。\n加 --lang en 或设置 LANG=en_US.UTF-8 可显示英文。",
	"usage: kepu %s [flags]\n\nflags:":  "用法：kepu %s [参数]\n\n参数：",
	"kepu: unknown command %q\n\n":      "kepu：未知命令 %q\n\n",
	"kepu %s: unexpected argument %q\n": "kepu %s：多余的参数 %q\n",
	"(default %s)":                      "（默认 %s）",
	"usage: kepu suggest caravans [--reach-km R] | kepu suggest venues [--k N] [--radius-km R]  (-h for flags)":                                  "用法：kepu suggest caravans [--reach-km 半径] | kepu suggest venues [--k 个数] [--radius-km 半径]（-h 查看参数）",
	"usage: kepu import [--db kepu.gpkg|postgres://...] [--merge] [--crs gcj02|bd09] [--sheet NAME] [--columns FILE] [--events FILE]... FILE...": "用法：kepu import [--db kepu.gpkg|postgres://...] [--merge] [--crs gcj02|bd09] [--sheet 工作表] [--columns 文件] [--events 文件]... 文件...",
	"<string>": "<文字>", "<value>": "<值>", "<int>": "<整数>", "<float>": "<数>", "<duration>": "<时长>", "<uint>": "<整数>",
	// The flag package's own errors.
	"flag provided but not defined: %s":   "没有这个参数：%s",
	"flag needs an argument: %s":          "参数 %s 需要一个值",
	"invalid value %q for flag %s: %v":    "参数 %[2]s 的值 %[1]q 无效：%[3]v",
	"invalid boolean value %q for %s: %v": "参数 %[2]s 的值 %[1]q 不是 true 或 false：%[3]v",
	// Flags.
	"administrative units GeoJSON (repeatable; default: embedded Inner Mongolia; without --facilities: no facilities)":         "行政区划 GeoJSON（可重复；默认：内置内蒙古数据；不给 --facilities 时没有设施）",
	"facility registry: GeoJSON, CSV or .xlsx, Chinese or English headers (repeatable; default: embedded sample)":              "设施名录：GeoJSON、CSV 或 .xlsx，中文或英文表头（可重复；默认：内置示例数据）",
	"events GeoJSON, CSV or .xlsx (default: embedded sample events, or none when --facilities is given)":                       "活动记录 GeoJSON、CSV 或 .xlsx（默认：内置示例活动；给了 --facilities 时没有活动）",
	"the workbook sheet to read (default: the first)":                                                                          "要读取的工作表（默认：第一个）",
	"YAML file mapping other spreadsheet headers to fields (header: field)":                                                    "把其他表头对应到字段的 YAML 文件（表头: 字段）",
	"rules file (JSON or YAML) overriding thresholds and weights":                                                              "规则文件（JSON 或 YAML），覆盖目标值和权重",
	"coordinate system of the input files: wgs84 (default), gcj02 or bd09":                                                     "输入文件的坐标系：wgs84（默认）、gcj02 或 bd09",
	"coordinate system of the files: wgs84 (default), gcj02 or bd09":                                                           "文件的坐标系：wgs84（默认）、gcj02 或 bd09",
	"evaluation period FROM/TO as YYYY-MM-DD/YYYY-MM-DD (default 2021-01-01/2025-12-31)":                                       "评估期 起/止，格式 YYYY-MM-DD/YYYY-MM-DD（默认 2021-01-01/2025-12-31）",
	"evaluate the registry as of this day, YYYY-MM-DD (default: the period's end); events count from the period's start to it": "按该日（YYYY-MM-DD）的登记情况评估（默认：评估期末）；活动自评估期开始计至该日",
	"leave out invalid records (listed in the diagnostics) instead of stopping":                                                "跳过无效记录（列入诊断信息），不中止运行",
	"language of text output: zh or en (default: zh, or en when LANG is en*)":                                                  "输出语言：zh 或 en（默认 zh；LANG 为 en* 时为 en）",
	"output format: text, json or csv":                                                                                         "输出格式：text、json 或 csv",
	"output format: text or json":                                                                                              "输出格式：text 或 json",
	"output format: geojson, csv, kml or gpkg":                                                                                 "输出格式：geojson、csv、kml 或 gpkg",
	"how many of the worst gaps the text format lists":                                                                         "文本输出列出的优先级最高的差距数",
	"what-if scenario JSON {name, add, remove}: evaluate it against the baseline":                                              "情景方案 JSON {name, add, remove}：与现状对比评估",
	"only gaps of this rule id":                                                                                                "只列出该指标（规则编号）的差距",
	"only gaps in this league (code)":                                                                                          "只列出该盟市（区划代码）的差距",
	"gaps: only this rule id":                                                                                                  "差距：只导出该指标（规则编号）",
	"gaps: only this league (code)":                                                                                            "差距：只导出该盟市（区划代码）",
	"what to export: facilities or gaps":                                                                                       "导出内容：facilities（设施）或 gaps（差距）",
	"output file (default stdout; required for gpkg)":                                                                          "输出文件（默认标准输出；gpkg 必须指定）",
	"read the registry from this GeoPackage instead of the input flags":                                                        "从该 GeoPackage 读取登记库，代替输入参数",
	"address to listen on": "监听地址",
	"online raster basemap beneath the map: an XYZ tile template such as a 天地图 URL with {z}, {x}, {y} and your key (tk=KEY); the key is sent to every browser that opens the map. Without it the map fetches nothing from the internet": "地图下方的在线栅格底图：XYZ 瓦片模板，如含 {z}、{x}、{y} 和您的密钥（tk=KEY）的天地图地址；密钥会发给每个打开地图的浏览器。不设此项时地图不从互联网获取任何内容",
	"the credit the map shows for --basemap (default: named after the tile host)": "地图为 --basemap 显示的版权说明（默认按瓦片服务器命名）",
	"basemap %q: %w": "底图 %q：%v",
	"basemap %q: the URL must start with http:// or https://":                                                                                             "底图 %q：地址必须以 http:// 或 https:// 开头",
	"basemap %q: the URL names no host":                                                                                                                   "底图 %q：地址没有主机名",
	"basemap %q: the URL lacks %s (an XYZ tile template such as https://host/{z}/{x}/{y}.png)":                                                            "底图 %q：地址缺少 %s（应为 XYZ 瓦片模板，如 https://host/{z}/{x}/{y}.png）",
	"directory to write the report into (created when missing)":                                                                                           "报告输出目录（不存在时创建）",
	"the .xlsx file to write (default: standard output)":                                                                                                  "要写入的 .xlsx 文件（默认：标准输出）",
	"candidate sites: GeoJSON Points with id/name, or CSV lon,lat (default: the county seats)":                                                            "候选点：带 id/name 的 GeoJSON 点，或 CSV lon,lat（默认：旗县政府驻地）",
	"caravans: each new station's reach in km":                                                                                                            "大篷车：每个新站点的服务半径（公里）",
	"venues: how many new venues":                                                                                                                         "场馆：新建场馆个数",
	"venues: service radius in km":                                                                                                                        "场馆：服务半径（公里）",
	"stop the search after this long with the best answer and its proven bound (0: no limit)":                                                             "搜索超过该时长即停止，给出最好的结果及其已证明的界（0：不限）",
	"venues: demand points: GeoJSON Points with weight or population, or CSV lon,lat,weight (default: population at the seats)":                           "场馆：需求点，带 weight 或 population 的 GeoJSON 点，或 CSV lon,lat,weight（默认：驻地人口）",
	"the registry to add to: a GeoPackage file (created when missing) or postgres://... (default $KEPU_DB, else kepu.gpkg)":                               "导入的登记库：GeoPackage 文件（不存在时创建）或 postgres://...（默认 $KEPU_DB，否则 kepu.gpkg）",
	"events GeoJSON to import (repeatable)":                                                                                                               "要导入的活动 GeoJSON（可重复）",
	"import the valid records and list the skipped ones instead of refusing the import":                                                                   "导入有效记录并列出跳过的记录，而不是拒绝整个导入",
	"empty the registry first (every removal is audited); needed to replace the sample":                                                                   "先清空登记库（每项删除都记入审计）；替换示例数据时需要",
	"name recorded in the audit log":                                                                                                                      "记入审计日志的名字",
	"update by id: add new facilities, change those that differ, keep the rest":                                                                           "按编号更新：新增新设施，修改有变化的，其余不变",
	"a new caravan station's reach (default: the caravan_reach rule's)":                                                                                   "新大篷车站点的服务半径（默认：caravan_reach 规则的）",
	"address or CIDR range of a reverse proxy whose X-Forwarded-For names the client (repeatable); otherwise rate limits key on the connection's address": "反向代理的地址或 CIDR 网段，其 X-Forwarded-For 标明客户端（可重复）；否则按连接地址限流",
	"candidate sites besides the seats (towns): GeoJSON Points with id/name, or CSV lon,lat":                                                              "驻地以外的候选点（乡镇）：带 id/name 的 GeoJSON 点，或 CSV lon,lat",
	"demand points: GeoJSON Points with weight or population, or CSV lon,lat,weight (default: population at the seats)":                                   "需求点：带 weight 或 population 的 GeoJSON 点，或 CSV lon,lat,weight（默认：驻地人口）",
	"file of write tokens, one per line as TOKEN or NAME TOKEN (else $KEPU_TOKEN)":                                                                        "写入令牌文件，每行一个 TOKEN 或 NAME TOKEN（否则用 $KEPU_TOKEN）",
	"keep the registry and posted scenarios in this GeoPackage file (e.g. kepu.gpkg), or in a PostgreSQL/PostGIS database shared by several replicas (postgres://...), and accept edits over the API; the first start fills it from the input flags (default: the embedded sample); else $KEPU_DB": "把登记库和提交的情景存入该 GeoPackage 文件（如 kepu.gpkg），或多个副本共用的 PostgreSQL/PostGIS 数据库（postgres://...），并接受 API 编辑；首次启动时按输入参数填充（默认：内置示例数据）；否则用 $KEPU_DB",
	"no progress bar": "不显示进度条",
	"phase the plan by year: one amount for every year, or one per year separated by commas":                                                                    "按年度安排计划：每年同一金额，或用逗号分隔的逐年金额",
	"read the registry from this GeoPackage or postgres://... database (kepu import/serve --db) instead of --facilities/--events; else $KEPU_DB":                "从该 GeoPackage 或 postgres://... 数据库（kepu import/serve --db）读取登记库，代替 --facilities/--events；否则用 $KEPU_DB",
	"stop the branch and bound after this long (e.g. 30s; default: no limit); the plan then says optimal: false":                                                "分支定界超过该时长即停止（如 30s；默认不限），此时计划标明 optimal: false",
	"with --db: the registry as recorded on this day (YYYY-MM-DD, or an RFC 3339 time), replaying the store's audit up to it; --as-of defaults to the same day": "与 --db 同用：回放登记库审计记录至该日（YYYY-MM-DD 或 RFC 3339 时间）的登记情况；--as-of 默认为同一天",
	"money for the whole plan, in the rules file's cost unit (default 万元)":                                                                                      "整个计划的预算，单位同规则文件的成本单位（默认万元）",
	"the plan's years FROM-TO":                                                                                       "计划年份 起-止",
	"branch-and-bound nodes before giving up on proving optimality":                                                  "放弃证明最优之前的分支定界节点数",
	"the 投资计划 sheet's budget, in the rules file's cost unit":                                                         "投资计划工作表的预算，单位同规则文件的成本单位",
	"bound each planning suggestion's search (0: no limit); the best answer found and its proven bound are reported": "限制每项规划建议的搜索时长（0：不限）；报告给出找到的最好结果及其已证明的界",
	"a venue's service radius, for the population it serves and its site":                                            "场馆的服务半径，用于计算服务人口和选址",
	"how many suggestions": "建议的个数",
	"kepu import: --merge takes facility files, without --replace or --events":                               "kepu import：--merge 只接受设施文件，不能与 --replace 或 --events 同用",
	"administrative units GeoJSON whose counties fill the 所在旗县 list (default: embedded Inner Mongolia)":      "行政区划 GeoJSON，其旗县填入“所在旗县”下拉列表（默认：内置内蒙古数据）",
	"--recorded-at needs --db: only a registry store keeps its recorded changes":                             "--recorded-at 需要 --db：只有登记库保存变更记录",
	"--token-file needs --db: edits are only accepted with a store to keep them":                             "--token-file 需要 --db：只有存在保存编辑的登记库时才接受编辑",
	"--facilities/--events with --db: the registry is in the file":                                           "--facilities/--events 不能与 --db 同用：登记库在该文件中",
	"--facilities/--events with an existing --db: the registry is in the file; use kepu import to add to it": "--facilities/--events 不能与已有的 --db 同用：登记库在该文件中；请用 kepu import 导入",
	"%s holds the synthetic sample registry; add --replace to replace it with these files":                   "%s 中是合成的示例登记库；加 --replace 可用这些文件替换它",
	"%s: no token in the file": "%s：文件中没有令牌",
	"%w (stop that server first, or post the records to its /api/facilities)":                                       "%v（请先停止那个服务，或把记录提交到它的 /api/facilities）",
	"--radius-km %v, --reach-km %v, --node-limit %d: need a radius and reach above 0 and a node limit of 1 or more": "--radius-km %v，--reach-km %v，--node-limit %d：半径和服务半径必须大于 0，节点上限至少为 1",
	"wrote %d gaps to %s\n":                                "已将 %d 项差距写入 %s\n",
	"wrote %d facilities and %d events to %s\n":            "已将 %d 处设施和 %d 项活动写入 %s\n",
	"kepu import: skipped: %s %s (%s): %s: %s\n":           "kepu import：已跳过：%s %s（%s）：%s：%s\n",
	"merged into %s: %d added, %d changed, %d unchanged\n": "已合并到 %s：新增 %d 处，修改 %d 处，未变 %d 处\n",
	"added":         "新增",
	"changed":       "修改",
	"unchanged":     "未变",
	", … (%d more)": "，…（另 %d 处）",
	"  %s %d: %s\n": "  %s %d 处：%s\n",
	"imported %d facilities and %d events into %s (now %d facilities, %d events)\n":                               "已导入 %d 处设施和 %d 项活动到 %s（现有 %d 处设施、%d 项活动）\n",
	"kepu: %s: seeded with %d facilities and %d events%s\n":                                                       "kepu：%s：已填入 %d 处设施和 %d 项活动%s\n",
	"kepu serve: no write token (KEPU_TOKEN or --token-file): the API is read-only":                               "kepu serve：没有写入令牌（KEPU_TOKEN 或 --token-file）：接口只读",
	"kepu suggest caravans: time limit %v reached: %d stations, at least %d needed (not proven minimal)\n":        "kepu suggest caravans：已到时限 %v：%d 个站点，至少需要 %d 个（未证明最少）\n",
	"kepu suggest venues: time limit %v reached: newly covers %.0f, at most %.0f possible (not proven optimal)\n": "kepu suggest venues：已到时限 %v：新增覆盖 %.0f，至多可达 %.0f（未证明最优）\n",
	"kepu template: wrote %s (sheet %s)\n":                                                                        "kepu template：已写入 %s（工作表 %s）\n",
	// Errors.
	"--format %q: use text, json or csv":                    "--format %q：请使用 text、json 或 csv",
	"--format %q: use text or json":                         "--format %q：请使用 text 或 json",
	"--format %q: use geojson, csv, kml or gpkg":            "--format %q：请使用 geojson、csv、kml 或 gpkg",
	"--rule %q: unknown rule (one of %v)":                   "--rule %q：没有这个指标（可选 %v）",
	"--league %q: no such league":                           "--league %q：没有这个盟市",
	"--period %q: want FROM/TO, e.g. 2021-01-01/2025-12-31": "--period %q：应为 起/止，例如 2021-01-01/2025-12-31",
	"--period: %w":                              "--period：%v",
	"--as-of: %w":                               "--as-of：%v",
	"--recorded-at: %w":                         "--recorded-at：%v",
	"--db: %w":                                  "--db：%v",
	"--%w":                                      "--%v",
	"%s: %w":                                    "%s：%v",
	"--what %q: use facilities or gaps":         "--what %q：请使用 facilities 或 gaps",
	"--format gpkg needs --out FILE":            "--format gpkg 需要 --out 文件",
	"--out DIR is required":                     "需要 --out 目录",
	"--time-limit %v: must not be negative":     "--time-limit %v：不能为负",
	"--reach-km %v: must be more than 0":        "--reach-km %v：必须大于 0",
	"--budget %v: want an amount, zero or more": "--budget %v：应为 0 或更大的金额",
	"--budget: give the money for the plan (or --yearly-budget)": "--budget：请给出计划的预算（或 --yearly-budget）",
	"--years %q: want FROM-TO, e.g. 2026-2030":                   "--years %q：应为 起-止，例如 2026-2030",
	"%s %q: want an amount, zero or more":                        "%s %q：应为 0 或更大的金额",
	"%s exists; kepu export writes a new GeoPackage":             "%s 已存在；kepu export 只写入新的 GeoPackage",
	"%s: no points": "%s：没有点",
	"--k %d, --radius-km %v: need k ≥ 1 and a radius more than 0": "--k %d，--radius-km %v：k 至少为 1，半径必须大于 0",
	"lang %q: use zh or en":           "lang %q：请使用 zh 或 en",
	"no such file: %s":                "文件不存在：%s",
	"invalid input: %d problem(s)":    "输入有误：%d 个问题",
	"invalid scenario: %d problem(s)": "场景有误：%d 个问题",
	"kepu: warning: %s":               "kepu：警告：%s",
	// Where a problem is.
	"%s: row %d":     "%s 第 %d 行",
	"%s: feature %d": "%s 第 %d 个要素",
	" [warning]":     "（警告）",
	"%s row %d":      "%s 第 %d 行",
	"%s feature %d":  "%s 第 %d 个要素",
	// Input problems (the reasons the readers give).
	"missing":           "缺失",
	"missing (null)":    "缺失（null）",
	"empty":             "为空",
	"the file is empty": "文件为空",
	"the file is empty: a header row is needed":                                     "文件为空：需要表头行",
	"%q is not a number":                                                            "%q 不是数字",
	"%v is not a finite number":                                                     "%v 不是有限的数",
	"%v is not a whole number":                                                      "%v 不是整数",
	"%v must not be negative":                                                       "%v 不能为负",
	"%d must not be negative":                                                       "%d 不能为负",
	"must be a number, got %s":                                                      "应为数字，实为 %s",
	"must be a string, got %s":                                                      "应为文字，实为 %s",
	"must be true or false, got %s":                                                 "应为 true 或 false，实为 %s",
	"must be a list of words, got %s":                                               "应为词语列表，实为 %s",
	"must be a year or a YYYY-MM-DD date, got %s":                                   "应为年份或 YYYY-MM-DD 日期，实为 %s",
	"must be more than 0 (leave it out for the rule's default)":                     "必须大于 0（不填则用规则的默认值）",
	"%q is not a YYYY-MM-DD date":                                                   "%q 不是 YYYY-MM-DD 日期",
	"%q is not a year (1900–2100) or a YYYY-MM-DD date":                             "%q 不是年份（1900–2100）或 YYYY-MM-DD 日期",
	"%q is not a 6-digit administrative code":                                       "%q 不是 6 位行政区划代码",
	"%s is before opened %s":                                                        "%s 早于开放日期 %s",
	"%s is out of range":                                                            "%s 超出范围",
	"duplicate: %s already has this %s":                                             "重复：%s 已使用此 %s",
	"unknown value %q (allowed: %s)":                                                "未知的值 %q（可用：%s）",
	"coordinates missing (null)":                                                    "坐标缺失（null）",
	"unreadable coordinates: %v":                                                    "坐标无法读取：%v",
	"[%v, %v] is out of range (longitude -180..180, latitude -90..90)%s":            "[%v, %v] 超出范围（经度 -180..180，纬度 -90..90）%s",
	"%s: [%v, %v] is out of range (longitude -180..180, latitude -90..90)":          "%s：[%v, %v] 超出范围（经度 -180..180，纬度 -90..90）",
	"[%v, %v] lies outside China, [%v, %v] inside: longitude and latitude swapped?": "[%v, %v] 在中国境外，[%v, %v] 在境内：经纬度是否写反了？",
	"no coordinates, and no county (旗县) or address (地址) to place the record by":     "没有坐标，也没有可用于定位的旗县或地址",
	"missing (null), and no county or address to place the record by":               "缺失（null），也没有可用于定位的旗县或地址",
	"%q is neither a 6-digit administrative code nor the name of a county (names are matched as written, with 旗, 县, 市 or 区)": "%q 既不是 6 位行政区划代码，也不是旗县名称（名称按原样匹配，带旗、县、市或区）",
	"%q names several counties (%s); give the 6-digit code":                                                                  "%q 对应多个旗县（%s）；请填写 6 位代码",
	"%s: not closed (first position %v, last %v)":                                                                            "%s：未闭合（首点 %v，末点 %v）",
	"%s: a ring needs at least 4 positions, got %d":                                                                          "%s：环至少需要 4 个点，实为 %d 个",
	"%s: zero-area ring: its positions lie on one line":                                                                      "%s：面积为零的环：各点在一条直线上",
	"type %q: a facility or event must be a Point":                                                                           "类型 %q：设施或活动必须是点（Point）",
	"type %q: an administrative unit must be a Polygon or MultiPolygon":                                                      "类型 %q：行政区划必须是 Polygon 或 MultiPolygon",
	"no type":                "缺少 type",
	"not valid JSON: %s":     "不是有效的 JSON：%s",
	"unreadable CSV row: %v": "CSV 行无法读取：%v",
	"unreadable row: %v":     "行无法读取：%v",
	"bytes that are neither UTF-8 nor GB18030 (save the file as UTF-8 or as GB18030)":                       "既不是 UTF-8 也不是 GB18030 的字节（请把文件另存为 UTF-8 或 GB18030）",
	"column %d has a value (%q) but no header":                                                              "第 %d 列有值（%q）但没有表头",
	"the header has two columns for %s: %q and %q":                                                          "表头中 %s 有两列：%q 和 %q",
	"the workbook has no sheet %q (it has %s)":                                                              "工作簿中没有工作表 %q（有 %s）",
	"the workbook has no sheet":                                                                             "工作簿中没有工作表",
	"sheet %q is empty: a header row is needed":                                                             "工作表 %q 为空：需要表头行",
	"not a readable .xlsx workbook: %v":                                                                     "不是可读取的 .xlsx 工作簿：%v",
	"an Excel 97-2003 .xls workbook: save it as .xlsx (Excel 工作簿) or CSV and read that":                     "这是 Excel 97-2003 .xls 工作簿：请另存为 .xlsx（Excel 工作簿）或 CSV 后再读取",
	"the key %q appears twice in one object; readers disagree on which value counts, so kepu takes neither": "键 %q 在同一对象中出现两次；各读取程序取值不一，kepu 两个都不采用",
	"urban + rural > population: population_urban %d + population_rural %d = %d is more than population %d": "城镇 + 乡村 > 总人口：population_urban %d + population_rural %d = %d，大于 population %d",
	"seat_lon and seat_lat must both be numbers":                                                            "seat_lon 和 seat_lat 必须都是数字",
	"seat [%v, %v] is out of range":                                                                         "驻地 [%v, %v] 超出范围",
	"%q: the time of day is ignored; the date %s counts":                                                    "%q：时刻不计，按日期 %s 计",
}
