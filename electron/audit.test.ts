/**
 * The configuration audit: insecure Electron options, anywhere in electron/
 * source. The rules live here (test files are not scanned) and are tested
 * against planted violations before they run over the real files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

interface AuditFinding {
  file: string;
  line: number;
  rule: string;
  text: string;
}

const RULES: ReadonlyArray<[string, RegExp]> = [
  // Anything but the literal secure value is a finding (a variable could be false).
  ['nodeIntegration enabled', /nodeIntegration(InWorker|InSubFrames)?\s*:(?!\s*false\b)/],
  ['contextIsolation disabled', /contextIsolation\s*:(?!\s*true\b)/],
  ['sandbox disabled', /sandbox\s*:(?!\s*true\b)/],
  ['webSecurity disabled', /webSecurity\s*:(?!\s*true\b)/],
  ['insecure content allowed', /allowRunningInsecureContent\s*:(?!\s*false\b)/],
  ['<webview> enabled', /webviewTag\s*:(?!\s*false\b)/],
  ['remote module', /enableRemoteModule|@electron\/remote/],
  ['experimental features', /experimentalFeatures|enableBlinkFeatures/],
  ['shell.openExternal', /openExternal/],
  ['sandbox switched off for the app', /no-sandbox|disable-web-security|ignore-certificate-errors|allow-file-access-from-files/],
  ['certificate errors accepted', /certificate-error|setCertificateVerifyProc/],
  ['Node in the renderer through a preload', /preload\s*:/],
  ['window.open allowed', /action\s*:\s*['"]allow['"]/],
  ['eval-like code', /\beval\s*\(|new Function\s*\(/],
  ['ipc from any sender', /ipcMain\.(on|handle)\(/],
];

function auditSource(file: string, text: string): AuditFinding[] {
  const findings: AuditFinding[] = [];
  const lines = text.split('\n');
  lines.forEach((lineText, i) => {
    const trimmed = lineText.trim();
    // Comments may name what is forbidden (they explain why).
    if (trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('/*')) return;
    const withNext = `${lineText}\n`;
    for (const [rule, pattern] of RULES) {
      if (pattern.test(withNext)) findings.push({ file, line: i + 1, rule, text: trimmed });
    }
  });
  return findings;
}

const ROOT = new URL('.', import.meta.url).pathname;

/** Shipped electron/ source: everything but tests and the test fake. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-fakes' ? [] : sourceFiles(path);
    return /\.(ts|tsx|js|mjs|cjs|html)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('Electron configuration audit', () => {
  it.each([
    'webPreferences: { nodeIntegration: true }',
    'nodeIntegrationInWorker: true,',
    'nodeIntegrationInSubFrames: true,',
    'contextIsolation: false,',
    'sandbox: false,',
    'sandbox: isDev,',
    'webSecurity: false,',
    'webSecurity: !app.isPackaged,',
    'allowRunningInsecureContent: true,',
    'webviewTag: true,',
    'enableRemoteModule: true,',
    "require('@electron/remote/main').initialize()",
    "experimentalFeatures: true,",
    "enableBlinkFeatures: 'CSSVariables',",
    'shell.openExternal(details.url);',
    "app.commandLine.appendSwitch('no-sandbox');",
    "app.commandLine.appendSwitch('ignore-certificate-errors');",
    "app.on('certificate-error', (e, wc, url, err, cert, cb) => cb(true));",
    "preload: join(__dirname, 'preload.js'),",
    "contents.setWindowOpenHandler(() => ({ action: 'allow' }));",
    "ipcMain.handle('exec', run);",
  ])('flags %s', (line) => {
    expect(auditSource('planted.ts', `const x = {\n  ${line}\n};\n`)).not.toEqual([]);
  });

  it('accepts the secure settings', () => {
    const secure = 'contextIsolation: true,\nsandbox: true,\nnodeIntegration: false,\nwebSecurity: true,\nallowRunningInsecureContent: false,\nwebviewTag: false,\n';
    expect(auditSource('ok.ts', secure)).toEqual([]);
  });

  it('finds nothing insecure in electron/', () => {
    const files = sourceFiles(ROOT);
    expect(files.length).toBeGreaterThan(8);
    const findings = files.flatMap((file) => auditSource(relative(ROOT, file), readFileSync(file, 'utf8')));
    expect(findings).toEqual([]);
  });
});
