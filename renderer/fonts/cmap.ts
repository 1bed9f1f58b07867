/**
 * A small OpenType / WOFF2 cmap reader: which code points a font maps to a
 * real glyph (not .notdef). Pure TS; WOFF2's Brotli step is passed in
 * (node:zlib in tests, DecompressionStream is not Brotli in browsers).
 */

const WOFF2_TAGS = [
  'cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'OS/2', 'post', 'cvt ', 'fpgm', 'glyf', 'loca', 'prep', 'CFF ', 'VORG', 'EBDT',
  'EBLC', 'gasp', 'hdmx', 'kern', 'LTSH', 'PCLT', 'VDMX', 'vhea', 'vmtx', 'BASE', 'GDEF', 'GPOS', 'GSUB', 'EBSC', 'JSTF', 'MATH',
  'CBDT', 'CBLC', 'COLR', 'CPAL', 'SVG ', 'sbix', 'acnt', 'avar', 'bdat', 'bloc', 'bsln', 'cvar', 'fdsc', 'feat', 'fmtx', 'fvar',
  'gvar', 'hsty', 'just', 'lcar', 'mort', 'morx', 'opbd', 'prop', 'trak', 'Zapf', 'Silf', 'Glat', 'Gloc', 'Feat', 'Sill',
];

const tagAt = (v: DataView, at: number) => String.fromCharCode(v.getUint8(at), v.getUint8(at + 1), v.getUint8(at + 2), v.getUint8(at + 3));

/** The raw cmap table of a TTF/OTF (sfnt) or WOFF2 font. */
export function cmapTable(font: Uint8Array, brotliDecompress: (data: Uint8Array) => Uint8Array): DataView {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const signature = tagAt(view, 0);
  if (signature === 'wOF2') return woff2Cmap(view, font, brotliDecompress);
  if (signature === 'wOFF') throw new Error('WOFF 1 fonts are not supported: bundle WOFF2');
  const numTables = view.getUint16(4);
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    if (tagAt(view, rec) === 'cmap') return new DataView(font.buffer, font.byteOffset + view.getUint32(rec + 8), view.getUint32(rec + 12));
  }
  throw new Error('font has no cmap table');
}

function woff2Cmap(view: DataView, font: Uint8Array, brotliDecompress: (data: Uint8Array) => Uint8Array): DataView {
  const numTables = view.getUint16(12);
  const compressedLength = view.getUint32(20);
  let at = 48;
  const base128 = () => {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const byte = view.getUint8(at++);
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) return value;
    }
    throw new Error('bad UIntBase128 in WOFF2 table directory');
  };
  let offset = 0;
  let cmap: { offset: number; length: number } | undefined;
  for (let i = 0; i < numTables; i++) {
    const flags = view.getUint8(at++);
    let tag = WOFF2_TAGS[flags & 0x3f];
    if ((flags & 0x3f) === 63) {
      tag = tagAt(view, at);
      at += 4;
    }
    const origLength = base128();
    const version = flags >> 6;
    // glyf/loca are transformed at version 0; every other table at versions 1–3.
    const transformed = tag === 'glyf' || tag === 'loca' ? version === 0 : version !== 0;
    const length = transformed ? base128() : origLength;
    if (tag === 'cmap') cmap = { offset, length };
    offset += length;
  }
  if (!cmap) throw new Error('font has no cmap table');
  const tables = brotliDecompress(font.subarray(at, at + compressedLength));
  return new DataView(tables.buffer, tables.byteOffset + cmap.offset, cmap.length);
}

/** Code points that map to a glyph other than .notdef, from the best Unicode subtable (format 12, else 4). */
export function mappedCodePoints(cmap: DataView): Set<number> {
  const count = cmap.getUint16(2);
  let format4: number | undefined;
  let format12: number | undefined;
  for (let i = 0; i < count; i++) {
    const platform = cmap.getUint16(4 + i * 8);
    const encoding = cmap.getUint16(6 + i * 8);
    const offset = cmap.getUint32(8 + i * 8);
    const format = cmap.getUint16(offset);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    if (format === 12) format12 = offset;
    if (format === 4) format4 = offset;
  }
  if (format12 !== undefined) return readFormat12(cmap, format12);
  if (format4 !== undefined) return readFormat4(cmap, format4);
  throw new Error('font has no Unicode cmap subtable (format 4 or 12)');
}

function readFormat12(cmap: DataView, at: number): Set<number> {
  const out = new Set<number>();
  const groups = cmap.getUint32(at + 12);
  for (let g = 0; g < groups; g++) {
    const rec = at + 16 + g * 12;
    const start = cmap.getUint32(rec);
    const end = cmap.getUint32(rec + 4);
    const glyph = cmap.getUint32(rec + 8);
    for (let cp = start; cp <= end; cp++) if (glyph + (cp - start) !== 0) out.add(cp);
  }
  return out;
}

function readFormat4(cmap: DataView, at: number): Set<number> {
  const out = new Set<number>();
  const segments = cmap.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const end = cmap.getUint16(ends + s * 2);
    const start = cmap.getUint16(starts + s * 2);
    const delta = cmap.getInt16(deltas + s * 2);
    const rangeOffsetAt = rangeOffsets + s * 2;
    const rangeOffset = cmap.getUint16(rangeOffsetAt);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (cp + delta) & 0xffff;
      else {
        const raw = cmap.getUint16(rangeOffsetAt + rangeOffset + (cp - start) * 2);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) out.add(cp);
    }
  }
  return out;
}
