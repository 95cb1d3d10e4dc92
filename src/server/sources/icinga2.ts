import { z } from 'zod';
import { basicAuthFromEnv, readCaFile } from './credentials.js';
import { COMMENT_ATTRS, DOWNTIME_ATTRS } from './icinga2/comments.js';
import { HOST_ATTRS, normalizeIcinga2, SERVICE_ATTRS } from './icinga2/normalize.js';
import { getJson, oneLine, type JsonRequest } from './json-over-http.js';
import type { MonitoringReading } from '../readings/monitoring.js';
import { settledInOrder } from './settled-in-order.js';
import { defineSourceKind } from './source-kind.js';
import { httpUrlOption } from './url-option.js';

const options = z
  .object({
    url: httpUrlOption
      .describe('Icinga 2 REST API, e.g. "https://icinga.example.com:5665" (with or without /v1)'),
    username: z
      .string()
      .min(1)
      .describe('ApiUser name; it needs objects/query/Host, objects/query/Service and status/query, and objects/query/Comment and objects/query/Downtime unless comments is false'),
    passwordEnv: z.string().min(1).describe('Name of the environment variable holding the ApiUser password'),
    caFile: z.string().min(1).optional().describe('PEM file of the Icinga CA (/var/lib/icinga2/certs/ca.crt) to verify the API certificate'),
    tlsServerName: z
      .string()
      .min(1)
      .optional()
      .describe('Name in the API certificate (the Icinga NodeName) when url uses another name or an IP'),
    insecureTls: z.boolean().default(false).describe('Accept any certificate (no verification)'),
    comments: z
      .boolean()
      .default(true)
      .describe('Also read acknowledgement, downtime and comment text (who and why) for problems: two more API queries per poll'),
    maxBytes: z.number().int().min(1024).default(32 * 1024 * 1024).describe('Largest API response accepted, in bytes'),
    maxStatusAgeSeconds: z
      .number()
      .positive()
      .default(180)
      .describe('No active check result for this long (and 2 check intervals) means Icinga is not checking'),
  });

/**
 * Icinga 2 host and service states over its REST API (/v1/objects/hosts, /v1/objects/services,
 * /v1/status/IcingaApplication), normalized to the same reading as the nagios source.
 */
export const icinga2Source = defineSourceKind({
  kind: 'icinga2',
  description: 'Icinga 2 host and service states from its REST API (/v1/objects, /v1/status).',
  produces: 'monitoring',
  options,
  async poll(o, signal, context): Promise<MonitoringReading> {
    const base = o.url.replace(/\/+$/, '').replace(/\/v1$/, '');
    const request: Omit<JsonRequest, 'url'> = {
      api: 'Icinga 2 API',
      auth: basicAuthFromEnv(o.username, o.passwordEnv, context.env),
      insecureTls: o.insecureTls,
      ca: o.caFile ? await readCaFile(o.caFile) : undefined,
      tlsServerName: o.tlsServerName,
      maxBytes: o.maxBytes,
      signal,
      // Icinga answers a missing permission with 404 "No objects found", not 403
      acceptStatus: [404],
    };
    const query = (path: string, attrs: readonly string[] = []) =>
      apiGet({ ...request, url: `${base}/v1/${path}${attrs.length ? `?${attrs.map((a) => `attrs=${a}`).join('&')}` : ''}` }, path);
    const [application, hosts, services, comments, downtimes] = await settledInOrder([
      query('status/IcingaApplication'),
      query('objects/hosts', HOST_ATTRS),
      query('objects/services', SERVICE_ATTRS),
      o.comments ? query('objects/comments', COMMENT_ATTRS) : null,
      o.comments ? query('objects/downtimes', DOWNTIME_ATTRS) : null,
    ]);
    return normalizeIcinga2({ application, hosts, services, comments, downtimes }, { maxStatusAgeMs: o.maxStatusAgeSeconds * 1000, now: context.now() });
  },
});

const PERMISSION: Record<string, string> = {
  'status/IcingaApplication': 'status/query',
  'objects/hosts': 'objects/query/Host',
  'objects/services': 'objects/query/Service',
  'objects/comments': 'objects/query/Comment',
  'objects/downtimes': 'objects/query/Downtime',
};

async function apiGet(req: JsonRequest, path: string): Promise<unknown> {
  const { status, json } = await getJson(req);
  if (status === 404) {
    const permission = PERMISSION[path] ?? 'permission';
    if (path === 'objects/comments' || path === 'objects/downtimes') {
      // with the permission and none there, Icinga answers 200 with no results: a 404 is the permission
      throw new Error(
        `${path.slice('objects/'.length)} not visible — Icinga answers 404 when the API user lacks ${permission}; grant it, or set "comments": false on this source`,
      );
    }
    const what = path === 'objects/hosts' ? 'no hosts visible' : path === 'objects/services' ? 'no services visible' : `nothing at /v1/${path}`;
    throw new Error(`${what} — check credentials/authorization (Icinga answers 404 when the API user lacks ${permission})`);
  }
  const error = json as { error?: unknown; status?: unknown } | null;
  if (error && typeof error === 'object' && 'error' in error && !('results' in error)) {
    throw new Error(`Icinga 2 API error ${oneLine(String(error.error), 20)} at /v1/${path}: ${oneLine(String(error.status ?? ''), 240)}`);
  }
  return json;
}
