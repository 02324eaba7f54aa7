package web

import (
	"bytes"
	"context"
	"fmt"
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
	lang, err := langParam(c)
	if err != nil {
		return err
	}
	snap := s.snapshot()
	res, err := s.resultAt(c, snap)
	if err != nil {
		return err
	}
	now := time.Now()
	c.Response().Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="kepu-report-%s.xlsx"`, now.Format("20060102")))
	// Made once per world version, day and language, on the worker pool;
	// the work outlives the client that asked first, as others may be waiting.
	ctx := context.WithoutCancel(c.Request().Context())
	return s.serveWork(c, snap, "report.xlsx\x00"+string(lang)+"\x00"+res.AsOf, "workbook", mimeXLSX, func(b *bytes.Buffer) error {
		return report.WriteWorkbook(ctx, b, snap.model, res, report.Options{Lang: lang, Generated: now})
	})
}

// templateWorkbook serves GET /api/template.xlsx: the registry template with
// the counties of the units served.
func (s *Server) templateWorkbook(c echo.Context) error {
	snap := s.snapshot()
	c.Response().Header().Set("Content-Disposition", `attachment; filename="kepu-template.xlsx"`)
	return s.serveDoc(c, snap, "template.xlsx", mimeXLSX, func(b *bytes.Buffer) error {
		return data.WriteTemplate(b, snap.world.Units)
	})
}
