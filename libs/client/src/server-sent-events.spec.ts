import { type ServerSentEvent, serverSentEvents } from './server-sent-events';

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function parse(...chunks: string[]): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of serverSentEvents(streamOf(...chunks))) events.push(event);
  return events;
}

describe(serverSentEvents.name, () => {
  it('reads named events with ids, and skips comment lines', async () => {
    expect(await parse('event: state\nid: a1\ndata: {"x":1}\n\n: keep-alive\n\nevent: progress\nid: a2\ndata: {"x":2}\n\n')).toEqual([
      { event: 'state', id: 'a1', data: '{"x":1}' },
      { event: 'progress', id: 'a2', data: '{"x":2}' },
    ]);
  });

  it('joins data lines, and names an unnamed event message', async () => {
    expect(await parse('data: one\ndata: two\n\n')).toEqual([{ event: 'message', id: undefined, data: 'one\ntwo' }]);
  });

  it('reads events split anywhere across chunks, with CRLF, CR and LF line ends', async () => {
    expect(await parse('event: sta', 'te\r', '\nid: b1\r\ndata: {"y"', ':1}\r\n\r', '\nevent: status\rdata: done\r\r')).toEqual([
      { event: 'state', id: 'b1', data: '{"y":1}' },
      { event: 'status', id: 'b1', data: 'done' },
    ]);
  });

  it('keeps a multi-byte character split between chunks', async () => {
    const bytes = new TextEncoder().encode('data: café\n\n');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 10));
        controller.enqueue(bytes.slice(10));
        controller.close();
      },
    });
    const events: ServerSentEvent[] = [];
    for await (const event of serverSentEvents(stream)) events.push(event);

    expect(events).toEqual([{ event: 'message', id: undefined, data: 'café' }]);
  });

  it('drops an event the stream ended in the middle of', async () => {
    expect(await parse('event: state\ndata: complete\n\nevent: status\ndata: cut')).toEqual([{ event: 'state', id: undefined, data: 'complete' }]);
  });
});
