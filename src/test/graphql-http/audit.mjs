// Runs graphql-http's server audit against a GraphQL endpoint and prints each result as JSON:
// node audit.mjs <url> [<bearer token>]
import { auditServer } from 'graphql-http';

const [url, token] = process.argv.slice(2);
// every request carries the token (wangge answers nothing to anonymous callers)
const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers || {});
  if (token) headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};
const results = await auditServer({ url, fetchFn });
const out = [];
for (const r of results) {
  const entry = { id: r.id, name: r.name, status: r.status };
  if (r.status !== 'ok') {
    entry.reason = r.reason;
    if (r.response) {
      entry.response = { status: r.response.status, contentType: r.response.headers.get('content-type'), body: await r.response.text() };
    }
  }
  out.push(entry);
}
console.log(JSON.stringify(out));
