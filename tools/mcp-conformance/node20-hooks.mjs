// Resolves the conformance CLI's `fs` to one that also exports globSync (absent before Node 22; it only lists scenario files).
export async function resolve(specifier, context, next) {
  if ((specifier === 'fs' || specifier === 'node:fs') && context.parentURL?.includes('/@modelcontextprotocol/conformance/')) {
    return { url: new URL('./fs-with-glob-sync.mjs', import.meta.url).href, shortCircuit: true };
  }
  return next(specifier, context);
}
