import { Hono } from 'hono';
import type { Studio } from '../studio.ts';

/** `GET /api/health`: 200 `{status: 'ok', version}` (package.json version). */
export function createHealthRoutes(studio: Studio) {
  return new Hono().get('/', (context) => context.json({ status: 'ok' as const, version: studio.config.version }));
}
