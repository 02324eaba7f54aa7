// Package words is kepu's one source of wording: every rule name, target,
// gap detail, unit kind, data value, plan and progress phrase and
// command-line message, in Chinese (the default) and English.
//
// The engine (coverage) returns facts only (numbers and ids, see
// coverage.Fact); the text output, the API (?lang=), the report, the
// workbook, KML and the web map all say them through this package. The map
// reads the same templates from web/ui/src/words.js, which
// TestCatalogForTheMap writes (go test ./data/words -run Catalog -update).
//
// Templates name their values in braces ({largest_m2}); Fill puts the
// values in, the map's t() does the same in the browser.
package words
