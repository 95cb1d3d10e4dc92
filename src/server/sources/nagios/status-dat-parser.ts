import { StringDecoder } from 'node:string_decoder';

/** One `name { key=value … }` block of status.dat, e.g. `servicestatus`. Values are raw strings. */
export interface StatusDatBlock {
  type: string;
  fields: Record<string, string>;
  /** 1-based line number of the block's opening line, for error messages. */
  line: number;
}

/** How long the parser may run before it lets the event loop breathe (timers, sockets, other polls). */
const SLICE_MS = 8;

/**
 * Longest line accepted. Nagios caps plugin output at 8 kB (escaped, a little more); 1 MiB leaves
 * room for anything real, while a file without newlines is refused instead of being buffered whole.
 */
export const MAX_LINE_BYTES = 1024 * 1024;

/**
 * Parses Nagios' status.dat from a stream of chunks, block by block, without ever holding the whole
 * file: a big installation's status.dat runs to tens of MB, and this runs inside the server that also
 * feeds the wall. Work is cut into slices of a few ms with a macrotask yield in between, so even a
 * chunk source that never waits (a memory stream) cannot starve the event loop.
 *
 * Strict about structure, because a half-written or cut-off file must not look like "fewer problems":
 * a file that ends inside a block, a block opened inside another, or a stray line inside a block is
 * an error for this poll.
 */
export async function parseStatusDat(
  chunks: AsyncIterable<string | Buffer>,
  onBlock: (block: StatusDatBlock) => void,
  signal?: AbortSignal,
  maxLineBytes = MAX_LINE_BYTES,
): Promise<{ blocks: number; lines: number }> {
  const decoder = new StringDecoder('utf8');
  const state: LineState = { block: null, lineNo: 0, blocks: 0 };
  let rest = '';
  let sliceStart = performance.now();

  for await (const chunk of chunks) {
    signal?.throwIfAborted();
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      if (nl - start > maxLineBytes) throw tooLong(state.lineNo + 1, maxLineBytes);
      parseLine(text.slice(start, nl), state, onBlock);
      start = nl + 1;
      // checking the clock every line would cost more than the parse; every 256 lines is plenty
      if ((state.lineNo & 255) === 0 && performance.now() - sliceStart > SLICE_MS) {
        await yieldToEventLoop();
        signal?.throwIfAborted();
        sliceStart = performance.now();
      }
    }
    rest = text.slice(start);
    // a UTF-16 length above the cap means at least as many UTF-8 bytes
    if (rest.length > maxLineBytes) throw tooLong(state.lineNo + 1, maxLineBytes);
  }
  rest += decoder.end();
  if (rest.length > maxLineBytes) throw tooLong(state.lineNo + 1, maxLineBytes);
  // a last line without its newline is only whole if it closes the block; anything else was cut off
  if (rest.length > 0 && (state.block === null || rest.trim() === '}')) parseLine(rest, state, onBlock);
  if (state.block) {
    throw new Error(
      `status.dat is truncated: it ends inside the "${state.block.type}" block opened at line ${state.block.line} (file cut off or still being written)`,
    );
  }
  return { blocks: state.blocks, lines: state.lineNo };
}

interface LineState {
  block: StatusDatBlock | null;
  lineNo: number;
  blocks: number;
}

const BLOCK_START = /^([a-z_]+) \{\s*$/;

function parseLine(raw: string, state: LineState, onBlock: (block: StatusDatBlock) => void): void {
  state.lineNo++;
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  const { block } = state;
  if (block === null) {
    if (line === '' || line.startsWith('#') || line.trim() === '') return;
    const start = BLOCK_START.exec(line);
    if (!start) throw malformed(state.lineNo, line, 'expected a block such as "hoststatus {"');
    state.block = { type: start[1]!, fields: Object.create(null) as Record<string, string>, line: state.lineNo };
    return;
  }
  const body = line.startsWith('\t') ? line.slice(1) : line.trimStart();
  if (body.trimEnd() === '}') {
    state.block = null;
    state.blocks++;
    onBlock(block);
    return;
  }
  const eq = body.indexOf('=');
  if (eq <= 0) {
    if (BLOCK_START.test(line)) {
      throw malformed(state.lineNo, line, `a new block starts inside the "${block.type}" block opened at line ${block.line}`);
    }
    throw malformed(state.lineNo, line, 'expected key=value inside a block');
  }
  block.fields[body.slice(0, eq)] = body.slice(eq + 1);
}

function malformed(lineNo: number, line: string, expected: string): Error {
  const shown = line.length > 60 ? `${line.slice(0, 60)}…` : line;
  return new Error(`status.dat is malformed at line ${lineNo} (${JSON.stringify(shown)}): ${expected}`);
}

function tooLong(lineNo: number, maxLineBytes: number): Error {
  return new Error(`status.dat is malformed at line ${lineNo}: line longer than ${maxLineBytes} bytes (not a status.dat?)`);
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
