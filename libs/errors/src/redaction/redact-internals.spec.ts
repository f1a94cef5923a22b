import { dropStackFrames, isRedacted, MAX_PUBLIC_TEXT_LENGTH, redactDetails, redactInternals, redactPaths, redactSecrets } from './redact-internals';

describe(redactInternals.name, () => {
  it('replaces an absolute POSIX path, keeping the line after it', () => {
    expect(redactInternals('boom at /srv/secret/internal/path.js:12')).toBe('boom at <path>:12');
  });

  it.each([
    ['a stack frame', 'at run (/srv/app/node_modules/x/index.js:3:9)', 'at run (<path>:3:9)'],
    ['a file URL', 'failed to import file:///srv/secret/mod.mjs', 'failed to import <path>'],
    ['a Windows path', 'cannot open C:\\Users\\alice\\secret.txt', 'cannot open <path>'],
    ['a UNC path', 'cannot open \\\\fileserver\\share\\plan.docx', 'cannot open <path>'],
    ['a quoted path', "Cannot find module '/srv/plugins/missing.js'", "Cannot find module '<path>'"],
    ['a directory', 'no access to /home/alice/keys', 'no access to <path>'],
    ['a single-segment file', 'wrote /dump.bin', 'wrote <path>'],
    ['a path after "="', 'config=/etc/acme/conf.yaml', 'config=<path>'],
    ['a path after "@"', 'loaded@/srv/secret/x.js', 'loaded@<path>'],
    ['a path after ">"', 'x>/srv/secret/x.js', 'x><path>'],
    ['a path after "|"', 'x|/srv/secret/x.js', 'x|<path>'],
    ['a path after "!"', 'x!/srv/secret/x.js', 'x!<path>'],
    ['a path after "+"', 'x+/srv/secret/x.js', 'x+<path>'],
    ['a JSON-escaped path', String.raw`{"file":"\/srv\/secret\/x.js"}`, '{"file":"<path>"}'],
    ['a JSON-escaped Windows path', String.raw`{"file":"C:\\Users\\alice\\secret.txt"}`, '{"file":"<path>"}'],
    ['a relative path from "../"', 'at ../../node_modules/x/index.js:3', 'at <path>:3'],
    ['a relative path from "./"', 'see ./docs/usage.md', 'see <path>'],
    ['the file-name tail of a path with a space', '/home/john smith/secret/keys.pem', '<path> <path>'],
    ['a relative file name of two segments', 'cannot read secret/keys.pem', 'cannot read <path>'],
    ['a node internal module', 'at (node:internal/modules/cjs/loader:1554:14)', 'at (<path>:1554:14)'],
  ])('redacts %s', (_, text, redacted) => {
    expect(redactInternals(text)).toBe(redacted);
  });

  it.each([
    ['a URL', 'GET https://api.example.com/v1/items failed'],
    ['a URL with a file name', 'GET https://cdn.example.com/assets/app.js failed'],
    ['a JSON Schema ref', 'no schema at #/definitions/item'],
    ['a media type', 'expected image/png or application/vnd.api+json'],
    ['a ratio of decimals', 'read 1.5/2.5 MB'],
    ['a single segment without extension', 'POST /v1 answered 500'],
    ['a ratio', 'read 3/4 of the input'],
    ['plain text', 'the image is too dark to read'],
  ])('leaves %s alone', (_, text) => {
    expect(redactInternals(text)).toBe(text);
  });

  it.each([
    ['token=SECRET123', 'token=<redacted>'],
    ['access_token=abc.def&x=1', 'access_token=<redacted>&x=1'],
    ['password: hunter2', 'password: <redacted>'],
    ['{"password":"hunter2"}', '{"password":"<redacted>"}'],
    ['secret=s3cr3t', 'secret=<redacted>'],
    ['client_secret=xyz', 'client_secret=<redacted>'],
    ['api_key=K-123', 'api_key=<redacted>'],
    ['X-API-Key: abcdef0123', 'X-API-Key: <redacted>'],
    ['Authorization: Bearer eyJhbGciOi.x.y', 'Authorization: <redacted>'],
    ['sent Bearer eyJhbGciOi.x.y upstream', 'sent Bearer <redacted> upstream'],
    ['redis://admin:pa55@cache:6379/0', 'redis://admin:<redacted>@cache:6379/0'],
  ])('redacts the secret in %s', (text, redacted) => {
    expect(redactInternals(text)).toBe(redacted);
  });

  it('redacts a path and a secret in one message', () => {
    expect(redactInternals('boom at /srv/secret/internal/path.js:12 token=SECRET123')).toBe('boom at <path>:12 token=<redacted>');
  });

  it('changes nothing more when applied twice', () => {
    const once = redactInternals('boom at /srv/secret/x.js:1 token=abc Bearer xyz');

    expect(redactInternals(once)).toBe(once);
  });

  it('cuts a long text and says where the rest is', () => {
    const redacted = redactInternals('x'.repeat(MAX_PUBLIC_TEXT_LENGTH * 10));

    expect(redacted.length).toBeLessThan(MAX_PUBLIC_TEXT_LENGTH + 100);
    expect(redacted).toMatch(/the full text is in the server log\)$/);
  });

  it('drops the stack frames of a message that embeds a stack', () => {
    const stack = 'Error: x\n    at Object.<anonymous> (/srv/secret/x.js:1:1)\n    at Module._compile (node:internal/modules/cjs/loader:1554:14)';

    expect(redactInternals(`failed: ${stack}`)).toBe('failed: Error: x');
  });

  it('redacts the paths and secrets of a 1 MB adversarial text in bounded time', () => {
    const attacks = [
      'a@'.repeat(500_000),
      'x/'.repeat(500_000),
      '/a@'.repeat(350_000),
      ' @a/'.repeat(250_000),
      ' a/a.a+'.repeat(150_000),
      ' C:\\'.repeat(250_000),
      '\\/a'.repeat(350_000),
      ' ./'.repeat(350_000),
      '\\n at '.repeat(150_000),
      '\n at \\'.repeat(150_000),
      '.a'.repeat(500_000),
      'token'.repeat(200_000),
    ];
    for (const attack of attacks) {
      const started = performance.now();
      redactInternals(attack);
      redactPaths(attack);
      redactSecrets(attack);

      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  it('stays fast on a long run of word characters', () => {
    const started = performance.now();
    redactInternals(`token${'a'.repeat(MAX_PUBLIC_TEXT_LENGTH)}`.repeat(5));

    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe(dropStackFrames.name, () => {
  it('keeps the message lines and drops every frame line', () => {
    expect(dropStackFrames('Error: x\nsecond line\n    at run (probe.plugin.js:12:13)\r\n    at async Promise.all (index 0)')).toBe('Error: x\nsecond line');
  });

  it('drops JSON-escaped frames up to the end of their string', () => {
    const text = JSON.stringify({ stack: 'Error: x\n    at run (probe.plugin.js:12:13)\n    at C:\\node\\x.js:1:1', n: 1 });

    expect(dropStackFrames(text)).toBe('{"stack":"Error: x","n":1}');
  });

  it('leaves a message without frames alone', () => {
    expect(dropStackFrames('line one\nattention: line two')).toBe('line one\nattention: line two');
  });
});

describe(redactSecrets.name, () => {
  it('keeps paths, for operators', () => {
    expect(redactSecrets('cannot read /srv/x.json: token=abc')).toBe('cannot read /srv/x.json: token=<redacted>');
  });
});

describe(redactPaths.name, () => {
  it('keeps secrets untouched', () => {
    expect(redactPaths('token=abc at /srv/a/b.js')).toBe('token=abc at <path>');
  });
});

describe(isRedacted.name, () => {
  it('tells redacted text from untouched text', () => {
    expect(isRedacted(redactInternals('at /srv/a/b.js'))).toBe(true);
    expect(isRedacted(redactInternals('plain'))).toBe(false);
  });
});

describe(redactDetails.name, () => {
  it('redacts every string, however nested', () => {
    expect(redactDetails({ file: '/srv/a/b.js', nested: { list: ['token=x', 3] }, n: 1 })).toEqual({
      file: '<path>',
      nested: { list: ['token=<redacted>', 3] },
      n: 1,
    });
  });

  it('redacts keys as well as values', () => {
    expect(redactDetails({ '/srv/secret/x.js': 1, nested: { 'token=abc': 'ok' } })).toEqual({ '<path>': 1, nested: { 'token=<redacted>': 'ok' } });
  });

  it('keeps a "__proto__" key a plain key', () => {
    const redacted = redactDetails(JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>);

    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
    expect(Object.keys(redacted)).toEqual(['__proto__']);
  });

  it('cuts long arrays', () => {
    expect((redactDetails({ list: Array.from({ length: 1000 }, () => 0) }).list as unknown[]).length).toBe(100);
  });
});
