import { Injectable } from '@nestjs/common';
import type { ToolDefinition } from '@forgesyte/plugin-sdk';
import { PluginRegistry, type RegisteredPlugin } from '@forgesyte/registry';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Principal } from '../auth/api-key-ring';
import { mayCallTool } from '../auth/call-permission';

/** The tools of one `tools/list` page. */
export const MCP_TOOLS_PAGE_SIZE = 100;

/** What MCP allows in a tool name (revision 2025-11-25: 1 to 128 of these characters). */
const MCP_TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

/** A tool an MCP name resolves to. */
export interface McpToolTarget {
  readonly plugin: string;
  readonly tool: string;
}

/**
 * The registry's tools as MCP tools: `<plugin>.<tool>` for every tool of every callable plugin
 * (INITIALIZED, FAILED or RUNNING; not LOADED or UNAVAILABLE), sorted by name, with the title,
 * description, schemas and annotations of its definition, verbatim. A tool whose name MCP cannot carry
 * is left out; an output schema that is not an object schema (MCP's `structuredContent` is an object)
 * is left out of its tool.
 */
@Injectable()
export class McpToolCatalog {
  /** MCP tools by definition: the registry's definitions never change, so each is converted once. */
  private readonly converted = new WeakMap<ToolDefinition, Tool>();

  constructor(private readonly registry: PluginRegistry) {}

  /**
   * One page of the tools `caller` may call, after `cursor` (the last name of the page before);
   * `nextCursor` when more follow.
   */
  page(caller: Pick<Principal, 'plugins' | 'tools'>, cursor: string | undefined): { tools: Tool[]; nextCursor?: string } {
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const tools = this.callable()
      .filter((tool) => mayCallTool(caller, tool.target.plugin, tool.target.tool) && (after === undefined || tool.definition.name > after))
      .map((tool) => tool.definition);
    if (tools.length <= MCP_TOOLS_PAGE_SIZE) return { tools };
    const page = tools.slice(0, MCP_TOOLS_PAGE_SIZE);
    return { tools: page, nextCursor: encodeCursor(page[page.length - 1].name) };
  }

  /** The plugin and tool an MCP tool name names, when the registry has them (in any state). */
  resolve(name: string): McpToolTarget | undefined {
    const dot = name.indexOf('.');
    if (dot <= 0) return undefined;
    const plugin = name.slice(0, dot);
    const tool = name.slice(dot + 1);
    const entry = this.registry.find(plugin);
    return entry?.tools.has(tool) === true ? { plugin, tool } : undefined;
  }

  /** The names of the callable plugins, one string: it changes when a plugin becomes or stops being callable. */
  callablePlugins(): string {
    return this.registry
      .entriesList()
      .filter(isCallable)
      .map((entry) => entry.name)
      .join(',');
  }

  private callable(): Array<{ target: McpToolTarget; definition: Tool }> {
    const tools: Array<{ target: McpToolTarget; definition: Tool }> = [];
    for (const entry of this.registry.entriesList()) {
      if (!isCallable(entry)) continue;
      for (const [tool, { definition }] of entry.tools) {
        const name = `${entry.name}.${tool}`;
        if (!MCP_TOOL_NAME.test(name)) continue;
        tools.push({ target: { plugin: entry.name, tool }, definition: this.toolOf(name, definition) });
      }
    }
    return tools.sort((a, b) => (a.definition.name < b.definition.name ? -1 : a.definition.name > b.definition.name ? 1 : 0));
  }

  private toolOf(name: string, definition: ToolDefinition): Tool {
    let tool = this.converted.get(definition);
    if (tool === undefined) {
      tool = {
        name,
        title: definition.title,
        description: definition.description,
        inputSchema: definition.inputSchema as Tool['inputSchema'],
        ...(isObjectSchema(definition.outputSchema) ? { outputSchema: definition.outputSchema as Tool['outputSchema'] } : {}),
        ...(definition.annotations === undefined ? {} : { annotations: { ...definition.annotations } }),
      };
      if (tool.title === undefined) delete tool.title;
      this.converted.set(definition, tool);
    }
    return tool;
  }
}

/** True when MCP lists and calls the plugin's tools: it initialised and is not UNAVAILABLE. */
function isCallable(entry: RegisteredPlugin): boolean {
  const state = entry.state;
  return state === 'INITIALIZED' || state === 'FAILED' || state === 'RUNNING';
}

/** True for a schema of JSON objects, which MCP's `outputSchema` must be. */
export function isObjectSchema(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && (schema as { type?: unknown }).type === 'object';
}

function encodeCursor(lastName: string): string {
  return Buffer.from(lastName, 'utf8').toString('base64url');
}

/** The last tool name of the page before; throws `InvalidCursorError` for a cursor this server did not make. */
function decodeCursor(cursor: string): string {
  const name = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!MCP_TOOL_NAME.test(name) || encodeCursor(name) !== cursor) throw new InvalidCursorError(cursor);
  return name;
}

/** A `tools/list` cursor this server did not hand out. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';

  constructor(cursor: string) {
    super(`The cursor '${cursor.slice(0, 64)}' is not one this server handed out. Call tools/list without a cursor, then pass the nextCursor of its answer.`);
  }
}
