/**
 * Raised by catalog functions for a question the catalog cannot answer: an
 * unknown offering, or a resolution x aspect ratio with no published size.
 * `allowed` lists what would have been accepted.
 */
export class CatalogError extends Error {
  readonly field: string;
  readonly allowed: Array<string | number | boolean>;

  constructor(message: string, field: string, allowed: Array<string | number | boolean> = []) {
    super(message);
    this.name = 'CatalogError';
    this.field = field;
    this.allowed = allowed;
  }
}
