package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/kepu/kepu/coverage"
	"github.com/labstack/echo/v4"
)

// workQueueWait is how long an expensive request waits for a worker
// before it is told to come back later.
const workQueueWait = 2 * time.Second

// workPool bounds the expensive work (report workbooks, suggestions,
// scenario evaluations) to a few at once, so that a crowd of them cannot
// starve the cheap requests (documents and tiles) of CPU and memory.
type workPool chan struct{}

// do runs fn on a worker, waiting up to workQueueWait for one; when none
// frees up it answers 503 with Retry-After.
func (p workPool) do(ctx context.Context, what string, fn func() error) error {
	t := time.NewTimer(workQueueWait)
	defer t.Stop()
	select {
	case p <- struct{}{}:
	case <-t.C:
		return &coverage.Error{Code: coverage.EUNAVAILABLE, RetryAfter: 5 * time.Second,
			Message: fmt.Sprintf("the server is busy with %d other long requests; ask for the %s again in a few seconds", cap(p), what)}
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-p }()
	return fn()
}

// requestBody reads a request body, keeping the limit's 413 a 413 (a chunked
// body only meets the limit while it is read).
func requestBody(c echo.Context) ([]byte, error) {
	b, err := io.ReadAll(c.Request().Body)
	var he *echo.HTTPError
	if errors.As(err, &he) {
		return nil, he
	}
	if err != nil {
		return nil, invalidf("reading the body: %v", err)
	}
	return b, nil
}

// ipExtractor decides the client address that rate limits key on: the
// connection's, unless the connection comes from one of the trusted
// proxies, whose X-Forwarded-For is then believed.
func ipExtractor(trusted []*net.IPNet) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range trusted {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// ParseCIDRs reads --trusted-proxy values: CIDR ranges or single addresses.
func ParseCIDRs(values []string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	for _, v := range values {
		if ip := net.ParseIP(v); ip != nil {
			bits := 128
			if ip.To4() != nil {
				ip, bits = ip.To4(), 32
			}
			out = append(out, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
			continue
		}
		_, n, err := net.ParseCIDR(v)
		if err != nil {
			return nil, fmt.Errorf("--trusted-proxy %q: want an address or a CIDR range such as 10.0.0.0/8", v)
		}
		out = append(out, n)
	}
	return out, nil
}

// tooMany is the 429 answer of a rate limit, with when to try again.
func tooMany(retryAfter time.Duration, msg string) error {
	return &coverage.Error{Code: coverage.ETOOMANY, RetryAfter: retryAfter, Message: msg}
}
