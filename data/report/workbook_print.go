package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// printSetup makes a sheet print as a reader expects: landscape A4, all
// columns on one page's width, as many pages down as it takes, the header
// row on every page, and page numbers in the footer.
func printSetup(f *excelize.File, sheet string) error {
	if err := pageSetup(f, sheet); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: fmt.Sprintf("'%s'!$1:$1", strings.ReplaceAll(sheet, "'", "''"))})
}

// pageSetup is printSetup without the print titles: landscape A4, one
// page wide, page numbers in the footer.
func pageSetup(f *excelize.File, sheet string) error {
	landscape, a4, wide, tall := "landscape", 9, 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4,
		FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&L&A&R&P / &N"})
}

// reportDate is the workbook's date: when the report was made, or else
// the day it reports on.
func (b *builder) reportDate() time.Time {
	if !b.opt.Generated.IsZero() {
		return b.opt.Generated.UTC()
	}
	if d, err := time.Parse(time.DateOnly, b.res.AsOf); err == nil {
		return d
	}
	return time.Time{}
}

// properties names kepu as the workbook's author and application, with
// the report's title, region and date.
func (b *builder) properties(f *excelize.File) error {
	when := ""
	if d := b.reportDate(); !d.IsZero() {
		when = d.Format("2006-01-02T15:04:05Z")
	}
	title := b.L["region"] + " " + b.L["report_title"]
	desc := fmt.Sprintf("%s %s – %s", b.L["period"], b.res.Dataset.Period.From, b.res.Dataset.Period.To)
	if b.res.Dataset.Sample {
		desc += "；" + b.L["sample_banner"]
	}
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "kepu", LastModifiedBy: "kepu", Title: title,
		Subject: b.L["plan"], Description: b.say(desc), Keywords: "kepu", Language: pick(b.opt.Lang, "zh-CN", "en"),
		Created: when, Modified: when}); err != nil {
		return err
	}
	return f.SetAppProps(&excelize.AppProperties{Application: "kepu", Company: "", DocSecurity: 0})
}
