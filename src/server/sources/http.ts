import { z } from 'zod';
import { httpRequest } from './http-client.js';
import type { MetricSample, MetricsReading } from '../readings/metrics.js';
import { defineSourceKind } from './source-kind.js';
import { displayUrl, httpUrlOption } from './url-option.js';

// header names whose values are credentials; their values must come from the environment
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie)$|token|secret|api-?key|password/i;

const target = z
  .object({
    name: z.string().min(1).optional().describe('Series name shown on tiles; defaults to the URL without its query string'),
    url: httpUrlOption.describe('http:// or https:// URL to probe'),
    method: z.enum(['GET', 'HEAD']).default('GET'),
    expectStatus: z
      .array(z.number().int().min(100).max(599))
      .min(1)
      .optional()
      .describe('Status codes that count as up; default any 2xx or 3xx'),
    headers: z
      .record(z.string(), z.string())
      .superRefine((headers, ctx) => {
        for (const name of Object.keys(headers).filter((n) => SECRET_HEADER.test(n))) {
          ctx.addIssue({ code: 'custom', path: [name], message: 'this header carries a secret: name the environment variable holding it in "headersEnv" instead' });
        }
      })
      .optional()
      .describe('Extra request headers (no secrets: see headersEnv)'),
    headersEnv: z
      .record(z.string(), z.string().min(1))
      .optional()
      .describe('Header name → environment variable holding its value, e.g. {"X-Api-Key": "SHOP_API_KEY"}'),
    tokenEnv: z.string().optional().describe('Environment variable holding a bearer token'),
    maxRedirects: z
      .number()
      .int()
      .min(0)
      .max(20)
      .default(5)
      .describe('Redirects followed (credentials only to the same origin); more, or a loop, is an error. 0 probes the redirect itself'),
  })
  .strict();

/**
 * Probes URLs and reports response time, status code and connection/TLS errors, like a latency probe.
 * A target that fails is a series with no value and an error; if no target answers at all the poll
 * fails, so the tile goes stale with the reason instead of showing old numbers as current.
 */
export const httpSource = defineSourceKind({
  kind: 'http',
  description: 'Probes a list of URLs: response time (ms), status code, connection and TLS errors.',
  produces: 'metrics',
  options: z.object({
    targets: z.array(target).min(1).describe('URLs to probe, all in parallel on each poll'),
    insecureTls: z.boolean().default(false).describe('Accept self-signed TLS certificates'),
  }),
  async poll(options, signal, context): Promise<MetricsReading> {
    const at = context.now();
    const samples = await Promise.all(
      options.targets.map(async (t): Promise<MetricSample & { answered: boolean }> => {
        const series = t.name ?? displayUrl(t.url);
        const base = { series, label: series, unit: 'ms' };
        const secrets = Object.entries(t.headersEnv ?? {}).map(([header, variable]) => ({ header, variable, prefix: '' }));
        if (t.tokenEnv) secrets.push({ header: 'authorization', variable: t.tokenEnv, prefix: 'Bearer ' });
        const secretHeaders: Record<string, string> = {};
        for (const { header, variable, prefix } of secrets) {
          const value = context.env[variable];
          if (value === undefined) return { ...base, value: null, error: `environment variable ${variable} is not set`, answered: false };
          secretHeaders[header] = prefix + value;
        }
        try {
          const response = await httpRequest({
            url: t.url,
            method: t.method,
            headers: t.headers,
            secretHeaders,
            maxRedirects: t.maxRedirects,
            insecureTls: options.insecureTls,
            maxBytes: 4 * 1024 * 1024,
            signal,
          });
          const up = t.expectStatus ? t.expectStatus.includes(response.status) : response.status < 400;
          return {
            ...base,
            value: Math.round(response.elapsedMs * 10) / 10,
            error: up ? null : `HTTP ${response.status}`,
            httpStatus: response.status,
            answered: true,
          };
        } catch (err) {
          return { ...base, value: null, error: (err as Error).message, answered: false };
        }
      }),
    );
    if (!samples.some((s) => s.answered)) {
      const reasons = [...new Set(samples.map((s) => s.error))].join('; ');
      throw new Error(samples.length === 1 ? reasons : `no target answered: ${reasons}`);
    }
    return { type: 'metrics', at, samples: samples.map(({ answered: _answered, ...sample }) => sample) };
  },
});
