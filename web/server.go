// Package web is kepu's HTTP face: the JSON/CSV API over an evaluated world,
// Mapbox vector tiles of units, facilities and caravan reach, and the
// embedded web map. Build a Server with New and run it with Run.
package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kepu/kepu/coverage"
	"github.com/kepu/kepu/data"
	"github.com/kepu/kepu/web/tiles"
	"github.com/kepu/kepu/web/ui"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// Config is what a Server needs. World is required; the rest has defaults.
type Config struct {
	World *coverage.World
	Rules coverage.Ruleset // zero value: coverage.Defaults()
	Addr  string           // listen address for Run, default 127.0.0.1:8080
	// Log receives one line per request and internal errors; default stderr.
	Log *log.Logger
	// Assets are the web map's files; nil means the embedded web/ui build,
	// or a page explaining how to build it when it was not built.
	Assets fs.FS
	// TileCacheBytes bounds the tile cache; default 64 MiB.
	TileCacheBytes int
	// ShutdownTimeout bounds the graceful shutdown; default 10 s.
	ShutdownTimeout time.Duration
	// Scenarios keeps posted scenarios; nil keeps the last 1000 in memory.
	Scenarios ScenarioStore
	// TrustedProxies may set X-Forwarded-For; rate limits key on the
	// connection's address otherwise (a forged header changes nothing).
	TrustedProxies []*net.IPNet
	// Workers bounds the expensive requests run at once; default GOMAXPROCS.
	Workers int
	// Basemap is an online raster basemap for the web map (ParseBasemap);
	// nil draws only the offline context basemap, fetching nothing outside.
	Basemap *Basemap
}

// Server serves the API, tiles and web map over one evaluated world.
type Server struct {
	cfg    Config
	log    *log.Logger
	echo   *echo.Echo
	assets fs.FS
	tiles  *tiles.Cache
	docs   docCache
	ed     atomic.Pointer[editor] // set by EnableEdits
	// inflight counts the requests being answered, for the shutdown report.
	inflight atomic.Int64
	work     workPool
	handler  http.Handler
	version  atomic.Uint64

	mu   sync.RWMutex
	snap *snapshot
}

// New evaluates cfg.World under cfg.Rules and builds the server.
func New(cfg Config) (*Server, error) {
	if cfg.World == nil {
		return nil, errors.New("web: no world to serve")
	}
	if cfg.Rules.Period == (coverage.Period{}) {
		cfg.Rules = coverage.Defaults()
	}
	if err := cfg.Rules.Validate(); err != nil {
		return nil, fmt.Errorf("web: rules: %w", err)
	}
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:8080"
	}
	if cfg.Log == nil {
		cfg.Log = log.New(os.Stderr, "", log.LstdFlags)
	}
	if cfg.TileCacheBytes <= 0 {
		cfg.TileCacheBytes = 64 << 20
	}
	if cfg.ShutdownTimeout <= 0 {
		cfg.ShutdownTimeout = 10 * time.Second
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	s := &Server{cfg: cfg, log: cfg.Log, assets: cfg.Assets,
		tiles: &tiles.Cache{Store: tiles.NewLRU(cfg.TileCacheBytes)}, work: make(workPool, cfg.Workers)}
	if s.assets == nil && ui.Built() {
		s.assets = ui.FS()
	}
	s.SetWorld(cfg.World)
	s.echo = s.routes()
	s.handler = headAsGet(s.echo)
	return s, nil
}

// SetWorld evaluates w and makes it the world every later request sees;
// tiles of the previous world are dropped. Safe to call while serving.
func (s *Server) SetWorld(w *coverage.World) {
	next := newSnapshot(w, s.cfg.Rules, s.version.Add(1), nil)
	s.mu.Lock()
	if s.snap == nil || next.version > s.snap.version {
		s.snap = next
	}
	s.mu.Unlock()
	s.tiles.Store.Purge()
}

// snapshot is the current evaluated world.
func (s *Server) snapshot() *snapshot {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.snap
}

// Handler is the server's HTTP handler, for tests and embedding.
func (s *Server) Handler() http.Handler { return s.handler }

func (s *Server) routes() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.IPExtractor = ipExtractor(s.cfg.TrustedProxies)
	e.HTTPErrorHandler = s.handleError
	e.Use(middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogMethod: true, LogURI: true, LogStatus: true, LogLatency: true, LogResponseSize: true,
		HandleError: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			s.log.Printf("%s %s %d %s %dB", v.Method, v.URI, v.Status, v.Latency.Round(10*time.Microsecond), v.ResponseSize)
			return nil
		},
	}))
	e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			s.inflight.Add(1)
			defer s.inflight.Add(-1)
			return next(c)
		}
	})
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			s.log.Printf("panic: %s %s: %v\n%s", c.Request().Method, c.Request().URL.Path, err, stack)
			return err
		},
	}))
	e.Use(middleware.BodyLimit("1M"))
	e.Use(middleware.GzipWithConfig(middleware.GzipConfig{
		// Tiles and documents are gzipped once when cached; a workbook is a zip already.
		Skipper: func(c echo.Context) bool {
			return precompressed[c.Path()]
		},
	}))

	e.GET("/api/health", s.health)
	e.GET("/api/about", s.about)
	e.GET("/api/check", s.check)
	e.GET("/api/progress", s.progress)
	e.GET("/api/gaps", s.gaps)
	e.GET("/api/units", s.units)
	e.GET("/api/units/:code", s.unit)
	e.GET("/api/facilities", s.facilities)
	e.GET("/api/report.xlsx", s.reportWorkbook)
	e.GET("/api/template.xlsx", s.templateWorkbook)
	e.GET("/tiles/:file", s.tileJSONDoc)
	e.GET("/tiles/:layer/:z/:x/:y", s.tile)
	s.scenarioRoutes(e)
	s.findRoutes(e) // GET /api/search (search.go)
	s.planRoutes(e)
	e.GET("/*", s.static)
	return e
}

// Run listens on cfg.Addr and serves until ctx ends, then shuts down gracefully.
func (s *Server) Run(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("web: %w", err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx ends, then stops taking connections and
// waits for requests in flight (up to cfg.ShutdownTimeout).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          s.log,
	}
	s.log.Printf("kepu serve: listening on http://%s/", ln.Addr())
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("web: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); errors.Is(err, context.DeadlineExceeded) {
		// The grace period is over: what is still running is cut, and
		// said so; stopping on a signal is still a clean exit.
		n := s.inflight.Load()
		hs.Close()
		s.log.Printf("kepu serve: the %s grace period ended with %d request(s) in flight; they were cut", s.cfg.ShutdownTimeout, n)
	} else if err != nil {
		return fmt.Errorf("web: shutdown: %w", err)
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("web: %w", err)
	}
	s.log.Printf("kepu serve: stopped")
	return nil
}

// writeJSON writes v as indented JSON, the same encoding `kepu check --format json` uses.
func writeJSON(c echo.Context, status int, v any) error {
	var buf bytes.Buffer
	if err := data.WriteJSON(&buf, v); err != nil {
		return fmt.Errorf("encoding %s: %w", c.Request().URL.Path, err)
	}
	return c.Blob(status, echo.MIMEApplicationJSON, buf.Bytes())
}
