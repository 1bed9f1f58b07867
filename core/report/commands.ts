import type { Command } from '../../playlists/schemas/device-api.ts';
import type { ShellPorts } from '../ports.ts';
import { postJson } from '../util/http.ts';

export interface CommandContext {
  ports: ShellPorts;
  reportUrl: string | undefined;
  token: () => string | undefined;
  idleTimeoutMs: number;
  /** New reload token for the pages, and the shell's own reload. */
  reload(): Promise<void>;
  reverify(): Promise<string>;
  log(message: string): void;
}

/**
 * Runs remote commands (from the push stream or a heartbeat answer) once
 * each, and posts the result to {report-url}/commands/<id>.
 */
export class CommandRunner {
  private readonly seen = new Set<string>();
  private readonly c: CommandContext;

  constructor(c: CommandContext) {
    this.c = c;
  }

  async run(cmd: Command): Promise<void> {
    if (this.seen.has(cmd.id)) return;
    this.seen.add(cmd.id);
    if (this.seen.size > 1_000) this.seen.delete(this.seen.values().next().value!);
    try {
      switch (cmd.name) {
        case 'reload':
          await this.c.reload();
          await this.result(cmd, { ok: true });
          return;
        case 'screenshot': {
          const png = await this.c.ports.screenshot();
          await this.result(cmd, null, png);
          return;
        }
        case 'restart':
          // Answer first: after restart() this process may be gone.
          await this.result(cmd, { ok: true, message: 'restarting' });
          await this.c.ports.restart();
          return;
        case 'reverify':
          await this.result(cmd, { ok: true, message: await this.c.reverify() });
          return;
      }
    } catch (error) {
      await this.result(cmd, { ok: false, message: String((error as Error).message ?? error).slice(0, 1_000) }).catch(() => {});
    }
  }

  private async result(cmd: Command, body: { ok: boolean; message?: string } | null, png?: Uint8Array): Promise<void> {
    if (!this.c.reportUrl) return;
    const url = `${this.c.reportUrl.replace(/\/+$/, '')}/commands/${cmd.id}`;
    const token = this.c.token();
    const res = await postJson(url, body, {
      idleTimeoutMs: this.c.idleTimeoutMs,
      ...(token ? { token } : {}),
      ...(png ? { raw: png, contentType: 'image/png' } : {}),
    });
    if (res.status >= 300) this.c.log(`command ${cmd.name} ${cmd.id}: result refused (HTTP ${res.status})`);
  }
}
