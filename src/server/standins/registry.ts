import { cctrayStandIn } from './cctray.js';
import { deployToolStandIn } from './deploy-tool.js';
import { httpServiceStandIn } from './http-service.js';
import { jenkinsStandIn } from './jenkins.js';
import { muninStandIn } from './munin.js';
import { nagiosStandIn } from './nagios.js';
import { perfLabStandIn } from './perf-lab.js';
import type { StandInKind } from './stand-in.js';

/** Stand-ins the demo config can ask for (`demo.standIns`); tests start the same ones. */
export const standInKinds: readonly StandInKind[] = [cctrayStandIn, httpServiceStandIn, muninStandIn, nagiosStandIn, jenkinsStandIn, deployToolStandIn, perfLabStandIn];

export function findStandInKind(kind: string): StandInKind | undefined {
  return standInKinds.find((k) => k.kind === kind);
}
