/**
 * A growable UTF-8 buffer. COPY text goes straight into bytes, so a chunk holds no millions of
 * small strings (which cost more in garbage collection than the generation itself).
 */
export class ByteSink {
  private buffer: Buffer;
  private used = 0;

  constructor(initialBytes = 1 << 16) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  write(text: string): void {
    const worst = text.length * 3;
    if (this.used + worst > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + worst));
      this.buffer.copy(grown, 0, 0, this.used);
      this.buffer = grown;
    }
    this.used += this.buffer.write(text, this.used, "utf8");
  }

  get byteLength(): number {
    return this.used;
  }

  /** The bytes written so far (a view, not a copy). */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.used);
  }
}
