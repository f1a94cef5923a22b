/** One Server-Sent Event: its `event` name (`message` when unnamed), `id` (undefined when it has none) and `data`. */
export interface ServerSentEvent {
  readonly event: string;
  readonly id: string | undefined;
  readonly data: string;
}

/**
 * Reads the events of a `text/event-stream` body, as the HTML specification's parser does: fields
 * `event`, `data` (lines joined with `\n`) and `id`, comment lines (`: keep-alive`) skipped, an event
 * dispatched at each blank line, CR, LF and CRLF line ends alike. Ends when the body ends.
 */
export async function* serverSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let id: string | undefined;
  let data: string[] = [];
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      // A CR at the very end may be half of a CRLF: it waits for the next chunk.
      const held = !done && buffer.endsWith('\r') ? '\r' : '';
      const lines = (held === '' ? buffer : buffer.slice(0, -1)).split(/\r\n|\r|\n/);
      // The last piece is a line still being received.
      buffer = done ? '' : (lines.pop() ?? '') + held;
      for (const line of lines) {
        if (line === '') {
          if (data.length > 0) yield { event: event === '' ? 'message' : event, id, data: data.join('\n') };
          event = '';
          data = [];
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const text = colon === -1 ? '' : line.slice(colon + (line[colon + 1] === ' ' ? 2 : 1));
        if (field === 'event') event = text;
        else if (field === 'data') data.push(text);
        else if (field === 'id' && !text.includes('\u0000')) id = text;
      }
      if (done) return;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
