import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { PanoError } from '../../playlists/errors.ts';
import { parseUnknown } from '../../playlists/parse.ts';

/**
 * CAP 1.2 (OASIS Common Alerting Protocol) as the hub reads it: one `<alert>`
 * document, or an Atom `<feed>` whose entries embed one or link to one.
 *
 * fast-xml-parser: pure JavaScript (no native build, nothing to download), the
 * XML parser the AWS SDK depends on, kept up to date; it checks
 * well-formedness first (XMLValidator) and never fetches external entities or
 * DTDs. A CAP document has no DOCTYPE, so one with a DOCTYPE is refused before
 * parsing (no entity expansion at all). What the parser returns is then
 * checked with zod, like every other boundary of the hub.
 */

const Str = z.string().trim();
const OneOrMany = <T extends z.ZodType>(s: T) => z.union([z.array(s), s.transform((v) => [v])]);

export const CapArea = z.looseObject({ areaDesc: Str.min(1) });
export const CapInfoBlock = z.looseObject({
  /** RFC 3066; absent means en-US (CAP 1.2, 3.2.2). */
  language: Str.default('en-US'),
  category: OneOrMany(Str).default([]),
  event: Str.min(1),
  urgency: Str,
  severity: z.enum(['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown']),
  certainty: Str,
  expires: Str.optional(),
  headline: Str.optional(),
  description: Str.optional(),
  instruction: Str.optional(),
  area: OneOrMany(CapArea).default([]),
});
export type CapInfoBlock = z.infer<typeof CapInfoBlock>;

export const CapAlert = z.looseObject({
  identifier: Str.min(1),
  sender: Str.min(1),
  sent: Str.min(1),
  status: z.enum(['Actual', 'Exercise', 'System', 'Test', 'Draft']),
  msgType: z.enum(['Alert', 'Update', 'Cancel', 'Ack', 'Error']),
  scope: Str,
  /** "sender,identifier,sent" entries separated by spaces (Update and Cancel). */
  references: Str.optional(),
  info: OneOrMany(CapInfoBlock).default([]),
});
export type CapAlert = z.infer<typeof CapAlert>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  // Every value stays text: an identifier such as 0012 must not become 12.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
});

export type CapDocument = { kind: 'alert'; alert: CapAlert } | { kind: 'feed'; alerts: CapAlert[]; links: string[] };

/** Parses one CAP alert or an Atom feed of them; throws MALFORMED (not XML, a DOCTYPE) or SCHEMA_INVALID (not CAP 1.2). */
export function parseCapDocument(text: string, what = 'CAP feed'): CapDocument {
  if (/<!DOCTYPE/i.test(text)) throw new PanoError('MALFORMED', `${what} has a DOCTYPE; CAP documents have none`);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new PanoError('MALFORMED', `${what} is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const doc = parser.parse(text) as Record<string, unknown>;
  if ('alert' in doc) return { kind: 'alert', alert: parseUnknown(CapAlert, doc.alert, what) };
  if ('feed' in doc) {
    const feed = parseUnknown(AtomFeed, doc.feed, what);
    const alerts: CapAlert[] = [];
    const links: string[] = [];
    for (const entry of feed.entry) {
      const embedded = entry.content && typeof entry.content === 'object' && 'alert' in entry.content ? entry.content.alert : undefined;
      if (embedded !== undefined) alerts.push(parseUnknown(CapAlert, embedded, `${what} entry`));
      else {
        const link = entry.link.find((l) => l['@type'] === 'application/cap+xml') ?? entry.link.find((l) => (l['@rel'] ?? 'alternate') === 'alternate');
        if (link) links.push(link['@href']);
      }
    }
    return { kind: 'feed', alerts, links };
  }
  throw new PanoError('SCHEMA_INVALID', `${what} is neither a CAP <alert> nor an Atom <feed>`, [{ path: '', message: 'expected <alert> or <feed>' }]);
}

const AtomLink = z.looseObject({ '@href': z.string().min(1), '@rel': z.string().optional(), '@type': z.string().optional() });
const AtomFeed = z.looseObject({
  entry: OneOrMany(
    z.looseObject({
      link: OneOrMany(AtomLink).default([]),
      content: z.unknown().optional(),
    }),
  ).default([]),
});
