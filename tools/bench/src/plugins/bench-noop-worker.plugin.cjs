'use strict';
// BENCHMARK-ONLY plugin: bench-noop's `detect` tool, same contract and same no-op, with `isolation:
// 'worker'`. Plain CommonJS because a worker thread requires its plugin's module itself, and the threads
// of a server run from sources compile only libs/ and test/ TypeScript (ts-source-worker.cjs).
const { isMainThread } = require('node:worker_threads');
const { inputSchema, outputSchema, result } = require('./bench-noop.contract.json');

module.exports = {
  name: 'bench-noop-worker',
  version: '1.0.0',
  description: 'Benchmark-only: a detector-shaped tool that does nothing, in a worker thread.',
  tools: {
    detect: { description: 'Returns no detections, at once, from a worker thread.', inputSchema, outputSchema, isolation: 'worker' },
  },
  run() {
    // A worker tool of a plugin not loaded from a module runs inline, silently with logging off: the
    // bench must not report the inline tier as the worker tier.
    if (isMainThread) throw new Error('bench-noop-worker ran in the main thread, not in a worker');
    return result;
  },
};
