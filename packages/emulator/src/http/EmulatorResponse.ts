/** How a body is encoded, so a `malformed` fault knows how to break it. */
type BodyFormat = 'json' | 'xml' | 'text' | 'html';

/** A response a handler built; the server writes it, possibly through a fault. */
export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  /** Text, or bytes as stored (S3 objects). */
  body: string | Buffer;
  format: BodyFormat;
}
