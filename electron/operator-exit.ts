import { createHash, timingSafeEqual } from 'node:crypto';
import { BrowserWindow, type Input, type WebContents } from 'electron';
import { secureWebPreferences } from './security.ts';

/**
 * The only way out of kiosk mode: a key chord opens a PIN prompt; the right
 * PIN quits. Keys that would close, reload or inspect the window are swallowed.
 */
export interface Chord {
  control: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
  key: string;
}

export function parseChord(accelerator: string): Chord {
  const parts = accelerator.split('+');
  const key = parts.pop()!.toLowerCase();
  const has = (...names: string[]): boolean => parts.some((p) => names.includes(p));
  return { control: has('Control', 'Ctrl'), alt: has('Alt'), shift: has('Shift'), meta: has('Meta', 'Super', 'Command', 'Cmd'), key };
}

export function matchesChord(input: Input, chord: Chord): boolean {
  return (
    input.type === 'keyDown' &&
    input.control === chord.control &&
    input.alt === chord.alt &&
    input.shift === chord.shift &&
    input.meta === chord.meta &&
    input.key.toLowerCase() === chord.key
  );
}

/** Browser shortcuts that would leave, close, reload or inspect the player. */
export function isEscapeKey(input: Input): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  if (['f4', 'f5', 'f11', 'f12'].includes(key) && (key !== 'f4' || input.alt)) return true;
  if ((input.control || input.meta) && ['w', 'q', 'r', 'n', 't', 'p', 'o', 's', 'l', 'i', 'j'].includes(key)) return true;
  if (input.alt && ['arrowleft', 'arrowright', 'home'].includes(key)) return true;
  return false;
}

export interface OperatorExitOptions {
  /** Absent: no chord works, nothing leaves kiosk mode. */
  settings?: { chord: string; pinSha256: string };
  /** Leave for good (the app quits). */
  leave(): void;
  now(): number;
  /** Wrong PINs before the prompt locks, and for how long. */
  maxAttempts?: number;
  lockoutMs?: number;
}

export interface OperatorExit {
  watch(contents: WebContents): void;
  /** The open PIN prompt, if any (tests and screenshots). */
  prompt(): BrowserWindow | null;
}

const TITLE_PREFIX = 'pano-pin:';

// A data: page with no Node and no IPC: the PIN comes back through the page
// title, which the main process reads and clears.
const PROMPT_HTML = `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>Pano</title><style>body{font:24px system-ui;background:#111;color:#eee;display:grid;place-items:center;height:100vh;margin:0}
input{font-size:32px;width:8em;text-align:center}</style></head><body><form id="f"><p>Operator PIN / Mã PIN</p>
<input id="pin" type="password" inputmode="numeric" autocomplete="off" autofocus></form>
<script>f.onsubmit=(e)=>{e.preventDefault();document.title='${TITLE_PREFIX}'+pin.value;pin.value='';};
addEventListener('keydown',(e)=>{if(e.key==='Escape')document.title='${TITLE_PREFIX}cancel:'+Date.now();});</script></body></html>`;

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export function setupOperatorExit(options: OperatorExitOptions): OperatorExit {
  const chord = options.settings ? parseChord(options.settings.chord) : null;
  const expected = options.settings ? Buffer.from(options.settings.pinSha256, 'hex') : null;
  const maxAttempts = options.maxAttempts ?? 5;
  const lockoutMs = options.lockoutMs ?? 5 * 60_000;
  let failures = 0;
  let lockedUntil = 0;
  let prompt: BrowserWindow | null = null;

  const checkPin = (pin: string): boolean => {
    if (!expected || options.now() < lockedUntil) return false;
    if (timingSafeEqual(sha256(pin), expected)) return true;
    failures += 1;
    if (failures >= maxAttempts) {
      failures = 0;
      lockedUntil = options.now() + lockoutMs;
    }
    return false;
  };

  const openPrompt = (): void => {
    if (prompt && !prompt.isDestroyed()) return void prompt.focus();
    if (options.now() < lockedUntil) return;
    const window = new BrowserWindow({
      width: 420,
      height: 240,
      frame: false,
      alwaysOnTop: true,
      resizable: false,
      center: true,
      title: 'Pano',
      webPreferences: secureWebPreferences(),
    });
    prompt = window;
    window.setAlwaysOnTop(true, 'screen-saver'); // above the fullscreen kiosk windows
    window.on('closed', () => {
      if (prompt === window) prompt = null;
    });
    // Closes by itself: an unattended prompt must not cover the player.
    const timeout = setTimeout(() => window.isDestroyed() || window.destroy(), 60_000);
    timeout.unref();
    window.on('closed', () => clearTimeout(timeout));
    window.webContents.on('page-title-updated', (event, title) => {
      if (!title.startsWith(TITLE_PREFIX)) return;
      event.preventDefault();
      const pin = title.slice(TITLE_PREFIX.length);
      if (pin.startsWith('cancel:')) return void window.destroy();
      if (checkPin(pin)) {
        window.destroy();
        options.leave();
      } else if (options.now() < lockedUntil) {
        window.destroy();
      }
    });
    void window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(PROMPT_HTML)}`);
  };

  return {
    watch(contents) {
      contents.on('before-input-event', (event, input) => {
        if (chord && matchesChord(input, chord)) {
          event.preventDefault();
          openPrompt();
        } else if (isEscapeKey(input)) {
          event.preventDefault();
        }
      });
    },
    prompt: () => (prompt && !prompt.isDestroyed() ? prompt : null),
  };
}
