/**
 * The one Content-Security-Policy of the renderer: injected as a meta tag at build time, sent as a
 * header by browser mode and by Electron's app:// protocol. No inline script, no remote origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** As an HTTP header the policy can also forbid framing, which a meta tag cannot express. */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;
