const PREFIXES = [
  { power: 4, symbol: 'T' },
  { power: 3, symbol: 'G' },
  { power: 2, symbol: 'M' },
  { power: 1, symbol: 'k' },
];

/** Axis and legend numbers for any magnitude: "23.9 G", "4.1 M", "950", "0.004". */
export function formatSi(value: number | null, base: 1000 | 1024 = 1000): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  for (const { power, symbol } of PREFIXES) {
    // munin's --base 1024 (bytes) keeps the letters and scales by 1024: 8 GiB reads "8 G", as in munin
    const factor = base ** power;
    if (abs >= factor) return `${trim(value / factor)} ${symbol}`;
  }
  if (abs !== 0 && abs < 0.01) return value.toPrecision(2);
  return trim(value);
}

function trim(n: number): string {
  const abs = Math.abs(n);
  return n.toLocaleString('en-US', { maximumFractionDigits: abs >= 100 ? 0 : abs >= 10 ? 1 : 2 });
}
