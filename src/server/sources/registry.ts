import { buildbotSource } from './buildbot.js';
import { cctraySource } from './cctray.js';
import { deploysSource } from './deploys.js';
import { fmeaSource } from './fmea.js';
import { httpSource } from './http.js';
import { icinga2Source } from './icinga2.js';
import { incidentsSource } from './incidents.js';
import { jenkinsSource } from './jenkins.js';
import { muninSource } from './munin.js';
import { nagiosSource } from './nagios.js';
import { notesSource } from './notes.js';
import { perfSource } from './perf.js';
import { pushSource } from './push.js';
import { registerSourceKind, type RegisteredSourceKind } from './registered-source-kind.js';

/** Every source kind the server knows; the composition root hands it to config validation and the scheduler. */
export const sourceKinds: readonly RegisteredSourceKind[] = [
  registerSourceKind(httpSource),
  registerSourceKind(nagiosSource),
  registerSourceKind(icinga2Source),
  registerSourceKind(muninSource),
  registerSourceKind(pushSource),
  registerSourceKind(notesSource),
  registerSourceKind(perfSource),
  registerSourceKind(cctraySource),
  registerSourceKind(buildbotSource),
  registerSourceKind(jenkinsSource),
  registerSourceKind(deploysSource),
  registerSourceKind(fmeaSource),
  registerSourceKind(incidentsSource),
];
