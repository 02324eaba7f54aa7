package web

import (
	"github.com/kepu/kepu/data/words"
	"github.com/labstack/echo/v4"
)

// langParam is the request's ?lang=zh|en, Chinese when absent: the
// language of every text in a document (rule targets, gap details).
func langParam(c echo.Context) (words.Lang, error) {
	l, err := words.ParseLang(c.QueryParam("lang"))
	if err != nil {
		return l, invalidf("%v", err)
	}
	return l, nil
}
