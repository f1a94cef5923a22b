import { definePlugin } from '../define-plugin';
import { defineTool } from '../define-tool';
import type { ToolContext } from '../tool-context';
import { ToolInputError } from '../tool-input.error';

const echoTool = defineTool({
  description: 'Returns its url and reports progress: a fixture of the harness specs.',
  inputSchema: {
    type: 'object',
    properties: { url: { type: 'string', format: 'uri' }, mode: { enum: ['ok', 'bad-output', 'refuse', 'throw', 'hang', 'ignore-signal', 'sync'] } },
    required: ['url'],
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: { url: { type: 'string', format: 'uri' } },
    required: ['url'],
    additionalProperties: false,
  },
  timeoutMs: 200,
});

/** What a fixture call does, by `mode`. */
async function echo(args: { url: string; mode?: string }, context: ToolContext): Promise<unknown> {
  context.log.info('echo started', { mode: args.mode ?? 'ok' });
  context.progress(-1, 'clamped to 0');
  context.progress(0.5);
  context.progress(Number.NaN, 'dropped');
  switch (args.mode) {
    case 'bad-output':
      return { url: 'not a uri', extra: true };
    case 'refuse':
      throw new ToolInputError('the url answers 404; give one that exists', { status: 404 });
    case 'throw':
      throw new Error('the backend is down');
    case 'hang':
      return new Promise((_, reject) => {
        const stop = (): void => reject(context.signal.reason as Error);
        if (context.signal.aborted) stop();
        else context.signal.addEventListener('abort', stop);
      });
    case 'ignore-signal':
      return new Promise((resolve) => setTimeout(() => resolve({ url: args.url }), 400));
    default:
      context.log.warn('echo done');
      return { url: args.url };
  }
}

/** A plugin with one tool that exercises every path of the harness, and of the server's ToolRunner. */
export const harnessFixturePlugin = definePlugin({
  name: 'harness-fixture',
  version: '1.0.0',
  description: 'Exercises the harness.',
  tools: { echo: echoTool },
  run: (_tool, args, context) => {
    if (args.mode === 'sync') return { url: args.url };
    return echo(args, context) as Promise<{ url: string }>;
  },
});
