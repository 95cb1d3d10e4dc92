import { z } from 'zod';
import { basicAuthFromEnv, readCaFile } from './credentials.js';
import { readObjectsCacheGroups } from './nagios/groups.js';
import { readStatusDatFile } from './nagios/status-dat.js';
import { cgiBaseOf, fetchStatusJson, normalizeStatusJson } from './nagios/statusjson.js';
import type { MonitoringReading } from '../readings/monitoring.js';
import { defineSourceKind } from './source-kind.js';
import { httpUrlOption } from './url-option.js';

const options = z
  .object({
    url: httpUrlOption
      .optional()
      .describe('Base URL of the Nagios CGIs, e.g. "https://nagios.example.com/nagios4/cgi-bin" (a …/statusjson.cgi URL works too)'),
    statusFile: z
      .string()
      .min(1)
      .optional()
      .describe('Path of status.dat (status_file in nagios.cfg) on this machine; alternative to url'),
    objectsCacheFile: z
      .string()
      .min(1)
      .optional()
      .describe('statusFile mode: path of objects.cache (object_cache_file in nagios.cfg) for host and service groups'),
    username: z.string().min(1).optional().describe('url mode: HTTP basic auth user (a Nagios CGI user)'),
    passwordEnv: z.string().min(1).optional().describe('url mode: name of the environment variable holding the password'),
    insecureTls: z.boolean().default(false).describe('url mode: accept self-signed TLS certificates'),
    caFile: z.string().min(1).optional().describe('url mode: PEM file of the CA that signed the server certificate'),
    groups: z.boolean().default(true).describe('url mode: also read host/service groups from objectjson.cgi'),
    comments: z
      .boolean()
      .default(true)
      .describe('Also read acknowledgement, downtime and comment text (who and why) for problems: two more CGI queries in url mode'),
    maxBytes: z
      .number()
      .int()
      .min(1024)
      .default(32 * 1024 * 1024)
      .describe('url mode: largest CGI response accepted, in bytes (servicelist grows ~1.2 kB per service)'),
    intervalLengthSeconds: z
      .number()
      .positive()
      .default(60)
      .describe('statusFile mode: interval_length from nagios.cfg (status.dat counts check_interval in these units)'),
    maxStatusAgeSeconds: z
      .number()
      .positive()
      .default(180)
      .describe('Status data older than this means Nagios is not running or hung (keep it well above status_update_interval)'),
  })
  .superRefine((o, ctx) => {
    if (!o.url === !o.statusFile) {
      ctx.addIssue({
        code: 'custom',
        message: 'set exactly one of "url" (the Nagios CGIs over HTTP) or "statusFile" (path of status.dat)',
        path: o.url ? ['statusFile'] : [],
      });
    }
    if (!o.username !== !o.passwordEnv) {
      ctx.addIssue({
        code: 'custom',
        message: 'set "username" and "passwordEnv" together (passwordEnv names the environment variable holding the password)',
        path: [o.username ? 'passwordEnv' : 'username'],
      });
    }
    if (o.statusFile) {
      for (const key of ['username', 'passwordEnv', 'caFile'] as const) {
        if (o[key]) ctx.addIssue({ code: 'custom', message: `"${key}" only applies with "url", not "statusFile"`, path: [key] });
      }
    }
    if (o.url && o.objectsCacheFile) {
      ctx.addIssue({ code: 'custom', message: '"objectsCacheFile" only applies with "statusFile"; url mode reads groups from objectjson.cgi', path: ['objectsCacheFile'] });
    }
  });

/**
 * Nagios Core 4 host and service states, either from the JSON CGIs over HTTP (statusjson.cgi, plus
 * objectjson.cgi for groups) or by streaming status.dat from disk. Both give the same reading. A
 * Nagios that is up but not checking (stale status data, checks disabled) still gives a reading,
 * with `upstream.checking` false, so the wall can say so instead of "all clear".
 */
export const nagiosSource = defineSourceKind({
  kind: 'nagios',
  description: 'Nagios Core 4 host and service states, from statusjson.cgi (url) or status.dat (statusFile).',
  produces: 'monitoring',
  options,
  async poll(o, signal, context): Promise<MonitoringReading> {
    const maxStatusAgeMs = o.maxStatusAgeSeconds * 1000;
    if (o.statusFile) {
      const groups = o.objectsCacheFile ? await readObjectsCacheGroups(o.objectsCacheFile) : null;
      return readStatusDatFile(o.statusFile, { intervalLengthSeconds: o.intervalLengthSeconds, maxStatusAgeMs, groups, comments: o.comments }, context.now(), signal);
    }
    const answers = await fetchStatusJson({
      cgiBase: cgiBaseOf(o.url!),
      auth: basicAuthFromEnv(o.username, o.passwordEnv, context.env),
      insecureTls: o.insecureTls,
      ca: o.caFile ? await readCaFile(o.caFile) : undefined,
      maxBytes: o.maxBytes,
      groups: o.groups,
      comments: o.comments,
      signal,
    });
    return normalizeStatusJson(answers, { maxStatusAgeMs, now: context.now() });
  },
});
