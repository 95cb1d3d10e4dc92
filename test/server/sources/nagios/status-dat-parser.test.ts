import { appendFileSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readObjectsCacheGroups } from '../../../../src/server/sources/nagios/groups.js';
import { readStatusDatFile, type AfterChunk } from '../../../../src/server/sources/nagios/status-dat.js';
import { MAX_LINE_BYTES, parseStatusDat, type StatusDatBlock } from '../../../../src/server/sources/nagios/status-dat-parser.js';
import { expectSampleComments } from '../../../helpers/nagios-sample-comments.js';

const SAMPLE = new URL('../../../upstreams/samples/nagios/status.dat', import.meta.url);
const sampleText = readFileSync(SAMPLE, 'utf8');
// the sample was written at 1795535846 (info.created); judge it as if read 2 s later
const SAMPLE_NOW = 1_795_535_848_000;
const dir = mkdtempSync(path.join(tmpdir(), 'radiator-statusdat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function blocksOf(chunks: string[]): Promise<StatusDatBlock[]> {
  const blocks: StatusDatBlock[] = [];
  await parseStatusDat(Readable.from(chunks), (b) => blocks.push(b));
  return blocks;
}

const read = (file: string, now = SAMPLE_NOW, extra: { intervalLengthSeconds?: number; maxStatusAgeMs?: number; comments?: boolean } = {}, afterChunk?: AfterChunk) =>
  readStatusDatFile(file, { intervalLengthSeconds: 1, maxStatusAgeMs: 180_000, groups: null, ...extra }, now, AbortSignal.timeout(10_000), afterChunk);

describe('status.dat parser', () => {
  it('reads every block of the real sample with its fields', async () => {
    const blocks = await blocksOf([sampleText]);
    const count = (type: string) => blocks.filter((b) => b.type === type).length;
    expect([count('info'), count('programstatus'), count('hoststatus'), count('servicestatus')]).toEqual([1, 1, 7, 14]);
    expect([count('hostdowntime'), count('servicedowntime'), count('hostcomment'), count('servicecomment')]).toEqual([1, 1, 3, 2]);
    expect(blocks[0]).toMatchObject({ type: 'info', fields: { created: '1795535846', version: '4.4.6' } });
    const replication = blocks.find((b) => b.fields.service_description === 'Replication')!;
    expect(replication.fields).toMatchObject({ host_name: 'db01', current_state: '2', problem_has_been_acknowledged: '1', plugin_output: 'CRITICAL: replica lag 340s' });
  });

  it('gives the same blocks however the input is chunked, even mid-line and mid-character', async () => {
    const whole = await blocksOf([sampleText]);
    const withUtf8 = sampleText.replace('OK: 42 jobs ran', 'OK: 42 jobs ran ✓ – naïve');
    const bytes = Buffer.from(withUtf8);
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
    const blocks: StatusDatBlock[] = [];
    await parseStatusDat(Readable.from(chunks), (b) => blocks.push(b));
    expect(blocks).toHaveLength(whole.length);
    expect(blocks.find((b) => b.fields.service_description === 'Cron')!.fields.plugin_output).toBe('OK: 42 jobs ran ✓ – naïve');
  });

  it('rejects a file that ends inside a block (cut off), naming the block', async () => {
    const cut = sampleText.slice(0, sampleText.indexOf('service_description=Replication') + 40);
    await expect(blocksOf([cut])).rejects.toThrow(/status\.dat is truncated: it ends inside the "servicestatus" block opened at line \d+/);
  });

  it('refuses a line longer than the cap instead of buffering a file without newlines whole', async () => {
    let pulled = 0;
    async function* noNewlines() {
      for (let i = 0; i < 1024; i++) {
        pulled++;
        yield Buffer.alloc(64 * 1024, 0x78); // 64 MiB of "x" in all, never a newline
      }
    }
    await expect(parseStatusDat(noNewlines(), () => {}, undefined, 256 * 1024)).rejects.toThrow(
      'status.dat is malformed at line 1: line longer than 262144 bytes (not a status.dat?)',
    );
    expect(pulled).toBeLessThanOrEqual(5);
    // the default cap (1 MiB) is far above Nagios' 8 kB plugin output, and applies to whole lines in one chunk too
    expect(MAX_LINE_BYTES).toBe(1024 * 1024);
    const long = `info {\n\tcreated=1\n\t}\nhoststatus {\n\tplugin_output=${'y'.repeat(2000)}\n\t}\n`;
    await expect(parseStatusDat(Readable.from([long]), () => {}, undefined, 1000)).rejects.toThrow(/^status\.dat is malformed at line 5: line longer than 1000 bytes/);
    expect(await parseStatusDat(Readable.from([long]), () => {}, undefined, 4000)).toEqual({ blocks: 2, lines: 6 });
  });

  it('rejects a block opened inside another and a stray line, with the line number', async () => {
    await expect(blocksOf(['info {\n\tcreated=1\nhoststatus {\n\t}\n'])).rejects.toThrow(/line 3.*a new block starts inside the "info" block/);
    await expect(blocksOf(['info {\n\tcreated=1\n\t}\nthis is not status.dat\n'])).rejects.toThrow(/malformed at line 4/);
  });
});

describe('status.dat → reading', () => {
  it('normalizes the real sample: states, hard/soft, ack, downtime (also through the host), pending', async () => {
    const r = await read(fileURLToPath(SAMPLE));
    expect(r.upstream).toEqual({ program: 'Nagios Core 4.4.6', reachable: true, checking: true, lastUpdate: 1_795_535_846_000, detail: null });
    const summary = r.checks.map((c) => `${c.host}/${c.service ?? '-'}=${c.state}${c.hard ? '' : ' SOFT'}${c.acknowledged ? ' ACK' : ''}${c.inDowntime ? ' DT' : ''}`);
    expect(summary).toEqual([
      'app01/-=up', 'batch01/-=up DT', 'db01/-=up', 'edge01/-=unreachable', 'legacy01/-=down ACK', 'web01/-=up', 'web02/-=up',
      'app01/Backup=critical DT', 'app01/Deploy=ok', 'app01/Nightly report=pending', 'app01/Queue=unknown',
      'batch01/Cron=ok DT', 'db01/Disk /var=warning', 'db01/PING=ok', 'db01/Replication=critical ACK',
      'legacy01/SSH=critical', 'web01/HTTP=ok', 'web01/HTTP health=warning', 'web02/API errors=critical SOFT',
      'web02/HTTPS port=critical', 'web02/TCP latency=warning',
    ]);
    const backup = r.checks.find((c) => c.service === 'Backup')!;
    expect(backup).toMatchObject({
      output: 'CRITICAL: last backup 3 days ago',
      lastCheck: 1_795_535_842_000,
      lastStateChange: 1_795_535_842_000,
      notificationsEnabled: true,
      flapping: false,
      checkStale: false,
      hostgroups: [],
    });
    expect(r.checks.find((c) => c.service === 'Nightly report')).toMatchObject({ lastCheck: null, lastStateChange: null });
  });

  it('gives problem checks their acknowledgements, downtimes in effect and comments, as statusjson does', async () => {
    const r = await read(fileURLToPath(SAMPLE));
    expectSampleComments(r.checks);
    // a service in trouble on a host in downtime gets the host's downtime; a downtime not yet in effect is left out
    const text = sampleText
      .replace(/(servicestatus \{\n\thost_name=batch01\n\tservice_description=Cron\n[^}]*?\tcurrent_state=)0/, '$12')
      .replace(/(servicedowntime \{[^}]*is_in_effect=)1/, '$10');
    const edited = await read(write('comments.dat', text));
    const find = (host: string, service: string | null) => edited.checks.find((c) => c.host === host && c.service === service)!;
    expect(find('batch01', 'Cron')).toMatchObject({ state: 'critical', comments: [expect.objectContaining({ kind: 'downtime', author: 'radiator', text: 'Kernel patching' })] });
    expect(find('app01', 'Backup').comments).toEqual([]);
    // comments off: none read
    expect((await read(fileURLToPath(SAMPLE), SAMPLE_NOW, { comments: false })).checks.some((c) => c.comments !== undefined)).toBe(false);
  });

  it('fails the poll on a comment or downtime block without its check, naming the line', async () => {
    const noHost = sampleText.replace('hostcomment {\n\thost_name=legacy01\n', 'hostcomment {\n');
    await expect(read(write('comment-no-host.dat', noHost))).rejects.toThrow(/^status\.dat hostcomment block at line \d+ has no host_name$/);
    const noService = sampleText.replace('\tservice_description=Backup\n\tdowntime_id=1', '\tdowntime_id=1');
    await expect(read(write('downtime-no-service.dat', noService))).rejects.toThrow(/^status\.dat servicedowntime block at line \d+ has no service_description$/);
  });

  it('unescapes multi-line output and flags results much older than their interval', async () => {
    const text = sampleText
      .replace('long_plugin_output=\n\tperformance_data=/var=91%', 'long_plugin_output=line 2\\nline 3 with \\\\ backslash\n\tperformance_data=/var=91%');
    const file = write('multiline.dat', text);
    // 30 s interval (interval_length 1): stale after max(3 × 30 s, 120 s) = 120 s
    const fresh = await read(file, SAMPLE_NOW);
    const disk = fresh.checks.find((c) => c.service === 'Disk /var')!;
    expect(disk.longOutput).toBe('line 2\nline 3 with \\ backslash');
    expect(fresh.checks.some((c) => c.checkStale)).toBe(false);
    // read with interval_length 60 (minutes): 30 min interval, so 10 min old is not stale, but status.dat is
    const later = await read(file, 1_795_535_846_000 + 600_000, { intervalLengthSeconds: 60, maxStatusAgeMs: 3_600_000 });
    expect(later.checks.some((c) => c.checkStale)).toBe(false);
    const secs = await read(file, 1_795_535_846_000 + 600_000, { intervalLengthSeconds: 1, maxStatusAgeMs: 3_600_000 });
    // the checks are judged against the file's own write time, which has not moved: still fresh
    expect(secs.checks.some((c) => c.checkStale)).toBe(false);
    const written = text.replace('created=1795535846', 'created=1795536446');
    const old = await read(write('old-results.dat', written), 1_795_536_448_000);
    const stale = old.checks.filter((c) => c.checkStale).map((c) => `${c.host}/${c.service ?? '-'}`);
    // active checks only: the passive Deploy and the never-checked Nightly report are not stale
    expect(stale).toContain('db01/Disk /var');
    expect(stale).not.toContain('app01/Deploy');
    expect(stale).not.toContain('app01/Nightly report');
  });

  it('makes a current_state it does not know unknown, saying what it was, for hosts and services: never dropped, never up/OK', async () => {
    /** The sample with `current_state` of the block that starts with `head` set to `state`. */
    const withState = (text: string, head: string, state: string) => {
      const start = text.indexOf(head);
      const at = text.indexOf('\tcurrent_state=', start);
      return text.slice(0, at) + `\tcurrent_state=${state}` + text.slice(text.indexOf('\n', at));
    };
    let text = withState(sampleText, 'hoststatus {\n\thost_name=web01\n', '7');
    text = withState(text, 'servicestatus {\n\thost_name=web01\n\tservice_description=HTTP\n', 'CRITICAL');
    // a blank state is not 0: Number('') would have read it as OK
    text = withState(text, 'servicestatus {\n\thost_name=db01\n\tservice_description=PING\n', '');
    const r = await read(write('odd-states.dat', text));
    const find = (host: string, service: string | null) => r.checks.find((c) => c.host === host && c.service === service)!;
    // before: an unknown host state was invented to be "down"
    expect(find('web01', null)).toMatchObject({ state: 'unknown', output: expect.stringMatching(/^state "7" not understood: /) });
    expect(find('web01', 'HTTP')).toMatchObject({ state: 'unknown', output: expect.stringMatching(/^state "CRITICAL" not understood: HTTP OK/) });
    expect(find('db01', 'PING')).toMatchObject({ state: 'unknown', output: expect.stringMatching(/^state "" not understood: /) });
  });

  it('says Nagios is not checking when status.dat is old or active checks are off', async () => {
    const file = fileURLToPath(SAMPLE);
    const stopped = await read(file, 1_795_535_846_000 + 10 * 60_000);
    expect(stopped.upstream).toMatchObject({ checking: false, detail: 'status.dat was last written 10 min ago — Nagios stopped or hung?' });
    const disabled = await read(write('disabled.dat', sampleText.replace('active_service_checks_enabled=1', 'active_service_checks_enabled=0')));
    expect(disabled.upstream).toMatchObject({ checking: false, detail: 'active service checks are disabled (execute_service_checks is off)' });
  });

  it('fails the poll with words for the wall: missing, truncated, not status.dat, no hosts', async () => {
    await expect(read(path.join(dir, 'nope.dat'))).rejects.toThrow(
      `status.dat not found at ${path.join(dir, 'nope.dat')} — Nagios stopped? (it deletes status.dat on clean shutdown)`,
    );
    const truncated = write('truncated.dat', sampleText.slice(0, Math.floor(sampleText.length / 2)));
    await expect(read(truncated)).rejects.toThrow(/^status\.dat is truncated/);
    await expect(read(write('empty.dat', ''))).rejects.toThrow('is not a Nagios status.dat (no info/programstatus block)');
    // Nagios always writes info and programstatus first: without either, the file is not (all of) a status.dat
    const programstatus = sampleText.indexOf('programstatus {');
    const noProgram = sampleText.slice(0, programstatus) + sampleText.slice(sampleText.indexOf('hoststatus {'));
    await expect(read(write('no-programstatus.dat', noProgram))).rejects.toThrow('is not a Nagios status.dat (no info/programstatus block)');
    await expect(read(write('no-info.dat', sampleText.slice(programstatus)))).rejects.toThrow('is not a Nagios status.dat (no info/programstatus block)');
    const noHosts = sampleText.slice(0, sampleText.indexOf('hoststatus {'));
    await expect(read(write('nohosts.dat', noHosts))).rejects.toThrow(/^no hosts in .*nohosts\.dat/);
  });

  it('fails the poll when status.dat changes while being read (written in place), e.g. cut between blocks', async () => {
    // big enough for several 64 kB reads: the sample's services repeated under other host names
    const services = sampleText.slice(sampleText.indexOf('servicestatus {'), sampleText.indexOf('contactstatus {'));
    const extra = Array.from({ length: 20 }, (_, i) => services.replaceAll('host_name=', `host_name=x${i}-`)).join('');
    const whole = sampleText.replace('contactstatus {', `${extra}contactstatus {`);
    const cut = whole.indexOf('servicestatus {'); // a writer that has written info, programstatus and the hosts so far
    const file = write('in-place.dat', whole.slice(0, cut));
    // the writer goes on while the poll reads: the file grows under it
    let appended = false;
    const writerGoesOn = () => {
      if (!appended) appendFileSync(file, whole.slice(cut));
      appended = true;
    };
    await expect(read(file, SAMPLE_NOW, {}, writerGoesOn)).rejects.toThrow(
      /^status\.dat changed while being read \(\d+ → \d+ bytes, modified\): it is written in place/,
    );
    // the same content, unchanged during the read, is fine
    writeFileSync(file, whole);
    const r = await read(file, SAMPLE_NOW, {}, () => undefined);
    expect(r.checks.length).toBe(21 + 20 * 14);
    // rewritten in place mid-read with the same size: the mtime still gives it away
    let touched = false;
    const touch = () => {
      if (touched) return;
      touched = true;
      writeFileSync(file, whole);
      // a later modification time, as a writer a moment later would leave, without waiting for the clock
      const later = new Date(statSync(file).mtimeMs + 60_000);
      utimesSync(file, later, later);
    };
    await expect(read(file, SAMPLE_NOW, {}, touch)).rejects.toThrow(/^status\.dat changed while being read \(\d+ → \d+ bytes, modified\)/);
  });

  it('accepts a new status.dat renamed into place during the read, like Nagios writes it: the open file is whole', async () => {
    const file = write('renamed.dat', sampleText);
    let replaced = false;
    const r = await read(file, SAMPLE_NOW, {}, () => {
      if (replaced) return;
      replaced = true;
      writeFileSync(`${file}.new`, sampleText.replace('current_state=2', 'current_state=0'));
      renameSync(`${file}.new`, file);
    });
    expect(r.checks).toHaveLength(21);
    expect(replaced).toBe(true);
  });

  it('takes host and service groups from objects.cache', async () => {
    const cache = write(
      'objects.cache',
      [
        'define hostgroup {', '\thostgroup_name\tweb', '\talias\tWeb servers', '\tmembers\tweb01,web02', '\t}', '',
        'define servicegroup {', '\tservicegroup_name\tcustomer-facing', '\tmembers\tapp01,Deploy,web02,HTTPS port', '\t}', '',
        'define host {', '\thost_name\tweb01', '\t}', '',
      ].join('\n'),
    );
    const groups = await readObjectsCacheGroups(cache);
    const r = await readStatusDatFile(fileURLToPath(SAMPLE), { intervalLengthSeconds: 1, maxStatusAgeMs: 180_000, groups }, SAMPLE_NOW, AbortSignal.timeout(5000));
    expect(r.checks.find((c) => c.host === 'web02' && c.service === null)).toMatchObject({ hostgroups: ['web'], servicegroups: [] });
    expect(r.checks.find((c) => c.service === 'HTTPS port')).toMatchObject({ hostgroups: ['web'], servicegroups: ['customer-facing'] });
    expect(r.checks.find((c) => c.service === 'Deploy')).toMatchObject({ hostgroups: [], servicegroups: ['customer-facing'] });
    await expect(readObjectsCacheGroups(path.join(dir, 'missing.cache'))).rejects.toThrow(/objects cache not found/);
  });
});
