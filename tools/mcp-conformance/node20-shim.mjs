// Runs @modelcontextprotocol/conformance 0.1.16 on Node 20 against a ForgeSyte API (docs/mcp.md, "Conformance"):
// its CLI imports fs.globSync (Node 22), and its client sends no API key. Loaded with `node --import`.
import { register } from 'node:module';

register('./node20-hooks.mjs', import.meta.url);

const key = process.env.FORGESYTE_CONFORMANCE_KEY;
if (key !== undefined && key !== '') {
  const original = globalThis.fetch;
  globalThis.fetch = (input, init = {}) => {
    const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
    if (!headers.has('x-api-key')) headers.set('x-api-key', key);
    return original(input, { ...init, headers });
  };
}
