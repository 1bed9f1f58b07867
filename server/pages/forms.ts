/** "airport, City:HCM" → ['airport', 'city:hcm'] (validated later by the schema). */
export const splitList = (text: string | null): string[] =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** "main:landscape, kiosk:portrait:touch" → display settings. */
export function parseDisplays(text: string | null): { id: string; orientation: string; touch: boolean }[] {
  return splitList(text).map((part) => {
    const [id = '', orientation = 'landscape', touch] = part.split(':').map((s) => s.trim());
    return { id, orientation, touch: touch === 'touch' };
  });
}

export function deviceForm(form: URLSearchParams) {
  return {
    name: form.get('name') ?? '',
    tags: splitList(form.get('tags')).map((t) => t.toLowerCase()),
    timeZone: form.get('timeZone') || 'Asia/Ho_Chi_Minh',
    displays: parseDisplays(form.get('displays')),
    channel: form.get('channel') || null,
  };
}

const FLASH: Record<string, string> = {
  paired: 'Screen paired. It starts playing within seconds.',
  saved: 'Saved.',
  submitted: 'Draft submitted for approval.',
  published: 'Published and pushed to screens.',
  command: 'Command sent.',
  revoked: 'Screen revoked.',
  emergency: 'Emergency takeover published.',
  ended: 'Takeover ended; screens return to their channels.',
  user: 'User added.',
  added: 'Added to the draft.',
};

/** Flash text comes from this fixed table, never from the URL. */
export const flashFor = (key: string | null) => (key && FLASH[key] ? { kind: 'ok' as const, text: FLASH[key] } : undefined);
