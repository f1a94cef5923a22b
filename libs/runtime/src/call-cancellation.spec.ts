import { CallCancellation } from './call-cancellation';

describe(CallCancellation.name, () => {
  it('is not aborted until abort is called', () => {
    const cancellation = new CallCancellation();

    expect(cancellation.aborted).toBe(false);
    cancellation.abort();
    expect(cancellation.aborted).toBe(true);
  });

  it('calls every listener once, however often it is aborted', () => {
    const cancellation = new CallCancellation();
    const calls: string[] = [];
    cancellation.addEventListener('abort', () => calls.push('first'));
    cancellation.addEventListener('abort', () => calls.push('second'));

    cancellation.abort();
    cancellation.abort();

    expect(calls).toEqual(['first', 'second']);
  });

  it('does not call a listener that was removed', () => {
    const cancellation = new CallCancellation();
    const calls: string[] = [];
    const removed = (): number => calls.push('removed');
    cancellation.addEventListener('abort', removed);
    cancellation.addEventListener('abort', () => calls.push('kept'));

    cancellation.removeEventListener('abort', removed);
    cancellation.abort();

    expect(calls).toEqual(['kept']);
  });

  it('does not call a listener added after it was aborted, as an AbortSignal would not', () => {
    const cancellation = new CallCancellation();
    const signal = AbortSignal.abort();
    const calls: string[] = [];
    cancellation.abort();

    cancellation.addEventListener('abort', () => calls.push('cancellation'));
    signal.addEventListener('abort', () => calls.push('signal'));
    cancellation.abort();

    expect(calls).toEqual([]);
  });

  it('ignores the removal of a listener it never had', () => {
    const cancellation = new CallCancellation();
    const calls: string[] = [];
    cancellation.addEventListener('abort', () => calls.push('kept'));

    cancellation.removeEventListener('abort', () => calls.push('never added'));
    cancellation.abort();

    expect(calls).toEqual(['kept']);
  });
});
