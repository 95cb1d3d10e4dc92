import { describe, expect, it } from 'vitest';
import { axisTimeFormat, tickRoomFor, widestTick, xTickStyle } from '../../src/widgets/graph-axes.js';
import { DEFAULT_TICK_ROOM } from '../../src/widgets/graph-scales.js';

describe('graph axes', () => {
  it('fits x labels by the widest (at least three ems) plus two ems apart, y labels one per two lines', () => {
    // 20 px text, labels 100 px wide: 140 px per label
    expect(tickRoomFor(560, 200, 20, [80, 100])).toEqual({ x: 4, y: 5 });
    expect(tickRoomFor(559, 159, 20, [100])).toEqual({ x: 3, y: 4 });
    // narrow labels still count three ems
    expect(tickRoomFor(300, 200, 20, [10])).toEqual({ x: 3, y: 5 });
    expect(tickRoomFor(300, 200, 20, [])).toEqual({ x: 3, y: 5 });
  });

  it('keeps at least one x label and two y labels, and never more than the default room', () => {
    expect(tickRoomFor(10, 10, 20, [100])).toEqual({ x: 1, y: 2 });
    expect(tickRoomFor(100_000, 100_000, 20, [100])).toEqual(DEFAULT_TICK_ROOM);
  });

  it('shows seconds only when the x ticks are less than a minute apart', () => {
    const t = Date.UTC(2030, 0, 10, 10, 30, 15);
    const [h, m, s] = [new Date(t).getHours(), new Date(t).getMinutes(), new Date(t).getSeconds()].map((n) => String(n).padStart(2, '0'));
    expect(axisTimeFormat([t, t + 30_000]).format(t)).toBe(`${h}:${m}:${s}`);
    expect(axisTimeFormat([t, t + 60_000]).format(t)).toBe(`${h}:${m}`);
    expect(axisTimeFormat([t]).format(t)).toBe(`${h}:${m}`);
  });

  it('centres an x label under its tick but keeps the ones near the edges inside the plot', () => {
    expect(xTickStyle(0.5)).toBe('left:50%;transform:translateX(-50%)');
    expect(xTickStyle(0.05)).toBe('left:5%;transform:translateX(0)');
    expect(xTickStyle(0.95)).toBe('left:95%;transform:translateX(-100%)');
  });

  it('finds the longest y label, the first of equals', () => {
    expect(widestTick([0, 500, 1000, 1500], 1000)).toBe('1.5 k');
    expect(widestTick([1000, 2000], 1000)).toBe('1 k');
    expect(widestTick([], 1000)).toBe('');
  });
});
