// A registry key that is a module path (a plugin without a usable name is registered under its
// specifier): `./plugins/x.js`, `/srv/x.js`, `file:///srv/x.js`, `C:\x.js`, optionally suffixed `#2`.
const PATH_KEY = /^(?:\.{1,2}[\\/]|[\\/]|file:|[A-Za-z]:[\\/])(?:.*[\\/])?([^\\/]*)$/;

/**
 * How a plugin's registry key may be shown to any caller: a plugin's own name as it is, and a key that
 * is a module path (a plugin without a usable name) as the path's last segment, `broken.plugin.js`,
 * so that no directory of the server's file system is shown. Package names (`@acme/widget`) are kept.
 */
export function publicPluginName(key: string): string {
  const file = PATH_KEY.exec(key)?.[1];
  return file === undefined || file === '' ? key : file;
}
