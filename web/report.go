package web

import (
	"bytes"
	"fmt"
	"net/http"
	"time"

	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/data/report"
	"github.com/labstack/echo/v4"
)

// mimeXLSX is the media type of an Office Open XML workbook.
const mimeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// reportWorkbook serves GET /api/report.xlsx?lang=zh|en: the workbook
// `kepu report` writes (report.xlsx), for the world the server holds now,
// edits included.
func (s *Server) reportWorkbook(c echo.Context) error {
	lang := c.QueryParam("lang")
	if lang == "" {
		lang = "zh"
	}
	if lang != "zh" && lang != "en" {
		return invalidf("lang %q: use zh or en", lang)
	}
	snap := s.snapshot()
	now := time.Now()
	var buf bytes.Buffer
	opt := report.Options{Lang: data.Lang(lang), Generated: now}
	if err := report.WriteWorkbook(c.Request().Context(), &buf, snap.model, snap.result, opt); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="kepu-report-%s.xlsx"`, now.Format("20060102")))
	h.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, mimeXLSX, buf.Bytes())
}

// templateWorkbook serves GET /api/template.xlsx: the registry template with
// the counties of the units served.
func (s *Server) templateWorkbook(c echo.Context) error {
	var buf bytes.Buffer
	if err := data.WriteTemplate(&buf, s.snapshot().world.Units); err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="kepu-template.xlsx"`)
	return c.Blob(http.StatusOK, mimeXLSX, buf.Bytes())
}
