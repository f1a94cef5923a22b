'use strict';
// Worker threads do not inherit the parent's require hooks: a thread of a server run from TypeScript
// sources (jest, `npm run bench`, ts-node) calls this before loading its real entry, so that `require`
// compiles the repo's .ts files under libs/ and test/ in memory (compile-on-require.cjs) and resolves
// the @forgesyte/* aliases. Used by libs/runtime/src/worker/ts-source-worker.cjs (tool threads) and
// libs/registry/src/loading/ts-source-manifest-worker.cjs (manifest threads); a built server never is.
const { resolve } = require('node:path');
const { loadConfig, register } = require('tsconfig-paths');
const { compileTypeScriptUnder } = require('./compile-on-require.cjs');

function loadRepoSourcesInThisThread() {
  const repoRoot = resolve(__dirname, '..');
  compileTypeScriptUnder(resolve(repoRoot, 'libs'));
  compileTypeScriptUnder(resolve(repoRoot, 'test'));
  const config = loadConfig(repoRoot);
  if (config.resultType === 'success') register({ baseUrl: config.absoluteBaseUrl, paths: config.paths });
}

module.exports = { loadRepoSourcesInThisThread };
