import { ForgeSyteError } from '../forgesyte.error';

/** The most allow-list entries the message names (the details list them all). */
const NAMED_IN_MESSAGE = 10;

/**
 * The API key may not call this plugin or tool: it is outside the key's allow-list (a `FORBIDDEN`
 * like a missing scope, not a not-found: the caller may know the plugin exists).
 */
export class CallForbiddenError extends ForgeSyteError {
  override readonly name = 'CallForbiddenError';
  readonly code = 'FORBIDDEN';
  readonly type = 'AuthError';

  /**
   * @param plugin the plugin called, and `tool` the tool, when the key's tool allow-list refused it.
   * @param allowed the entries of the allow-list that refused it (plugin names, or `plugin.tool` entries).
   */
  constructor(plugin: string, tool: string | undefined, allowed: readonly string[]) {
    const target = tool === undefined ? `plugin '${plugin}'` : `tool '${plugin}.${tool}'`;
    const list = tool === undefined ? 'plugins' : 'tools';
    super(
      `This API key may not call ${target}: its ${list} allow-list is ${preview(allowed)}. ` +
        `Call one of those, or ask an administrator to add '${tool === undefined ? plugin : `${plugin}.${tool}`}' to the key's ${list} (PATCH /v1/keys/{id}).`,
      { plugin, tool, details: tool === undefined ? { plugin, allowed_plugins: [...allowed] } : { plugin, tool, allowed_tools: [...allowed] } },
    );
  }
}

/** The first entries of an allow-list, and how many more there are (a list may hold 1,000). */
function preview(allowed: readonly string[]): string {
  const named = allowed.slice(0, NAMED_IN_MESSAGE).join(', ');
  return allowed.length > NAMED_IN_MESSAGE ? `${named} and ${allowed.length - NAMED_IN_MESSAGE} more (see details)` : named;
}
