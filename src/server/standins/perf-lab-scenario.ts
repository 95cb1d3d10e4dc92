import { createHash } from 'node:crypto';

/**
 * The demo perf lab's script, a pure function of the revision number n (time cut into REVISION_MS
 * slots), so a restart tests the same revisions with the same names and commits. Every CYCLE
 * revisions: a flaky run (a noisy neighbour doubles the database time of that one run: an outlier
 * the tile marks and forgets), then a revision that loads the order history eagerly (database time
 * +70 %: a regression, red until) the revision that reverts it.
 */
export const REVISION_MS = 120_000;
export const CYCLE = 20;
const FLAKY_PHASE = 6;
export const REGRESSION_PHASE = 12;
export const FIX_PHASE = 16;

/** Time the demo checkout spends per request in each layer, in ms. */
export interface LabLayers {
  cpu: number;
  db: number;
  network: number;
}

export interface LabCommit {
  id: string;
  author: string;
  message: string;
}

export interface LabRevision {
  n: number;
  /** A short commit hash, as CI names revisions. */
  revision: string;
  commits: LabCommit[];
  layers: LabLayers;
}

const NORMAL: LabLayers = { cpu: 18, db: 22, network: 4 };
const PEOPLE = ['Dana Whitfield', 'Sam Ortega', 'Lee Park', 'Ana Souza', 'Priya Raman'];
const ROUTINE = [
  'Tidy the checkout controller',
  'Translate the payment errors',
  'Bump the HTTP client',
  'Log the basket size',
  'Rename the coupon fields',
  'Test the address form',
  'Cache the shipping zones',
  'Update the privacy notice',
];

const mod = (n: number, m: number) => ((n % m) + m) % m;
const hash = (text: string) => createHash('sha1').update(text).digest('hex');

export function labRevision(n: number): LabRevision {
  const phase = mod(n, CYCLE);
  const revision = hash(`radiator-demo-revision-${n}`).slice(0, 7);
  // a few per cent of honest variation from revision to revision, the same on every restart
  const wobble = (layer: string) => 1 + (parseInt(hash(`${n}-${layer}`).slice(0, 4), 16) / 0xffff - 0.5) * 0.06;
  const slow = phase >= REGRESSION_PHASE && phase < FIX_PHASE;
  const db = NORMAL.db * (slow ? 1.7 : 1) * (phase === FLAKY_PHASE ? 2.2 : 1);
  const layers = { cpu: NORMAL.cpu * wobble('cpu'), db: db * wobble('db'), network: NORMAL.network * wobble('network') };

  const head = (author: string, message: string): LabCommit => ({ id: revision, author, message });
  const commits =
    phase === REGRESSION_PHASE
      ? [head('Dana Whitfield', 'Load the order history eagerly on the checkout page'), { id: hash(`${n}-orm`).slice(0, 7), author: 'Sam Ortega', message: 'Bump the ORM to 6.2' }]
      : phase === FIX_PHASE
        ? [head('Dana Whitfield', 'Revert eager loading of the order history')]
        : Array.from({ length: 1 + mod(n, 3) }, (_, i) =>
            i === 0 ? head(PEOPLE[mod(n, PEOPLE.length)]!, ROUTINE[mod(n, ROUTINE.length)]!) : { id: hash(`${n}-${i}`).slice(0, 7), author: PEOPLE[mod(n + i, PEOPLE.length)]!, message: ROUTINE[mod(n + 3 * i, ROUTINE.length)]! },
          );
  return { n, revision, commits, layers };
}
