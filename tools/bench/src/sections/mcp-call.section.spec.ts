import { mcpCallFigures } from './mcp-call.section';

const round = (requestsPerSecond: number) => ({ requestsPerSecond, p50Ms: 1, p99Ms: 2, cpuUsPerRequest: 100 });

describe(mcpCallFigures.name, () => {
  it("divides POST's req/s by MCP's round by round, so that a round the machine slowed counts once", () => {
    const figures = mcpCallFigures({ post: [round(1200), round(600), round(1300)], mcp: [round(1000), round(600), round(1000)] }, 0);

    expect(figures.postOverMcp).toEqual({ median: 1.2, lowest: 1, highest: 1.3 });
    expect(figures.targets.post.requestsPerSecond).toBe(1200);
    expect(figures.failed).toBe(0);
  });
});
