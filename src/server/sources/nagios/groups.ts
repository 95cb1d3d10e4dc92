import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/**
 * Host and service group membership. Nagios keeps it in its object configuration, not in the status
 * data: status.dat has none, so it comes from objects.cache (statusFile mode) or objectjson.cgi (url mode).
 */
export class NagiosGroups {
  private readonly byHost = new Map<string, string[]>();
  private readonly byService = new Map<string, string[]>();

  addHostMember(group: string, host: string): void {
    push(this.byHost, host, group);
  }

  addServiceMember(group: string, host: string, service: string): void {
    push(this.byService, serviceKey(host, service), group);
  }

  hostgroupsOf(host: string): string[] {
    return this.byHost.get(host) ?? [];
  }

  servicegroupsOf(host: string, service: string): string[] {
    return this.byService.get(serviceKey(host, service)) ?? [];
  }
}

function serviceKey(host: string, service: string): string {
  return `${host}\u0000${service}`;
}

function push(map: Map<string, string[]>, key: string, group: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [group]);
  else if (!list.includes(group)) list.push(group);
}

/** objects.cache only changes when Nagios (re)starts, but can be large: parse it again only when it changed. */
const cache = new Map<string, { mtimeMs: number; size: number; groups: NagiosGroups }>();

/**
 * Group membership from Nagios' objects.cache (`object_cache_file` in nagios.cfg), where every
 * group is written out with its resolved `members`: hosts as `h1,h2`, services as `h1,svc1,h2,svc2`.
 */
export async function readObjectsCacheGroups(path: string): Promise<NagiosGroups> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT' ? `objects cache not found at ${path} (object_cache_file in nagios.cfg)` : `cannot read ${path}: ${(err as Error).message}`,
    );
  }
  const cached = cache.get(path);
  if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.groups;

  const groups = new NagiosGroups();
  let type: string | null = null;
  let name = '';
  let members = '';
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    if (type === null) {
      const start = /^define (hostgroup|servicegroup) \{/.exec(line);
      if (start) {
        type = start[1]!;
        name = '';
        members = '';
      }
      continue;
    }
    const trimmed = line.trim();
    if (trimmed === '}') {
      addMembers(groups, type, name, members);
      type = null;
      continue;
    }
    const key = /^\S+/.exec(trimmed)?.[0] ?? '';
    const value = trimmed.slice(key.length).trim();
    if (key === `${type}_name`) name = value;
    else if (key === 'members') members = value;
  }
  cache.set(path, { mtimeMs: info.mtimeMs, size: info.size, groups });
  return groups;
}

function addMembers(groups: NagiosGroups, type: string, name: string, members: string): void {
  if (!name || !members) return;
  const parts = members.split(',').map((m) => m.trim());
  if (type === 'hostgroup') {
    for (const host of parts) if (host) groups.addHostMember(name, host);
    return;
  }
  for (let i = 0; i + 1 < parts.length; i += 2) groups.addServiceMember(name, parts[i]!, parts[i + 1]!);
}
