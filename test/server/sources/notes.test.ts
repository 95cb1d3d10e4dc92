import { afterEach, describe, expect, it } from 'vitest';
import type { BoardSnapshot } from '../../../src/shared/board.js';
import type { NotesReading } from '../../../src/server/readings/notes.js';
import { readingSchema } from '../../../src/server/readings/registry.js';
import { DEFAULT_NOTE_LIFETIME_MS, notesSource } from '../../../src/server/sources/notes.js';
import { registerSourceKind } from '../../../src/server/sources/registered-source-kind.js';
import { builtInKinds } from '../../../src/server/built-in-kinds.js';
import { getJson, joinBoard, startTestServer, waitFor, type BoardSocket, type StartedServer } from '../../helpers/test-server.js';

const T0 = Date.UTC(2030, 0, 1, 12);
const MIN = 60_000;

function notesSourceWith(options: Record<string, unknown> = {}) {
  const bound = registerSourceKind(notesSource).bind(options);
  if (bound.arrives !== 'pushed') throw new Error('the notes kind must be pushed');
  return bound;
}

/** Folds one request's events into the reading after `previous`, as the push intake does. */
function fold(previous: NotesReading | null, events: unknown[], now: number, options: Record<string, unknown> = {}): NotesReading {
  const source = notesSourceWith(options);
  const accepted = events.map((event) => {
    const result = source.accept(event);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result;
  });
  const reading = source.readingAfter(accepted, { previous, now: () => now });
  if (reading.type !== 'notes') throw new Error(`expected a notes reading, got ${reading.type}`);
  return reading;
}

const note = (fields: Record<string, unknown>) => ({ kind: 'note', text: 'Maintenance tonight', ...fields });

describe('notes source: folding note events', () => {
  it('keeps a note for its board (or every board), from when it arrived until an hour later by default', () => {
    const reading = fold(null, [note({ note: 'maint', board: 'ops', level: 'warning' }), note({ text: 'Release freeze' })], T0);
    expect(reading).toEqual({
      type: 'notes',
      at: T0,
      notes: [
        { key: expect.stringMatching(/^text-[0-9a-f]{16}$/), board: null, text: 'Release freeze', level: 'info', at: T0, expiresAt: T0 + DEFAULT_NOTE_LIFETIME_MS },
        { key: 'maint', board: 'ops', text: 'Maintenance tonight', level: 'warning', at: T0, expiresAt: T0 + 60 * MIN },
      ],
    });
    expect(readingSchema.parse(reading)).toEqual(reading);
  });

  it('takes the sender\'s start and expiry, as epoch ms or ISO 8601', () => {
    const reading = fold(null, [note({ note: 'db', at: '2030-01-01T22:00:00+01:00', expiresAt: T0 + 12 * 60 * MIN })], T0);
    expect(reading.notes).toEqual([expect.objectContaining({ key: 'db', at: Date.UTC(2030, 0, 1, 21), expiresAt: T0 + 12 * 60 * MIN })]);
  });

  it('treats a later event with the same note name as the same note: new text, level and expiry, and it becomes the newest', () => {
    let reading = fold(null, [note({ note: 'a', text: 'Checkout slow' }), note({ note: 'b', text: 'Other' })], T0);
    reading = fold(reading, [note({ note: 'a', text: 'Checkout down, we are on it', level: 'critical', expiresAt: T0 + 3 * 60 * MIN })], T0 + 5 * MIN);
    expect(reading.notes.map(({ key, text, level, at, expiresAt }) => ({ key, text, level, at, expiresAt }))).toEqual([
      { key: 'a', text: 'Checkout down, we are on it', level: 'critical', at: T0 + 5 * MIN, expiresAt: T0 + 3 * 60 * MIN },
      { key: 'b', text: 'Other', level: 'info', at: T0, expiresAt: T0 + 60 * MIN },
    ]);
  });

  it('renews a note sent again without an id when its board and text are the same', () => {
    let reading = fold(null, [note({ board: 'ops' }), note({ board: 'builds' })], T0);
    reading = fold(reading, [note({ board: 'ops', level: 'critical' })], T0 + 30 * MIN);
    expect(reading.notes.map((n) => [n.board, n.level, n.expiresAt])).toEqual([
      ['ops', 'critical', T0 + 90 * MIN],
      ['builds', 'info', T0 + 60 * MIN],
    ]);
  });

  it('clears a note early when its name comes again with an expiry that has passed', () => {
    let reading = fold(null, [note({ note: 'maint' }), note({ note: 'other' })], T0);
    reading = fold(reading, [note({ note: 'maint', text: 'done', expiresAt: T0 })], T0 + MIN);
    expect(reading.notes.map((n) => n.key)).toEqual(['other']);
    // in one request: the last word on a note counts
    reading = fold(reading, [note({ note: 'x' }), note({ note: 'x', expiresAt: T0 })], T0 + 2 * MIN);
    expect(reading.notes.map((n) => n.key)).toEqual(['other']);
  });

  it('drops notes that expired since the last push', () => {
    let reading = fold(null, [note({ note: 'short', expiresAt: T0 + 10 * MIN }), note({ note: 'long' })], T0);
    reading = fold(reading, [note({ note: 'new' })], T0 + 10 * MIN);
    expect(reading.notes.map((n) => n.key)).toEqual(['new', 'long']);
  });

  it('keeps the newest maxNotes (20 by default), counting an update as new', () => {
    const many = Array.from({ length: 25 }, (_, i) => note({ note: `n${i}` }));
    let reading = fold(null, many, T0);
    expect(reading.notes).toHaveLength(20);
    expect(reading.notes[0]!.key).toBe('n24');
    expect(reading.notes.at(-1)!.key).toBe('n5');
    reading = fold(reading, [note({ note: 'n5', text: 'still here' })], T0 + MIN);
    expect(reading.notes.map((n) => n.key).slice(0, 2)).toEqual(['n5', 'n24']);
    expect(reading.notes.map((n) => n.key)).toContain('n6');
    expect(fold(null, many, T0, { maxNotes: 3 }).notes.map((n) => n.key)).toEqual(['n24', 'n23', 'n22']);
  });

  it('refuses a note that is not one, naming each problem by path, and strips control and bidi characters', () => {
    const problems = (payload: unknown) => {
      const result = notesSourceWith().accept(payload);
      return result.ok ? [] : result.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
    };
    expect(problems(note({ level: 'panic' }))).toEqual([expect.stringMatching(/^level: /)]);
    expect(problems(note({ text: '\u202e\u0007' }))).toEqual(['text: expected text with at least one visible character']);
    expect(problems(note({ text: 'x'.repeat(801) }))).toEqual(['text: expected at most 200 characters']);
    expect(problems(note({ expiresAt: 'tomorrow' }))).toEqual([expect.stringMatching(/^expiresAt: /)]);
    expect(problems(note({ colour: 'red' }))).toEqual([expect.stringMatching(/colour/)]);
    expect(problems({ kind: 'metric', series: 'x', value: 1 })).not.toEqual([]);
    expect(fold(null, [note({ text: '\u001b[31mDB\u202e failover\u0007' })], T0).notes[0]!.text).toBe('DB failover');
  });

  it('is a pushed kind the built-in kinds include, with a bounded maxNotes', () => {
    expect(builtInKinds.sources.find((k) => k.kind === 'notes')).toMatchObject({ arrives: 'pushed', produces: 'notes' });
    expect(() => notesSourceWith({ maxNotes: 0 })).toThrow();
    expect(() => notesSourceWith({ maxNotes: 101 })).toThrow();
  });
});

describe('a notes source on the boards (snapshot, GET /api/v1/boards/:id, board:notes)', () => {
  let app: StartedServer | undefined;
  const sockets: BoardSocket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await app?.close();
    app = undefined;
  });
  const config = {
    sources: { wall: { type: 'notes' }, ci: { type: 'push' } },
    boards: {
      ops: { title: 'Ops', columns: 1, rows: 1, tiles: [{ id: 'build', widget: 'number', source: 'ci', x: 0, y: 0, options: { series: 'build' } }] },
      builds: { title: 'Builds', columns: 1, rows: 1, tiles: [{ id: 'build', widget: 'number', source: 'ci', x: 0, y: 0, options: { series: 'build' } }] },
    },
  };

  /** A display of `boardId` that keeps every banner list it is sent, first the snapshot's. */
  async function display(boardId: string) {
    const { socket, snapshot } = await joinBoard(app!.url, boardId);
    sockets.push(socket);
    const received: string[][] = [snapshot!.notes.map((n) => n.key)];
    socket.on('board:notes', (update) => received.push(update.notes.map((n) => n.key)));
    return received;
  }
  const snapshotNotes = (boardId: string) => snapshotNotesOf(app!.url, boardId);

  it('sends a board its banners when they change, and drops an expired one on the sweep without any push', async () => {
    let clock = T0;
    app = await startTestServer(config, { now: () => clock, restoreWaitMs: 0, sweepMs: 20 });
    const ops = await display('ops');
    const builds = await display('builds');

    await app.server.pushes.receive('wall', note({ note: 'maint', board: 'ops', level: 'warning', expiresAt: T0 + 30 * MIN }));
    await waitFor(() => ops.length === 2, 'the ops display to get its banner');
    expect(await snapshotNotes('ops')).toEqual([{ source: 'wall', key: 'maint', board: 'ops', text: 'Maintenance tonight', level: 'warning', at: T0, expiresAt: T0 + 30 * MIN }]);
    expect(await snapshotNotes('builds')).toEqual([]);

    // scheduled for later: nothing changes on the wall until its time comes, then the sweep shows it
    await app.server.pushes.receive('wall', note({ note: 'freeze', text: 'Release freeze', at: T0 + 10 * MIN }));
    clock = T0 + 10 * MIN;
    await waitFor(() => ops.length === 3 && builds.length === 2, 'the scheduled note to show on both boards');

    clock = T0 + 30 * MIN; // the ops note expires: no push, the sweep alone takes it down
    await waitFor(() => ops.length === 4, 'the expired note to go');
    clock = T0 + 70 * MIN; // and the other one an hour after it started
    await waitFor(() => ops.length === 5 && builds.length === 3, 'the last note to go');

    // every change once, nothing re-sent by the sweeps that ran between them
    expect(ops).toEqual([[], ['maint'], ['maint', 'freeze'], ['freeze'], []]);
    expect(builds).toEqual([[], ['freeze'], []]);
  });

  it('updates a note named again with a new event id, counts a repeated event id once, and clears a note early', async () => {
    let clock = T0;
    app = await startTestServer(config, { now: () => clock, restoreWaitMs: 0, sweepMs: 60_000 });
    const ops = await display('ops');
    await app.server.pushes.receive('wall', note({ id: 'evt-1', note: 'incident', level: 'critical', text: 'Checkout down' }), 'evt-1');
    await waitFor(() => ops.length === 2, 'the banner');
    // the same event id again is a retry of the same event (the HTTP API takes the event's id as the key): counted once, the banner stays
    expect(await app.server.pushes.receive('wall', note({ id: 'evt-1', note: 'incident', text: 'a retry that differs' }), 'evt-1')).toEqual({ ok: true, duplicate: true });
    clock += MIN;
    await app.server.pushes.receive('wall', note({ id: 'evt-2', note: 'incident', level: 'warning', text: 'Checkout recovering' }), 'evt-2');
    await waitFor(() => ops.length === 3, 'the updated banner');
    expect(await snapshotNotes('ops')).toMatchObject([{ key: 'incident', level: 'warning', text: 'Checkout recovering', at: T0 + MIN }]);
    clock += MIN;
    await app.server.pushes.receive('wall', note({ id: 'evt-3', note: 'incident', text: 'Checkout is back', expiresAt: clock }), 'evt-3');
    await waitFor(() => ops.length === 4, 'the banner to go');
    expect(ops).toEqual([[], ['incident'], ['incident'], []]);
    expect(await snapshotNotes('ops')).toEqual([]);
  });
});

describe('notes end to end: POST /api/v1/events with the source\'s token, to the board and its display', () => {
  let app: StartedServer | undefined;
  let socket: BoardSocket | undefined;
  afterEach(async () => {
    socket?.close();
    await app?.close();
    app = undefined;
  });
  const TOKEN = 'notes-token-0123456789abcdef';

  it('shows a posted note, counts a retried event once, replaces it by name and takes it down', async () => {
    app = await startTestServer(
      {
        sources: { 'wall-notes': { type: 'notes', tokensEnv: 'NOTES_TOKENS' } },
        boards: { ops: { title: 'Ops', columns: 1, rows: 1, tiles: [{ id: 'utc', widget: 'clock', x: 0, y: 0 }] } },
      },
      { env: { NOTES_TOKENS: TOKEN }, restoreWaitMs: 0 },
    );
    const joined = await joinBoard(app.url, 'ops');
    socket = joined.socket;
    const received: string[][] = [joined.snapshot!.notes.map((n) => n.text)];
    socket.on('board:notes', (update) => received.push(update.notes.map((n) => n.text)));
    const post = async (body: unknown, token = TOKEN) => {
      const res = await fetch(`${app!.url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };

    const first = { kind: 'note', id: 'evt-1', note: 'db-maint', level: 'warning', text: 'Maintenance 22:00–23:00: database failover' };
    expect(await post(first)).toMatchObject({ status: 202, body: { accepted: 1, duplicates: 0 } });
    await waitFor(() => received.length === 2, 'the banner on the display');
    expect(await snapshotNotesOf(app.url, 'ops')).toMatchObject([{ source: 'wall-notes', key: 'db-maint', level: 'warning', text: 'Maintenance 22:00–23:00: database failover' }]);

    // the deploy tool's retry of the same event: stored and counted once, nothing changes
    expect(await post({ ...first, text: 'retried' })).toMatchObject({ status: 202, body: { accepted: 0, duplicates: 1 } });
    expect(await post({ kind: 'note', id: 'evt-2', note: 'db-maint', level: 'critical', text: 'Failover running late' })).toMatchObject({ status: 202, body: { accepted: 1 } });
    await waitFor(() => received.length === 3, 'the replaced banner');
    expect(await post({ kind: 'note', id: 'evt-3', note: 'db-maint', text: 'done', expiresAt: '2000-01-01T00:00:00Z' })).toMatchObject({ status: 202 });
    await waitFor(() => received.length === 4, 'the banner to go');
    expect(received).toEqual([[], ['Maintenance 22:00–23:00: database failover'], ['Failover running late'], []]);

    // refused: a wrong token, a note that is not one (by path); nothing shows
    expect((await post(first, 'not-the-token-0123456789')).status).toBe(401);
    expect(await post({ kind: 'note', text: 'x', level: 'panic' })).toMatchObject({ status: 400, body: { problems: [expect.stringMatching(/^\$\.level: /)] } });
    // a board that does not exist (a typo) would show the note nowhere: refused, naming the boards there are
    expect(await post({ kind: 'note', text: 'Deploy freeze', board: 'opps' })).toMatchObject({
      status: 400,
      body: { problems: ['$.board: no board "opps" (boards: ops); leave "board" out to show the note on every board'] },
    });
    expect(await snapshotNotesOf(app.url, 'ops')).toEqual([]);
  });
});

async function snapshotNotesOf(url: string, boardId: string) {
  return (await getJson<BoardSnapshot>(`${url}/api/v1/boards/${boardId}`)).body.notes;
}
