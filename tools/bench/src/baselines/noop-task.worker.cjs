'use strict';
// BENCHMARK-ONLY: the task of the raw piscina baseline (raw-piscina-pool.ts). A plain function that
// returns the no-op tool's result; no plugin, no ToolContext, no MessagePort, no abort.
const { result } = require('../plugins/bench-noop.contract.json');

module.exports = function noopTask() {
  return result;
};
