/** How a body is encoded, so a `malformed` fault knows how to break it. */
export type BodyFormat = 'json' | 'xml' | 'text' | 'html';

/** A response a handler built; the server writes it, possibly through a fault. */
export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  format: BodyFormat;
}
