// auth.js: the write token the map sends with scenarios, so that they carry
// their author's name and the author can delete them. Kept in
// sessionStorage: it lasts the tab (and its reloads), not the browser.

const key = 'kepu.token';

/** getToken is the token entered in this tab, or ''. */
export function getToken() {
  try { return sessionStorage.getItem(key) || ''; } catch { return ''; }
}

/** setToken keeps token for this tab ('' forgets it). */
export function setToken(token) {
  const v = String(token ?? '').trim();
  try { if (v) sessionStorage.setItem(key, v); else sessionStorage.removeItem(key); } catch { /* private mode */ }
}

/** authHeaders are the request headers that carry token: none without one. */
export function authHeaders(token = getToken()) {
  return token ? { Authorization: `Bearer ${token}` } : {};
}
