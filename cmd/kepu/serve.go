package main

import (
	"context"
	"flag"
	"io"
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/kepu/kepu/web"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var in inputs
	in.register(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	var proxies listFlag
	fs.Var(&proxies, "trusted-proxy", "address or CIDR range of a reverse proxy whose X-Forwarded-For names the client (repeatable); otherwise rate limits key on the connection's address")
	basemap := fs.String("basemap", "", "online raster basemap beneath the map: an XYZ tile template such as a 天地图 URL with {z}, {x}, {y} and your key (tk=KEY); the key is sent to every browser that opens the map. Without it the map fetches nothing from the internet")
	basemapCredit := fs.String("basemap-attribution", "", "the credit the map shows for --basemap (default: named after the tile host)")
	var sf storeFlags // --db, --token-file: the persistent registry and its edit API (store.go)
	sf.register(fs)
	if code, ok := parse(fs, args, stderr); !ok {
		return code
	}
	trusted, err := web.ParseCIDRs(proxies)
	if err != nil {
		return fail(stderr, "serve", err)
	}
	var bm *web.Basemap
	if *basemap != "" {
		if bm, err = web.ParseBasemap(*basemap, *basemapCredit); err != nil {
			return fail(stderr, "serve", err)
		}
	}
	w, rs, err := sf.load(&in, stderr)
	defer sf.close()
	if err != nil {
		return fail(stderr, "serve", err)
	}
	srv, err := web.New(web.Config{World: w, Rules: rs, Addr: *addr, Log: log.New(stderr, "", log.LstdFlags),
		Scenarios: sf.scenarios(), TrustedProxies: trusted, Basemap: bm})
	if err != nil {
		return fail(stderr, "serve", err)
	}
	if err := sf.attach(srv, stderr); err != nil {
		return fail(stderr, "serve", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	sf.follow(ctx, srv)
	if err := srv.Run(ctx); err != nil {
		return fail(stderr, "serve", err)
	}
	return exitPass
}
