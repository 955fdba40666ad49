// What the results were measured on.
import { execFileSync } from "node:child_process";
import os from "node:os";
import type { MachineInfo } from "./report";

export function chromiumVersion(executable: string): string {
  try {
    return execFileSync(executable, ["--version"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return "Chromium (version unknown)";
  }
}

export function machineInfo(chromium: string): MachineInfo {
  return {
    cpuModel: os.cpus()[0]?.model ?? "unknown CPU",
    cores: os.cpus().length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    chromium,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    date: new Date().toISOString(),
    loadBefore: os.loadavg(),
  };
}
