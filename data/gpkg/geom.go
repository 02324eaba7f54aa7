package gpkg

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

// srsWGS84 is the srs_id of every geometry kepu stores.
const srsWGS84 = 4326

// EncodePoint is the GeoPackage binary of a WGS84 point: the "GP" header
// (version 0, little-endian, no envelope, as the standard recommends for
// points) followed by the point as WKB.
func EncodePoint(p orb.Point) ([]byte, error) {
	body, err := wkb.Marshal(p, binary.LittleEndian)
	if err != nil {
		return nil, err
	}
	h := []byte{'G', 'P', 0, 0x01, 0, 0, 0, 0}
	binary.LittleEndian.PutUint32(h[4:], srsWGS84)
	return append(h, body...), nil
}

// DecodePoint reads a GeoPackage binary point, with or without an envelope
// and in either byte order.
func DecodePoint(b []byte) (orb.Point, error) {
	if len(b) < 8 || b[0] != 'G' || b[1] != 'P' {
		return orb.Point{}, errors.New("not a GeoPackage geometry (no GP magic)")
	}
	flags := b[3]
	if flags&0x10 != 0 {
		return orb.Point{}, errors.New("empty geometry")
	}
	envelope := map[byte]int{0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags>>1)&0x07]
	if (flags>>1)&0x07 > 4 {
		return orb.Point{}, fmt.Errorf("bad envelope indicator %d", (flags>>1)&0x07)
	}
	start := 8 + envelope
	if len(b) < start {
		return orb.Point{}, errors.New("truncated GeoPackage header")
	}
	g, err := wkb.Unmarshal(b[start:])
	if err != nil {
		return orb.Point{}, err
	}
	p, ok := g.(orb.Point)
	if !ok {
		return orb.Point{}, fmt.Errorf("%s where a Point was expected", g.GeoJSONType())
	}
	if math.IsNaN(p[0]) || math.IsNaN(p[1]) {
		return orb.Point{}, errors.New("empty point")
	}
	return p, nil
}
