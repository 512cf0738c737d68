import { startAllowListProxy, splitHost, type AllowListProxy } from "../sandbox/allow-proxy.js";
import type { Sandbox, SandboxLaunch } from "../sandbox/types.js";
import type { CompiledCommandOptions } from "./command-options.js";

/** The variables through which a coding CLI is pointed at its model API. */
const BASE_URLS = ["ANTHROPIC_BASE_URL", "OPENAI_BASE_URL"] as const;

/**
 * What a sandboxed command may reach when `command.network` is not set: the hosts of the model
 * endpoints its environment names (`command.env` first, then the process's) and the preset's
 * API host. Nothing else: a CLI needs its model, not the internet.
 */
export function defaultHosts(options: CompiledCommandOptions, env: NodeJS.ProcessEnv): string[] {
  const hosts = new Set(options.apiHosts);
  for (const name of BASE_URLS) {
    const value = options.env[name] ?? env[name];
    const host = value ? urlHost(value) : undefined;
    if (host) hosts.add(host);
  }
  return [...hosts];
}

function urlHost(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    return `${url.hostname}:${url.port || (url.protocol === "https:" ? "443" : "80")}`;
  } catch {
    return undefined;
  }
}

/** A host the command reaches on its own address inside the sandbox: its loopback is the sandbox's own. */
function isLoopback(address: string): boolean {
  const host = splitHost(address)?.host;
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host ?? "");
}

export interface NetworkedLaunch {
  launch: SandboxLaunch;
  /** Ends the proxy, once the command has ended. */
  close(): Promise<void>;
}

/**
 * Launches the command in `sandbox` with only `hosts` reachable: bubblewrap without the network,
 * and a relay inside (relay-script.ts) to the host's allow-list proxy. A sandbox that has the
 * network anyway (`mode: none`) is launched as is.
 */
export async function launchWithHosts(sandbox: Sandbox, request: Parameters<Sandbox["launch"]>[0], hosts: readonly string[]): Promise<NetworkedLaunch> {
  if (sandbox.network || sandbox.mode !== "bwrap" || hosts.length === 0) return { launch: sandbox.launch(request), close: async () => {} };
  const proxy: AllowListProxy = await startAllowListProxy(hosts);
  const launch = sandbox.launch({ ...request, readable: [...(request.readable ?? []), proxy.dir, process.execPath] });
  const direct = hosts.filter(isLoopback);
  return {
    launch: { ...launch, launcher: [...launch.launcher, process.execPath, proxy.relay, proxy.socket, ...direct, "--"] },
    close: () => proxy.close(),
  };
}
