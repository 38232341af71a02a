/*
 * One API request timed from outside the browser: the bytes on the wire and after decompression,
 * time to the first byte and to the last.
 */
import http from 'node:http';
import zlib from 'node:zlib';

export interface RequestFigures {
  status: number;
  /** The Content-Encoding the backend chose (`br`, `gzip`, or none). */
  encoding: string;
  wireBytes: number;
  rawBytes: number;
  firstByteMs: number;
  totalMs: number;
}

/** What Chromium sends. */
export const BROWSER_ENCODINGS = 'gzip, deflate, br, zstd';

export function timeRequest(
  url: string,
  token: string,
  acceptEncoding: string,
): Promise<RequestFigures> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstByte = 0;
    const request = http.get(
      url,
      {
        headers: {
          authorization: `Bearer ${token}`,
          'accept-encoding': acceptEncoding,
        },
      },
      response => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => {
          if (!firstByte) firstByte = performance.now();
          chunks.push(chunk);
        });
        response.on('error', reject);
        response.on('end', () => {
          const totalMs = performance.now() - started;
          const body = Buffer.concat(chunks);
          const encoding = String(response.headers['content-encoding'] ?? '');
          let raw = body;
          if (encoding === 'br') raw = zlib.brotliDecompressSync(body);
          else if (encoding === 'gzip') raw = zlib.gunzipSync(body);
          else if (encoding === 'deflate') raw = zlib.inflateSync(body);
          else if (encoding) {
            reject(new Error(`unexpected Content-Encoding ${encoding}`));
            return;
          }
          resolve({
            status: response.statusCode ?? 0,
            encoding: encoding || 'identity',
            wireBytes: body.length,
            rawBytes: raw.length,
            firstByteMs: firstByte - started,
            totalMs,
          });
        });
      },
    );
    request.on('error', reject);
  });
}

/** The median of `times` timed runs after `warmUp` untimed ones (run one after the other). */
export async function medianRequest(
  url: string,
  token: string,
  acceptEncoding: string,
  times = 9,
  warmUp = 2,
): Promise<RequestFigures> {
  const runs: RequestFigures[] = [];
  for (let i = 0; i < warmUp + times; i++) {
    const run = await timeRequest(url, token, acceptEncoding);
    if (run.status !== 200) {
      throw new Error(`${url} answered ${run.status}`);
    }
    if (i >= warmUp) runs.push(run);
  }
  runs.sort((a, b) => a.totalMs - b.totalMs);
  return runs[Math.floor(runs.length / 2)];
}
