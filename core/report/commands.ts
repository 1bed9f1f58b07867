import { parseUnknown } from '../../playlists/parse.ts';
import { LogPull, type Command } from '../../playlists/schemas/device-api.ts';
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
  /** The player's log file; its tail within the bounds, secrets already removed (report/log-file.ts). */
  deviceLog: { tail(bounds: LogPull): Promise<string> };
  /** The panel on now though operating hours are over (core/power); resolves with what it did. */
  wake(): Promise<string>;
  log(message: string): void;
}

/** A raw answer body: a display's PNG, or the log's text. */
interface RawAnswer {
  bytes: Uint8Array;
  contentType: string;
  query?: Record<string, string>;
}

/**
 * Runs remote commands (from the push stream or a heartbeat answer) once
 * each, and posts the result to {report-url}/commands/<id>. The hub offers a
 * command again until that answer reaches it (a push stream can die unnoticed),
 * so one whose answer did not get through is forgotten here and runs again
 * when it comes back.
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
    let answered: boolean;
    try {
      answered = await this.execute(cmd);
    } catch (error) {
      answered = await this.result(cmd, { ok: false, message: String((error as Error).message ?? error).slice(0, 1_000) });
    }
    if (!answered) this.seen.delete(cmd.id);
  }

  /** Runs the command; true when the hub took its answer. */
  private async execute(cmd: Command): Promise<boolean> {
    switch (cmd.name) {
      case 'reload':
        await this.c.reload();
        return this.result(cmd, { ok: true });
      case 'screenshot':
        return this.screenshots(cmd);
      case 'log': {
        const text = await this.c.deviceLog.tail(parseUnknown(LogPull, cmd.log ?? {}, 'log bounds'));
        return this.result(cmd, null, { bytes: new TextEncoder().encode(text), contentType: 'text/plain; charset=utf-8' });
      }
      case 'restart':
        // Answer first: after restart() this process may be gone. Unanswered, the hub sends it again; restart then.
        if (!(await this.result(cmd, { ok: true, message: 'restarting' }))) return false;
        await this.c.ports.restart();
        return true;
      case 'reverify':
        return this.result(cmd, { ok: true, message: await this.c.reverify() });
      case 'wake':
        return this.result(cmd, { ok: true, message: await this.c.wake() });
    }
  }

  /**
   * One labelled PNG per display (each under a band with its name), posted as
   * it is taken with the display's name and the time; then the result. A
   * display that cannot be grabbed is named in the result; the others still count.
   */
  private async screenshots(cmd: Command): Promise<boolean> {
    const displays = (await this.c.ports.displays()).map((d) => d.id);
    if (displays.length === 0) return this.result(cmd, null, { bytes: await this.c.ports.screenshot(), contentType: 'image/png' });
    const failed: string[] = [];
    for (const display of displays) {
      let png: Uint8Array;
      try {
        png = await this.c.ports.screenshot(display);
      } catch (error) {
        failed.push(`${display}: ${(error as Error).message}`);
        continue;
      }
      const takenAt = new Date().toISOString();
      if (!(await this.result(cmd, null, { bytes: png, contentType: 'image/png', query: { display, takenAt } }))) return false;
    }
    const ok = failed.length < displays.length;
    return this.result(cmd, { ok, message: `${displays.length - failed.length} of ${displays.length} displays${failed.length ? `; ${failed.join('; ')}` : ''}`.slice(0, 1_000) });
  }

  /** Posts the answer; false when it did not get through (no connection, or the hub failed: 5xx), so it is worth running again. */
  private async result(cmd: Command, body: { ok: boolean; message?: string } | null, raw?: RawAnswer): Promise<boolean> {
    if (!this.c.reportUrl) return true;
    const query = raw?.query ? `?${new URLSearchParams(raw.query).toString()}` : '';
    const url = `${this.c.reportUrl.replace(/\/+$/, '')}/commands/${cmd.id}${query}`;
    const token = this.c.token();
    try {
      const res = await postJson(url, body, {
        idleTimeoutMs: this.c.idleTimeoutMs,
        ...(token ? { token } : {}),
        ...(raw ? { raw: raw.bytes, contentType: raw.contentType } : {}),
      });
      if (res.status >= 300) this.c.log(`command ${cmd.name} ${cmd.id}: result refused (HTTP ${res.status})`);
      return res.status < 500;
    } catch (error) {
      this.c.log(`command ${cmd.name} ${cmd.id}: result not delivered (${(error as Error).message}); runs again when the hub resends it`);
      return false;
    }
  }
}
