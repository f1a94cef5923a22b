'use strict';
// Lets `require` load the TypeScript sources of this repo's tool packages (tools/eslint-plugin,
// tools/schematics), and of libs/ in the worker threads of a server run from source
// (libs/runtime/src/worker/ts-source-worker.cjs). ESLint, editors and the schematics engine load
// plugins and factories with plain `require`, and these packages are consumed from source, never
// built: a file under a registered folder is compiled in memory (ts.transpileModule, with the
// TypeScript the repo already has), so they work right after `npm install`, with no build step and no
// stale output. Every other .ts file is left to whoever handled it before (ts-node, ts-jest). The root `tsc --noEmit` type-checks these sources.
const { readFileSync } = require('node:fs');
const { resolve, sep } = require('node:path');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  resolveJsonModule: true,
  inlineSourceMap: true,
};

/** Makes `require` compile every .ts file under `folder` (an absolute path) in memory. Idempotent. */
function compileTypeScriptUnder(folder) {
  const hook = installedHook();
  hook.folders.add(resolve(folder) + sep);
}

// One hook per process, even when a module registry (jest's) evaluates this file again.
function installedHook() {
  const current = require.extensions['.ts'];
  if (current?.folders instanceof Set) return current;
  const hook = function compileToolSource(module, filename) {
    for (const folder of hook.folders) {
      if (!filename.startsWith(folder)) continue;
      const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
      return module._compile(outputText, filename);
    }
    return (hook.previous ?? require.extensions['.js'])(module, filename);
  };
  hook.folders = new Set();
  hook.previous = current;
  require.extensions['.ts'] = hook;
  return hook;
}

module.exports = { compileTypeScriptUnder };
