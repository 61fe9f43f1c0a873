// HTML output: every value that came from outside (names, ids, event fields) goes through `esc`, so a
// student called `<script>…` is shown as text. Pages carry no secrets and no inline script, and the
// Content-Security-Policy forbids scripts altogether. Sign-out is a POST form, not a link: the SDK signs out
// only on a POST from this site, so no other page can sign a student out.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for an HTML element body or a quoted attribute value. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!)
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #dde;padding:.35rem .5rem;text-align:left}
th{background:#f3f4f8}button{font:inherit;padding:.4rem 1rem}.muted{color:#667}nav a{margin-right:1rem}
nav form{display:inline}nav button{border:0;background:none;padding:0;color:#0645ad;text-decoration:underline;cursor:pointer}`

/** A whole page; `body` must already be escaped HTML. */
export function page(title: string, body: string, status = 200): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head><body><nav><a href="/">Home</a><form method="post" action="/identity/signout"><button id="sign-out" type="submit">Sign out</button></form></nav>
<h1>${esc(title)}</h1>${body}</body></html>`
  return new Response(html, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
    },
  })
}
