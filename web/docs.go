package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"net/http"
	"strconv"
	"sync"

	"github.com/labstack/echo/v4"
	"golang.org/x/sync/singleflight"
)

// maxDocVariants bounds how many query variants of the documents one world
// version keeps encoded; past it a variant is encoded per request, so a
// client walking many as_of dates cannot grow the cache without end.
const maxDocVariants = 512

// docCache keeps the API's documents encoded once per world version and
// query variant, with their gzip form and ETag made up front, so that a
// document is served like a cached tile: no encoding on the request path.
type docCache struct {
	mu      sync.Mutex
	version uint64
	docs    map[string]*docEntry
	flight  singleflight.Group
}

// docEntry is one encoded document.
type docEntry struct {
	raw, gz []byte
	etag    string // quoted, without the -gz suffix
	ctype   string
}

// get returns the entry for key in version, building it once with build.
func (d *docCache) get(version uint64, key string, build func() (*docEntry, error)) (*docEntry, error) {
	d.mu.Lock()
	if d.version != version || d.docs == nil {
		if version < d.version {
			d.mu.Unlock()
			return build() // a request that still holds an older snapshot
		}
		d.version, d.docs = version, map[string]*docEntry{}
	}
	if e, ok := d.docs[key]; ok {
		d.mu.Unlock()
		return e, nil
	}
	d.mu.Unlock()
	v, err, _ := d.flight.Do(strconv.FormatUint(version, 10)+"\x00"+key, func() (any, error) {
		d.mu.Lock()
		if e, ok := d.docs[key]; ok && d.version == version { // made by a flight that just ended
			d.mu.Unlock()
			return e, nil
		}
		d.mu.Unlock()
		e, err := build()
		if err != nil {
			return nil, err
		}
		d.mu.Lock()
		if d.version == version && len(d.docs) < maxDocVariants {
			d.docs[key] = e
		}
		d.mu.Unlock()
		return e, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*docEntry), nil
}

// newDocEntry gzips body (unless it is a zip already: a workbook) and
// names it by version and content.
func newDocEntry(version uint64, ctype string, body []byte) (*docEntry, error) {
	h := sha256.New()
	binary.Write(h, binary.BigEndian, version)
	h.Write(body)
	e := &docEntry{raw: body, etag: `"d` + hex.EncodeToString(h.Sum(nil)[:12]) + `"`, ctype: ctype}
	if ctype == mimeXLSX {
		return e, nil
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(body); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	e.gz = buf.Bytes()
	return e, nil
}

// serveDoc answers with the document key of snap, encoding it with encode
// the first time it is asked for in this world version: 304 when the
// client's copy is current, the precomputed gzip when accepted.
func (s *Server) serveDoc(c echo.Context, snap *snapshot, key, ctype string, encode func(*bytes.Buffer) error) error {
	return s.serveBuilt(c, snap, key, "", ctype, encode)
}

// serveWork is serveDoc for a document that is expensive to make (a
// workbook, a suggestion): made on the bounded worker pool, once per world
// version, so that asking again is as cheap as any document. what names
// the work in the busy answer.
func (s *Server) serveWork(c echo.Context, snap *snapshot, key, what, ctype string, encode func(*bytes.Buffer) error) error {
	return s.serveBuilt(c, snap, key, what, ctype, encode)
}

func (s *Server) serveBuilt(c echo.Context, snap *snapshot, key, what, ctype string, encode func(*bytes.Buffer) error) error {
	e, err := s.docs.get(snap.version, key, func() (e *docEntry, err error) {
		if what == "" {
			return buildDoc(snap.version, ctype, encode)
		}
		err = s.work.do(c.Request().Context(), what, func() error {
			e, err = buildDoc(snap.version, ctype, encode)
			return err
		})
		return e, err
	})
	if err != nil {
		return err
	}
	return writeDoc(c, e)
}

// buildDoc encodes one document.
func buildDoc(version uint64, ctype string, encode func(*bytes.Buffer) error) (*docEntry, error) {
	var buf bytes.Buffer
	if err := encode(&buf); err != nil {
		return nil, err
	}
	return newDocEntry(version, ctype, buf.Bytes())
}

// writeDoc sends an encoded document with its validators.
func writeDoc(c echo.Context, e *docEntry) error {
	h := c.Response().Header()
	h.Set("Cache-Control", "no-cache") // revalidate: the registry changes with every edit
	h.Add("Vary", "Accept-Encoding")
	body, etag := e.raw, e.etag
	gz := e.gz != nil && acceptsGzip(c.Request().Header.Get("Accept-Encoding"))
	if gz {
		body, etag = e.gz, etag[:len(etag)-1]+`-gz"`
	}
	h.Set("ETag", etag)
	if etagMatch(c.Request().Header.Get("If-None-Match"), etag) {
		return c.NoContent(http.StatusNotModified)
	}
	if gz {
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	return c.Blob(http.StatusOK, e.ctype, body)
}

// headAsGet lets every GET route answer HEAD: Echo routes a GET, while
// net/http, whose response still belongs to the HEAD request, sends the
// headers only.
func headAsGet(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			r = r.Clone(r.Context())
			r.Method = http.MethodGet
		}
		h.ServeHTTP(w, r)
	})
}
