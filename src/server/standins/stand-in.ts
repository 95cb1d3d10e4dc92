/** A running local imitation of an upstream, speaking its real wire format. */
export interface RunningStandIn {
  kind: string;
  port: number;
  stop(): Promise<void>;
}

/** Demo and test stand-ins: start one on a port (0 = any free port). */
export interface StandInKind {
  kind: string;
  description: string;
  start(port: number): Promise<RunningStandIn>;
}
