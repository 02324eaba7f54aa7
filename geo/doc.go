// Package geo is lon/lat geometry on the WGS84 ellipsoid for kepu: geodesic
// distance and area (GeographicLib's algorithms through tidwall/geodesic), an
// index of polygons with exact point-in-polygon, radius and nearest-point
// search, reach circles and conversion from the Chinese web-map systems
// GCJ-02 and BD-09. It imports no other kepu package.
package geo
