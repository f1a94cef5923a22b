/** Who is asking: the API key's id, and whether it may see every job. */
export interface Caller {
  readonly id: string;
  readonly isAdmin: boolean;
}
