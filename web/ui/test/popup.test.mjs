// The facility popup shows years as written (2024, not 2,024) and names
// every field in words.
import test from 'node:test';
import assert from 'node:assert/strict';
import { popupHTML } from '../src/panel.js';

test('popup years are written plainly and counted figures grouped', () => {
  const html = popupHTML({ id: 'VE1', name: '新城区科技馆', category: 'venue', status: 'open', opened: 2024, floor_area_m2: 16000, located_county: '150102' });
  assert.match(html, /<dd>2024<\/dd>/);
  assert.doesNotMatch(html, /2,024/);
  assert.match(html, /<dd>16,000<\/dd>/);
  assert.match(html, /<dd>150102<\/dd>/);
  assert.doesNotMatch(html, /located_county/);
});
