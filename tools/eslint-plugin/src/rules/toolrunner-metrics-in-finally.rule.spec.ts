import { toolrunnerMetricsInFinally } from './toolrunner-metrics-in-finally.rule';
import { typedRuleTester } from '../testing/rule-tester';
import { withSdk } from '../testing/typed-code';

const RUNNER = 'libs/runtime/src/tool-runner.service.ts';
const REGISTRY = 'declare const registry: { updateExecutionMetrics(name: string, record: object): void; beginExecution(name: string): void };';

/** A case in the ToolRunner's file: the SDK preamble, the registry double (line 3), then `lines` from line 4. */
function inRunner(...lines: string[]): { code: string; filename: string } {
  return { code: withSdk(REGISTRY, ...lines), filename: RUNNER };
}

typedRuleTester().run('toolrunner-metrics-in-finally', toolrunnerMetricsInFinally, {
  valid: [
    {
      name: 'the worker entry by default: it runs in another thread, and the ToolRunner counts its calls',
      code: withSdk("export function handle() { return plugin.run('t', {}, context); }"),
      filename: 'libs/runtime/src/worker/plugin-worker.ts',
    },
    {
      name: "the ToolRunner's shape: the call in an inner try/catch and try/finally, metrics in the outer finally",
      ...inRunner(
        'async function run(name: string | undefined): Promise<unknown> {',
        "  if (name === undefined) return { ok: false };",
        "  let result: unknown;",
        "  registry.beginExecution('p');",
        '  try {',
        '    try {',
        '      let pending: Promise<unknown>;',
        '      try {',
        "        pending = Promise.resolve(plugin.run('t', {}, context));",
        '      } catch (thrown) {',
        '        pending = Promise.reject(thrown as Error);',
        '      }',
        '      result = await pending;',
        '    } finally {',
        '      result ??= null;',
        '    }',
        '  } catch {',
        '    result = undefined;',
        '  } finally {',
        "    const durationMs = 1;",
        "    registry.updateExecutionMetrics('p', { durationMs });",
        '  }',
        '  return result;',
        '}',
      ),
    },
    {
      name: 'a return inside the try still runs the finally',
      ...inRunner("async function run() { try { return await plugin.run('t', {}, context); } finally { registry.updateExecutionMetrics('p', {}); } }"),
    },
    {
      name: 'the call in the catch clause is covered by the finally',
      ...inRunner("function run() { try { throw new Error('x'); } catch { plugin.run('t', {}, context); } finally { registry.updateExecutionMetrics('p', {}); } }"),
    },
    {
      name: 'an awaited, optionally chained metrics call',
      ...inRunner(
        'declare const maybe: { updateExecutionMetrics(): Promise<void> } | undefined;',
        "async function run() { try { await plugin.run('t', {}, context); } finally { await maybe?.updateExecutionMetrics(); } }",
      ),
    },
    {
      name: 'a configured metrics method',
      ...inRunner(
        'declare function record(): void;',
        "function run() { try { plugin.run('t', {}, context); } finally { record(); } }",
      ),
      options: [{ metricsMethod: 'record' }],
    },
    {
      name: 'a return in the finally after metrics are recorded',
      ...inRunner("function run() { try { plugin.run('t', {}, context); } finally { registry.updateExecutionMetrics('p', {}); return; } }"),
    },
    { name: 'files other than the runner are not checked', code: withSdk("plugin.run('t', {}, context);") },
    { name: 'a runner without plugin calls', ...inRunner("function check() { return 'ok'; }") },
  ],
  invalid: [
    {
      name: 'no try at all',
      ...inRunner("async function run() { return plugin.run('t', {}, context); }"),
      errors: [{ messageId: 'missingFinally', line: 4, column: 31, endColumn: 41 }],
    },
    {
      name: 'a try/catch without finally',
      ...inRunner("function run() { try { plugin.run('t', {}, context); } catch { /* swallowed */ } }"),
      errors: [{ messageId: 'missingFinally', line: 4, column: 24 }],
    },
    {
      name: 'a finally that records nothing',
      ...inRunner("function run() { try { plugin.run('t', {}, context); } finally { console.log('done'); } }"),
      errors: [{ messageId: 'missingFinally', line: 4, column: 24 }],
    },
    {
      name: 'metrics after the try',
      ...inRunner(
        'function run() {',
        "  try { plugin.run('t', {}, context); } catch { /* recorded below */ }",
        "  registry.updateExecutionMetrics('p', {});",
        '}',
      ),
      errors: [{ messageId: 'metricsOutsideFinally', line: 6, column: 3, endColumn: 43 }],
    },
    {
      name: 'metrics inside the try block',
      ...inRunner("function run() { try { plugin.run('t', {}, context); registry.updateExecutionMetrics('p', {}); } finally { /* nothing */ } }"),
      errors: [{ messageId: 'metricsOutsideFinally', line: 4, column: 54 }],
    },
    {
      name: 'metrics in the catch clause only',
      ...inRunner("function run() { try { plugin.run('t', {}, context); } catch { registry.updateExecutionMetrics('p', {}); } }"),
      errors: [{ messageId: 'metricsOutsideFinally', line: 4, column: 64 }],
    },
    {
      name: 'an early return between the call and the metrics',
      ...inRunner(
        'async function run() {',
        "  const result = await plugin.run('t', {}, context);",
        '  if (result === null) return null;',
        "  registry.updateExecutionMetrics('p', {});",
        '  return result;',
        '}',
      ),
      errors: [
        { messageId: 'earlyReturn', line: 6, column: 24, endColumn: 36 },
        { messageId: 'metricsOutsideFinally', line: 7, column: 3 },
      ],
    },
    {
      name: 'a return in the finally before the metrics',
      ...inRunner(
        'function run(cancelled: boolean) {',
        "  try { plugin.run('t', {}, context); } finally {",
        '    if (cancelled) return;',
        "    registry.updateExecutionMetrics('p', {});",
        '  }',
        '}',
      ),
      errors: [{ messageId: 'earlyReturn', line: 6, column: 20, endColumn: 27 }],
    },
    {
      name: 'metrics under a condition in the finally',
      ...inRunner("function run(ok: boolean) { try { plugin.run('t', {}, context); } finally { if (ok) registry.updateExecutionMetrics('p', {}); } }"),
      errors: [{ messageId: 'metricsConditional', line: 4, column: 85 }],
    },
    {
      name: 'a finally around the preparation, not the call',
      ...inRunner(
        'function run() {',
        "  try { registry.beginExecution('p'); } finally { registry.updateExecutionMetrics('p', {}); }",
        "  return plugin.run('t', {}, context);",
        '}',
      ),
      errors: [{ messageId: 'metricsOutsideFinally', line: 5, column: 51 }],
    },
    {
      name: 'a call in a callback runs after the finally',
      ...inRunner("function run() { try { queueMicrotask(() => void plugin.run('t', {}, context)); } finally { registry.updateExecutionMetrics('p', {}); } }"),
      errors: [{ messageId: 'missingFinally', line: 4, column: 50 }],
    },
    {
      name: 'the default method name when another is configured',
      ...inRunner("function run() { try { plugin.run('t', {}, context); } finally { registry.updateExecutionMetrics('p', {}); } }"),
      options: [{ metricsMethod: 'recordExecution' }],
      errors: [{ messageId: 'missingFinally', line: 4, column: 24 }],
    },
    {
      name: 'a worker entry, once its files are configured',
      code: withSdk("export function handle() { return plugin.run('t', {}, context); }"),
      filename: 'libs/runtime/src/worker/plugin-worker.ts',
      options: [{ allow: ['libs/runtime/src/worker/**'] }],
      errors: [{ messageId: 'missingFinally', line: 3, column: 35 }],
    },
  ],
});
