import type { AcceptedGenerationRequest } from '../../catalog/request.ts';
import type { Statement } from 'better-sqlite3';
import type { EventBus } from '../events/event-bus.ts';
import type { StudioDatabase } from './database.ts';

/** docs/API.md "Generation" `status`. */
export type GenerationStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** One stored image of a generation, as the API shows it. */
export interface GenerationImage {
  id: string;
  /** `/api/images/<id>`: the full image. */
  url: string;
  /** `/api/images/<id>?thumb=1`: a WebP, long edge at most 512 px. */
  thumbnailUrl: string;
  /** Size in px, read from the stored file. */
  width: number;
  height: number;
  /** The seed the provider reports for this image; `null` when it reports none. */
  seed: number | null;
  mimeType: string;
}

/** Why a generation failed: `provider_error` (with the provider's own code), `cancelled`, `timeout`, `interrupted`, `internal_error`. */
export interface GenerationError {
  code: string;
  /** A sentence a person can act on (the provider's message for `provider_error`). */
  message: string;
  /** The provider's own error code, for `provider_error`. */
  providerCode?: string;
}

/** The estimate saved when the generation was accepted, in USD (`max: null`: no published upper bound). */
export interface EstimatedCost {
  currency: 'USD';
  total: number | null;
  min: number;
  max: number | null;
}

/** docs/API.md "Generation", plus the extensions `offeringId`, `usage`, `finishedAt` (docs/API-EXTENSIONS.md). */
export interface Generation {
  id: string;
  /** ISO 8601 time the generation was accepted. */
  createdAt: string;
  status: GenerationStatus;
  /** The request as accepted: defaults filled, `data:` references replaced by upload ids. */
  request: AcceptedGenerationRequest;
  estimatedCost: EstimatedCost;
  /** What the provider says it billed, in USD; `null` while running, on failure, or where the provider says nothing. */
  actualCost: number | null;
  images: GenerationImage[];
  warnings: string[];
  error: GenerationError | null;
  /** From start of the provider call to the end, in ms; `null` until it ends. */
  durationMs: number | null;
  /** Extension: `provider/model`. */
  offeringId: string;
  /** Extension: provider usage data (e.g. Gemini token counts); `null` when none. */
  usage: Record<string, unknown> | null;
  /** Extension: ISO time the generation ended, `null` until then. */
  finishedAt: string | null;
  /**
   * Extension: the cost in USD computed from the usage the provider reported
   * (Gemini token counts x the published rate) where the provider reports no
   * billed cost; `null` otherwise. `computedCostBasis` says how it was computed.
   */
  computedCost: number | null;
  /** Extension: how `computedCost` was computed ("1,120 image output tokens x $60 per million ..."); `null` with it. */
  computedCostBasis: string | null;
  /**
   * The image this generation edits (docs/API.md "Editing a result"), or `null`
   * for a fresh generation. `generationId` becomes `null` when the parent is
   * deleted; `imageIndex` stays.
   */
  parent: GenerationParentLink | null;
  /** The experiment this generation is a cell of (docs/API.md "Experiments"), or `null`. */
  experimentId: string | null;
  /** Its cell's index in that experiment, or `null`. */
  experimentCell: number | null;
}

/** `Generation.parent`: the edited generation (`null` once deleted) and the 0-based index of its image. */
interface GenerationParentLink {
  generationId: string | null;
  imageIndex: number;
}

interface GenerationRow {
  id: string;
  created_at: string;
  status: GenerationStatus;
  provider: string;
  model: string;
  offering_id: string;
  prompt: string;
  request_json: string;
  estimated_cost_json: string;
  actual_cost: number | null;
  warnings_json: string;
  error_json: string | null;
  usage_json: string | null;
  task_state_json: string | null;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  computed_cost: number | null;
  computed_cost_basis: string | null;
  parent_generation_id: string | null;
  parent_image_index: number | null;
  conversation_history_json: string | null;
  experiment_id: string | null;
  experiment_cell: number | null;
}

interface ImageRow {
  id: string;
  generation_id: string;
  position: number;
  sha256: string;
  mime_type: string;
  width: number;
  height: number;
  seed: number | null;
  bytes: number;
  conversation_json: string | null;
}

/** A stored image file as the runner hands it over: already on disk under its sha256. */
export interface StoredImage {
  id: string;
  sha256: string;
  mimeType: string;
  width: number;
  height: number;
  seed: number | null;
  /** File size in bytes. */
  bytes: number;
  /**
   * The provider conversation that made this image, as JSON the adapter can
   * send back (Gemini turns with their `thoughtSignature`, images named by
   * sha256); `undefined` where the provider keeps none.
   */
  conversation?: unknown;
}

/** Filters and page for `listGenerations` (docs/API.md `GET /api/generations`). */
export interface ListGenerationsQuery {
  /** Page size, 1..200. */
  limit: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | undefined;
  /** Case-insensitive substring of the prompt. */
  q?: string | undefined;
  model?: string | undefined;
  provider?: string | undefined;
  /** Only the edits of this generation (`?parent=`). */
  parent?: string | undefined;
  /** Only the cells of this experiment. */
  experiment?: string | undefined;
}

/** A generation left unfinished by a previous run of the server. */
export interface UnfinishedGeneration {
  generation: Generation;
  /** The provider task state saved by `onAccepted`, or `null` when the provider never accepted it. */
  taskState: Record<string, unknown> | null;
}

/** Throws when a cursor does not decode; the route turns it into 400. */
export class InvalidCursorError extends Error {}

function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return [value[0], value[1]];
    }
  } catch {
    // fall through
  }
  throw new InvalidCursorError('cursor is not a nextCursor value from GET /api/generations');
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function toImage(row: ImageRow): GenerationImage {
  return {
    id: row.id,
    url: `/api/images/${row.id}`,
    thumbnailUrl: `/api/images/${row.id}?thumb=1`,
    width: row.width,
    height: row.height,
    seed: row.seed,
    mimeType: row.mime_type,
  };
}

/**
 * Generations and their images in SQLite. Listing is keyset-paged on
 * (created_at, id) descending over the `generations_by_*` indexes, so a page
 * costs the same at any depth of history.
 */
export class GenerationsStore {
  private readonly statements;
  /** Prepared list queries by their SQL (one per combination of filters). */
  private readonly listStatements = new Map<string, Statement<Record<string, string | number>, GenerationRow>>();
  private readonly countStatements = new Map<string, Statement<Record<string, string | number>, { total: number; totalImages: number }>>();

  /**
   * @param events where each change is announced (`generation` with the
   *   Generation after insert and every status change, `generation-deleted`);
   *   omitted, nothing is announced.
   */
  constructor(
    private readonly database: StudioDatabase,
    private readonly events?: EventBus,
  ) {
    this.statements = {
      insert: database.prepare(
        `INSERT INTO generations (id, created_at, status, provider, model, offering_id, prompt, request_json, estimated_cost_json,
           parent_generation_id, parent_image_index, conversation_history_json, experiment_id, experiment_cell)
         VALUES (@id, @createdAt, 'queued', @provider, @model, @offeringId, @prompt, @requestJson, @estimatedCostJson,
           @parentGenerationId, @parentImageIndex, @conversationHistoryJson, @experimentId, @experimentCell)`,
      ),
      selectImageAt: database.prepare<[string, number], ImageRow>('SELECT * FROM generation_images WHERE generation_id = ? AND position = ?'),
      selectAncestors: database.prepare<[string], GenerationRow>(
        `WITH RECURSIVE chain (id, parent_id, depth) AS (
           SELECT id, parent_generation_id, 0 FROM generations WHERE id = ?
           UNION ALL
           SELECT generations.id, generations.parent_generation_id, chain.depth + 1
           FROM generations JOIN chain ON generations.id = chain.parent_id WHERE chain.depth < 1000
         )
         SELECT generations.* FROM chain JOIN generations ON generations.id = chain.id WHERE chain.depth > 0 ORDER BY chain.depth DESC`,
      ),
      selectDescendants: database.prepare<[string, number], GenerationRow>(
        `WITH RECURSIVE tree (id, depth) AS (
           SELECT id, 1 FROM generations WHERE parent_generation_id = ?
           UNION
           SELECT generations.id, tree.depth + 1 FROM generations JOIN tree ON generations.parent_generation_id = tree.id WHERE tree.depth < 1000
         )
         SELECT generations.* FROM generations WHERE id IN (SELECT id FROM tree) ORDER BY created_at, id LIMIT ?`,
      ),
      insertReference: database.prepare('INSERT INTO generation_references (generation_id, position, upload_id) VALUES (?, ?, ?)'),
      selectById: database.prepare<[string], GenerationRow>('SELECT * FROM generations WHERE id = ?'),
      selectImages: database.prepare<[string], ImageRow>('SELECT * FROM generation_images WHERE generation_id = ? ORDER BY position'),
      selectImagesForMany: database.prepare<[string], ImageRow>(
        'SELECT * FROM generation_images WHERE generation_id IN (SELECT value FROM json_each(?)) ORDER BY generation_id, position',
      ),
      selectImageById: database.prepare<[string], ImageRow>('SELECT * FROM generation_images WHERE id = ?'),
      markRunning: database.prepare(`UPDATE generations SET status = 'running', started_at = ? WHERE id = ? AND status IN ('queued', 'running')`),
      saveTaskState: database.prepare('UPDATE generations SET task_state_json = ? WHERE id = ?'),
      insertImage: database.prepare(
        `INSERT INTO generation_images (id, generation_id, position, sha256, mime_type, width, height, seed, bytes, conversation_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      markSucceeded: database.prepare(
        `UPDATE generations SET status = 'succeeded', actual_cost = ?, computed_cost = ?, computed_cost_basis = ?, warnings_json = ?,
           usage_json = ?, error_json = NULL, finished_at = ?, duration_ms = ? WHERE id = ? AND status IN ('queued', 'running')`,
      ),
      markFailed: database.prepare(
        `UPDATE generations SET status = 'failed', error_json = ?, warnings_json = ?, actual_cost = ?, finished_at = ?, duration_ms = ?
         WHERE id = ? AND status IN ('queued', 'running')`,
      ),
      delete: database.prepare('DELETE FROM generations WHERE id = ?'),
      selectChildIds: database.prepare<[string], { id: string }>('SELECT id FROM generations WHERE parent_generation_id = ?'),
      countImageUses: database.prepare<[string, string], { uses: number }>(
        `SELECT (SELECT COUNT(*) FROM generation_images WHERE sha256 = ?) + (SELECT COUNT(*) FROM uploads WHERE sha256 = ?) AS uses`,
      ),
      selectUnfinished: database.prepare<[], GenerationRow>(`SELECT * FROM generations WHERE status IN ('queued', 'running') ORDER BY created_at`),
      sumSince: database.prepare<[string], { total: number | null; count: number; computedTotal: number | null; computedCount: number }>(
        `SELECT SUM(COALESCE(actual_cost, computed_cost)) AS total, COUNT(*) AS count,
                SUM(CASE WHEN actual_cost IS NULL THEN computed_cost END) AS computedTotal,
                COUNT(CASE WHEN actual_cost IS NULL THEN 1 END) AS computedCount
         FROM generations WHERE created_at >= ? AND COALESCE(actual_cost, computed_cost) IS NOT NULL`,
      ),
    };
  }

  /**
   * Saves a new generation as `queued` with its ordered reference upload ids
   * (which must exist in `uploads`) and returns it. Throws on a database error.
   */
  insertGeneration(input: {
    id: string;
    createdAt: string;
    request: AcceptedGenerationRequest;
    offeringId: string;
    estimatedCost: EstimatedCost;
    /** The image this generation edits, when it is an edit. */
    parent?: { generationId: string; imageIndex: number } | undefined;
    /** The earlier provider conversation this generation continues (JSON), when it does. */
    conversationHistory?: unknown;
    /** The experiment cell this generation is, when it is one. */
    experiment?: { id: string; cell: number } | undefined;
  }): Generation {
    this.database.transaction(() => {
      this.statements.insert.run({
        id: input.id,
        createdAt: input.createdAt,
        provider: input.request.provider,
        model: input.request.model,
        offeringId: input.offeringId,
        prompt: input.request.prompt,
        requestJson: JSON.stringify(input.request),
        estimatedCostJson: JSON.stringify(input.estimatedCost),
        parentGenerationId: input.parent?.generationId ?? null,
        parentImageIndex: input.parent?.imageIndex ?? null,
        conversationHistoryJson: input.conversationHistory === undefined ? null : JSON.stringify(input.conversationHistory),
        experimentId: input.experiment?.id ?? null,
        experimentCell: input.experiment?.cell ?? null,
      });
      input.request.referenceImages.forEach((uploadId, position) => {
        this.statements.insertReference.run(input.id, position, uploadId);
      });
    })();
    const generation = this.getGenerationById(input.id);
    if (generation === undefined) throw new Error(`Generation ${input.id} is missing right after it was inserted.`);
    this.events?.publish({ type: 'generation', data: generation });
    return generation;
  }

  /** Announces the generation's current state on the event bus (after a status change). */
  private announce(id: string): void {
    if (!this.events || this.events.subscriberCount === 0) return;
    const generation = this.getGenerationById(id);
    if (generation) this.events.publish({ type: 'generation', data: generation });
  }

  /** The generation with this id and its images, or `undefined`. */
  getGenerationById(id: string): Generation | undefined {
    const row = this.statements.selectById.get(id);
    if (!row) return undefined;
    return this.toGeneration(row, this.statements.selectImages.all(id));
  }

  /** The saved provider task state of a generation, or `null`. */
  getTaskState(id: string): Record<string, unknown> | null {
    const row = this.statements.selectById.get(id);
    return row?.task_state_json ? (JSON.parse(row.task_state_json) as Record<string, unknown>) : null;
  }

  /**
   * One page of generations, newest first, with their images, and the true
   * count of what the filters match over all pages (extension: `total`
   * generations, `totalImages` images of them). Throws InvalidCursorError
   * for a cursor this store did not make.
   */
  listGenerations(query: ListGenerationsQuery): { items: Generation[]; nextCursor: string | null; total: number; totalImages: number } {
    const conditions: string[] = [];
    const parameters: Record<string, string | number> = { limit: query.limit + 1 };
    const cursorCondition = query.cursor ? '(created_at, id) < (@cursorCreatedAt, @cursorId)' : null;
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor);
      parameters.cursorCreatedAt = createdAt;
      parameters.cursorId = id;
    }
    if (query.provider) {
      conditions.push('provider = @provider');
      parameters.provider = query.provider;
    }
    if (query.model) {
      conditions.push('model = @model');
      parameters.model = query.model;
    }
    if (query.parent) {
      conditions.push('parent_generation_id = @parent');
      parameters.parent = query.parent;
    }
    if (query.experiment) {
      conditions.push('experiment_id = @experiment');
      parameters.experiment = query.experiment;
    }
    if (query.q) {
      conditions.push(`prompt LIKE @q ESCAPE '\\'`);
      parameters.q = `%${escapeLike(query.q)}%`;
    }
    const filterWhere = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const pageConditions = cursorCondition ? [cursorCondition, ...conditions] : conditions;
    const where = pageConditions.length > 0 ? `WHERE ${pageConditions.join(' AND ')}` : '';
    const sql = `SELECT * FROM generations ${where} ORDER BY created_at DESC, id DESC LIMIT @limit`;
    let statement = this.listStatements.get(sql);
    if (!statement) {
      statement = this.database.prepare<Record<string, string | number>, GenerationRow>(sql);
      this.listStatements.set(sql, statement);
    }
    const rows = statement.all(parameters);
    const page = rows.slice(0, query.limit);
    const imagesByGeneration = new Map<string, ImageRow[]>();
    if (page.length > 0) {
      const imageRows = this.statements.selectImagesForMany.all(JSON.stringify(page.map((row) => row.id)));
      for (const image of imageRows) {
        const list = imagesByGeneration.get(image.generation_id) ?? [];
        list.push(image);
        imagesByGeneration.set(image.generation_id, list);
      }
    }
    const last = page[page.length - 1];
    const countSql = `SELECT COUNT(*) AS total, COALESCE(SUM((SELECT COUNT(*) FROM generation_images WHERE generation_id = generations.id)), 0) AS totalImages
      FROM generations ${filterWhere}`;
    let countStatement = this.countStatements.get(countSql);
    if (!countStatement) {
      countStatement = this.database.prepare<Record<string, string | number>, { total: number; totalImages: number }>(countSql);
      this.countStatements.set(countSql, countStatement);
    }
    const { cursorCreatedAt: _createdAt, cursorId: _id, limit: _limit, ...filterParameters } = parameters;
    const counts = countStatement.get(filterParameters) ?? { total: 0, totalImages: 0 };
    return {
      items: page.map((row) => this.toGeneration(row, imagesByGeneration.get(row.id) ?? [])),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last.created_at, last.id) : null,
      total: counts.total,
      totalImages: counts.totalImages,
    };
  }

  /** `queued` -> `running`; returns false when the generation is gone or already ended. */
  markGenerationRunning(id: string, startedAt: string): boolean {
    const changed = this.statements.markRunning.run(startedAt, id).changes > 0;
    if (changed) this.announce(id);
    return changed;
  }

  /** Saves the provider task state (JSON) so a restart can resume instead of submitting again. */
  saveTaskState(id: string, state: Record<string, unknown>): void {
    this.statements.saveTaskState.run(JSON.stringify(state), id);
  }

  /**
   * Records the image rows and marks the generation `succeeded`, in one
   * transaction. The image files must already be on disk. Returns false (and
   * stores nothing) when the generation was deleted or ended meanwhile.
   */
  completeGeneration(
    id: string,
    outcome: {
      images: StoredImage[];
      actualCost: number | null;
      /** Cost computed from reported usage, in USD, with how it was computed; omitted where there is none. */
      computedCost?: { usd: number; basis: string } | null;
      warnings: string[];
      usage: Record<string, unknown> | null;
      durationMs: number;
    },
  ): boolean {
    const completed = this.database.transaction(() => {
      const result = this.statements.markSucceeded.run(
        outcome.actualCost,
        outcome.computedCost?.usd ?? null,
        outcome.computedCost?.basis ?? null,
        JSON.stringify(outcome.warnings),
        outcome.usage ? JSON.stringify(outcome.usage) : null,
        new Date().toISOString(),
        Math.round(outcome.durationMs),
        id,
      );
      if (result.changes === 0) return false;
      outcome.images.forEach((image, position) => {
        const conversation = image.conversation === undefined ? null : JSON.stringify(image.conversation);
        this.statements.insertImage.run(image.id, id, position, image.sha256, image.mimeType, image.width, image.height, image.seed, image.bytes, conversation);
      });
      return true;
    })();
    if (completed) this.announce(id);
    return completed;
  }

  /** Marks a queued/running generation `failed`; returns false when it is gone or already ended. */
  failGeneration(id: string, error: GenerationError, details: { durationMs: number | null; warnings?: string[]; actualCost?: number | null }): boolean {
    const failed =
      this.statements.markFailed.run(
        JSON.stringify(error),
        JSON.stringify(details.warnings ?? []),
        details.actualCost ?? null,
        new Date().toISOString(),
        details.durationMs === null ? null : Math.round(details.durationMs),
        id,
      ).changes > 0;
    if (failed) this.announce(id);
    return failed;
  }

  /**
   * Deletes the generation, its image rows and reference links. Returns the
   * deleted images' files (sha256 + type) so the caller can remove those no
   * longer used (`isImageFileInUse`), or `undefined` when there was no such generation.
   */
  deleteGenerationById(id: string): Array<{ sha256: string; mimeType: string }> | undefined {
    // Its edits stay whole: the foreign key sets their parent_generation_id to NULL, and they are announced as changed.
    const children = this.statements.selectChildIds.all(id).map((row) => row.id);
    const files = this.database.transaction(() => {
      const images = this.statements.selectImages.all(id);
      const result = this.statements.delete.run(id);
      if (result.changes === 0) return undefined;
      return images.map((image) => ({ sha256: image.sha256, mimeType: image.mime_type }));
    })();
    if (files) {
      this.events?.publish({ type: 'generation-deleted', data: { id } });
      for (const child of children) this.announce(child);
    }
    return files;
  }

  /** Whether any generation image or upload still uses the file with this sha256. */
  isImageFileInUse(sha256: string): boolean {
    return (this.statements.countImageUses.get(sha256, sha256)?.uses ?? 0) > 0;
  }

  /** The generation an image belongs to and its 0-based index there, or `undefined` for an unknown image id. */
  getImageOwnerById(id: string): { generationId: string; imageIndex: number } | undefined {
    const row = this.statements.selectImageById.get(id);
    return row ? { generationId: row.generation_id, imageIndex: row.position } : undefined;
  }

  /** The image row with this id (for `GET /api/images/:id`), or `undefined`. */
  getImageById(id: string): StoredImage | undefined {
    const row = this.statements.selectImageById.get(id);
    if (!row) return undefined;
    return { id: row.id, sha256: row.sha256, mimeType: row.mime_type, width: row.width, height: row.height, seed: row.seed, bytes: row.bytes };
  }

  /**
   * Image `imageIndex` (0-based) of a generation with its stored file and the
   * provider conversation that made it (parsed JSON, `null` when none), or
   * `undefined` when there is no such image.
   */
  getGenerationImageAt(generationId: string, imageIndex: number): { image: StoredImage; conversation: unknown } | undefined {
    const row = this.statements.selectImageAt.get(generationId, imageIndex);
    if (!row) return undefined;
    const image: StoredImage = {
      id: row.id,
      sha256: row.sha256,
      mimeType: row.mime_type,
      width: row.width,
      height: row.height,
      seed: row.seed,
      bytes: row.bytes,
    };
    return { image, conversation: row.conversation_json ? (JSON.parse(row.conversation_json) as unknown) : null };
  }

  /** The provider conversation a generation continues (parsed JSON saved at creation), or `null`. */
  getConversationHistory(id: string): unknown {
    const row = this.statements.selectById.get(id);
    return row?.conversation_history_json ? (JSON.parse(row.conversation_history_json) as unknown) : null;
  }

  /** The generations a generation descends from, root first, down to its direct parent (empty for a root or an unknown id). */
  listAncestors(id: string): Generation[] {
    return this.withImages(this.statements.selectAncestors.all(id));
  }

  /** Every generation descending from this one (edits of edits too), oldest first, at most `limit`. */
  listDescendants(id: string, limit: number): Generation[] {
    return this.withImages(this.statements.selectDescendants.all(id, limit));
  }

  private withImages(rows: GenerationRow[]): Generation[] {
    if (rows.length === 0) return [];
    const imagesByGeneration = new Map<string, ImageRow[]>();
    for (const image of this.statements.selectImagesForMany.all(JSON.stringify(rows.map((row) => row.id)))) {
      const list = imagesByGeneration.get(image.generation_id) ?? [];
      list.push(image);
      imagesByGeneration.set(image.generation_id, list);
    }
    return rows.map((row) => this.toGeneration(row, imagesByGeneration.get(row.id) ?? []));
  }

  /** Generations still `queued` or `running`, oldest first, with their saved task state. */
  listUnfinishedGenerations(): UnfinishedGeneration[] {
    return this.statements.selectUnfinished.all().map((row) => ({
      generation: this.toGeneration(row, []),
      taskState: row.task_state_json ? (JSON.parse(row.task_state_json) as Record<string, unknown>) : null,
    }));
  }

  /**
   * Spend (USD) of the generations created at or after `since` (ISO 8601):
   * `total`/`count` sum the billed cost, or the computed cost (Gemini tokens
   * x rate) where nothing was billed; `computedTotal`/`computedCount` are the
   * part that was computed.
   */
  sumActualCostSince(since: string): { total: number; count: number; computedTotal: number; computedCount: number } {
    const row = this.statements.sumSince.get(since);
    const round = (usd: number | null | undefined) => Math.round((usd ?? 0) * 1e8) / 1e8;
    return { total: round(row?.total), count: row?.count ?? 0, computedTotal: round(row?.computedTotal), computedCount: row?.computedCount ?? 0 };
  }

  private toGeneration(row: GenerationRow, images: ImageRow[]): Generation {
    return {
      id: row.id,
      createdAt: row.created_at,
      status: row.status,
      request: JSON.parse(row.request_json) as AcceptedGenerationRequest,
      estimatedCost: JSON.parse(row.estimated_cost_json) as EstimatedCost,
      actualCost: row.actual_cost,
      images: images.map(toImage),
      warnings: JSON.parse(row.warnings_json) as string[],
      error: row.error_json ? (JSON.parse(row.error_json) as GenerationError) : null,
      durationMs: row.duration_ms,
      offeringId: row.offering_id,
      usage: row.usage_json ? (JSON.parse(row.usage_json) as Record<string, unknown>) : null,
      finishedAt: row.finished_at,
      computedCost: row.computed_cost,
      computedCostBasis: row.computed_cost_basis,
      parent: row.parent_image_index === null ? null : { generationId: row.parent_generation_id, imageIndex: row.parent_image_index },
      experimentId: row.experiment_id,
      experimentCell: row.experiment_cell,
    };
  }
}
