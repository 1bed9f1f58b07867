import { parseUnknown } from '../../playlists/parse.ts';
import { API, Uploaded } from '../../playlists/schemas/operator-api.ts';
import type { z } from 'zod';
import { ApiError, errorFrom, headersFor, parseBody, signalSignedOut, urlOf } from './client.ts';

export type UploadedFile = z.infer<typeof Uploaded>;

/**
 * One file to POST /api/media as a raw body. XMLHttpRequest, not fetch:
 * only XHR reports upload progress, which each file's bar shows.
 */
export function uploadFile(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const url = urlOf(API.upload, { query: { name: file.name } });
    xhr.open('POST', url);
    for (const [k, v] of Object.entries(headersFor('POST', 'application/octet-stream'))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network'));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'aborted'));
    xhr.onload = () => {
      const body = parseBody(xhr.responseText);
      if (xhr.status < 200 || xhr.status >= 300) {
        signalSignedOut(xhr.status, url);
        reject(errorFrom(xhr.status, body));
        return;
      }
      onProgress(1);
      try {
        resolve(parseUnknown(Uploaded, body, 'upload'));
      } catch (error) {
        reject(new ApiError(xhr.status, 'SCHEMA_INVALID', (error as Error).message));
      }
    };
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}
