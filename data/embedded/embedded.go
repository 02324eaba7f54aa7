// Package embedded is the Inner Mongolia dataset built into the binary: 12
// leagues and 103 county-level units with their 2020 census population, a
// synthetic sample registry (示例数据 / sample data) of facilities and
// events, and the sources and licences that go with them. data.Load falls
// back to it for every input not given.
package embedded

import (
	"embed"
	"io/fs"
	"strings"
)

//go:embed counties.geojson leagues.geojson facilities-sample.geojson events-sample.geojson SOURCES.md
var files embed.FS

// The files' names, as they appear in diagnostics and provenance (a
// world's Sources).
const (
	Counties   = "embedded/counties.geojson"
	Leagues    = "embedded/leagues.geojson"
	Facilities = "embedded/facilities-sample.geojson"
	Events     = "embedded/events-sample.geojson"
)

// prefix starts every embedded file's name.
const prefix = "embedded/"

// Is reports whether a source name is an embedded file's.
func Is(name string) bool { return strings.HasPrefix(name, prefix) }

// ReadFile is the content of the embedded file name (one of the names above).
func ReadFile(name string) ([]byte, error) {
	rest, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return files.ReadFile(rest)
}

// Attribution is the data's sources and licences, shipped with the data.
func Attribution() string {
	b, _ := files.ReadFile("SOURCES.md")
	return string(b)
}
