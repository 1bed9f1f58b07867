import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every word an operator reads comes from the catalogue: JSX text and the
 * user-visible string props of .tsx components may not hold letters of their
 * own (symbols such as ↑ ⠿ × · are fine).
 */
const ROOT = join(import.meta.dirname, '..');
const VISIBLE_PROPS = new Set(['placeholder', 'title', 'aria-label', 'alt', 'label', 'aria-description', 'aria-roledescription', 'value']);
const LETTERS = /\p{L}/u;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'dist' ? [] : files(path);
    return e.name.endsWith('.tsx') && !e.name.endsWith('.test.tsx') ? [path] : [];
  });
}

export function hardCoded(source: string, name = 'x.tsx'): string[] {
  const file = ts.createSourceFile(name, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const at = (node: ts.Node) => `${name}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && LETTERS.test(node.getText())) found.push(`${at(node)} text "${node.getText().trim()}"`);
    if (ts.isJsxAttribute(node) && VISIBLE_PROPS.has(node.name.getText())) {
      const init = node.initializer;
      const literal = init && ts.isStringLiteral(init) ? init : init && ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression) ? init.expression : null;
      // value="…" on <option> is a machine value unless it is also shown; only props read by people count.
      if (literal && LETTERS.test(literal.text) && node.name.getText() !== 'value') found.push(`${at(node)} ${node.name.getText()}="${literal.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('no hard-coded user-visible strings in the studio', () => {
  it('finds them where they are (the check itself works)', () => {
    expect(hardCoded('const a = <p>Lưu</p>; const b = <input placeholder="Search" aria-label={"Tìm"} />; const c = <span>{t("x")} ↑</span>;')).toHaveLength(3);
  });

  it('every .tsx component takes its words from the catalogue', () => {
    const all = files(ROOT).flatMap((f) => hardCoded(readFileSync(f, 'utf8'), relative(ROOT, f)));
    expect(all).toEqual([]);
  });
});
