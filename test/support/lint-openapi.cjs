// Lints the OpenAPI document read from stdin with Redocly's `recommended` rules (which include the
// OpenAPI 3.1 structure check) and prints the problems as JSON. A child process: @redocly/openapi-core
// is ESM only, which jest's CommonJS runtime cannot load.
const { readFileSync } = require('node:fs');

async function main() {
  const { createConfig, lintFromString } = await import('@redocly/openapi-core');
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({ source: readFileSync(0, 'utf8'), absoluteRef: 'openapi.json', config });
  const summary = problems.map((problem) => ({
    severity: problem.severity,
    rule: problem.ruleId,
    message: problem.message,
    pointer: problem.location[0] === undefined ? undefined : problem.location[0].pointer,
  }));
  process.stdout.write(JSON.stringify(summary));
}

main().catch((error) => {
  process.stderr.write(String((error && error.stack) || error));
  process.exit(1);
});
