import { spawn } from 'node:child_process';
import type { PowerBackend } from '../../playlists/schemas/reports.ts';

/** Switches the panel; rejects with a sentence when the tool failed or is missing. */
export type PanelSwitch = (on: boolean) => Promise<void>;

const TIMEOUT_MS = 15_000;

/** Runs `command args`, writes `input` to its stdin, resolves with its output on exit 0. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'], timeout: TIMEOUT_MS });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-4_000)));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-300)));
    // A tool that exits before reading its input must not crash the core with EPIPE.
    child.stdin.on('error', () => {});
    child.stdin.end(input);
    child.on('error', (e) => reject(new Error(`${command} could not start: ${e.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})${stderr.trim() ? `: ${stderr.trim()}` : ''}`));
    });
  });
}

/**
 * DPMS on the X display in `env`. Switching on also sets the DPMS timeouts to
 * zero: `force` enables DPMS, and X's own default timeouts would then blank
 * the panel during operating hours (the reason installers used to turn DPMS off).
 * xset exits 0 even where the server has no DPMS (Xvfb, some drivers), so
 * `xset q` is asked afterwards: a panel that was not switched is not reported switched.
 */
export function dpmsSwitch(env: NodeJS.ProcessEnv): PanelSwitch {
  return async (on) => {
    if (!env.DISPLAY) throw new Error('DPMS needs an X display, and DISPLAY is not set');
    await run('xset', on ? ['dpms', '0', '0', '0', 'dpms', 'force', 'on'] : ['dpms', 'force', 'off'], env);
    if (/does not have the DPMS Extension/i.test(await run('xset', ['q'], env))) {
      throw new Error(`the X server on ${env.DISPLAY} has no DPMS extension, so the panel cannot be switched: choose HDMI-CEC or none`);
    }
  };
}

/**
 * HDMI-CEC through libcec's `cec-client` (Debian's cec-utils): one command on
 * stdin in single-command mode (-s), errors only (-d 1); logical address 0 is the TV.
 */
export function cecSwitch(env: NodeJS.ProcessEnv): PanelSwitch {
  return async (on) => void (await run('cec-client', ['-s', '-d', '1'], env, on ? 'on 0\n' : 'standby 0\n'));
}

export function panelSwitch(backend: PowerBackend, env: NodeJS.ProcessEnv): PanelSwitch | null {
  switch (backend) {
    case 'dpms':
      return dpmsSwitch(env);
    case 'cec':
      return cecSwitch(env);
    case 'none':
      return null;
  }
}

/** Without a setting: DPMS where the shell shows pages on an X display, else nothing. */
export function defaultBackend(shell: 'electron' | 'chromium' | 'none', env: NodeJS.ProcessEnv): PowerBackend {
  return shell !== 'none' && process.platform === 'linux' && env.DISPLAY ? 'dpms' : 'none';
}
