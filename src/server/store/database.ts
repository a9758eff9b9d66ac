import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** The studio's SQLite connection (better-sqlite3, synchronous, one per process). */
export type StudioDatabase = Database.Database;

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many
 * have run. Append new steps, never edit old ones.
 */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE generations (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    provider TEXT NOT NULL,
    model TEXT NOT NULL,
    offering_id TEXT NOT NULL,
    prompt TEXT NOT NULL,
    request_json TEXT NOT NULL,
    estimated_cost_json TEXT NOT NULL,
    actual_cost REAL,
    warnings_json TEXT NOT NULL DEFAULT '[]',
    error_json TEXT,
    usage_json TEXT,
    task_state_json TEXT,
    started_at TEXT,
    finished_at TEXT,
    duration_ms INTEGER
  );
  CREATE INDEX generations_by_created ON generations (created_at DESC, id DESC);
  CREATE INDEX generations_by_provider_created ON generations (provider, created_at DESC, id DESC);
  CREATE INDEX generations_by_model_created ON generations (model, created_at DESC, id DESC);
  CREATE INDEX generations_by_status ON generations (status) WHERE status IN ('queued', 'running');

  CREATE TABLE generation_images (
    id TEXT PRIMARY KEY,
    generation_id TEXT NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    mime_type TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    seed INTEGER,
    bytes INTEGER NOT NULL
  );
  CREATE INDEX generation_images_by_generation ON generation_images (generation_id, position);
  CREATE INDEX generation_images_by_sha256 ON generation_images (sha256);

  CREATE TABLE uploads (
    id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    mime_type TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    created_at TEXT NOT NULL
  );

  CREATE TABLE generation_references (
    generation_id TEXT NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    upload_id TEXT NOT NULL REFERENCES uploads (id),
    PRIMARY KEY (generation_id, position)
  );
  CREATE INDEX generation_references_by_upload ON generation_references (upload_id);

  CREATE TABLE provider_cache (
    provider TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (provider, key)
  );
  `,
  // Cost computed from reported usage (Gemini token counts x the published rate) where no billed cost exists.
  `
  ALTER TABLE generations ADD COLUMN computed_cost REAL;
  ALTER TABLE generations ADD COLUMN computed_cost_basis TEXT;
  `,
  // Budget (src/server/budget/): the stored daily and monthly limits (one row; absent until PUT /api/budget), the upper
  // bound each generation reserved when it was accepted, and the billed costs by offering for the open-price rule.
  `
  CREATE TABLE budget_limits (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    daily_usd REAL,
    monthly_usd REAL,
    updated_at TEXT NOT NULL
  );
  ALTER TABLE generations ADD COLUMN reserved_usd REAL;
  CREATE INDEX generations_billed_by_offering ON generations (offering_id) WHERE actual_cost IS NOT NULL;
  `,
  // Edits (docs/API.md "Editing a result"): the image a generation edits, the provider conversation it continues,
  // and per image the conversation that made it (Gemini turns with their thoughtSignature; images named by sha256).
  // A deleted parent leaves parent_generation_id NULL on its children (ON DELETE SET NULL).
  `
  ALTER TABLE generations ADD COLUMN parent_generation_id TEXT REFERENCES generations (id) ON DELETE SET NULL;
  ALTER TABLE generations ADD COLUMN parent_image_index INTEGER;
  ALTER TABLE generations ADD COLUMN conversation_history_json TEXT;
  ALTER TABLE generation_images ADD COLUMN conversation_json TEXT;
  CREATE INDEX generations_by_parent_created ON generations (parent_generation_id, created_at DESC, id DESC)
    WHERE parent_generation_id IS NOT NULL;
  `,
  // Experiments (docs/API.md "Experiments"): a grid of cells, each a generation that names its experiment and cell.
  `
  CREATE TABLE experiments (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    name TEXT,
    base_json TEXT NOT NULL,
    variants_json TEXT NOT NULL,
    cells_json TEXT NOT NULL,
    estimated_cost_json TEXT NOT NULL,
    layout_json TEXT,
    favourite_cell INTEGER
  );
  CREATE INDEX experiments_by_created ON experiments (created_at DESC, id DESC);
  ALTER TABLE generations ADD COLUMN experiment_id TEXT;
  ALTER TABLE generations ADD COLUMN experiment_cell INTEGER;
  CREATE INDEX generations_by_experiment_created ON generations (experiment_id, created_at DESC, id DESC) WHERE experiment_id IS NOT NULL;
  `,
];

/**
 * Opens (creating when needed) `<dataDirectory>/studio.db` in WAL mode with
 * foreign keys on, and applies pending migrations. Pass `':memory:'` as
 * `dataDirectory` for a throw-away database. Throws when the file cannot be
 * opened or a migration fails (the failed migration is rolled back).
 */
export function openDatabase(dataDirectory: string): StudioDatabase {
  let database: StudioDatabase;
  if (dataDirectory === ':memory:') {
    database = new Database(':memory:');
  } else {
    mkdirSync(dataDirectory, { recursive: true });
    database = new Database(join(dataDirectory, 'studio.db'));
    database.pragma('journal_mode = WAL');
  }
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  migrateDatabase(database);
  return database;
}

/** Applies every migration newer than the database's `user_version`, each in its own transaction. */
function migrateDatabase(database: StudioDatabase): void {
  const current = database.pragma('user_version', { simple: true }) as number;
  for (const [offset, migration] of MIGRATIONS.slice(current).entries()) {
    const version = current + offset;
    database.transaction(() => {
      database.exec(migration);
      database.pragma(`user_version = ${version + 1}`);
    })();
  }
}
