import { parentPort, workerData } from 'node:worker_threads';
import { type Plugin, unwrapPluginExport } from '@forgesyte/plugin-sdk';
import type { ManifestMessage, ManifestReply, ManifestRequest, PluginManifest } from './manifest-protocol';
import { findShapeProblems } from './plugin-shape';

/**
 * The worker-thread side of reading a plugin module's manifest (see `read-plugin-manifest.ts`): it
 * requires the module, checks the plugin's shape and, when every tool is `isolation: 'worker'`, runs
 * its `init` and sends back the manifest as plain data. Then it waits one turn of the event loop, so
 * that a rejection the module left unhandled, or an exception thrown from a callback by then, refuses
 * the plugin instead of reaching the server. A module that throws while loading here is left to the
 * server's thread, where it throws again (the usual UNAVAILABLE reason) or loads. The server
 * terminates this thread after the reply.
 */

const faults: string[] = [];
process.on('uncaughtException', (error) => faults.push(`an uncaught exception (${firstLine(error)})`));
process.on('unhandledRejection', (reason) => faults.push(`an unhandled rejection (${firstLine(reason)})`));

/** The plugin's name, once its module exported something that has one. */
let pluginName: string | undefined;

async function read({ file }: ManifestRequest): Promise<ManifestReply> {
  post({ kind: 'started' });
  let exported: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- plugins are CommonJS modules found at run time
    exported = unwrapPluginExport(require(file));
  } catch {
    // It may need a require hook only the server's thread has (ts-node: this thread does not inherit
    // the server's `-r` preloads): the server's thread loads it, and reports the error if it throws there too.
    return { kind: 'main-thread' };
  }
  post({ kind: 'loaded' });
  const name = (exported as { name?: unknown } | null)?.name;
  pluginName = typeof name === 'string' ? name : undefined;
  const problems = findShapeProblems(exported);
  if (problems.length > 0) return refused(`it is not a valid plugin: ${problems.join('; ')}`);
  const plugin = exported as Plugin;
  if (!Object.values(plugin.tools).every((tool) => tool.isolation === 'worker')) return { kind: 'main-thread' };
  try {
    await plugin.init?.();
  } catch (error) {
    return refused(`its init failed: ${firstLine(error)}`);
  }
  const manifest: PluginManifest = {
    name: plugin.name,
    version: plugin.version,
    description: plugin.description,
    defaultTool: plugin.defaultTool,
    tools: plugin.tools,
  };
  try {
    return { kind: 'worker-only', manifest: structuredClone(manifest) };
  } catch (error) {
    return refused(`its tool definitions are not plain data (${firstLine(error)}); declare schemas and limits as JSON values`);
  }
}

function refused(reason: string): ManifestReply {
  return { kind: 'refused', name: pluginName, reason };
}

function post(message: ManifestMessage): void {
  parentPort?.postMessage(message);
}

function firstLine(value: unknown): string {
  const message = value instanceof Error ? value.message : String(value);
  return message.split('\n')[0];
}

void read(workerData as ManifestRequest).then(async (reply) => {
  await new Promise((resolve) => setImmediate(resolve));
  post(faults.length === 0 ? reply : refused(`its code left ${faults[0]} while loading; a plugin must handle its own errors`));
});
