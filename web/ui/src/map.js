// map.js: the MapLibre style for kepu's own vector tiles, over the offline
// context basemap (basemap.js) and, when the server names one, an online
// raster basemap. No glyphs, no sprites: labels use the browser's fonts.

import { fillColor, fillOpacity } from './colour.js';
import { basemapSources, layersBelow, seatLayers, labelLayers, contextColors } from './basemap.js';

export const colors = {
  compliant: '#2f9e5f',
  small: '#e8a317',
  none: '#d6453d',
  league: '#263140',
  county: '#5b6776',
  venue: '#1c5fd1',
  caravan: '#0b8a96',
  baseNational: '#6a2fb5',
  baseRegional: '#a46ad9',
  baseOther: '#8c96a3',
  background: contextColors.sea,
};

/** region is Inner Mongolia's extent, [west, south, east, north]: the
 *  fallback when /api/about names no bounds for the data's region. */
export const region = [97.1, 37.3, 126.1, 53.4];

const isOpen = ['==', ['coalesce', ['get', 'status'], 'open'], 'open'];

// Open facilities are filled, the pipeline (under construction, planned) hollow.
const fill = (color) => ['case', isOpen, color, '#ffffff'];

function source(origin, layer) {
  return {
    type: 'vector',
    tiles: [`${origin}/tiles/${layer}/{z}/{x}/{y}.mvt`],
    minzoom: 0,
    maxzoom: 14,
  };
}

function points(id, filter, color, r4, r9) {
  return {
    id,
    type: 'circle',
    source: 'facilities',
    'source-layer': 'facilities',
    filter,
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 4, r4, 9, r9],
      'circle-color': fill(color),
      'circle-stroke-color': ['case', isOpen, '#ffffff', color],
      'circle-stroke-width': ['case', isOpen, 0.8, 1.6],
      'circle-opacity': 0.95,
    },
  };
}

const category = (c) => ['==', ['get', 'category'], c];
const baseLevel = (l) => ['all', category('base'), ['==', ['get', 'level'], l]];

/** facilityLayers maps each UI toggle to the layers it shows or hides. */
export const toggleLayers = {
  venues: ['venues'],
  basesNational: ['bases-national'],
  basesRegional: ['bases-regional'],
  basesOther: ['bases-other'],
  caravans: ['caravans'],
  reach: ['reach-fill', 'reach-line'],
};

/** facilityLayerIds are the clickable point layers, topmost first. */
export const facilityLayerIds = ['caravans', 'venues', 'bases-national', 'bases-regional', 'bases-other'];

/** buildStyle returns the style object for tiles served at origin, the
 *  counties filled by the colour-by mode (colour.js); basemap is the raster
 *  basemap the server names ({tiles, attribution}) or none, lang the labels'. */
export function buildStyle(origin, colour, { basemap = null, lang = 'zh' } = {}) {
  const venueRadius = (small, big) => ['case',
    ['>=', ['to-number', ['get', 'floor_area_m2'], 0], 1000], big, small];
  return {
    version: 8,
    sources: {
      ...basemapSources(origin, basemap),
      ...Object.fromEntries(['leagues', 'counties', 'facilities', 'reach']
        .map((l) => [l, l === 'counties' ? { ...source(origin, l), promoteId: 'code' } : source(origin, l)])),
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': colors.background } },
      ...layersBelow(basemap),
      {
        id: 'counties-fill', type: 'fill', source: 'counties', 'source-layer': 'counties',
        paint: {
          'fill-color': fillColor(colour),
          'fill-opacity': fillOpacity(colour),
        },
      },
      {
        id: 'counties-line', type: 'line', source: 'counties', 'source-layer': 'counties',
        paint: { 'line-color': colors.county, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.4, 9, 1.2], 'line-opacity': 0.7 },
      },
      {
        id: 'leagues-line', type: 'line', source: 'leagues', 'source-layer': 'leagues',
        layout: { 'line-join': 'round' },
        paint: { 'line-color': colors.league, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 1.4, 9, 3] },
      },
      {
        id: 'counties-selected', type: 'line', source: 'counties', 'source-layer': 'counties',
        filter: ['==', ['get', 'code'], ''],
        layout: { 'line-join': 'round' },
        paint: { 'line-color': '#1146b8', 'line-width': 3.5 },
      },
      {
        id: 'reach-fill', type: 'fill', source: 'reach', 'source-layer': 'reach',
        layout: { visibility: 'none' },
        paint: { 'fill-color': colors.caravan, 'fill-opacity': 0.07 },
      },
      {
        id: 'reach-line', type: 'line', source: 'reach', 'source-layer': 'reach',
        layout: { visibility: 'none' },
        paint: { 'line-color': colors.caravan, 'line-width': 1, 'line-dasharray': [3, 2], 'line-opacity': 0.8 },
      },
      ...seatLayers(),
      { ...points('bases-other', ['all', category('base'), ['!', ['in', ['get', 'level'], ['literal', ['national', 'regional']]]]], colors.baseOther, 2, 4), layout: { visibility: 'none' } },
      points('bases-regional', baseLevel('regional'), colors.baseRegional, 2, 4.5),
      points('bases-national', baseLevel('national'), colors.baseNational, 3, 6),
      {
        ...points('venues', ['any', category('venue'), ['!', ['in', ['get', 'category'], ['literal', ['venue', 'caravan', 'base']]]]], colors.venue, 3.5, 8),
        paint: {
          ...points('', true, colors.venue).paint,
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 4, venueRadius(3, 4.5), 9, venueRadius(6, 9)],
          'circle-color': ['case', ['!', category('venue')], fill(colors.baseOther), fill(colors.venue)],
        },
      },
      points('caravans', category('caravan'), colors.caravan, 3.5, 7),
      ...labelLayers(lang),
    ],
  };
}
