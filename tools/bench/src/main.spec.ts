import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT } from './bench-config';
import { benchSource, TS_NODE_FLAGS } from './process/node-command';
import { TABLE_HEADER } from './report/render-report';

const run = promisify(execFile);

/** Rows of the results table per section: every figure of the issue, and nothing silently missing. */
const ROWS_PER_SECTION = { 'HTTP sync': 39, MCP: 8, 'job events': 6, ToolRunner: 8, 'request validation': 1, 'worker tier': 13, 'async jobs': 17, memory: 6 };

interface TableRow {
  readonly section: string;
  readonly figure: string;
  readonly value: string;
}

function tableRows(output: string): TableRow[] {
  const lines = output.split('\n');
  const start = lines.indexOf(TABLE_HEADER);
  return lines
    .slice(start + 2)
    .filter((line) => line.startsWith('| '))
    .map((line) => {
      const [section, figure, value] = line.split('|').slice(1).map((cell) => cell.trim());
      return { section, figure, value };
    });
}

// Smoke test only: runs the real bench with the quick plan and 1 s HTTP rounds, and checks its shape.
// The numbers of such a short run mean nothing; `npm run bench` is the measurement. The time limit is
// generous: three bench children boot the app on a shared 2-core machine.
describe('npm run bench -- --quick (smoke)', () => {
  let output: string;

  beforeAll(async () => {
    const { stdout } = await run(process.execPath, [...TS_NODE_FLAGS, benchSource('main.ts'), '--quick', '--round-seconds', '1'], {
      cwd: REPO_ROOT,
      maxBuffer: 16 * 1024 * 1024,
      timeout: 240_000,
    });
    output = stdout;
  }, 250_000);

  it('prints the machine it measured on', () => {
    expect(output).toMatch(/Machine: .+, \d+ cores, .+; Node v\d+\.\d+\.\d+/);
  });

  it('prints every row of every section', () => {
    const counts: Record<string, number> = {};
    for (const row of tableRows(output)) counts[row.section] = (counts[row.section] ?? 0) + 1;

    expect(counts).toEqual(ROWS_PER_SECTION);
  });

  it('prints a finite number in every row', () => {
    const notNumeric = tableRows(output).filter((row) => !Number.isFinite(Number(row.value)));

    expect(notNumeric).toEqual([]);
  });

  it.each([
    ['governed SQLite / governed memory'],
    ['governed SQLite / bare Nest'],
    ['governed SQLite / plain Express 5'],
    ['governed memory / bare Nest'],
    ['governed memory with FORGESYTE_RATE_LIMIT set (never reached) / governed memory'],
    ['governed memory / bare Nest, drop with 10,000 stored keys, sent a stored `fsk_` key'],
    ['governed SQLite / raw node:http'],
    ['bare Nest with pino request logging / bare Nest'],
    ['overhead p50 (runner − direct)'],
    ['worker / raw piscina, p50'],
    ['AnalysisExecutionService, memory store: 100 keys / one key'],
    ['ForgeSyte, SQLite store: 100 keys / one key'],
    ['ForgeSyte, Redis, 2 apps/worker: 100 keys / one key'],
    ['heap growth'],
    ['RSS growth'],
  ])(
    'prints the figure %s',
    (figure) => {
      expect(tableRows(output).map((row) => row.figure)).toContain(figure);
    },
  );
});
