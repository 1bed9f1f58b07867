import { spawn, type ChildProcess } from 'node:child_process';

export interface VirtualScreen {
  display: string;
  stop(): Promise<void>;
}

/**
 * Starts Xvfb on a free display number: `-displayfd` makes Xvfb pick one and
 * write it to our pipe once it accepts clients, so there is nothing to guess or wait for.
 */
export function startXvfb(width: number, height: number): Promise<VirtualScreen> {
  return new Promise((resolve, reject) => {
    const proc: ChildProcess = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${stderr.slice(-500)}`)));
    let text = '';
    const fd3 = proc.stdio[3] as NodeJS.ReadableStream;
    fd3.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (!text.includes('\n')) return;
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      resolve({
        display: `:${text.trim()}`,
        async stop() {
          if (proc.exitCode !== null || proc.signalCode !== null) return;
          proc.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
