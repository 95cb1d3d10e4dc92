import { describe, expect, it } from 'vitest';
import { evaluateCdef } from '../../../../src/server/sources/munin/cdef.js';

const fields: Record<string, number | null> = { down: 100, used: 30, total: 120, gone: null };
const lookup = (name: string) => (name in fields ? fields[name] : undefined);

describe('munin cdef', () => {
  it('evaluates the arithmetic RPN plugins use', () => {
    expect(evaluateCdef('down,8,*', lookup)).toEqual({ value: 800 });
    expect(evaluateCdef('used,total,/,100,*', lookup)).toEqual({ value: 25 });
    expect(evaluateCdef('total,used,-,2,%', lookup)).toEqual({ value: 0 });
  });

  it('is unknown when an operand is unknown, or on division by zero', () => {
    expect(evaluateCdef('gone,8,*', lookup)).toEqual({ value: null });
    expect(evaluateCdef('down,0,/', lookup)).toEqual({ value: null });
  });

  it('reports what it does not support instead of guessing', () => {
    expect(evaluateCdef('down,UN,0,down,IF', lookup)).toHaveProperty('error');
    expect(evaluateCdef('down,*', lookup)).toEqual({ error: 'cdef "down,*" is not valid RPN' });
    expect(evaluateCdef('down,8', lookup)).toEqual({ error: 'cdef "down,8" is not valid RPN' });
  });
});
