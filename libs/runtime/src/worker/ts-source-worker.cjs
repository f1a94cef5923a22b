'use strict';
// Worker entry used when the server runs from TypeScript sources (jest, `npm run bench`, ts-node):
// worker threads do not inherit the parent's require hooks, so this compiles the repo's .ts files in
// memory and maps the @forgesyte/* aliases before loading the real entry, tool-worker.ts. A built
// server (dist/) uses the compiled tool-worker.js directly and never loads this file.
const { resolve } = require('node:path');
const { loadConfig, register } = require('tsconfig-paths');
const { compileTypeScriptUnder } = require('../../../../tools/compile-on-require.cjs');

const repoRoot = resolve(__dirname, '../../../..');
compileTypeScriptUnder(resolve(repoRoot, 'libs'));
compileTypeScriptUnder(resolve(repoRoot, 'test'));
const config = loadConfig(repoRoot);
if (config.resultType === 'success') register({ baseUrl: config.absoluteBaseUrl, paths: config.paths });

module.exports = require('./tool-worker.ts');
