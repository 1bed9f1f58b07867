import { createContext, useContext } from 'react';
import type { DeviceSummary, MediaItem } from '../../playlists/schemas/operator-api.ts';
import type { Issue } from '../api/client.ts';
import type { JsonObject, Path } from './draft-ops.ts';

export interface EditorState {
  draft: JsonObject;
  /** Replace the whole draft (after an edit made with draft-ops). */
  change(next: (draft: JsonObject) => JsonObject): void;
  set(path: Path, value: unknown): void;
  issues: readonly Issue[];
  /** Languages shown side by side in every multilingual field: vi, en, then the channel's own. */
  languages: readonly string[];
  addLanguage(lang: string): void;
  media: readonly MediaItem[];
  devices: readonly DeviceSummary[];
  canEdit: boolean;
}

export const EditorContext = createContext<EditorState | null>(null);

export function useEditor(): EditorState {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('useEditor outside the channel editor');
  return editor;
}

export const pathKey = (path: Path): string => path.map(String).join('.');

/** Issues at exactly this path or inside it (a list's issue shows at the list). */
export function issuesAt(issues: readonly Issue[], path: Path, deep = false): Issue[] {
  const key = pathKey(path);
  return issues.filter((i) => i.path === key || (deep && i.path.startsWith(`${key}.`)));
}
