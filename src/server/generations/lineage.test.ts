import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeProviderServer } from '../testing/fakes/fake-server.ts';
import { startGeminiFake } from '../testing/fakes/gemini-fake.ts';
import { startRunwareFake } from '../testing/fakes/runware-fake.ts';
import { startStudioServer, type StudioServerProcess } from '../testing/studio-server-process.ts';

/*
 * Edits and lineage through the real studio server (src/server/main.ts) with
 * the Gemini and Runware fakes: a three-turn Gemini edit that sends the
 * earlier turns and the exact thought signatures back (the fake refuses any
 * other), the parent as reference 1 on local and Runware, the lineage
 * endpoint, a deleted parent, and settings carried inside downloaded images.
 */

const PHOTOS = join(import.meta.dirname, '../../../e2e/fixtures/photos');

interface Generation {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  request: Record<string, unknown> & { referenceImages: string[]; prompt: string; provider: string; model: string };
  images: Array<{ id: string; url: string; width: number; height: number; mimeType: string; seed: number | null }>;
  parent: { generationId: string | null; imageIndex: number } | null;
  error: { code: string; message: string } | null;
}

interface GeminiContentSent {
  role: string;
  parts: Array<{ text?: string; inlineData?: { mimeType: string; data: string }; thought?: boolean; thoughtSignature?: string }>;
}

let dataDirectory: string;
let server: StudioServerProcess;
let gemini: FakeProviderServer;
let runware: FakeProviderServer;

beforeAll(async () => {
  [gemini, runware] = await Promise.all([startGeminiFake(), startRunwareFake()]);
  dataDirectory = mkdtempSync(join(tmpdir(), 'studio-lineage-test-'));
  server = await startStudioServer({
    dataDirectory,
    environment: { GEMINI_API_KEY: gemini.apiKey, GEMINI_BASE_URL: gemini.url, RUNWARE_API_KEY: runware.apiKey, RUNWARE_BASE_URL: runware.url },
  });
}, 60_000);

afterAll(async () => {
  // Unset when beforeAll failed, which the declared types cannot say.
  await (server as StudioServerProcess | undefined)?.stop();
  await Promise.all([gemini, runware].map(async (fake: FakeProviderServer | undefined) => fake?.close()));
  rmSync(dataDirectory, { recursive: true, force: true });
});

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function generate(body: Record<string, unknown>): Promise<Generation> {
  const response = await fetch(`${server.url}/api/generations?wait=true`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Generation & { error: unknown };
  expect(response.status, JSON.stringify(answer)).toBe(200);
  expect(answer.status, JSON.stringify(answer.error)).toBe('succeeded');
  return answer;
}

async function refused(
  body: Record<string, unknown>,
): Promise<{ status: number; error: { code: string; field?: string; message: string; allowed?: unknown[] } }> {
  const response = await fetch(`${server.url}/api/generations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, error: ((await response.json()) as { error: { code: string; field?: string; message: string } }).error };
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

async function imageBytes(url: string): Promise<Buffer> {
  return Buffer.from(await (await fetch(`${server.url}${url}`)).arrayBuffer());
}

async function uploadSha256(uploadId: string): Promise<string> {
  return sha256(await imageBytes(`/api/uploads/${uploadId}`));
}

async function upload(bytes: Buffer, type = 'image/png'): Promise<Record<string, unknown> & { id: string; sha256: string }> {
  const response = await fetch(`${server.url}/api/uploads`, { method: 'POST', headers: { 'Content-Type': type }, body: new Uint8Array(bytes) });
  expect(response.status).toBe(201);
  return (await response.json()) as Record<string, unknown> & { id: string; sha256: string };
}

function submittedContents(): GeminiContentSent[][] {
  return gemini.calls.filter((call) => call.kind === 'submit').map((call) => (call.body as { contents: GeminiContentSent[] }).contents);
}

describe('editing on Gemini continues the conversation', () => {
  it('sends the earlier turns and the exact thought signatures back over three turns', async () => {
    gemini.resetCalls();
    const first = await generate({ provider: 'gemini', model: 'nano-banana-2', prompt: 'A lighthouse on a cliff at noon', aspectRatio: '1:1' });
    const second = await generate({
      provider: 'gemini',
      model: 'nano-banana-2',
      prompt: 'Same, but at night',
      parent: { generationId: first.id, imageIndex: 0 },
    });
    const third = await generate({ provider: 'gemini', model: 'nano-banana-2', prompt: 'Now add a storm', parent: { generationId: second.id, imageIndex: 0 } });
    const [turn1, turn2, turn3] = submittedContents();
    expect(turn1!.map((content) => content.role)).toEqual(['user']);
    expect(turn2!.map((content) => content.role)).toEqual(['user', 'model', 'user']);
    expect(turn3!.map((content) => content.role)).toEqual(['user', 'model', 'user', 'model', 'user']);

    // The earlier turns go back exactly: turn 3 repeats turn 2's history unchanged, signatures and image bytes included.
    expect(turn3!.slice(0, 3)).toEqual(turn2);
    const signatures = (content: GeminiContentSent) => content.parts.map((part) => part.thoughtSignature).filter(Boolean);
    expect(signatures(turn2![1]!)).toHaveLength(2);
    expect(signatures(turn3![3]!)).toHaveLength(2);
    expect(signatures(turn3![3]!)).not.toEqual(signatures(turn3![1]!));
    // The model turns carry the images the studio stored for the earlier generations.
    const modelImage = (content: GeminiContentSent) => Buffer.from(content.parts.find((part) => part.inlineData)!.inlineData!.data, 'base64');
    expect(sha256(modelImage(turn2![1]!))).toBe(sha256(await imageBytes(first.images[0]!.url)));
    expect(sha256(modelImage(turn3![3]!))).toBe(sha256(await imageBytes(second.images[0]!.url)));
    // The new instruction is the user's turn alone: the parent image is already the model's last turn.
    expect(turn3![4]).toEqual({ role: 'user', parts: [{ text: 'Now add a storm' }] });

    // The accepted request still lists the parent as reference 1 (an upload of its bytes), replayable without `parent`.
    expect(third.parent).toEqual({ generationId: second.id, imageIndex: 0 });
    expect(third.request.parent).toBeUndefined();
    expect(third.request.referenceImages).toHaveLength(1);
    expect(await uploadSha256(third.request.referenceImages[0]!)).toBe(sha256(await imageBytes(second.images[0]!.url)));
  });

  it('is refused by the fake when a signature is changed (so the check above can fail)', async () => {
    const [, turn2] = submittedContents();
    const tampered = structuredClone(turn2!);
    tampered[1]!.parts = tampered[1]!.parts.map((part) => (part.thoughtSignature ? { ...part, thoughtSignature: `${part.thoughtSignature}x` } : part));
    const body = { contents: tampered, generationConfig: { responseModalities: ['TEXT', 'IMAGE'] } };
    const response = await fetch(`${gemini.url}/v1beta/models/gemini-3.1-flash-image:generateContent`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-goog-api-key': gemini.apiKey },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/thought signature/i);
  });

  it('sends the parent as a plain first reference when the model changes', async () => {
    gemini.resetCalls();
    const first = await generate({ provider: 'gemini', model: 'nano-banana-2', prompt: 'A red bicycle' });
    await generate({ provider: 'gemini', model: 'nano-banana-pro', prompt: 'Paint it blue', parent: { generationId: first.id, imageIndex: 0 } });
    const [, edit] = submittedContents();
    expect(edit!.map((content) => content.role)).toEqual(['user']);
    expect(edit![0]!.parts[0]).toEqual({ text: 'Paint it blue' });
    expect(sha256(Buffer.from(edit![0]!.parts[1]!.inlineData!.data, 'base64'))).toBe(sha256(await imageBytes(first.images[0]!.url)));
  });

  it('keeps a child replayable and editable after its parent is deleted', async () => {
    const root = await generate({ provider: 'gemini', model: 'nano-banana-2', prompt: 'A teapot' });
    const middle = await generate({ provider: 'gemini', model: 'nano-banana-2', prompt: 'Make it green', parent: { generationId: root.id, imageIndex: 0 } });
    const child = await generate({ provider: 'gemini', model: 'nano-banana-2', prompt: 'Add steam', parent: { generationId: middle.id, imageIndex: 0 } });
    expect((await fetch(`${server.url}/api/generations/${middle.id}`, { method: 'DELETE' })).status).toBe(204);
    const after = await getJson<Generation>(`/api/generations/${child.id}`);
    expect(after.parent).toEqual({ generationId: null, imageIndex: 0 });
    expect(after.images).toHaveLength(1);
    expect((await fetch(`${server.url}${after.images[0]!.url}`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/uploads/${after.request.referenceImages[0]}`)).status).toBe(200);
    // Replayed as stored: the deleted parent's image is still reference 1.
    const replay = await generate(after.request);
    expect(replay.request.referenceImages).toEqual(after.request.referenceImages);
    // Its conversation was stored with its image, so an edit of it still continues all three turns.
    gemini.resetCalls();
    await generate({ provider: 'gemini', model: 'nano-banana-2', prompt: 'Add a cup', parent: { generationId: child.id, imageIndex: 0 } });
    expect(submittedContents()[0]!.map((content) => content.role)).toEqual(['user', 'model', 'user', 'model', 'user', 'model', 'user']);
  });
});

describe('editing on local and Runware', () => {
  it("makes the parent reference image 1 on local, before the request's own references", async () => {
    const photo = await upload(readFileSync(join(PHOTOS, 'coffee.png')));
    const parent = await generate({ provider: 'local', model: 'nano-banana-2', prompt: 'A desk lamp', numberResults: 2 });
    const edit = await generate({
      provider: 'local',
      model: 'nano-banana-2',
      prompt: 'Put the coffee of reference image 2 beside it',
      referenceImages: [photo.id],
      parent: { generationId: parent.id, imageIndex: 1 },
    });
    expect(edit.parent).toEqual({ generationId: parent.id, imageIndex: 1 });
    expect(edit.request.referenceImages).toHaveLength(2);
    expect(await uploadSha256(edit.request.referenceImages[0]!)).toBe(sha256(await imageBytes(parent.images[1]!.url)));
    expect(edit.request.referenceImages[1]).toBe(photo.id);
  });

  it('makes the parent reference image 1 on Runware', async () => {
    const parent = await generate({ provider: 'local', model: 'nano-banana-2', prompt: 'A paper boat' });
    runware.resetCalls();
    const edit = await generate({
      provider: 'runware',
      model: 'nano-banana-2',
      prompt: 'Float it on a pond',
      parent: { generationId: parent.id, imageIndex: 0 },
    });
    const uploads = runware.calls.filter((call) => call.kind === 'upload');
    const submit = runware.calls.find((call) => call.kind === 'submit')!.body as Array<{ taskType: string; inputs?: { referenceImages: string[] } }>;
    const task = submit.find((entry) => entry.taskType === 'imageInference')!;
    expect(task.inputs?.referenceImages).toHaveLength(1);
    expect(uploads).toHaveLength(1);
    const sent = (uploads[0]!.body as Array<{ image: string }>)[0]!.image;
    expect(sha256(Buffer.from(sent.slice(sent.indexOf(',') + 1), 'base64'))).toBe(sha256(await imageBytes(parent.images[0]!.url)));
    expect(await uploadSha256(edit.request.referenceImages[0]!)).toBe(sha256(await imageBytes(parent.images[0]!.url)));
  });

  it('refuses an unknown parent, a missing image index, and a parent past the reference limit, storing nothing', async () => {
    const before = (await getJson<{ items: Generation[] }>('/api/generations?limit=200')).items.length;
    const unknown = await refused({
      provider: 'local',
      model: 'nano-banana-2',
      prompt: 'Make the sky stormy',
      parent: { generationId: 'no-such-generation', imageIndex: 0 },
    });
    expect(unknown).toMatchObject({ status: 400, error: { code: 'invalid_request', field: 'parent' } });
    const parent = await generate({ provider: 'local', model: 'nano-banana', prompt: 'A kite' });
    const index = await refused({ provider: 'local', model: 'nano-banana', prompt: 'Make the sky stormy', parent: { generationId: parent.id, imageIndex: 3 } });
    expect(index).toMatchObject({ status: 400, error: { code: 'invalid_request', field: 'parent', allowed: [0, 0] } });
    expect(index.error.message).toContain('imageIndex 3');
    const catalog = await getJson<{ offerings: Array<{ id: string; referenceImages: { max: number } }> }>('/api/catalog');
    const max = catalog.offerings.find((offering) => offering.id === 'local/nano-banana')!.referenceImages.max;
    const photo = await upload(readFileSync(join(PHOTOS, 'chelsea.png')));
    const over = await refused({
      provider: 'local',
      model: 'nano-banana',
      prompt: 'Make the sky stormy',
      referenceImages: Array(max).fill(photo.id),
      parent: { generationId: parent.id, imageIndex: 0 },
    });
    expect(over).toMatchObject({ status: 400, error: { code: 'invalid_request', field: 'referenceImages', allowed: [0, max - 1] } });
    expect(over.error.message).toContain('the edited image counts as reference image 1');
    expect((await getJson<{ items: Generation[] }>('/api/generations?limit=200')).items.length).toBe(before + 1);
  });
});

describe('lineage', () => {
  it('lists ancestors root first, children and branches, and the edits of a generation with ?parent=', async () => {
    const root = await generate({ provider: 'local', model: 'nano-banana-2', prompt: 'A fox' });
    const left = await generate({ provider: 'local', model: 'nano-banana-2', prompt: 'In snow', parent: { generationId: root.id, imageIndex: 0 } });
    const right = await generate({ provider: 'local', model: 'nano-banana-2', prompt: 'In autumn', parent: { generationId: root.id, imageIndex: 0 } });
    const leaf = await generate({ provider: 'local', model: 'nano-banana-2', prompt: 'At night', parent: { generationId: left.id, imageIndex: 0 } });
    type Lineage = { ancestors: Generation[]; children: Generation[]; descendants: Generation[] };
    const ofLeaf = await getJson<Lineage>(`/api/generations/${leaf.id}/lineage`);
    expect(ofLeaf.ancestors.map((generation) => generation.id)).toEqual([root.id, left.id]);
    expect(ofLeaf.children).toEqual([]);
    const ofRoot = await getJson<Lineage>(`/api/generations/${root.id}/lineage`);
    expect(ofRoot.ancestors).toEqual([]);
    expect(ofRoot.children.map((generation) => generation.id)).toEqual([left.id, right.id]);
    expect(ofRoot.descendants.map((generation) => generation.id)).toEqual([left.id, right.id, leaf.id]);
    expect(ofRoot.children[0]!.images).toHaveLength(1);
    const edits = await getJson<{ items: Generation[] }>(`/api/generations?parent=${root.id}`);
    expect(edits.items.map((generation) => generation.id)).toEqual([right.id, left.id]);
    expect((await fetch(`${server.url}/api/generations/no-such-id/lineage`)).status).toBe(404);

    expect((await fetch(`${server.url}/api/generations/${left.id}`, { method: 'DELETE' })).status).toBe(204);
    const orphan = await getJson<Lineage>(`/api/generations/${leaf.id}/lineage`);
    expect(orphan.ancestors).toEqual([]);
    expect((await getJson<Generation>(`/api/generations/${leaf.id}`)).parent).toEqual({ generationId: null, imageIndex: 0 });
  });
});

describe('settings carried inside images', () => {
  for (const outputFormat of ['png', 'jpeg', 'webp'] as const) {
    it(`embeds the accepted request in a downloaded ${outputFormat.toUpperCase()} and recalls it from an upload`, async () => {
      const photo = await upload(readFileSync(join(PHOTOS, 'astronaut.png')));
      const generation = await generate({
        provider: 'local',
        model: 'nano-banana-2',
        prompt: 'Ünïcode "quotes" & <tags>: the astronaut of reference image 1 on Mars',
        referenceImages: [photo.id],
        resolution: '1K',
        aspectRatio: '3:2',
        seed: 4242,
        outputFormat,
      });
      const image = generation.images[0]!;
      const response = await fetch(`${server.url}${image.url}?download=1`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(image.mimeType);
      const extension = outputFormat === 'jpeg' ? 'jpg' : outputFormat;
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="unicode-quotes-tags-the-astronaut-of-nano-banana-2-${image.width}x${image.height}.${extension}"`,
      );
      const downloaded = Buffer.from(await response.arrayBuffer());
      const metadata = await sharp(downloaded).metadata();
      expect([metadata.width, metadata.height]).toEqual([image.width, image.height]);
      const text = downloaded.toString('latin1');
      expect(text).toContain('banana-studio');
      expect(text).toContain(`sha256:${photo.sha256}`);
      expect(text).not.toContain(photo.id);
      expect(text).not.toContain(dataDirectory);
      expect(text).not.toContain(gemini.apiKey);
      expect(text).not.toContain(runware.apiKey);

      const recalled = await upload(downloaded, image.mimeType);
      expect(recalled.recalledRequest).toEqual(generation.request);
      expect(recalled.recalledMissingReferences).toBe(0);
    });
  }

  it('answers an upload without studio metadata as before', async () => {
    const plain = await upload(readFileSync(join(PHOTOS, 'chelsea.png')));
    expect(plain.recalledRequest).toBeUndefined();
    expect(Object.keys(plain).sort()).toEqual(['bytes', 'height', 'id', 'mimeType', 'sha256', 'width']);
  });

  it('embeds no key in a Gemini image, and names a missing reference instead of inventing it', async () => {
    const generation = await generate({ provider: 'gemini', model: 'nano-banana-2', prompt: 'A quiet harbour' });
    const downloaded = Buffer.from(await (await fetch(`${server.url}${generation.images[0]!.url}?download=1`)).arrayBuffer());
    const text = downloaded.toString('latin1');
    expect(text).toContain('"provider":"gemini"');
    expect(text).not.toContain(gemini.apiKey);
    expect(text).not.toContain(gemini.url);
    const recalled = await upload(downloaded);
    expect(recalled.recalledRequest).toMatchObject({ provider: 'gemini', model: 'nano-banana-2', prompt: 'A quiet harbour', referenceImages: [] });
  });
});
