// The dashboard's only script (served with types stripped, no bundler):
// live refresh of the fleet and device pages, and streamed media uploads.

const seconds = Number(document.body.dataset.autorefresh ?? 0);
if (seconds > 0) {
  setInterval(async () => {
    const active = document.activeElement;
    // Never yank a form from under someone typing.
    if (active && ['INPUT', 'SELECT', 'TEXTAREA'].includes(active.tagName)) return;
    const res = await fetch(location.href, { credentials: 'same-origin' });
    if (!res.ok || res.redirected) return;
    const next = new DOMParser().parseFromString(await res.text(), 'text/html').querySelector('main');
    const main = document.querySelector('main');
    if (next && main) main.replaceWith(next);
  }, seconds * 1000);
}

const upload = document.querySelector<HTMLFormElement>('form#upload');
if (upload) {
  upload.addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = upload.querySelector<HTMLInputElement>('input[type=file]')!;
    const out = upload.querySelector('output')!;
    const bar = upload.querySelector('progress')!;
    const files = [...(input.files ?? [])];
    bar.hidden = false;
    const lines: string[] = [];
    for (const [i, file] of files.entries()) {
      bar.value = i / files.length;
      out.textContent = `Uploading ${file.name}…`;
      // The raw file is the body: the hub hashes it while writing to disk.
      const res = await fetch(`/api/media?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        body: file,
        headers: { 'content-type': file.type || 'application/octet-stream', 'x-csrf-token': upload.dataset.csrf ?? '' },
        credentials: 'same-origin',
      });
      const body = (await res.json()) as { error?: { message: string }; warning?: string | null; deduplicated?: boolean };
      lines.push(res.ok ? `${file.name}: ${body.deduplicated ? 'already uploaded' : 'uploaded'}${body.warning ? ` — ${body.warning}` : ''}` : `${file.name}: ${body.error?.message ?? res.statusText}`);
    }
    bar.value = 1;
    out.textContent = lines.join(' · ');
    if (lines.every((l) => !l.includes('exceeds') && !l.includes('not a format'))) setTimeout(() => location.reload(), 800);
  });
}

export {};
