import { describe, expect, it } from 'vitest';
import { parsePluginConfig } from '../../../../src/server/sources/munin/config-parser.js';
import { reply } from './transcript.js';

describe('munin config parser', () => {
  it('reads graph title, unit and field thresholds of a real plugin config', () => {
    const { graphs } = parsePluginConfig('test_latency', reply('config test_latency'));
    expect(graphs).toHaveLength(1);
    const [graph] = graphs;
    expect(graph).toMatchObject({ name: 'test_latency', title: 'Checkout API response time', unit: 'ms', period: 'second', category: 'radiator' });
    expect(graph!.fields.map((f) => [f.name, f.label, f.type])).toEqual([
      ['p50', 'p50', 'GAUGE'],
      ['p95', 'p95', 'GAUGE'],
      ['p99', 'p99', 'GAUGE'],
    ]);
    expect(graph!.fields[1]).toMatchObject({ warning: { min: null, max: 400 }, critical: { min: null, max: 800 } });
  });

  it('orders fields by graph_order and keeps DERIVE types and min of the cpu plugin', () => {
    const [cpu] = parsePluginConfig('cpu', reply('config cpu')).graphs;
    expect(cpu!.fields.map((f) => f.name)).toEqual(['system', 'user', 'nice', 'idle', 'iowait', 'irq', 'softirq', 'steal', 'guest']);
    expect(cpu!.fields.every((f) => f.type === 'DERIVE' && f.min === 0 && f.max === null)).toBe(true);
    expect(cpu!.unit).toBe('%');
  });

  it('splits a multigraph plugin into its sections and fills in ${graph_period}', () => {
    const lines = [
      'multigraph diskstats_throughput',
      'graph_title Throughput per device',
      'graph_vlabel Bytes/${graph_period} read (-) / write (+)',
      'vda_rdbytes.label vda',
      'vda_rdbytes.graph no',
      'vda_wrbytes.label vda',
      'vda_wrbytes.negative vda_rdbytes',
      'multigraph diskstats_latency.vda',
      'graph_title Average latency for /dev/vda',
      'graph_vlabel seconds',
      'avgrdwait.label Read IO Wait time',
      'avgrdwait.warning 0:3',
    ];
    const { graphs } = parsePluginConfig('diskstats', lines);
    expect(graphs.map((g) => g.name)).toEqual(['diskstats_throughput', 'diskstats_latency.vda']);
    expect(graphs[0]).toMatchObject({ unit: 'Bytes/second read (-) / write (+)' });
    expect(graphs[0]!.fields).toMatchObject([
      { name: 'vda_rdbytes', graph: false, negative: null },
      { name: 'vda_wrbytes', graph: true, negative: 'vda_rdbytes' },
    ]);
    expect(graphs[1]!.fields[0]).toMatchObject({ warning: { min: 0, max: 3 } });
  });

  it('honours graph_period, cdef, type case and ignores what it does not know', () => {
    const { graphs } = parsePluginConfig('if_eth0', [
      '# a comment',
      'graph_period minute',
      'graph_vlabel packets per ${graph_period}',
      'host_name web1',
      'down.label received',
      'down.type counter',
      'down.cdef down,8,*',
      'down.max 1000000000',
      'down.colour COLOUR1',
      'down.warning garbage',
      'weird line without structure',
    ]);
    expect(graphs[0]).toMatchObject({ period: 'minute', unit: 'packets per minute' });
    expect(graphs[0]!.fields).toEqual([
      { name: 'down', label: 'received', type: 'COUNTER', warning: null, critical: null, min: null, max: 1e9, cdef: 'down,8,*', graph: true, negative: null },
    ]);
  });

  it('falls back to the field name as label and to GAUGE for unknown types', () => {
    const [graph] = parsePluginConfig('x', ['a.type WEIRD', 'b.label']).graphs;
    expect(graph!.title).toBe('x');
    expect(graph!.fields.map((f) => [f.name, f.label, f.type])).toEqual([['a', 'a', 'GAUGE']]);
  });
});
