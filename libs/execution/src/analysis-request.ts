/** An execution request as the API hands it over: which plugin and tool, with what arguments. */
export interface AnalysisRequest {
  readonly plugin: string;
  readonly tool?: string;
  readonly args: Readonly<Record<string, unknown>>;
}
