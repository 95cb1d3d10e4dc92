/**
 * The plugins of the demo munin-node: what `config` prints and what `fetch` prints at a given time.
 * Values are pure functions of the clock (plus counters that integrate them), so they move on the
 * wall like a real machine's, and tests can check their shape without waiting.
 */
export interface DemoPlugin {
  name: string;
  config: readonly string[];
  /** `field.value` lines for time `t` (epoch ms); counters advance through `state`. */
  fetch(t: number, state: CounterState): string[];
}

/** Raw counters of one DERIVE/COUNTER plugin, advanced on every fetch from the rates at that time. */
export interface CounterState {
  lastT: number | null;
  counters: Record<string, number>;
}

const MINUTE = 60_000;
const TWO_32 = 2 ** 32;

/** Deterministic noise in [0, 1) for a time slot, so a given moment always looks the same. */
export function noise(t: number, salt: number, slotMs = 5000): number {
  let h = Math.imul(Math.floor(t / slotMs) | 0, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

const wave = (t: number, periodMs: number, phase = 0) => Math.sin((t / periodMs) * 2 * Math.PI + phase);

/** Checkout response-time percentiles: a slow swell that crosses warning at its peaks, and rare spikes past critical. */
export function checkoutLatency(t: number): { p50: number; p95: number; p99: number } {
  const swell = wave(t, 6 * MINUTE);
  const spike = noise(t, 7) < 0.04 ? 1.9 : 1;
  const p50 = 110 + 35 * swell + 20 * noise(t, 1);
  const p95 = (280 + 150 * swell + 60 * noise(t, 2)) * spike;
  const p99 = (p95 * 1.45 + 80 * noise(t, 3)) * (spike > 1 ? 1.1 : 1);
  return { p50: round(p50), p95: round(p95), p99: round(p99) };
}

export function loadAverage(t: number): number {
  const burst = noise(t, 11, 60_000) < 0.1 ? 2.2 : 0;
  return Math.max(0, round(0.8 + 0.5 * wave(t, 9 * MINUTE) + 0.3 * noise(t, 12) + burst, 2));
}

/** CPU time in jiffies per second on a 2-CPU machine (200 = both busy), as /proc/stat counts it. */
export function cpuRates(t: number): Record<'user' | 'system' | 'iowait' | 'idle', number> {
  const user = 45 + 30 * wave(t, 7 * MINUTE) + 10 * noise(t, 21);
  const system = 12 + 5 * wave(t, 5 * MINUTE, 1) + 4 * noise(t, 22);
  const iowait = noise(t, 23, 30_000) < 0.15 ? 25 : 2 + 2 * noise(t, 24);
  return { user, system, iowait, idle: Math.max(0, 200 - user - system - iowait) };
}

/** Network bytes per second in and out. */
export function trafficRates(t: number): { down: number; up: number } {
  return { down: 1.6e6 + 1.1e6 * wave(t, 4 * MINUTE) + 4e5 * noise(t, 31), up: 4e5 + 2.5e5 * wave(t, 4 * MINUTE, 2) + 1e5 * noise(t, 32) };
}

function round(n: number, decimals = 0): number {
  const f = 10 ** decimals;
  return Math.round(n * f) / f;
}

/** Advances the named counters from the last fetch to `t`, at the rates in effect at `t`. */
function advance(state: CounterState, t: number, rates: Record<string, number>, wrapAt: number | null): void {
  const dt = state.lastT === null ? 0 : Math.max(0, (t - state.lastT) / 1000);
  for (const [name, rate] of Object.entries(rates)) {
    let value = (state.counters[name] ?? 0) + rate * dt;
    if (wrapAt !== null) value %= wrapAt;
    state.counters[name] = value;
  }
  state.lastT = t;
}

export const demoPlugins: readonly DemoPlugin[] = [
  {
    name: 'load',
    config: [
      'graph_title Load average',
      'graph_args --base 1000 -l 0',
      'graph_vlabel load',
      'graph_scale no',
      'graph_category system',
      'load.label load',
      'load.warning 2.5',
      'load.critical 4',
      'load.info 5 minute load average',
    ],
    fetch: (t) => [`load.value ${loadAverage(t)}`],
  },
  {
    name: 'cpu',
    config: [
      'graph_title CPU usage',
      'graph_order system user iowait idle',
      'graph_args --base 1000 -r --lower-limit 0 --upper-limit 200',
      'graph_vlabel %',
      'graph_scale no',
      'graph_category system',
      'graph_period second',
      ...['system', 'user', 'iowait', 'idle'].flatMap((f, i) => [`${f}.label ${f}`, `${f}.draw ${i === 0 ? 'AREA' : 'STACK'}`, `${f}.min 0`, `${f}.type DERIVE`]),
    ],
    fetch: (t, state) => {
      const rates = cpuRates(t);
      advance(state, t, Object.fromEntries(Object.entries(rates).map(([k, v]) => [`cpu.${k}`, v])), null);
      return (['user', 'system', 'iowait', 'idle'] as const).map((f) => `${f}.value ${Math.floor(state.counters[`cpu.${f}`]!)}`);
    },
  },
  {
    name: 'checkout_latency',
    config: [
      'graph_title Checkout API response time',
      'graph_args --base 1000 -l 0',
      'graph_vlabel ms',
      'graph_category shop',
      'graph_info Response-time percentiles of the checkout API.',
      'p50.label p50',
      'p50.warning 200',
      'p50.critical 500',
      'p95.label p95',
      'p95.warning 400',
      'p95.critical 800',
      'p99.label p99',
      'p99.warning 600',
      'p99.critical 1200',
    ],
    fetch: (t) => {
      const { p50, p95, p99 } = checkoutLatency(t);
      return [`p50.value ${p50}`, `p95.value ${p95}`, `p99.value ${p99}`];
    },
  },
  {
    name: 'if_eth0',
    config: [
      'graph_order down up',
      'graph_title eth0 traffic',
      'graph_args --base 1000',
      'graph_vlabel bits in (-) / out (+) per ${graph_period}',
      'graph_category network',
      'down.label received',
      'down.type COUNTER',
      'down.graph no',
      'down.cdef down,8,*',
      'down.min 0',
      'down.max 1000000000',
      'up.label bps',
      'up.type COUNTER',
      'up.negative down',
      'up.cdef up,8,*',
      'up.min 0',
      'up.max 1000000000',
    ],
    fetch: (t, state) => {
      // a 32-bit interface counter that starts just below its wrap, so the demo shows wrap handling
      if (state.counters['if.down'] === undefined) state.counters['if.down'] = TWO_32 - 150e6;
      advance(state, t, { 'if.down': trafficRates(t).down, 'if.up': trafficRates(t).up }, TWO_32);
      return [`down.value ${Math.floor(state.counters['if.down']!)}`, `up.value ${Math.floor(state.counters['if.up']!)}`];
    },
  },
];
