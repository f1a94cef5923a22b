import type { Plugin } from '@forgesyte/plugin-sdk';

/**
 * The UNAVAILABLE reason of a plugin registered without a module file whose tools ask for
 * `isolation: 'worker'`: no worker thread could load its code, and running those tools in the server's
 * thread would break what the API says of them. Undefined when it has no such tool, or has a module file.
 */
export function workerToolsWithoutModuleReason(plugin: Plugin, moduleFile: string | undefined): string | undefined {
  if (moduleFile !== undefined) return undefined;
  const tools = Object.entries(plugin.tools)
    .filter(([, tool]) => tool.isolation === 'worker')
    .map(([name]) => `'${name}'`);
  if (tools.length === 0) return undefined;
  return (
    `its tool${tools.length === 1 ? '' : 's'} ${tools.join(', ')} ask${tools.length === 1 ? 's' : ''} for isolation 'worker', ` +
    `but it was registered as an object, without the module file a worker thread loads: list it in the shipped-plugin list ` +
    `as { plugin, moduleFile: require.resolve('<its module>') } (in-repo: require.resolve('../../plugins/${plugin.name}/src')), ` +
    `load it from FORGESYTE_PLUGINS, or declare those tools isolation 'inline'`
  );
}
