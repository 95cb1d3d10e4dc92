import { visit } from 'jsonc-parser';
import { type ConfigProblem, jsonPath } from './config-error.js';

/**
 * Keys that appear twice in one object. JSON.parse keeps the last silently, so a board pasted twice
 * under one id, or two "tiles" lists, would quietly lose half the config. `text` must be valid JSON
 * (JSON.parse has accepted it); jsonc-parser's scanner reports each key with its enclosing path.
 */
export function duplicateKeyProblems(text: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  // per open object: key → line it first appeared on
  const open: Map<string, number>[] = [];
  visit(
    text,
    {
      onObjectBegin: () => {
        open.push(new Map());
      },
      onObjectEnd: () => {
        open.pop();
      },
      onObjectProperty: (key, _offset, _length, line, _character, pathSupplier) => {
        const seen = open[open.length - 1];
        if (!seen) return;
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, line);
          return;
        }
        problems.push({
          path: jsonPath([...pathSupplier(), key]),
          message:
            `duplicate key "${key}" (lines ${first + 1} and ${line + 1}): JSON keeps only the last one, so the first would be ignored; ` +
            'merge the two into one, or rename one of them',
        });
      },
    },
    { disallowComments: true },
  );
  return problems;
}
