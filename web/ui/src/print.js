// print.js: printing the map. A WebGL canvas prints blank (or stretched) once
// the page is laid out for paper, so just before printing the current view is
// composed into a sheet (sheet.js) and copied into a plain 2D canvas,
// #print-sheet; the print stylesheet (app.css, @media print) shows only that.

/** installPrint keeps #print-sheet up to date whenever the page is about to
 *  print: the beforeprint event, and print media being switched on (as
 *  browsers do for a PDF). compose returns the sheet canvas, or null. */
export function installPrint(compose) {
  const sheet = document.createElement('canvas');
  sheet.id = 'print-sheet';
  sheet.className = 'print-sheet';
  sheet.setAttribute('aria-hidden', 'true');
  document.body.append(sheet);
  const refresh = () => {
    let src = null;
    try { src = compose(); } catch (err) { console.error('kepu print:', err); }
    if (!src) return;
    sheet.width = src.width;
    sheet.height = src.height;
    sheet.getContext('2d').drawImage(src, 0, 0);
    sheet.dataset.composed = String(Date.now());
  };
  window.addEventListener('beforeprint', refresh);
  window.matchMedia?.('print').addEventListener?.('change', (e) => { if (e.matches) refresh(); });
  return { refresh, sheet };
}
