import { z } from 'zod';
import { PanoError } from '../playlists/errors.ts';
import { parseJsonText } from '../playlists/parse.ts';
import { UsageError } from './args.ts';

const ErrorAnswer = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** `--token` or PANO_TOKEN: an API token for the hub's operator API. */
export function hubToken(flag: string | undefined): string {
  const token = flag ?? process.env.PANO_TOKEN;
  if (!token) throw new UsageError('--token (or PANO_TOKEN) is required');
  return token;
}

/** POSTs a signed file's exact bytes to the hub; a refusal becomes HTTP_STATUS with the hub's code and reason. */
export async function postSigned<S extends z.ZodType>(hub: string, path: string, token: string, body: Uint8Array, answer: S): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(new URL(path, hub), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: Buffer.from(body),
    });
  } catch (error) {
    throw new PanoError('NETWORK', `cannot reach ${hub}: ${(error as Error).message}`);
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = parseJsonText(text, 'hub answer', { maxBytes: 1024 * 1024 });
  } catch {
    throw new PanoError('HTTP_STATUS', `hub answered HTTP ${res.status} without JSON`);
  }
  if (!res.ok) {
    const e = ErrorAnswer.safeParse(json);
    throw new PanoError('HTTP_STATUS', e.success ? `hub refused (HTTP ${res.status}) ${e.data.error.code}: ${e.data.error.message}` : `hub answered HTTP ${res.status}`);
  }
  return answer.parse(json);
}
