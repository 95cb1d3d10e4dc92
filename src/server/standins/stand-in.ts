import type { Server as HttpServer } from 'node:http';
import type { AddressInfo, Server } from 'node:net';

/** A running local imitation of an upstream, speaking its real wire format. */
export interface RunningStandIn {
  kind: string;
  port: number;
  stop(): Promise<void>;
}

/** What a stand-in that talks to Radiator itself (a deploy tool pushing events) is given. */
export interface StandInContext {
  /** The environment, with any `madeUpEnv` variable set. */
  env: Readonly<Record<string, string | undefined>>;
  /** Where Radiator answers (e.g. http://127.0.0.1:8080), null until it listens. */
  radiatorUrl(): string | null;
}

/** Demo and test stand-ins: start one on a port (0 = any free port). */
export interface StandInKind {
  kind: string;
  description: string;
  /**
   * Environment variables it needs that the demo makes up for the run when they are not set (a push
   * token the stand-in sends and a pushed source's `tokensEnv` names), so `npm start` works as it is.
   */
  madeUpEnv?: readonly string[];
  /** `context` is left out by tests that start an upstream alone; a stand-in that pushes then only serves. */
  start(port: number, context?: StandInContext): Promise<RunningStandIn>;
}

/** Listens on 127.0.0.1:`port` (0 = any free port); resolves to the port it got. Stand-ins never listen beyond loopback. */
export async function listenOnLoopback(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/** An HTTP stand-in on loopback; stopping it drops the connections displays and adapters keep open. */
export async function serveHttpOnLoopback(kind: string, server: HttpServer, port: number): Promise<RunningStandIn> {
  const actual = await listenOnLoopback(server, port);
  return {
    kind,
    port: actual,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
