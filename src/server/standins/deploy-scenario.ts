/**
 * The demo deploy tool's script, a pure function of time so a restart posts the same events with the
 * same ids (the events API counts a repeated id once). Time is cut into slots of SLOT_MS; slot n:
 * - dev deploys manifest n (one in nine fails its smoke test);
 * - staging, every second slot, takes dev's newest good manifest (one in five of those fails its
 *   health check and is rolled back);
 * - prod, every fourth slot, takes staging's newest good one (one in three of those is rolled back
 *   after the restart, and every other one is slow enough to stall past its one-minute timeout).
 * So prod runs one or two manifests behind staging, and staging one behind dev.
 */
export const SLOT_MS = 180_000;
const S = 1_000;

/** A `deploy` event as the deploy tool posts it, with its idempotency `id` and the time it happens. */
export interface ScriptedDeployEvent {
  kind: 'deploy';
  id: string;
  deploy: string;
  env: string;
  manifest: string;
  version: string;
  status: 'started' | 'progress' | 'succeeded' | 'failed' | 'rolled_back';
  progress?: number | string;
  by?: string;
  ticket?: { id: string; url: string };
  hosts?: string[];
  timeoutSeconds?: number;
  message?: string;
  at: number;
}

const mod = (n: number, m: number) => ((n % m) + m) % m;
const manifestOf = (slot: number) => `M-${4400 + mod(slot, 600)}`;
const versionOf = (slot: number) => `1.${mod(slot, 600)}.0`;
const PEOPLE = ['deploy-bot', 'alice', 'bob', 'carol'];

const devFails = (slot: number) => mod(slot, 9) === 4;
const stagingDeploys = (slot: number) => mod(slot, 2) === 0;
const stagingFails = (slot: number) => mod(slot, 10) === 6;
const prodDeploys = (slot: number) => mod(slot, 4) === 1;
const prodRollsBack = (slot: number) => mod(slot, 12) === 9;
const prodStalls = (slot: number) => mod(slot, 8) === 5;

/** The manifest slot staging takes in an even slot: dev's last, unless that failed (never two in a row). */
const stagingTakes = (slot: number) => (devFails(slot - 1) ? slot - 2 : slot - 1);
/** The manifest slot prod takes: what staging's last deploy took, unless that failed. */
const prodTakes = (slot: number) => stagingTakes(stagingFails(slot - 1) ? slot - 3 : slot - 1);

interface Step {
  after: number;
  progress: number | string;
}

interface ScriptedDeploy {
  env: string;
  slot: number;
  takes: number;
  start: number;
  steps: Step[];
  outcomes: { after: number; status: 'succeeded' | 'failed' | 'rolled_back'; message?: string }[];
  hosts: string[];
  by: string;
  timeoutSeconds: number;
}

function deploysOfSlot(slot: number): ScriptedDeploy[] {
  const start = slot * SLOT_MS;
  const deploys: ScriptedDeploy[] = [];
  const steps = (...list: [number, number | string][]) => list.map(([after, progress]) => ({ after: after * S, progress }));
  deploys.push({
    env: 'dev',
    slot,
    takes: slot,
    start,
    steps: steps([15, 'pull images'], [25, 0.3], [35, 'migrate database'], [45, 0.6], [55, 'rolling restart']),
    outcomes: devFails(slot) ? [{ after: 60 * S, status: 'failed', message: 'smoke test failed: /checkout answered 500' }] : [{ after: 70 * S, status: 'succeeded' }],
    hosts: ['dev-app01'],
    by: PEOPLE[mod(slot, PEOPLE.length)]!,
    timeoutSeconds: 600,
  });
  if (stagingDeploys(slot)) {
    const takes = stagingTakes(slot);
    deploys.push({
      env: 'staging',
      slot,
      takes,
      start: start + 90 * S,
      steps: steps([10, 'pull images'], [25, 'migrate database'], [40, 'rolling restart'], [45, 0.8]),
      outcomes: stagingFails(slot)
        ? [
            { after: 50 * S, status: 'failed', message: 'health check failed on stg-shop02 (HTTP 503 from /healthz)' },
            { after: 75 * S, status: 'rolled_back', message: `rolled back to ${manifestOf(stagingTakes(slot - 2))}` },
          ]
        : [{ after: 60 * S, status: 'succeeded' }],
      hosts: ['stg-shop01', 'stg-shop02'],
      by: 'release-bot',
      timeoutSeconds: 600,
    });
  }
  if (prodDeploys(slot)) {
    const stalls = prodStalls(slot);
    deploys.push({
      env: 'prod',
      slot,
      takes: prodTakes(slot),
      start: start + 20 * S,
      steps: stalls ? steps([15, 'drain shop01'], [30, 0.2]) : steps([15, 'drain shop01'], [35, 0.4], [50, 'drain shop02'], [70, 0.9]),
      outcomes: prodRollsBack(slot)
        ? [{ after: (stalls ? 140 : 90) * S, status: 'rolled_back', message: 'error rate 4.2% after the restart: rolled back' }]
        : [{ after: (stalls ? 140 : 90) * S, status: 'succeeded' }],
      hosts: ['shop01', 'shop02'],
      by: PEOPLE[mod(slot + 1, PEOPLE.length)]!,
      timeoutSeconds: stalls ? 60 : 600,
    });
  }
  return deploys;
}

function eventsOf(d: ScriptedDeploy, ticketBase: string): ScriptedDeployEvent[] {
  const run = `demo-${d.env}-${d.slot}`;
  const ticketId = `OPS-${d.env.slice(0, 1).toUpperCase()}${mod(d.slot, 100_000)}`;
  const base = { kind: 'deploy' as const, deploy: run, env: d.env, manifest: manifestOf(d.takes), version: versionOf(d.takes) };
  const events: ScriptedDeployEvent[] = [
    { ...base, id: `${run}-0`, status: 'started', by: d.by, ticket: { id: ticketId, url: `${ticketBase}/tickets/${ticketId}` }, hosts: d.hosts, timeoutSeconds: d.timeoutSeconds, at: d.start },
  ];
  d.steps.forEach((step, i) => events.push({ ...base, id: `${run}-${i + 1}`, status: 'progress', progress: step.progress, at: d.start + step.after }));
  d.outcomes.forEach((outcome, i) =>
    events.push({ ...base, id: `${run}-o${i}`, status: outcome.status, ...(outcome.message ? { message: outcome.message } : {}), at: d.start + outcome.after }),
  );
  return events;
}

/** Longest a slot's events run past its start (prod's slow deploy). */
const SLOT_REACH_MS = 2 * SLOT_MS;

/** The events that happen in (from, to], oldest first; `ticketBase` is where the tool serves its tickets. */
export function deployEventsBetween(from: number, to: number, ticketBase: string): ScriptedDeployEvent[] {
  const events: ScriptedDeployEvent[] = [];
  for (let slot = Math.floor((from - SLOT_REACH_MS) / SLOT_MS); slot <= Math.floor(to / SLOT_MS); slot++) {
    for (const d of deploysOfSlot(slot)) for (const e of eventsOf(d, ticketBase)) if (e.at > from && e.at <= to) events.push(e);
  }
  return events.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}
