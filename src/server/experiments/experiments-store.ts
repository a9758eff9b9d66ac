import type { Statement } from 'better-sqlite3';
import type { AcceptedGenerationRequest } from '../../catalog/request.ts';
import type { StudioDatabase } from '../store/database.ts';
import type { EstimatedCost } from '../store/generations-store.ts';
import type { ExperimentLayout } from './expand-variants.ts';

/** One cell as stored: its accepted request, its estimate and the generation that runs it. */
interface StoredExperimentCell {
  /** Position in `variants` (row-major in the grid). */
  index: number;
  /** The accepted request (references as upload ids). */
  request: AcceptedGenerationRequest;
  /** The cell's estimate in USD, saved when the experiment was accepted. */
  estimatedCost: EstimatedCost;
}

/** An experiment row (docs/API.md "Experiments"), before status and generations are joined in. */
export interface StoredExperiment {
  id: string;
  /** ISO 8601 time it was accepted. */
  createdAt: string;
  name: string | null;
  /** The partial request every cell starts from (references as upload ids). */
  base: Record<string, unknown>;
  /** What each cell lays over `base` (references as upload ids). */
  variants: Array<Record<string, unknown>>;
  cells: StoredExperimentCell[];
  /** Sum of the cells' estimates in USD (`total`/`max` null when any cell's is). */
  estimatedCost: EstimatedCost;
  layout: ExperimentLayout | null;
  /** Index of the cell marked favourite, or `null`. */
  favouriteCell: number | null;
}

interface ExperimentRow {
  id: string;
  created_at: string;
  name: string | null;
  base_json: string;
  variants_json: string;
  cells_json: string;
  estimated_cost_json: string;
  layout_json: string | null;
  favourite_cell: number | null;
}

/** Throws when a cursor does not decode; the route turns it into 400. */
export class InvalidExperimentCursorError extends Error {}

function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return [value[0], value[1]];
  } catch {
    // fall through
  }
  throw new InvalidExperimentCursorError('cursor is not a nextCursor value from GET /api/experiments');
}

function toStoredExperiment(row: ExperimentRow): StoredExperiment {
  return {
    id: row.id,
    createdAt: row.created_at,
    name: row.name,
    base: JSON.parse(row.base_json) as Record<string, unknown>,
    variants: JSON.parse(row.variants_json) as Array<Record<string, unknown>>,
    cells: JSON.parse(row.cells_json) as StoredExperimentCell[],
    estimatedCost: JSON.parse(row.estimated_cost_json) as EstimatedCost,
    layout: row.layout_json ? (JSON.parse(row.layout_json) as ExperimentLayout) : null,
    favouriteCell: row.favourite_cell,
  };
}

/** Experiments in SQLite (table `experiments`), listed newest first by a keyset cursor on (created_at, id). */
export class ExperimentsStore {
  private readonly statements: {
    insert: Statement;
    selectById: Statement<[string], ExperimentRow>;
    listFirst: Statement<[number], ExperimentRow>;
    listAfter: Statement<[string, string, number], ExperimentRow>;
    rename: Statement<[string | null, string]>;
    favourite: Statement<[number | null, string]>;
    delete: Statement<[string]>;
  };

  constructor(private readonly database: StudioDatabase) {
    this.statements = {
      insert: database.prepare(
        `INSERT INTO experiments (id, created_at, name, base_json, variants_json, cells_json, estimated_cost_json, layout_json, favourite_cell)
         VALUES (@id, @createdAt, @name, @base, @variants, @cells, @estimatedCost, @layout, NULL)`,
      ),
      selectById: database.prepare<[string], ExperimentRow>('SELECT * FROM experiments WHERE id = ?'),
      listFirst: database.prepare<[number], ExperimentRow>('SELECT * FROM experiments ORDER BY created_at DESC, id DESC LIMIT ?'),
      listAfter: database.prepare<[string, string, number], ExperimentRow>(
        'SELECT * FROM experiments WHERE (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?',
      ),
      rename: database.prepare<[string | null, string]>('UPDATE experiments SET name = ? WHERE id = ?'),
      favourite: database.prepare<[number | null, string]>('UPDATE experiments SET favourite_cell = ? WHERE id = ?'),
      delete: database.prepare<[string]>('DELETE FROM experiments WHERE id = ?'),
    };
  }

  /** Saves a new experiment. Throws on a database error. */
  insertExperiment(experiment: Omit<StoredExperiment, 'favouriteCell'>): void {
    this.statements.insert.run({
      id: experiment.id,
      createdAt: experiment.createdAt,
      name: experiment.name,
      base: JSON.stringify(experiment.base),
      variants: JSON.stringify(experiment.variants),
      cells: JSON.stringify(experiment.cells),
      estimatedCost: JSON.stringify(experiment.estimatedCost),
      layout: experiment.layout ? JSON.stringify(experiment.layout) : null,
    });
  }

  /** Runs `work` in one SQLite transaction (e.g. the experiment row and its cells' generations). */
  transaction<T>(work: () => T): T {
    return this.database.transaction(work)();
  }

  /** The experiment with this id, or `undefined`. */
  getExperimentById(id: string): StoredExperiment | undefined {
    const row = this.statements.selectById.get(id);
    return row ? toStoredExperiment(row) : undefined;
  }

  /** One page, newest first. Throws InvalidExperimentCursorError for a cursor this store did not make. */
  listExperiments(query: { limit: number; cursor?: string | undefined }): { items: StoredExperiment[]; nextCursor: string | null } {
    const rows = query.cursor ? this.statements.listAfter.all(...decodeCursor(query.cursor), query.limit + 1) : this.statements.listFirst.all(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toStoredExperiment),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last.created_at, last.id) : null,
    };
  }

  /** Sets or clears (`null`) the name; false when there is no such experiment. */
  renameExperiment(id: string, name: string | null): boolean {
    return this.statements.rename.run(name, id).changes > 0;
  }

  /** Marks a cell favourite, or clears the mark (`null`); false when there is no such experiment. */
  setFavouriteCell(id: string, cell: number | null): boolean {
    return this.statements.favourite.run(cell, id).changes > 0;
  }

  /** Deletes the experiment row (its generations are deleted by the caller first); false when there was none. */
  deleteExperimentById(id: string): boolean {
    return this.statements.delete.run(id).changes > 0;
  }
}
