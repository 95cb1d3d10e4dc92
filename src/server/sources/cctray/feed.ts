import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { plainLine } from '../../../shared/plain-text.js';

/** One `<Project>` of a CCTray feed, as the spec (cctray.org, cctray v1) names its attributes. */
export interface CctrayProject {
  name: string;
  activity: CctrayActivity;
  lastBuildStatus: CctrayStatus;
  lastBuildLabel: string | null;
  /** Epoch ms; null when absent or unparseable (the project is kept: "time unknown"). */
  lastBuildTime: number | null;
  webUrl: string | null;
  /** Who broke it, from a `<messages><message kind="Breakers" text="alice, bob"/>` child some servers add. */
  breakers: string[];
}

export const ACTIVITIES = ['Sleeping', 'Building', 'CheckingModifications'] as const;
export const STATUSES = ['Success', 'Failure', 'Exception', 'Unknown'] as const;
export type CctrayActivity = (typeof ACTIVITIES)[number];
export type CctrayStatus = (typeof STATUSES)[number];

/** More projects than this is not a CI wall any more but a hostile or broken feed. */
export const MAX_PROJECTS = 10_000;
const NAME_CHARS = 200;

// no entity of the document is expanded: a DOCTYPE (where entities are declared) is refused before
// parsing, and the parser leaves every reference alone; only XML's five predefined ones and character
// references are decoded afterwards, in attribute values, which cannot grow a value by more than its size
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  parseAttributeValue: false,
  parseTagValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => name === 'Project' || name === 'message',
});

/**
 * Reads a CCTray XML document into its projects, or throws saying in words what is wrong: not XML
 * (with line and column), a DOCTYPE (refused: entity declarations could expand without bound), not a
 * `<Projects>` document, or a project whose activity or status the spec does not know (naming them).
 */
export function parseCctrayFeed(xml: string, where: string): CctrayProject[] {
  if (/<!DOCTYPE/i.test(xml)) {
    throw new Error(`CCTray feed from ${where} has a DOCTYPE: refused (entity declarations are not expanded; a CCTray feed needs none)`);
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new Error(`malformed XML from ${where} at line ${valid.err.line}, column ${valid.err.col}: ${plainLine(valid.err.msg, 160)}`);
  }
  const doc: unknown = parser.parse(xml);
  const root = doc && typeof doc === 'object' ? Object.keys(doc) : [];
  if (!root.includes('Projects')) {
    throw new Error(`not a CCTray feed from ${where}: the root element is ${root.length ? `<${plainLine(root[0]!, 40)}>` : 'missing'}, not <Projects>`);
  }
  const projectsElement = (doc as Record<string, unknown>).Projects;
  // an empty <Projects/> parses to "" (no children): a valid feed with no projects
  const rawProjects = projectsElement && typeof projectsElement === 'object' ? asArray((projectsElement as Record<string, unknown>).Project) : [];
  if (rawProjects.length > MAX_PROJECTS) throw new Error(`CCTray feed from ${where} lists ${rawProjects.length} projects: more than ${MAX_PROJECTS}, refused`);
  const projects: CctrayProject[] = [];
  const problems: string[] = [];
  rawProjects.forEach((raw, index) => {
    const attrs = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const name = text(attrs.name, NAME_CHARS);
    const label = name ? `"${name}"` : `#${index + 1}`;
    if (!name) {
      problems.push(`project ${label} has no name`);
      return;
    }
    const activity = text(attrs.activity, 40);
    const status = text(attrs.lastBuildStatus, 40);
    if (!isOneOf(ACTIVITIES, activity)) problems.push(`project ${label} has activity "${activity}" (expected ${ACTIVITIES.join(', ')})`);
    if (!isOneOf(STATUSES, status)) problems.push(`project ${label} has lastBuildStatus "${status}" (expected ${STATUSES.join(', ')})`);
    if (!isOneOf(ACTIVITIES, activity) || !isOneOf(STATUSES, status)) return;
    projects.push({
      name,
      activity,
      lastBuildStatus: status,
      lastBuildLabel: text(attrs.lastBuildLabel, 80) || null,
      lastBuildTime: parseFeedTime(text(attrs.lastBuildTime, 60)),
      webUrl: webUrl(text(attrs.webUrl, 2000)),
      breakers: breakers(attrs.messages),
    });
  });
  if (problems.length) {
    const more = problems.length > 3 ? ` and ${problems.length - 3} more` : '';
    throw new Error(`CCTray feed from ${where}: ${problems.slice(0, 3).join('; ')}${more}`);
  }
  return projects;
}

/**
 * CCTray times are xs:dateTime, written variously: `Z`, `+01:00`, `+0000` (Travis), 7 fractional digits
 * (CruiseControl.NET). Without a zone, UTC is assumed (the spec asks servers for one).
 */
export function parseFeedTime(value: string): number | null {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?)(?:\.(\d+))?(Z|[+-]\d\d:?\d\d)?$/.exec(value.trim());
  if (!m) return null;
  const fraction = (m[2] ?? '').padEnd(3, '0').slice(0, 3);
  const zone = !m[3] || m[3] === 'Z' ? 'Z' : `${m[3].slice(0, 3)}:${m[3].slice(-2)}`;
  const ms = Date.parse(`${m[1]}.${fraction}${zone}`);
  return Number.isFinite(ms) ? ms : null;
}

function breakers(messages: unknown): string[] {
  const list = messages && typeof messages === 'object' ? asArray((messages as Record<string, unknown>).message) : [];
  return list
    .filter((m): m is Record<string, unknown> => !!m && typeof m === 'object' && (m as Record<string, unknown>).kind === 'Breakers')
    .flatMap((m) => text(m.text, 400).split(','))
    .map((who) => who.trim())
    .filter((who) => who !== '')
    .slice(0, 20);
}

/** Only http(s) links reach the wall: a `javascript:` webUrl from a hostile feed must not. */
function webUrl(value: string): string | null {
  if (!URL.canParse(value)) return null;
  const url = new URL(value);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

function text(value: unknown, maxChars: number): string {
  return typeof value === 'string' ? plainLine(decodeXmlReferences(value), maxChars) : '';
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML's predefined entity and character references; any other `&name;` is left as written. */
function decodeXmlReferences(value: string): string {
  return value.replace(/&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g, (whole, name?: string, dec?: string, hex?: string) => {
    if (name) return PREDEFINED[name]!;
    const code = dec ? Number(dec) : Number.parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}
