import { useRef, useState, type DragEvent } from 'react';
import { uploadFile } from '../api/upload.ts';
import { apiErrorText } from '../i18n/errors.ts';
import { useI18n } from '../i18n/index.tsx';

interface Job {
  key: string;
  name: string;
  size: number;
  progress: number;
  state: 'uploading' | 'done' | 'failed';
  message: string;
}

/** Several files at once (picked or dropped), each with its own progress bar; two upload at a time. */
export function UploadQueue({ onUploaded }: { onUploaded(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [jobs, setJobs] = useState<Job[]>([]);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const update = (key: string, patch: Partial<Job>) => setJobs((all) => all.map((j) => (j.key === key ? { ...j, ...patch } : j)));

  const start = (files: File[]) => {
    const added = files.map((f, i) => ({ file: f, job: { key: `${Date.now()}-${i}-${f.name}`, name: f.name, size: f.size, progress: 0, state: 'uploading' as const, message: '' } }));
    setJobs((all) => [...added.map((a) => a.job), ...all]);
    const queue = [...added];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { file, job } = next;
        try {
          const done = await uploadFile(file, (p) => update(job.key, { progress: p }));
          update(job.key, { state: 'done', progress: 1, message: done.deduplicated ? t('media.already') : t('media.uploaded') });
          onUploaded();
        } catch (err) {
          update(job.key, { state: 'failed', message: apiErrorText(i18n, err) });
        }
      }
    };
    void Promise.all([worker(), worker()]);
  };

  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    start([...e.dataTransfer.files]);
  };

  return (
    <section className="upload" aria-labelledby="upload-h">
      <h2 id="upload-h">{t('media.upload')}</h2>
      <div
        className={`dropzone${over ? ' dropzone-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <p>{t('media.dropHere')}</p>
        <label className="button">
          {t('media.choose')}
          <input
            ref={input}
            className="visually-hidden"
            type="file"
            multiple
            accept="video/mp4,video/webm,image/*,.vtt,text/vtt"
            onChange={(e) => {
              start([...(e.target.files ?? [])]);
              if (input.current) input.current.value = '';
            }}
          />
        </label>
      </div>
      {jobs.length > 0 && (
        <ul className="jobs">
          {jobs.map((j) => (
            <li key={j.key} className={`job job-${j.state}`}>
              <span className="job-name">{j.name}</span>
              <span className="muted">{i18n.size(j.size)}</span>
              <progress max={1} value={j.progress} aria-label={t('media.progressOf', { name: j.name })} />
              <span className="job-state" role={j.state === 'failed' ? 'alert' : undefined}>
                {j.state === 'uploading' ? t('media.percent', { n: Math.round(j.progress * 100) }) : j.message}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
