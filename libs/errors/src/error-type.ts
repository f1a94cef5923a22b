/** The family of an error, as the envelope's `type` field names it. */
export type ErrorType =
  | 'ValidationError'
  | 'PluginError'
  | 'ExecutionError'
  | 'AuthError'
  | 'NotFoundError'
  | 'ConflictError'
  | 'RateLimitError'
  | 'InternalError';
