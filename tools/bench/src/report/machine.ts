import { arch, cpus, loadavg, release, totalmem, type } from 'node:os';

/** The machine a run measured on. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly node: string;
  readonly os: string;
  readonly memoryGb: number;
  /** 1-minute load average when the run started. */
  readonly loadAtStart: number;
}

/** Describes this machine now. */
export function describeMachine(): MachineInfo {
  const cores = cpus();
  return {
    cpuModel: cores[0]?.model.trim() ?? 'unknown CPU',
    cores: cores.length,
    node: process.version,
    os: `${type()} ${release()} ${arch()}`,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    loadAtStart: loadavg()[0],
  };
}

/** The 1-minute load average now. */
export function currentLoad(): number {
  return loadavg()[0];
}
