import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useI18n } from '../i18n/index.tsx';
import { useEditor } from './context.tsx';
import { itemTitle } from './names.ts';
import { Link } from '../components/Link.tsx';

interface Props {
  sortKey: string;
  itemId: string;
  index: number;
  count: number;
  canEdit: boolean;
  onMove(to: number): void;
  onRemove(): void;
  onDuplicate(): void;
}

/** One item of a loop: drag handle, title, kind and length, and the same moves as buttons. */
export function LoopRow({ sortKey, itemId, index, count, canEdit, onMove, onRemove, onDuplicate }: Props) {
  const { t, lang } = useI18n();
  const editor = useEditor();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: sortKey, disabled: !canEdit });
  const item = ((editor.draft.items ?? {}) as Record<string, { kind?: string; duration?: number; template?: string }>)[itemId];
  const title = itemTitle(editor.draft, itemId, lang, editor.media);
  const kind = item?.kind === 'slide' ? t('kind.slide') : item?.kind ? t(`kind.${item.kind as 'video'}`) : t('kind.missing');

  return (
    <li ref={setNodeRef} className={`loop-row${isDragging ? ' dragging' : ''}`} style={{ transform: CSS.Transform.toString(transform), transition }} data-item={itemId}>
      {canEdit && (
        <button type="button" className="handle" ref={setActivatorNodeRef} {...attributes} {...listeners} aria-label={t('loops.drag', { title })}>
          <span aria-hidden="true">⠿</span>
        </button>
      )}
      <span className="loop-pos" aria-hidden="true">
        {index + 1}
      </span>
      <span className="loop-title">
        <Link href={`${location.pathname}?tab=items&item=${encodeURIComponent(itemId)}`}>{title}</Link>
        <span className="muted">
          {' '}
          {kind}
          {typeof item?.duration === 'number' ? ` · ${t('loops.seconds', { n: item.duration })}` : ''}
        </span>
      </span>
      {canEdit && (
        <span className="row-actions">
          <button type="button" disabled={index === 0} onClick={() => onMove(index - 1)} aria-label={t('loops.up', { title })}>
            <span aria-hidden="true">↑</span>
          </button>
          <button type="button" disabled={index === count - 1} onClick={() => onMove(index + 1)} aria-label={t('loops.down', { title })}>
            <span aria-hidden="true">↓</span>
          </button>
          <button type="button" onClick={onDuplicate}>
            {t('loops.duplicate')}
          </button>
          <button type="button" onClick={onRemove} aria-label={t('loops.remove', { title })}>
            {t('common.remove')}
          </button>
        </span>
      )}
    </li>
  );
}
