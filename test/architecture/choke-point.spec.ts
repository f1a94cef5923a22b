import { productionSources } from './source-files';

const RUNNER_FILE = 'libs/runtime/src/tool-runner.service.ts';
/** The worker-thread side of the ToolRunner's `worker` tier. */
const WORKER_ENTRY = 'libs/runtime/src/worker/tool-worker.ts';

/** Ways to reach a `run` member: calls, optional calls, element access, destructuring, call/apply/bind. */
const RUN_ACCESS = [
  /(\w+)\s*\??\.\s*run\s*\(/g,
  /\[\s*['"`]run['"`]\s*\]/g,
  /\.run\s*\.\s*(call|apply|bind)\b/g,
  /\{\s*(?:[\w\s,]*,\s*)?run\s*(?:,[\w\s,]*)?\}\s*=/g,
  /=\s*\w+\s*\??\.\s*run\b(?!\s*\()/g,
];

/** A receiver allowed to have a `run` method called: the ToolRunner itself. */
const RUNNER_RECEIVER = /^(runner|toolRunner)$/;
/** Prepared SQLite statements (better-sqlite3's `Statement.run`), held in a `statements` object. */
const PREPARED_STATEMENT = /statements\.$/;

describe('the execution choke point', () => {
  const sources = productionSources('apps', 'libs');

  it('reaches a run member only through the ToolRunner outside libs/runtime', () => {
    const offences = sources
      .filter((file) => !file.path.startsWith('libs/runtime/'))
      .flatMap((file) =>
        RUN_ACCESS.flatMap((pattern) =>
          [...file.text.matchAll(pattern)]
            .filter((match) => !(match[1] !== undefined && RUNNER_RECEIVER.test(match[1])))
            .filter((match) => !PREPARED_STATEMENT.test(file.text.slice(0, match.index)))
            .map((match) => `${file.path}: ${match[0]}`),
        ),
      );

    expect(offences).toEqual([]);
  });

  it('calls plugin.run exactly twice in the codebase: in the ToolRunner (inline) and in its worker entry', () => {
    const calls = sources.flatMap((file) => [...file.text.matchAll(/\bplugin\s*\??\.\s*run\s*\(/g)].map(() => file.path));

    expect(calls.sort()).toEqual([RUNNER_FILE, WORKER_ENTRY]);
  });

  it('records metrics in a finally block of the ToolRunner', () => {
    const runner = sources.find((file) => file.path === RUNNER_FILE)?.text ?? '';

    expect(runner).toMatch(/finally\s*\{[^}]*this\.registry\.updateExecutionMetrics\(/);
  });
});
