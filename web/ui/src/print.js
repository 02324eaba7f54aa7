// print.js: printing the map. A WebGL canvas prints blank, and once the page
// is laid out for paper the map resizes and its canvas is cleared, so the
// sheet (sheet.js: the view with title, legend, scale bar, north arrow, date
// and sample label) is composed while the page is still on screen, into a
// plain 2D canvas, #print-sheet; the print stylesheet (app.css, @media print)
// shows only that. It is refreshed whenever the map has settled and just
// before printing (beforeprint comes while the screen layout still stands).

/** installPrint creates #print-sheet; compose returns the sheet canvas, or null. */
export function installPrint(compose) {
  const sheet = document.createElement('canvas');
  sheet.id = 'print-sheet';
  sheet.className = 'print-sheet';
  sheet.setAttribute('aria-hidden', 'true');
  document.body.append(sheet);
  const printing = () => window.matchMedia?.('print').matches === true;
  const refresh = () => {
    // Laid out for paper, the map's canvas no longer shows the view: keep
    // the sheet composed on screen.
    if (printing() && sheet.dataset.composed) return;
    let src = null;
    try { src = compose(); } catch (err) { console.error('kepu print:', err); }
    if (!src || !src.width) return;
    sheet.width = src.width;
    sheet.height = src.height;
    sheet.getContext('2d').drawImage(src, 0, 0);
    sheet.dataset.composed = String(Date.now());
  };
  window.addEventListener('beforeprint', refresh);
  let timer = 0;
  /** attach refreshes the sheet a moment after the map settles. */
  const attach = (map) => map.on('idle', () => { clearTimeout(timer); timer = setTimeout(refresh, 400); });
  return { refresh, attach, sheet };
}
