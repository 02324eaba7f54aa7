package main

import (
	"strings"
	"testing"
)

// TestServeBasemapChecked: a --basemap that is no XYZ tile template stops
// `kepu serve` at once with a usage error naming what is wrong.
func TestServeBasemapChecked(t *testing.T) {
	for _, c := range []struct{ name, url, want string }{
		{"not http", "ftp://tiles.example.org/{z}/{x}/{y}.png", "kepu serve：底图 \"ftp://tiles.example.org/{z}/{x}/{y}.png\"：地址必须以 http:// 或 https:// 开头"},
		{"no placeholders", "https://tiles.example.org/tile.png", "地址缺少 {z}, {x}, {y}"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := runKepu("serve", "--addr", "127.0.0.1:0", "--basemap", c.url)
			if code != exitUsage || !strings.Contains(stderr, c.want) {
				t.Errorf("kepu serve --basemap %s: exit %d, %q; want %d and %q", c.url, code, stderr, exitUsage, c.want)
			}
		})
	}
}
