// export.js: the 打印 and 导出图片 buttons. Both use the same sheet
// (sheet.js): the current map view with title, legend, scale bar, north
// arrow, date and the sample label. The PNG downloads as kepu-map-YYYYMMDD.png.

import { composeSheet, sheetInfo, exportName, word } from './sheet.js';
import { installPrint } from './print.js';
import { getLang } from './i18n.js';

/** createExport wires the buttons once the map exists; kepu.exportSheet()
 *  returns the sheet canvas for tests. */
export function createExport({ kepu }) {
  const $ = (s) => document.querySelector(s);
  const compose = () => (kepu.map ? composeSheet(kepu.map, sheetInfo(getLang())) : null);
  const print = installPrint(compose);

  function render() {
    const lang = getLang();
    for (const [id, key, hint] of [['#export-png', 'exportPng', 'exportHint'], ['#print-btn', 'print', 'printHint']]) {
      const b = $(id);
      if (!b) continue;
      b.textContent = word(lang, key);
      b.title = word(lang, hint);
    }
  }

  // settled waits until the map has drawn what it is loading (at most 5 s).
  const settled = () => new Promise((resolve) => {
    const map = kepu.map;
    if (!map || map.loaded()) { resolve(); return; }
    const t = setTimeout(resolve, 5000);
    map.once('idle', () => { clearTimeout(t); resolve(); });
  });

  async function exportPNG() {
    await settled();
    const canvas = compose();
    if (!canvas) return null;
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = exportName(new Date());
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    return { width: canvas.width, height: canvas.height, name: a.download };
  }

  function wire() {
    $('#export-png')?.addEventListener('click', () => { exportPNG(); });
    $('#print-btn')?.addEventListener('click', () => { print.refresh(); window.print(); });
    render();
  }

  kepu.exportSheet = compose;
  return { wire, render, exportPNG, attach: print.attach };
}
