/** Bytes -> SQL text, or a positioned reason why a file is not SQL text (binary, not UTF-8, too large). */
import type { Finding } from '../util/findings.js';

/** Larger files are refused: a migration that size is data, and the parser would hold it all in memory. */
export const MAX_SQL_BYTES = 10 * 1024 * 1024;

export type ReadResult = { readonly text: string } | { readonly finding: Finding };

function positionOfByte(bytes: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

/** Offset of the first byte that is not valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const width = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (width === 0 || i + width > bytes.length) return i;
    for (let k = 1; k < width; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += width;
  }
  return -1;
}

export function tooLarge(file: string, size: number): ReadResult {
  return {
    finding: {
      file, line: 1, col: 1, severity: 'error', code: 'input',
      message: `file is ${(size / 1024 / 1024).toFixed(1)} MB; lint reads SQL files up to ${MAX_SQL_BYTES / 1024 / 1024} MB`,
      fix: 'split the file, or keep data loads out of migrations',
    },
  };
}

export function decodeSql(file: string, bytes: Uint8Array): ReadResult {
  const input = (line: number, col: number, message: string, fix: string): ReadResult => ({
    finding: { file, line, col, severity: 'error', code: 'input', message, fix },
  });
  if (bytes.length > MAX_SQL_BYTES) return tooLarge(file, bytes.length);
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const { line, col } = positionOfByte(bytes, nul);
    return input(line, col, 'binary file (NUL byte), not SQL text', 'lint only .sql text files');
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text };
  } catch {
    const offset = Math.max(0, firstInvalidUtf8(bytes));
    const { line, col } = positionOfByte(bytes, offset);
    return input(line, col, `not valid UTF-8 (byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')})`,
      'convert the file to UTF-8 (e.g. iconv -f latin1 -t utf-8)');
  }
}
