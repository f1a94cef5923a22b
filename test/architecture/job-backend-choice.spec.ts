import { productionSources } from './source-files';

/** The one file that knows which kinds of job store there are. */
const FACTORY = 'libs/execution/src/backend/open-job-backend.ts';
/** The engine's config reads the kind from the environment, and checks what each needs (REDIS_URL): naming kinds is its job. */
const CONFIG = 'libs/engine/src/config/';

/** Ways code asks which store it has: a kind test, a class test on a store, a probe for an optional store method. */
const STORE_QUESTIONS = [
  /\bkind\s*[!=]==/g,
  /[!=]==\s*'(memory|sqlite|redis)'/g,
  /switch\s*\([^)]*\bkind\s*\)/g,
  /\binstanceof\s+\w*(JobStore|JobQueue|JobBackend)\b/g,
  /typeof\s+[\w.?]+\.(prune|close)\s*===?\s*'function'/g,
  /\bas\s+Partial<\w*(JobStore|JobQueue)>/g,
];

describe('the choice of job store', () => {
  it('is made in the backend factory alone: nothing else in the execution lib or the engine asks which store it has', () => {
    const offences = productionSources('libs/execution/src', 'libs/engine/src')
      .filter((file) => file.path !== FACTORY && !file.path.startsWith(CONFIG))
      .flatMap((file) => STORE_QUESTIONS.flatMap((pattern) => [...file.text.matchAll(pattern)].map((match) => `${file.path}: ${match[0]}`)));

    expect(offences).toEqual([]);
  });

  it('is made in the factory, which the test above would otherwise miss', () => {
    const [factory] = productionSources('libs/execution/src/backend').filter((file) => file.path === FACTORY);

    expect(STORE_QUESTIONS.some((pattern) => new RegExp(pattern.source).test(factory.text))).toBe(true);
  });
});
