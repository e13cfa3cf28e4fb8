const KEY = 'suite-token';
const PATTERN = /(?:^#|&)token=([A-Za-z0-9_-]+)/;

/** Takes the token from #token=… once, keeps it for this tab, and removes it from the address bar. */
export function takeToken(): string | null {
  const match = PATTERN.exec(location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(KEY, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
    return match[1];
  }
  return sessionStorage.getItem(KEY);
}

/**
 * A restarted server on the same port gives a new address that differs only after #: the browser
 * does not reload for that, so the page does, to start again with the new token.
 */
export function reloadOnNewToken(): void {
  window.addEventListener('hashchange', () => {
    const match = PATTERN.exec(location.hash);
    if (match?.[1] && match[1] !== sessionStorage.getItem(KEY)) {
      sessionStorage.setItem(KEY, match[1]);
      location.reload();
    }
  });
}
