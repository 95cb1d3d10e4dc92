import { buildsReading } from './builds.js';
import { deploysReading } from './deploys.js';
import { fmeaReading } from './fmea.js';
import { incidentsReading } from './incidents.js';
import { metricsReading } from './metrics.js';
import { monitoringReading } from './monitoring.js';
import { notesReading } from './notes.js';
import { perfReading } from './perf.js';
import { anyReadingSchema, type ReadingKind, type ReadingType } from './reading-kind.js';

// one line per kind; a kind declared in ReadingTypes but missing here fails type-checking
const registered = {
  builds: buildsReading,
  deploys: deploysReading,
  fmea: fmeaReading,
  incidents: incidentsReading,
  metrics: metricsReading,
  monitoring: monitoringReading,
  notes: notesReading,
  perf: perfReading,
} satisfies { [K in ReadingType]: ReadingKind<K> };

/** Every reading kind the server keeps. What comes back from disk is checked against these schemas. */
export const readingKinds: readonly ReadingKind[] = Object.values(registered);

/** Any registered reading, checked by its own kind's schema. */
export const readingSchema = anyReadingSchema(readingKinds);
