// Package ui holds the kepu web map: static assets embedded in the binary.
//
// The app's own files live in src/; build.sh runs `npm ci` and copies them,
// together with MapLibre GL JS from node_modules, into dist/. dist/ is
// git-ignored except for a placeholder, so the package compiles before the
// npm build; FS then serves the app from src/ and the page says that the map
// library is missing.
package ui

import (
	"embed"
	"io/fs"
)

//go:embed all:dist src
var files embed.FS

// mapLibrary is the file whose presence in dist/ marks a finished build.
const mapLibrary = "maplibre-gl.mjs"

// Built reports whether dist/ holds the built map (MapLibre GL JS included).
func Built() bool {
	_, err := fs.Stat(files, "dist/"+mapLibrary)
	return err == nil
}

// FS returns the web map's files rooted at dist/ (index.html at the top),
// or, before the npm build, the app sources from src/.
func FS() fs.FS {
	dir := "dist"
	if !Built() {
		dir = "src"
	}
	sub, err := fs.Sub(files, dir)
	if err != nil {
		panic(err) // unreachable: both directories are embedded
	}
	return sub
}
