#!/usr/bin/env bash
# Runs the official MCP conformance suite (server mode) against a ForgeSyte API with fixture plugins, on a free
# loopback port; fails on any scenario that is not listed, with its reason, in expected-failures.yml.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=tools/mcp-conformance
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
key="conformance-$(node -e "console.log(require('crypto').randomBytes(12).toString('hex'))")"
out=$(mktemp -d)
PORT=$port HOST=127.0.0.1 FORGESYTE_ADMIN_KEY=$key FORGESYTE_JOB_STORE=memory FORGESYTE_LOG_LEVEL=warn \
  FORGESYTE_PLUGINS=./test/fixtures/plugins/echo.plugin.js,./test/fixtures/plugins/slow-progress.plugin.js,./test/fixtures/plugins/throws.plugin.js \
  node -r ts-node/register/transpile-only -r tsconfig-paths/register apps/api/src/main.ts >"$out/api.log" 2>&1 &
api=$!
trap 'kill "$api" 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/v1/health" >/dev/null && break; sleep 1; done
FORGESYTE_CONFORMANCE_KEY=$key node --import "./$here/node20-shim.mjs" node_modules/@modelcontextprotocol/conformance/dist/index.js \
  server --url "http://127.0.0.1:$port/mcp" --expected-failures "$here/expected-failures.yml" -o "$out/results"
