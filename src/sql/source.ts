/**
 * Positions in a script: the parser speaks UTF-8 byte offsets, people speak line:col. A SourceText
 * converts once per file (line starts, and a byte map only when the text is not pure ASCII).
 */
export class SourceText {
  readonly text: string;
  private readonly lineStarts: number[];
  private readonly ascii: boolean;
  private byteIndex: Uint32Array | undefined;

  constructor(text: string) {
    this.text = text;
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    this.ascii = !/[^\x00-\x7f]/.test(text);
  }

  /** String index of a UTF-8 byte offset. */
  indexOfByte(byteOffset: number): number {
    if (this.ascii) return Math.min(byteOffset, this.text.length);
    if (!this.byteIndex) this.byteIndex = buildByteIndex(this.text);
    return this.byteIndex[Math.min(byteOffset, this.byteIndex.length - 1)] ?? this.text.length;
  }

  /** 1-based line and column (in UTF-16 units) of a string index. */
  lineCol(index: number): { line: number; col: number } {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: index - starts[lo]! + 1 };
  }

  lineColOfByte(byteOffset: number): { line: number; col: number } {
    return this.lineCol(this.indexOfByte(byteOffset));
  }

  /** String index where a 1-based line starts. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))] ?? 0;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }
}

function buildByteIndex(text: string): Uint32Array {
  const bytes = Buffer.byteLength(text, 'utf8');
  const map = new Uint32Array(bytes + 1);
  let byte = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < width; k++) map[byte + k] = i;
    byte += width;
    if (code >= 0x10000) i++;
  }
  map[bytes] = text.length;
  return map;
}
