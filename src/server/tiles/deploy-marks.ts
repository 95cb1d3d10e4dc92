import { z } from 'zod';
import type { DeployMark, DeployMarkStatus } from '../../shared/views/deploy-marks.js';
import type { DeployRecord } from '../readings/deploys.js';
import { globListOption, globMatcher } from './glob.js';
import type { RelatedSource, TileInput } from './tile-kind.js';

/** More lines than this make a chart a barcode; the newest tell what just changed. */
export const MAX_DEPLOY_MARKS = 20;
/** A label is a glance, not a sentence: longer names are cut (the widget may cut them further). */
const MAX_LABEL_CHARS = 40;

/** Tile option of the latency and graph widgets: which deploys to mark on the chart. */
export const deployMarksOption = z
  .object({
    source: z.string().min(1).describe('Id of a deploys source whose deploys are marked on the chart'),
    services: globListOption.describe('Services (names or globs) whose deploys are marked, e.g. ["checkout*"]; default all'),
    envs: globListOption.describe('Environments (names or globs), e.g. ["prod"]; default all'),
    manifests: z
      .boolean()
      .default(true)
      .describe('Mark manifest deploys (the whole system, so every service the tile shows); false = only deploys of the services named'),
  })
  .strict()
  .optional()
  .describe('Draw a thin labelled line at each deploy within the window, coloured by its outcome');

export type DeployMarksOption = z.infer<typeof deployMarksOption>;

/** The deploys source a tile with the option reads (config validation checks it exists and gives deploys readings). */
export function deployMarksSource(option: DeployMarksOption): RelatedSource[] {
  return option ? [{ source: option.source, reads: 'deploys', path: ['deploys', 'source'] }] : [];
}

/**
 * The deploys to mark on a chart showing [from, to]: the ones the option selects that started within
 * it, newest MAX_DEPLOY_MARKS of them, each once, oldest first. A stale source keeps its marks, since
 * what ended is history, but a deploy it last saw running is `unknown`: it may have ended since.
 */
export function deployMarks(option: DeployMarksOption, related: TileInput['related'], from: number, to: number): DeployMark[] {
  if (!option) return [];
  const { reading, stale } = related(option.source, 'deploys');
  if (!reading) return [];
  const service = globMatcher(option.services);
  const env = globMatcher(option.envs);
  const newestFirst = reading.deploys
    .filter((d) => d.startedAt > from && d.startedAt <= to && env(d.env) && (d.service !== null ? service(d.service) : option.manifests))
    .sort((a, b) => b.startedAt - a.startedAt || b.updatedAt - a.updatedAt);
  // the same deploy twice (a retried report under the same key) is one line
  const byKey = new Map<string, DeployRecord>();
  for (const d of newestFirst) if (byKey.size < MAX_DEPLOY_MARKS && !byKey.has(d.key)) byKey.set(d.key, d);
  const chosen = [...byKey.values()].reverse();
  const severalEnvs = new Set(chosen.map((d) => d.env)).size > 1;
  return chosen.map((d) => ({
    key: d.key,
    at: d.startedAt,
    label: shortened(severalEnvs ? `${d.env} ${what(d)}` : what(d)),
    env: d.env,
    status: markStatus(d, stale),
  }));
}

/** "M-4411" for a manifest, "checkout 2.14.1" for a service (its manifest when it has no version). */
function what(d: DeployRecord): string {
  if (d.service === null) return d.manifest ?? d.key;
  const version = d.version ?? d.manifest;
  return version ? `${d.service} ${version}` : d.service;
}

function markStatus(d: DeployRecord, stale: boolean): DeployMarkStatus {
  if (d.status === 'started' || d.status === 'progress') return stale ? 'unknown' : 'running';
  return d.status;
}

function shortened(label: string): string {
  return label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1)}…` : label;
}
