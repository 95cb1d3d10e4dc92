/** Result of a cdef: the value, or why it could not be computed. */
export type CdefResult = { value: number | null } | { error: string };

const OPERATORS: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
};

/**
 * Evaluates the arithmetic subset of RRD's RPN that munin plugins use in `cdef` (e.g. "down,8,*"
 * for bits from bytes, "used,total,/,100,*"): numbers, field names of the same graph and + - * / %.
 * An unknown (null) operand makes the result unknown. Other RPN operators are reported, not guessed.
 */
export function evaluateCdef(expression: string, lookup: (field: string) => number | null | undefined): CdefResult {
  const stack: (number | null)[] = [];
  for (const token of expression.split(',').map((t) => t.trim())) {
    const op = OPERATORS[token];
    if (op) {
      if (stack.length < 2) return { error: `cdef "${expression}" is not valid RPN` };
      const b = stack.pop()!;
      const a = stack.pop()!;
      stack.push(a === null || b === null ? null : op(a, b));
    } else if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(token)) {
      stack.push(Number(token));
    } else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(token)) {
      const value = lookup(token);
      if (value === undefined) return { error: `cdef "${expression}": unsupported operator or unknown field "${token}"` };
      stack.push(value);
    } else {
      return { error: `cdef "${expression}": unsupported token "${token}"` };
    }
  }
  if (stack.length !== 1) return { error: `cdef "${expression}" is not valid RPN` };
  const value = stack[0]!;
  return { value: value !== null && Number.isFinite(value) ? value : null };
}
