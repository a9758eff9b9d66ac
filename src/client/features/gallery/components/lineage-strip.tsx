import { ChevronRight, GitBranch, Loader2 } from 'lucide-react';
import clsx from 'clsx';
import type { Generation } from '../../../api/types.ts';

interface LineageStripProps {
  /** Every generation of the family, the root first (get-lineage.ts `useFamily`). */
  members: Generation[];
  /** The generation shown in the lightbox. */
  currentId: string;
  /** Shows image 0 of a member (or the edited image of its parent). */
  onSelect: (generation: Generation, imageIndex: number) => void;
}

/** What every step of the strip needs. */
interface Tree {
  byParent: Map<string, Generation[]>;
  currentId: string;
  onSelect: LineageStripProps['onSelect'];
}

function Step({ generation, depth, tree }: { generation: Generation; depth: number; tree: Tree }) {
  const { currentId, onSelect } = tree;
  const image = generation.images[0];
  const current = generation.id === currentId;
  const label = `${depth === 0 ? 'Original' : `Edit ${depth}`}: ${generation.request.prompt}`;
  return (
    <button
      type="button"
      disabled={!image}
      aria-current={current || undefined}
      aria-label={label}
      title={label}
      onClick={() => image && onSelect(generation, 0)}
      data-testid="lineage-step"
      className={clsx(
        'relative h-12 w-12 shrink-0 overflow-hidden rounded border bg-zinc-900 ' +
          'focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent',
        current ? 'border-accent ring-2 ring-accent/60' : 'border-line hover:border-zinc-400',
      )}
    >
      {image ? (
        <img src={image.thumbnailUrl} alt="" className="h-full w-full object-cover" draggable={false} />
      ) : generation.status === 'failed' ? (
        <span className="flex h-full items-center justify-center text-[9.5px] text-red-300">Failed</span>
      ) : (
        <Loader2 size={14} className="m-auto h-full animate-spin text-accent" aria-hidden />
      )}
      <span className="absolute bottom-0 left-0 rounded-tr bg-black/75 px-1 text-[9.5px] font-semibold tabular text-white">{depth === 0 ? 'O' : depth}</span>
    </button>
  );
}

function Branch({ generation, depth, tree }: { generation: Generation; depth: number; tree: Tree }) {
  const children = tree.byParent.get(generation.id) ?? [];
  return (
    <div className="flex items-center gap-1">
      <Step generation={generation} depth={depth} tree={tree} />
      {children.length > 0 && <ChevronRight size={14} className="shrink-0 text-zinc-500" aria-hidden />}
      {children.length === 1 && children[0] && <Branch generation={children[0]} depth={depth + 1} tree={tree} />}
      {children.length > 1 && (
        <div role="group" aria-label={`${children.length} branches`} className="flex flex-col gap-1 border-l-2 border-accent/40 pl-1.5">
          {children.map((child) => (
            <Branch key={child.id} generation={child} depth={depth + 1} tree={tree} />
          ))}
        </div>
      )}
    </div>
  );
}

/**
 * The lineage as a strip, root to latest, left to right: each step is a
 * thumbnail button; where one image was edited more than once the strip
 * forks into rows, one per branch. The shown generation is marked
 * (`aria-current`). Scrolls sideways when long.
 */
export function LineageStrip({ members, currentId, onSelect }: LineageStripProps) {
  const byParent = new Map<string, Generation[]>();
  const ids = new Set(members.map((member) => member.id));
  for (const member of members) {
    const parentId = member.parent?.generationId;
    if (!parentId || !ids.has(parentId)) continue;
    const list = byParent.get(parentId) ?? [];
    list.push(member);
    byParent.set(parentId, list);
  }
  const root = members[0];
  if (!root) return null;
  const branches = [...byParent.values()].filter((children) => children.length > 1).length;

  return (
    <nav aria-label="Lineage" data-testid="lineage-strip" className="min-w-0">
      <p className="mb-1 flex items-center gap-1.5 text-[11px] font-medium uppercase tracking-wide text-zinc-500">
        Lineage · {members.length} version{members.length === 1 ? '' : 's'}
        {branches > 0 && (
          <span className="inline-flex items-center gap-0.5 normal-case tracking-normal text-zinc-400">
            <GitBranch size={11} aria-hidden /> {branches} fork{branches === 1 ? '' : 's'}
          </span>
        )}
      </p>
      <div className="max-h-[132px] overflow-auto pb-1">
        <Branch generation={root} depth={0} tree={{ byParent, currentId, onSelect }} />
      </div>
    </nav>
  );
}
