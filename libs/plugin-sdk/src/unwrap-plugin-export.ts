/**
 * The plugin a loaded module provides: its `default` export (or the module itself), called first when
 * it is a zero-argument factory. The server and its worker threads load plugin modules the same way.
 */
export function unwrapPluginExport(moduleValue: unknown): unknown {
  const exported =
    typeof moduleValue === 'object' && moduleValue !== null && 'default' in moduleValue
      ? moduleValue.default
      : moduleValue;
  return typeof exported === 'function' && exported.length === 0 ? (exported as () => unknown)() : exported;
}
