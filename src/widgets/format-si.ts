const PREFIXES = [
  { factor: 1e12, symbol: 'T' },
  { factor: 1e9, symbol: 'G' },
  { factor: 1e6, symbol: 'M' },
  { factor: 1e3, symbol: 'k' },
];

/** Axis and legend numbers for any magnitude: "23.9 G", "4.1 M", "950", "0.004". */
export function formatSi(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  for (const { factor, symbol } of PREFIXES) {
    if (abs >= factor) return `${trim(value / factor)} ${symbol}`;
  }
  if (abs !== 0 && abs < 0.01) return value.toPrecision(2);
  return trim(value);
}

function trim(n: number): string {
  const abs = Math.abs(n);
  return n.toLocaleString('en-US', { maximumFractionDigits: abs >= 100 ? 0 : abs >= 10 ? 1 : 2 });
}
