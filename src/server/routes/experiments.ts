import { Hono } from 'hono';
import { z } from 'zod';
import { ApiError } from '../api-error.ts';
import { renderContactSheet } from '../experiments/contact-sheet.ts';
import { MAX_EXPERIMENT_NAME_LENGTH } from '../experiments/expand-variants.ts';
import { describeDryRun, experimentsOf, prepareExperiment } from '../experiments/experiments.ts';
import { InvalidExperimentCursorError } from '../experiments/experiments-store.ts';
import type { Studio } from '../studio.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './generations.ts';
import { limitBody, MAX_JSON_BODY_BYTES, readJsonBody } from './route-helpers.ts';

/** The body of `PATCH /api/experiments/:id` (extension): a new name (`null` clears it) and/or the favourite cell (`null` clears it). */
const experimentChangesSchema = z
  .object({
    name: z.string().max(MAX_EXPERIMENT_NAME_LENGTH).nullable().optional(),
    favouriteCell: z.number().int().min(0).nullable().optional(),
  })
  .strict();

/** A file name from an experiment's name: letters, digits and dashes. */
function fileNameOf(name: string | null, id: string): string {
  const slug = (name ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return slug || `experiment-${id.slice(0, 8)}`;
}

/**
 * docs/API.md "Experiments": `POST /` (202 Experiment; `?dryRun=true` 200
 * without storing), `GET /` (pages, newest first), `GET /:id` (cells with
 * generations), `DELETE /:id` (204, its generations too). Extensions
 * (docs/API-EXTENSIONS.md): `PATCH /:id` (name, favourite cell), `POST /:id/cells/:index/retry`,
 * `GET /:id/contact-sheet.png` and `GET /:id/export.json`.
 */
export function createExperimentsRoutes(studio: Studio) {
  const experiments = experimentsOf(studio);
  const notFound = (id: string) => new ApiError(404, 'not_found', `There is no experiment with id ${id}.`);
  const find = (id: string) => {
    const experiment = experiments.getExperiment(id, { embed: true });
    if (!experiment) throw notFound(id);
    return experiment;
  };
  return new Hono()
    .post('/', limitBody(MAX_JSON_BODY_BYTES, 'request body'), async (context) => {
      const prepared = prepareExperiment(studio, await readJsonBody(context));
      if (['true', '1'].includes(context.req.query('dryRun') ?? '')) return context.json(describeDryRun(prepared), 200);
      return context.json(await experiments.createExperimentCells(prepared), 202);
    })
    .get('/', (context) => {
      const limitParameter = context.req.query('limit');
      const limit = limitParameter === undefined ? DEFAULT_PAGE_SIZE : Number(limitParameter);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
        throw new ApiError(400, 'invalid_request', `limit "${limitParameter}" must be a whole number from 1 to ${MAX_PAGE_SIZE}.`, {
          field: 'limit',
          allowed: [1, MAX_PAGE_SIZE],
        });
      }
      try {
        return context.json(experiments.listExperiments({ limit, cursor: context.req.query('cursor') || undefined }), 200);
      } catch (error) {
        if (error instanceof InvalidExperimentCursorError) {
          throw new ApiError(400, 'invalid_request', `${error.message}; omit it to start from the newest.`, { field: 'cursor' });
        }
        throw error;
      }
    })
    .get('/:id', (context) => context.json(find(context.req.param('id')), 200))
    .patch('/:id', async (context) => {
      const id = context.req.param('id');
      const experiment = find(id);
      const parsed = experimentChangesSchema.safeParse(await readJsonBody(context));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        if (!issue) throw new Error('PATCH /api/experiments/:id: the body was refused without an issue');
        const field = issue.path.join('.') || 'body';
        throw new ApiError(400, 'invalid_request', `${field}: ${issue.message}`, { field });
      }
      const { name, favouriteCell } = parsed.data;
      if (favouriteCell !== undefined && favouriteCell !== null && favouriteCell >= experiment.cells.length) {
        throw new ApiError(400, 'invalid_request', `favouriteCell ${favouriteCell} is not a cell of this experiment (0 to ${experiment.cells.length - 1}).`, {
          field: 'favouriteCell',
          allowed: [0, experiment.cells.length - 1],
        });
      }
      if (name !== undefined) experiments.store.renameExperiment(id, name === null ? null : name.trim() || null);
      if (favouriteCell !== undefined) experiments.store.setFavouriteCell(id, favouriteCell);
      experiments.announce(id);
      return context.json(find(id), 200);
    })
    .post('/:id/cells/:index/retry', async (context) => {
      const id = context.req.param('id');
      const index = Number(context.req.param('index'));
      if (!Number.isInteger(index) || index < 0) {
        throw new ApiError(400, 'invalid_request', `Cell "${context.req.param('index')}" is not a cell index (0, 1, 2, ...).`, { field: 'index' });
      }
      const experiment = await experiments.retryCell(id, index);
      if (!experiment) throw notFound(id);
      return context.json(experiment, 202);
    })
    .delete('/:id', async (context) => {
      const id = context.req.param('id');
      if (!(await experiments.deleteExperiment(id))) throw notFound(id);
      return context.body(null, 204);
    })
    .get('/:id/contact-sheet.png', async (context) => {
      const experiment = find(context.req.param('id'));
      const png = await renderContactSheet(studio, experiment);
      return context.body(new Uint8Array(png), 200, {
        'Content-Type': 'image/png',
        'Cache-Control': 'no-cache',
        'Content-Disposition': `attachment; filename="${fileNameOf(experiment.name, experiment.id)}-contact-sheet.png"`,
      });
    })
    .get('/:id/export.json', (context) => {
      const experiment = find(context.req.param('id'));
      context.header('Content-Disposition', `attachment; filename="${fileNameOf(experiment.name, experiment.id)}.json"`);
      context.header('Cache-Control', 'no-cache');
      return context.json(experiment, 200);
    });
}
