import { readFileSync } from 'node:fs';

const TRANSCRIPT = new URL('../../../upstreams/samples/munin/munin-node-transcript.txt', import.meta.url);

/**
 * The replies in the real munin-node transcript (test/upstreams/samples/munin), by command:
 * `S:` lines after a `C: <command>` line up to (not including) the terminating ".".
 */
export function transcriptReplies(): Map<string, string[]> {
  const replies = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of readFileSync(TRANSCRIPT, 'utf8').split('\n')) {
    if (line.startsWith('C: ')) {
      current = [];
      replies.set(line.slice(3), current);
    } else if (line.startsWith('S: ') || line === 'S:') {
      const text = line.slice(3);
      if (current && text !== '.') current.push(text);
    }
  }
  return replies;
}

export function reply(command: string): string[] {
  const lines = transcriptReplies().get(command);
  if (!lines) throw new Error(`no "${command}" in the transcript`);
  return lines;
}
