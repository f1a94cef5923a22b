'use strict';
// Preloaded with `node -r` by ocr.offline.spec.ts. Node runs `-r` preloads in the main thread AND in
// every worker thread, so this covers tesseract.js's worker threads too (a patch made from the main
// thread would not: each thread has its own globals and module instances). Every way to reach the
// network fails, and is reported on stderr as "BLOCKED"; "armed" lines show which threads were covered.
const { isMainThread, threadId } = require('node:worker_threads');

const where = isMainThread ? 'main thread' : `worker thread ${threadId}`;

function report(api, target) {
  process.stderr.write(`[block-network] BLOCKED ${api} ${String(target)} in the ${where}\n`);
  return new Error(`network access is blocked in this test (${api} ${String(target)})`);
}

function blocked(api) {
  return function blockedNetworkCall(target) {
    throw report(api, typeof target === 'object' && target !== null ? JSON.stringify(target) : target);
  };
}

const net = require('node:net');
net.connect = blocked('net.connect');
net.createConnection = blocked('net.createConnection');
net.Socket.prototype.connect = blocked('net.Socket#connect');
require('node:tls').connect = blocked('tls.connect');
require('node:http2').connect = blocked('http2.connect');
for (const name of ['node:http', 'node:https']) {
  const client = require(name);
  client.request = blocked(`${name}.request`);
  client.get = blocked(`${name}.get`);
}
const dns = require('node:dns');
for (const api of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
  dns[api] = blocked(`dns.${api}`);
  dns.promises[api] = blocked(`dns.promises.${api}`);
}
globalThis.fetch = async function blockedFetch(input) {
  throw report('fetch', typeof input === 'string' ? input : (input && input.url) || input);
};

process.stderr.write(`[block-network] armed in the ${where}\n`);
