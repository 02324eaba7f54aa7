package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// notBuiltPage is served at / when the web map's assets were not built.
const notBuiltPage = `<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>kepu</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>kepu</h1>
<p>地图资源尚未构建。The web map's assets were not built into this binary.</p>
<p>Run <code>bash web/ui/build.sh</code> (or <code>make build</code>) and rebuild kepu.</p>
<p>The API works: <a href="/api/check">/api/check</a>, <a href="/api/gaps">/api/gaps</a>,
<a href="/api/units">/api/units</a>, <a href="/api/facilities">/api/facilities</a>,
<a href="/tiles/counties.json">/tiles/counties.json</a>, <a href="/api/about">/api/about</a>.</p>
</body></html>
`

// static serves the web map's files, or the not-built page at /.
func (s *Server) static(c echo.Context) error {
	if s.assets == nil {
		p := c.Request().URL.Path
		if p == "/" || p == "/index.html" {
			return c.HTML(http.StatusOK, notBuiltPage)
		}
		return echo.ErrNotFound
	}
	return echo.StaticDirectoryHandler(s.assets, false)(c)
}
