import { CallCancellation } from '@forgesyte/runtime';
import type { Response } from 'express';

/**
 * Aborts when the client goes away before its response is sent: the signal a sync call runs under, so
 * that a caller who hangs up frees its slot instead of holding it for the tool's whole deadline. One
 * `close` listener per request; `close` also fires after a response is sent, which is not a disconnect.
 */
export class ClientDisconnect extends CallCancellation {
  constructor(response: Response) {
    super();
    // The socket may have closed before the handler ran: its `close` event is already past.
    if (response.socket?.destroyed === true) {
      this.abort();
      return;
    }
    response.on('close', () => {
      if (!response.writableFinished) this.abort();
    });
  }
}
