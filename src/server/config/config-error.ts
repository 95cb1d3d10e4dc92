export interface ConfigProblem {
  /** JSON path such as `$.boards.ops.tiles[2].source`. */
  path: string;
  /** What is wrong and what would be right. */
  message: string;
}

/** A config that cannot be used. Its message is the whole human-readable report. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(
      `Invalid configuration in ${file} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  ${p.path}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

export function jsonPath(path: readonly PropertyKey[]): string {
  return (
    '$' +
    path
      .map((part) =>
        typeof part === 'number'
          ? `[${part}]`
          : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(String(part))
            ? `.${String(part)}`
            : `[${JSON.stringify(String(part))}]`,
      )
      .join('')
  );
}
