// A cap on the size of one MCP message over stdio: a larger one is refused with a JSON-RPC error, not a silent exit.
//
// The SDK's stdio transport closes the whole server when its buffer passes 10 MB (the client sees the
// server exit 0 with nothing said). This guard sits between stdin and the transport: it passes complete
// lines (one message each) of at most `max` bytes, drops a longer one without keeping it in memory, and
// says so; the session goes on.
import { Transform, type TransformCallback } from 'node:stream';

export class MessageSizeLimit extends Transform {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private dropped = 0;

  constructor(
    private readonly max: number,
    private readonly onOversized: (bytes: number) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let start = 0;
    for (let nl = chunk.indexOf(10); ; nl = chunk.indexOf(10, start)) {
      const end = nl === -1 ? chunk.length : nl + 1;
      this.keep(chunk.subarray(start, end));
      if (nl === -1) break;
      this.endLine();
      start = end;
    }
    done();
  }

  private keep(piece: Buffer): void {
    if (this.dropped > 0 || this.pendingBytes + piece.length > this.max + 2) {
      // Over the cap: forget what was kept of this line, count the rest.
      this.dropped += this.pendingBytes + piece.length;
      this.pending = [];
      this.pendingBytes = 0;
      return;
    }
    this.pending.push(piece);
    this.pendingBytes += piece.length;
  }

  private endLine(): void {
    if (this.dropped > 0) this.onOversized(this.dropped);
    else if (this.pendingBytes > 0) this.push(Buffer.concat(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
    this.dropped = 0;
  }
}
