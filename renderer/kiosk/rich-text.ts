/** One run of a paragraph: plain or **bold**. */
export interface Run {
  text: string;
  bold: boolean;
}

/**
 * The kiosk's only markup: paragraphs separated by blank lines, **bold** runs,
 * single line breaks kept. Unmatched ** stays literal text.
 */
export function parseRichText(source: string): Run[][] {
  return source
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((paragraph) => {
      const runs: Run[] = [];
      const pattern = /\*\*(.+?)\*\*/gs;
      let last = 0;
      for (const match of paragraph.matchAll(pattern)) {
        if (match.index > last) runs.push({ text: paragraph.slice(last, match.index), bold: false });
        runs.push({ text: match[1]!, bold: true });
        last = match.index + match[0].length;
      }
      if (last < paragraph.length) runs.push({ text: paragraph.slice(last), bold: false });
      return runs;
    });
}
