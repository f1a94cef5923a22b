import { isRedacted, MAX_PUBLIC_TEXT_LENGTH, redactDetails, redactInternals, redactPaths, redactSecrets } from './redact-internals';

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
  ])('redacts %s', (_, text, redacted) => {
    expect(redactInternals(text)).toBe(redacted);
  });

  it.each([
    ['a URL', 'GET https://api.example.com/v1/items failed'],
    ['a relative path', 'see ./docs/usage.md'],
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

  it('stays fast on a long run of word characters', () => {
    const started = performance.now();
    redactInternals(`token${'a'.repeat(MAX_PUBLIC_TEXT_LENGTH)}`.repeat(5));

    expect(performance.now() - started).toBeLessThan(500);
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

  it('cuts long arrays', () => {
    expect((redactDetails({ list: Array.from({ length: 1000 }, () => 0) }).list as unknown[]).length).toBe(100);
  });
});
