import { describe, expect, it } from 'vitest';
import { SERIES_COLOURS, seriesStyle } from '../../src/widgets/series-colours.js';

const TILE_BG = '#151b23';
const STATUS = { ok: '#3fb950', critical: '#f85149' };

const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const luminance = (hex: string) => {
  const [r, g, b] = channels(hex).map(linear) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};
/** CIELAB (D65). */
function lab(hex: string): [number, number, number] {
  const [r, g, b] = channels(hex).map(linear) as [number, number, number];
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** CIEDE2000 colour difference (Sharma, Wu, Dalal 2005): about 1 = just noticeable side by side. */
function deltaE(hexA: string, hexB: string): number {
  const [L1, a1, b1] = lab(hexA);
  const [L2, a2, b2] = lab(hexB);
  const rad = Math.PI / 180;
  const cBar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const g = 0.5 * (1 - Math.sqrt(cBar ** 7 / (cBar ** 7 + 25 ** 7)));
  const [ap1, ap2] = [(1 + g) * a1, (1 + g) * a2];
  const [c1, c2] = [Math.hypot(ap1, b1), Math.hypot(ap2, b2)];
  const hue = (b: number, a: number) => ((Math.atan2(b, a) / rad) + 360) % 360;
  const [h1, h2] = [hue(b1, ap1), hue(b2, ap2)];
  let dh = c1 * c2 === 0 ? 0 : h2 - h1;
  if (dh > 180) dh -= 360;
  else if (dh < -180) dh += 360;
  const dH = 2 * Math.sqrt(c1 * c2) * Math.sin((dh / 2) * rad);
  const lBar = (L1 + L2) / 2;
  const cpBar = (c1 + c2) / 2;
  let hBar = h1 + h2;
  if (c1 * c2 !== 0) hBar = (Math.abs(h1 - h2) > 180 ? hBar + (hBar < 360 ? 360 : -360) : hBar) / 2;
  const t = 1 - 0.17 * Math.cos((hBar - 30) * rad) + 0.24 * Math.cos(2 * hBar * rad) + 0.32 * Math.cos((3 * hBar + 6) * rad) - 0.2 * Math.cos((4 * hBar - 63) * rad);
  const rc = 2 * Math.sqrt(cpBar ** 7 / (cpBar ** 7 + 25 ** 7));
  const rt = -Math.sin(2 * 30 * Math.exp(-(((hBar - 275) / 25) ** 2)) * rad) * rc;
  const sl = 1 + (0.015 * (lBar - 50) ** 2) / Math.sqrt(20 + (lBar - 50) ** 2);
  const sc = 1 + 0.045 * cpBar;
  const sh = 1 + 0.015 * cpBar * t;
  const [dl, dc, dhh] = [(L2 - L1) / sl, (c2 - c1) / sc, dH / sh];
  return Math.sqrt(dl ** 2 + dc ** 2 + dhh ** 2 + rt * dc * dhh);
}

/** The colour as a protanope or deuteranope sees it (Machado, Oliveira, Fernandes 2009, severity 1). */
const CVD = {
  protan: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deutan: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
};
function asSeenWith(hex: string, matrix: number[][]): string {
  const rgb = channels(hex).map(linear);
  const encode = (c: number) => {
    const v = Math.min(1, Math.max(0, c));
    return Math.round((v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055) * 255).toString(16).padStart(2, '0');
  };
  return `#${matrix.map((row) => encode(row[0]! * rgb[0]! + row[1]! * rgb[1]! + row[2]! * rgb[2]!)).join('')}`;
}

describe('series colours', () => {
  it('gives each of the first 24 series of a chart (the graph maximum) its own colour and dash', () => {
    const looks = Array.from({ length: 24 }, (_, i) => seriesStyle(i));
    expect(new Set(looks.map((s) => `${s.colour} ${s.dash}`)).size).toBe(24);
    // colours first: the first twelve series are all solid lines in twelve colours
    expect(new Set(looks.slice(0, 12).map((s) => s.colour)).size).toBe(12);
    expect(looks.slice(0, 12).every((s) => s.dash === 'solid')).toBe(true);
    expect(looks.slice(12).every((s) => s.dash === 'dash')).toBe(true);
    expect(seriesStyle(24)).toEqual({ colour: SERIES_COLOURS[0], dash: 'dot' });
  });

  it('has twelve colours clearly apart from each other and readable on the tile background', () => {
    expect(SERIES_COLOURS).toHaveLength(12);
    let closest = Infinity;
    for (let i = 0; i < SERIES_COLOURS.length; i++) {
      for (let j = i + 1; j < SERIES_COLOURS.length; j++) closest = Math.min(closest, deltaE(SERIES_COLOURS[i]!, SERIES_COLOURS[j]!));
    }
    // the old palette's two blues (#56b4e9, #3d9bff), hard to tell apart on a wall, were 10 apart
    expect(deltaE('#56b4e9', '#3d9bff')).toBeCloseTo(10, 0);
    expect(closest).toBeGreaterThan(17);
    for (const colour of SERIES_COLOURS) {
      expect(contrast(colour, TILE_BG), colour).toBeGreaterThanOrEqual(4.5);
      // not to be taken for the ok green or the critical red
      for (const status of [STATUS.ok, STATUS.critical]) expect(deltaE(colour, status), `${colour} vs ${status}`).toBeGreaterThan(12);
    }
  });

  it('keeps the first six (most charts) apart for red-green colour-blind viewers too', () => {
    const six = SERIES_COLOURS.slice(0, 6);
    for (const matrix of Object.values(CVD)) {
      for (let i = 0; i < six.length; i++) {
        for (let j = i + 1; j < six.length; j++) expect(deltaE(asSeenWith(six[i]!, matrix), asSeenWith(six[j]!, matrix)), `${six[i]} vs ${six[j]}`).toBeGreaterThan(11);
      }
    }
  });
});
