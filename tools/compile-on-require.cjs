'use strict';
// Lets `require` load the TypeScript sources of this repo's tool packages (tools/eslint-plugin,
// tools/schematics), and of libs/ in the worker threads of a server run from source
// (libs/runtime/src/worker/ts-source-worker.cjs). ESLint, editors and the schematics engine load
// plugins and factories with plain `require`, and these packages are consumed from source, never
// built: a file under a registered folder is compiled with ts.transpileModule (the TypeScript the repo
// already has; output cached under node_modules/.cache by hash of the source), so they work right after
// `npm install`, with no build step and no stale output. Every other .ts file is left to whoever
// handled it before (ts-node, ts-jest). The root `tsc --noEmit` type-checks these sources.
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join, resolve, sep } = require('node:path');

// TypeScript is loaded on the first cache miss only: a worker thread whose files were all compiled
// before starts in milliseconds instead of loading the compiler.
let typescript;
const ts = () => (typescript ??= require('typescript'));

const compilerOptions = () => ({
  module: ts().ModuleKind.CommonJS,
  target: ts().ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  resolveJsonModule: true,
  inlineSourceMap: true,
});

/** Compiled output by hash of the source, shared by processes and threads (and safe across them). */
const CACHE_DIR = resolve(__dirname, '..', 'node_modules', '.cache', 'forgesyte-compile-on-require');
const CACHE_VERSION = '1';

function compile(source, filename) {
  const key = createHash('sha256').update(CACHE_VERSION).update(filename).update('\0').update(source).digest('hex');
  const cached = join(CACHE_DIR, `${key}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    const { outputText } = ts().transpileModule(source, { compilerOptions: compilerOptions(), fileName: filename });
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      const partial = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      writeFileSync(partial, outputText);
      renameSync(partial, cached);
    } catch {
      // A read-only checkout still works, uncached.
    }
    return outputText;
  }
}

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
      return module._compile(compile(readFileSync(filename, 'utf8'), filename), filename);
    }
    return (hook.previous ?? require.extensions['.js'])(module, filename);
  };
  hook.folders = new Set();
  hook.previous = current;
  require.extensions['.ts'] = hook;
  return hook;
}

module.exports = { compileTypeScriptUnder };
