import { RequestInvalidError } from '@forgesyte/errors';
import { CreateKeyBodyPipe, UpdateKeyBodyPipe } from './key-body.pipe';

/** The violation paths of the REQUEST_INVALID `run` throws. */
function violationPaths(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RequestInvalidError);
    return ((error as RequestInvalidError).details.violations as Array<{ path: string }>).map((violation) => violation.path);
  }
  throw new Error('the body was accepted');
}

describe(CreateKeyBodyPipe.name, () => {
  const pipe = new CreateKeyBodyPipe();

  it('turns a full body into the service input, in camelCase', () => {
    expect(
      pipe.transform({
        name: 'ci',
        scopes: ['analyze', 'jobs:read'],
        plugins: ['ocr'],
        tools: ['ocr.extract_text'],
        limits: { rate_per_minute: 600, max_queued: 10 },
        expires_at: '2099-01-01T00:00:00Z',
      }),
    ).toEqual({
      name: 'ci',
      scopes: ['analyze', 'jobs:read'],
      plugins: ['ocr'],
      tools: ['ocr.extract_text'],
      limits: { ratePerMinute: 600, maxQueued: 10 },
      expiresAt: '2099-01-01T00:00:00Z',
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown scope', { name: 'x', scopes: ['superuser'] }, '/scopes'],
    ['a scope twice', { name: 'x', scopes: ['analyze', 'analyze'] }, '/scopes'],
    ['scopes that are not a list', { name: 'x', scopes: 'analyze' }, '/scopes'],
    ['an empty plugins list', { name: 'x', scopes: ['analyze'], plugins: [] }, '/plugins'],
    ['a plugin name that cannot exist', { name: 'x', scopes: ['analyze'], plugins: ['Not A Plugin'] }, '/plugins'],
    ['a null plugins list', { name: 'x', scopes: ['analyze'], plugins: null }, '/plugins'],
    ['a 10 kB name', { name: 'n'.repeat(10_240), scopes: ['analyze'] }, '/name'],
    ['an empty name', { name: '', scopes: ['analyze'] }, '/name'],
    ['a name with a right-to-left override', { name: 'ci\u202Etxt.exe', scopes: ['analyze'] }, '/name'],
    ['a name of 101 emoji', { name: '😀'.repeat(101), scopes: ['analyze'] }, '/name'],
    ['a tool entry the keys lib refuses', { name: 'x', scopes: ['analyze'], tools: ['echo.ä'] }, '/tools'],
    ['a limit of zero', { name: 'x', scopes: ['analyze'], limits: { rate_per_minute: 0 } }, '/limits'],
    ['a fractional limit', { name: 'x', scopes: ['analyze'], limits: { max_queued: 1.5 } }, '/limits'],
    ['empty limits', { name: 'x', scopes: ['analyze'], limits: {} }, '/limits'],
    ['an expiry without a time zone', { name: 'x', scopes: ['analyze'], expires_at: '2099-01-01' }, '/expires_at'],
  ])('refuses %s, naming the field', (_, body, path) => {
    expect(violationPaths(() => pipe.transform(body))).toContain(path);
  });

  it('accepts a name of 100 emoji, as the keys lib counts it', () => {
    expect(pipe.transform({ name: '😀'.repeat(100), scopes: ['analyze'] }).name).toBe('😀'.repeat(100));
  });

  it('refuses a request without a body', () => {
    expect(() => pipe.transform(undefined)).toThrow(/no JSON body/);
  });
});

describe(UpdateKeyBodyPipe.name, () => {
  const pipe = new UpdateKeyBodyPipe();

  it('passes null through to clear an allow-list, the limits or the expiry', () => {
    expect(pipe.transform({ plugins: null, tools: null, limits: null, expires_at: null })).toEqual({ plugins: null, tools: null, limits: null, expiresAt: null });
  });

  it('leaves out the fields not sent', () => {
    expect(pipe.transform({ name: 'renamed' })).toEqual({ name: 'renamed' });
  });

  it.each([[{ name: null }, '/name'], [{ scopes: null }, '/scopes'], [{ plugins: [] }, '/plugins']])('refuses %j', (body, path) => {
    expect(violationPaths(() => pipe.transform(body))).toContain(path);
  });

  it('refuses a body that changes nothing', () => {
    expect(() => pipe.transform({})).toThrow(/changes nothing/);
  });
});
