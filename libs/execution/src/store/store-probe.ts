/**
 * What a durable store's probe found: it takes writes now, or why not. `problem` is for the server log
 * (it may name a file or a server), never for a response.
 */
export type StoreProbe = { readonly ok: true } | { readonly ok: false; readonly problem: string };

/** The probe that found nothing wrong. */
export const STORE_TAKES_WRITES: StoreProbe = Object.freeze({ ok: true });
