// Unit tests of the page's defensive API readers: node --test web/ui/test
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listOf, plain, facilitiesOf, pointOf, bboxOf } from '../src/api.js';

test('listOf accepts bare and wrapped lists', () => {
  for (const [name, doc, want] of [
    ['bare', [1, 2], [1, 2]],
    ['units', { units: [1] }, [1]],
    ['gaps', { gaps: [2] }, [2]],
    ['feature collection', { type: 'FeatureCollection', features: [3] }, [3]],
    ['nothing', { error: 'x' }, []],
    ['null', null, []],
  ]) assert.deepEqual(listOf(doc), want, name);
});

test('plain and facilitiesOf read features and objects', () => {
  const f = { type: 'Feature', properties: { id: 'VE1' }, geometry: { type: 'Point', coordinates: [1, 2] } };
  assert.equal(plain(f).id, 'VE1');
  assert.deepEqual(facilitiesOf({ facilities: { features: [f] } }).map((x) => x.id), ['VE1']);
  assert.deepEqual(facilitiesOf({ facilities: [{ id: 'CA1' }] }).map((x) => x.id), ['CA1']);
  assert.deepEqual(facilitiesOf({ facilities: 12 }), []);
});

test('pointOf prefers the label point, then the seat, then the bbox centre', () => {
  for (const [name, unit, want] of [
    ['label', { label_lon: 1, label_lat: 2, seat_lon: 3, seat_lat: 4 }, [1, 2]],
    ['seat', { seat_lon: 3, seat_lat: 4 }, [3, 4]],
    ['bbox', { bbox: [0, 0, 2, 4] }, [1, 2]],
    ['orb bound', { bbox: { Min: [0, 0], Max: [2, 4] } }, [1, 2]],
    ['none', { seat_lon: null, seat_lat: 4 }, null],
  ]) assert.deepEqual(pointOf(unit), want, name);
});

test('bboxOf reads arrays, 3D arrays and objects', () => {
  assert.deepEqual(bboxOf({ bbox: [1, 2, 0, 3, 4, 0] }), [1, 2, 3, 4]);
  assert.deepEqual(bboxOf({ bbox: { west: 1, south: 2, east: 3, north: 4 } }), [1, 2, 3, 4]);
  assert.equal(bboxOf({}), null);
});
