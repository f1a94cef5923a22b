import type { BenchPlan } from '../bench-plan';
import { isAnalyzeSuccess } from '../load/answer-checks';
import { ANALYZE_BODY, analyzeTarget } from '../load/http-target';
import { closeMcpSession, mcpToolCallTarget, openMcpSession } from '../load/mcp-session';
import { type CountedLoadResult, runLoadCounted } from '../load/run-load';
import { figuresOf, ratioOfRounds, type RoundRatio, type RoundResult, settle, type SyncTarget, type TargetFigures } from './http-sync.section';

/** The two ways of calling the no-op tool this section compares, on one governed server. */
export const MCP_CALL_TARGET_NAMES = ['post', 'mcp'] as const;

/** One of {@link MCP_CALL_TARGET_NAMES}. */
export type McpCallTargetName = (typeof MCP_CALL_TARGET_NAMES)[number];

/** Issue 23: a no-op `tools/call` over MCP against a governed `POST /v1/analyze-execution` of the same tool, in the same rounds. */
export interface McpCallFigures {
  /** Each target's medians over rounds. */
  readonly targets: Readonly<Record<McpCallTargetName, TargetFigures>>;
  /** POST's req/s over MCP's, round by round: how many times more a call over MCP costs. */
  readonly postOverMcp: RoundRatio;
  /** Answers that were not a success (non-2xx, an MCP error or `isError` result, connection errors, timeouts), warm-up included. */
  readonly failed: number;
}

/**
 * On one governed server (`server`, at `baseUrl`): opens one MCP session as a client does, then warms
 * both targets up and runs `rounds` rounds in which each is measured once, at the sync section's
 * connections and pause, who goes first alternating. MCP: raw JSON-RPC `tools/call` POSTs to `/mcp`
 * with the session's headers, on autocannon's keep-alive connections like the POST (no SDK client:
 * its own cost per call is not the server's), each with an id of its own; both targets' bodies are
 * parsed and checked for a success. Failed answers are counted, not thrown.
 */
export async function benchMcpCall(
  server: SyncTarget,
  baseUrl: string,
  plan: Pick<BenchPlan, 'http' | 'mcp'>,
  log: (line: string) => void,
): Promise<McpCallFigures> {
  const { connections, settleMs } = plan.http;
  const { warmupSeconds, roundSeconds, rounds } = plan.mcp;
  const sessionId = await openMcpSession(baseUrl);
  try {
    // Both build every request afresh (MCP's ids differ) and check every answer: the load generator does the same work for each.
    const post = analyzeTarget('governed POST, SQLite (beside MCP)', baseUrl);
    const targets: Record<McpCallTargetName, SyncTarget> = {
      post: { ...server, http: { ...post, nextBody: () => ANALYZE_BODY, verifyBody: isAnalyzeSuccess } },
      mcp: { ...server, http: mcpToolCallTarget('MCP tools/call, SQLite', baseUrl, sessionId) },
    };
    let failed = 0;
    const count = (load: CountedLoadResult, label: string): void => {
      if (load.failed > 0) log(`mcp ${label}: ${load.failures}`);
      failed += load.failed;
    };
    for (const name of MCP_CALL_TARGET_NAMES) count(await runLoadCounted(targets[name].http, { connections, seconds: warmupSeconds }), `${name} warm-up`);
    const results: Record<McpCallTargetName, RoundResult[]> = { post: [], mcp: [] };
    for (let round = 0; round < rounds; round += 1) {
      for (let i = 0; i < MCP_CALL_TARGET_NAMES.length; i += 1) {
        const name = MCP_CALL_TARGET_NAMES[(round + i) % MCP_CALL_TARGET_NAMES.length];
        await settle(settleMs);
        const cpuBefore = targets[name].cpuSeconds();
        const load = await runLoadCounted(targets[name].http, { connections, seconds: roundSeconds });
        count(load, `${name} round ${round + 1}`);
        const result = { ...load, cpuUsPerRequest: ((targets[name].cpuSeconds() - cpuBefore) * 1e6) / load.responses };
        results[name].push(result);
        log(`mcp round ${round + 1}/${rounds} ${targets[name].http.label}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50Ms.toFixed(2)} ms, ${result.cpuUsPerRequest.toFixed(0)} µs CPU/request`);
      }
    }
    return mcpCallFigures(results, failed);
  } finally {
    await closeMcpSession(baseUrl, sessionId);
  }
}

/** The section's figures from each target's rounds (the same index is the same round). */
export function mcpCallFigures(rounds: Readonly<Record<McpCallTargetName, readonly RoundResult[]>>, failed: number): McpCallFigures {
  const perSecond = (name: McpCallTargetName): number[] => rounds[name].map((round) => round.requestsPerSecond);
  return {
    targets: { post: figuresOf(rounds.post), mcp: figuresOf(rounds.mcp) },
    postOverMcp: ratioOfRounds(perSecond('post'), perSecond('mcp')),
    failed,
  };
}
