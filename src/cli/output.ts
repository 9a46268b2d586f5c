// Command output: JSON for scripts and agents, aligned tables and colour (on a terminal only) for people.
import type { Writable } from 'node:stream';

export interface OutputOptions {
  json: boolean;
  color: boolean;
  stdout: Writable;
  stderr: Writable;
  /** Show progress of long operations (stderr is a terminal). */
  progress?: boolean;
}

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39], magenta: [35, 39], cyan: [36, 39], gray: [90, 39] } as const;
export type Style = keyof typeof CODES;

export interface Column<T> {
  header: string;
  get: (row: T) => string | number | undefined;
  align?: 'left' | 'right';
  /** Longest width before the text is cut with an ellipsis. */
  max?: number;
  style?: (row: T) => Style | undefined;
}

export class Output {
  constructor(readonly options: OutputOptions) {}

  get json(): boolean {
    return this.options.json;
  }

  paint(text: string, style: Style | undefined): string {
    if (!style || !this.options.color) return text;
    const [open, close] = CODES[style];
    return `\u001b[${open}m${text}\u001b[${close}m`;
  }

  /** Writes command output: the JSON value with --json, else the human rendering. */
  result<T>(value: T, human: (value: T) => string): void {
    if (this.options.json) this.options.stdout.write(JSON.stringify(value, null, 2) + '\n');
    else {
      const text = human(value);
      if (text) this.options.stdout.write(text.endsWith('\n') ? text : text + '\n');
    }
  }

  /** A diagnostic line on stderr (never on stdout, which carries the result). */
  note(text: string): void {
    this.options.stderr.write(text + '\n');
  }

  /** One self-overwriting status line on a terminal; nothing otherwise (logs and pipes stay clean). */
  progress(text: string): void {
    if (!this.options.progress) return;
    const cols = (this.options.stderr as { columns?: number }).columns || 80;
    this.options.stderr.write(`\r\u001b[K${text.length >= cols ? text.slice(0, cols - 2) + '…' : text}`);
    this.progressShown = true;
  }

  /** Clears the progress line, if one is shown. */
  progressDone(): void {
    if (this.progressShown) this.options.stderr.write('\r\u001b[K');
    this.progressShown = false;
  }

  private progressShown = false;

  table<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
    const cells = rows.map((r) =>
      columns.map((c) => {
        const raw = c.get(r);
        let text = raw === undefined || raw === null ? '' : String(raw);
        if (c.max && text.length > c.max) text = text.slice(0, c.max - 1) + '…';
        return text;
      }),
    );
    const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i]!.length)));
    const pad = (text: string, i: number) => (columns[i]!.align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!));
    const head = columns.map((c, i) => this.paint(pad(c.header, i), 'bold')).join('  ').trimEnd();
    const body = cells.map((row, r) =>
      row
        .map((text, i) => this.paint(pad(text, i), columns[i]!.style?.(rows[r]!)))
        .join('  ')
        .trimEnd(),
    );
    return [head, ...body].join('\n');
  }
}

export function progressBar(percent: number, width = 20): string {
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

export const STATUS_STYLE: Record<string, Style> = {
  pending: 'yellow',
  in_progress: 'cyan',
  blocked: 'red',
  completed: 'green',
  resolved: 'green',
  closed: 'gray',
  cancelled: 'gray',
  active: 'cyan',
  draft: 'gray',
  on_hold: 'yellow',
  satisfied: 'green',
  unsatisfied: 'red',
  failed: 'red',
  unknown: 'yellow',
};

export const PRIORITY_STYLE: Record<string, Style> = { critical: 'red', high: 'magenta', medium: 'yellow', low: 'gray' };
