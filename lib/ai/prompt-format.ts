/**
 * The layout of the system prompt that lib/ai/prompt.ts writes and the offline model reads back.
 *
 * After the persona's system prompt come tagged sections, each opened and closed by a marker on a line of its own:
 *
 *   <character>            Name: Aria            (always; the name is one line)
 *                          Description: …        (each field may span lines)
 *                          Personality: …
 *                          Scenario: …
 *   </character>
 *   <user>                 Name: Sam
 *   </user>
 *   <example_dialogues>    free text, as the persona wrote it
 *   </example_dialogues>
 *   <lorebook>             - one activated entry per line
 *   </lorebook>
 *   <memories>             - one remembered fact per line (pinned first)
 *   </memories>
 *   <summary>              the rolling summary of older messages
 *   </summary>
 *
 * Sections without content are left out. In the list sections (lorebook, memories) every item is a single line
 * beginning "- ": line breaks inside an item are folded into spaces, so an item can never forge a marker line.
 * In the free-text sections a line that looks like a marker is indented by one space for the same reason.
 * The tags read naturally to real models too, which is why one format serves both.
 */
export const SECTIONS = ['character', 'user', 'example_dialogues', 'lorebook', 'memories', 'summary'] as const;
export type Section = (typeof SECTIONS)[number];

const markerLine = new RegExp(`^\\s*</?(${SECTIONS.join('|')})>\\s*$`);

/** Free text with any marker-looking line defused. */
export function defuse(text: string): string {
  return text
    .split('\n')
    .map((line) => (markerLine.test(line) ? ` ${line.trim()}` : line))
    .join('\n');
}

/** One item of a list section: a single line, whitespace collapsed. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function block(section: Section, body: string): string {
  return `<${section}>\n${body}\n</${section}>`;
}

export function listBlock(section: 'lorebook' | 'memories', items: string[]): string {
  return block(section, items.map((item) => `- ${oneLine(item)}`).join('\n'));
}

/** The body of the last `section` in `system`, or null when there is none. The last wins: it is the one we wrote. */
export function readSection(system: string, section: Section): string | null {
  const lines = system.split('\n');
  const open = lines.lastIndexOf(`<${section}>`);
  if (open < 0) return null;
  const close = lines.indexOf(`</${section}>`, open + 1);
  return lines.slice(open + 1, close < 0 ? undefined : close).join('\n');
}

export function readList(system: string, section: 'lorebook' | 'memories'): string[] {
  const body = readSection(system, section);
  if (body === null) return [];
  return body
    .split('\n')
    .filter((line) => line.startsWith('- '))
    .map((line) => line.slice(2).trim())
    .filter(Boolean);
}

export const FIELD_LABELS = ['Name', 'Description', 'Personality', 'Scenario'] as const;
export type FieldLabel = (typeof FIELD_LABELS)[number];
const fieldLine = new RegExp(`^(${FIELD_LABELS.join('|')}): `);

/** A `Label: value` field of a section (the value runs until the next field line), or '' when absent. */
export function readField(body: string | null, label: FieldLabel): string {
  if (!body) return '';
  const lines = body.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${label}: `));
  if (start < 0) return '';
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => fieldLine.test(l));
  return [lines[start]!.slice(label.length + 2), ...(end < 0 ? rest : rest.slice(0, end))].join('\n').trim();
}

/** `Label: value` lines for the fields that have a value; continuation lines cannot pass for a new field. */
export function fieldLines(fields: Partial<Record<FieldLabel, string>>): string {
  return FIELD_LABELS.filter((label) => fields[label]?.trim())
    .map((label) => {
      const value = label === 'Name' ? oneLine(fields[label]!) : defuse(fields[label]!.trim());
      const lines = value.split('\n').map((l, i) => (i > 0 && fieldLine.test(l) ? ` ${l}` : l));
      return `${label}: ${lines.join('\n')}`;
    })
    .join('\n');
}
