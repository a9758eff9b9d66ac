import { randomUUID } from 'node:crypto';
import type { ReferenceImageInput } from '../providers/provider-types.ts';
import type { StudioDatabase } from './database.ts';
import { ImageFiles, sha256Hex } from './image-files.ts';
import { inspectImage, type InspectedImage } from './image-inspection.ts';

/** An uploaded reference image (docs/API.md `POST /api/uploads` answer). */
export interface Upload {
  id: string;
  mimeType: string;
  /** Size in px. */
  width: number;
  height: number;
  /** File size in bytes. */
  bytes: number;
  /** Hex sha256 of the file. */
  sha256: string;
}

interface UploadRow {
  id: string;
  sha256: string;
  mime_type: string;
  width: number;
  height: number;
  bytes: number;
  created_at: string;
}

function toUpload(row: UploadRow): Upload {
  return { id: row.id, mimeType: row.mime_type, width: row.width, height: row.height, bytes: row.bytes, sha256: row.sha256 };
}

/**
 * Reference images uploaded by users, deduplicated by sha256: the same bytes
 * always give the same upload id. Files live with the generated images
 * (`images/<sha256>.<ext>`, see ImageFiles).
 */
export class UploadsStore {
  private readonly selectById;
  private readonly selectBySha256;
  private readonly insert;

  constructor(
    private readonly database: StudioDatabase,
    private readonly imageFiles: ImageFiles,
  ) {
    this.selectById = database.prepare<[string], UploadRow>('SELECT * FROM uploads WHERE id = ?');
    this.selectBySha256 = database.prepare<[string], UploadRow>('SELECT * FROM uploads WHERE sha256 = ?');
    this.insert = database.prepare('INSERT OR IGNORE INTO uploads (id, sha256, mime_type, width, height, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  }

  /**
   * Checks `bytes` by content (inspectImage) and stores them, or returns the
   * existing upload with the same sha256 (`created: false`). `label` names the
   * image in refusals. Throws ApiError (413, 415, 400 `invalid_image`) for bad
   * images; nothing is stored then. `inspected`: the result of an
   * `inspectImage` of these bytes the caller already made (not repeated).
   */
  async createUpload(bytes: Buffer, label?: string, inspected?: InspectedImage): Promise<{ upload: Upload; created: boolean }> {
    const sha256 = sha256Hex(bytes);
    const existing = this.selectBySha256.get(sha256);
    if (existing) return { upload: toUpload(existing), created: false };
    const image = inspected ?? (await inspectImage(bytes, label));
    await this.imageFiles.writeImage(bytes, image.mimeType, sha256);
    const id = randomUUID();
    const result = this.insert.run(id, sha256, image.mimeType, image.width, image.height, bytes.length, new Date().toISOString());
    if (result.changes === 0) {
      // Another request stored the same bytes meanwhile.
      const stored = this.selectBySha256.get(sha256);
      if (!stored) throw new Error(`createUpload: the upload ${sha256} was neither inserted nor found`);
      return { upload: toUpload(stored), created: false };
    }
    return { upload: { id, mimeType: image.mimeType, width: image.width, height: image.height, bytes: bytes.length, sha256 }, created: true };
  }

  /** The upload of the file with this hex sha256, or `undefined`. */
  getUploadBySha256(sha256: string): Upload | undefined {
    const row = this.selectBySha256.get(sha256);
    return row ? toUpload(row) : undefined;
  }

  /** The upload with this id, or `undefined`. */
  getUploadById(id: string): Upload | undefined {
    const row = this.selectById.get(id);
    return row ? toUpload(row) : undefined;
  }

  /**
   * Loads the uploads with these ids, in this order, with their bytes, as
   * adapters receive them. Throws Error when an id is unknown or a file is gone.
   */
  async loadReferenceImages(ids: string[]): Promise<ReferenceImageInput[]> {
    const references: ReferenceImageInput[] = [];
    for (const id of ids) {
      const upload = this.getUploadById(id);
      if (!upload) throw new Error(`reference image ${id} is no longer stored`);
      const bytes = await this.imageFiles.readImage(upload.sha256, upload.mimeType);
      references.push({ id, sha256: upload.sha256, mimeType: upload.mimeType, bytes, width: upload.width, height: upload.height });
    }
    return references;
  }
}
