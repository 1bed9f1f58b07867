import { readdir, readFile } from 'node:fs/promises';

/** Resident memory of one Chromium (a process and everything it started), from /proc. */
export interface TreeMemory {
  /** RSS of the largest `--type=renderer` process: the page's renderer, where a page's leak shows. */
  rendererBytes: number;
  /** RSS summed over the whole tree (browser, zygotes, GPU, utility, renderers); shared pages count in each. */
  totalBytes: number;
  processes: number;
}

interface ProcStatus {
  ppid: number;
  rssBytes: number;
}

/** PPid and VmRSS of one process, or null when it is gone (or is not ours to read). */
async function readStatus(pid: number, proc: string): Promise<ProcStatus | null> {
  const text = await readFile(`${proc}/${pid}/status`, 'utf8').catch(() => null);
  if (text === null) return null;
  const ppid = /^PPid:\s+(\d+)/m.exec(text);
  // Kernel threads and zombies have no VmRSS: they hold no user memory.
  const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(text);
  return ppid ? { ppid: Number(ppid[1]), rssBytes: rss ? Number(rss[1]) * 1024 : 0 } : null;
}

/**
 * The memory of `rootPid` and all its descendants (Linux /proc). One pass
 * over /proc/<pid>/status for the parent links, then the command line of the
 * tree's own processes only; a process that exits meanwhile is skipped.
 * Null when `rootPid` is gone, or /proc is not there (not Linux).
 */
export async function readTreeMemory(rootPid: number, proc = '/proc'): Promise<TreeMemory | null> {
  const names = await readdir(proc).catch(() => null);
  if (names === null) return null;
  const status = new Map<number, ProcStatus>();
  await Promise.all(
    names
      .filter((n) => /^\d+$/.test(n))
      .map(async (n) => {
        const s = await readStatus(Number(n), proc);
        if (s) status.set(Number(n), s);
      }),
  );
  const root = status.get(rootPid);
  if (!root) return null;
  const children = new Map<number, number[]>();
  for (const [pid, s] of status) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  const tree: number[] = [];
  for (let todo = [rootPid]; todo.length > 0; ) {
    const pid = todo.pop()!;
    tree.push(pid);
    todo = [...todo, ...(children.get(pid) ?? [])];
  }
  let totalBytes = 0;
  let rendererBytes = 0;
  for (const pid of tree) {
    const rss = status.get(pid)!.rssBytes;
    totalBytes += rss;
    if (pid === rootPid || rss <= rendererBytes) continue;
    const cmdline = await readFile(`${proc}/${pid}/cmdline`, 'utf8').catch(() => '');
    // Zygote children rewrite their title: one string with spaces, not NUL-separated arguments.
    if (cmdline.split(/[\0 ]/).includes('--type=renderer')) rendererBytes = rss;
  }
  return { rendererBytes, totalBytes, processes: tree.length };
}
