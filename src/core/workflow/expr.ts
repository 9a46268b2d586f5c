// The expressions of workflow files: `if:` conditions and `${{ ... }}` in step arguments, parsed and evaluated
// without `eval` (a path into the run's inputs and earlier steps, literals, comparisons, `!`, `&&`, `||`).
//
// Grammar:  or := and ('||' and)* ; and := not ('&&' not)* ; not := '!' not | cmp ;
//           cmp := atom (('=='|'!='|'<'|'<='|'>'|'>=') atom)? ; atom := path | string | number | true | false | null | '(' or ')'
// A path is dotted segments (`steps.make-repo.outputs.url`, `inputs.name`); a segment may hold `-` because there
// is no subtraction. A path that leads nowhere is `null`, never an error at run time (static checks catch typos).

export type Expr =
  | { kind: 'path'; path: string[] }
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'not'; expr: Expr }
  | { kind: 'binary'; op: '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||'; left: Expr; right: Expr };

/** What expressions read: `inputs.<name>` and `steps.<id>.status|outputs.<key>...`. */
export interface ExprScope {
  inputs: Record<string, unknown>;
  steps: Record<string, { status: string; outputs: Record<string, unknown> }>;
}

export class ExprError extends Error {}

const MAX_EXPR = 2_000;

type Token = { t: 'op'; v: string } | { t: 'path'; v: string[] } | { t: 'lit'; v: string | number | boolean | null };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (['==', '!=', '<=', '>=', '&&', '||'].includes(two)) {
      out.push({ t: 'op', v: two });
      i += 2;
    } else if ('!<>()'.includes(c)) {
      out.push({ t: 'op', v: c });
      i++;
    } else if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      if (end === -1) throw new ExprError(`unterminated string starting at character ${i + 1}`);
      out.push({ t: 'lit', v: src.slice(i + 1, end) });
      i = end + 1;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(src.slice(i))!;
      out.push({ t: 'lit', v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*/.exec(src.slice(i))!;
      const word = m[0];
      if (word === 'true' || word === 'false') out.push({ t: 'lit', v: word === 'true' });
      else if (word === 'null') out.push({ t: 'lit', v: null });
      else out.push({ t: 'path', v: word.split('.') });
      i += word.length;
    } else {
      throw new ExprError(`unexpected "${c}" at character ${i + 1}`);
    }
  }
  return out;
}

/** Parses an expression; throws ExprError naming the problem. */
export function parseExpr(src: string): Expr {
  if (src.length > MAX_EXPR) throw new ExprError(`an expression is at most ${MAX_EXPR} characters`);
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (v: string) => peek()?.t === 'op' && peek()!.v === v;
  const binary = (next: () => Expr, ops: string[]): Expr => {
    let left = next();
    while (peek()?.t === 'op' && ops.includes(peek()!.v as string)) {
      const op = tokens[pos++]!.v as '&&';
      left = { kind: 'binary', op, left, right: next() };
    }
    return left;
  };
  const or = (): Expr => binary(and, ['||']);
  const and = (): Expr => binary(not, ['&&']);
  const not = (): Expr => (isOp('!') ? (pos++, { kind: 'not', expr: not() }) : cmp());
  const cmp = (): Expr => {
    const left = atom();
    const t = peek();
    if (t?.t === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.v)) {
      pos++;
      return { kind: 'binary', op: t.v as '==', left, right: atom() };
    }
    return left;
  };
  const atom = (): Expr => {
    const t = tokens[pos++];
    if (!t) throw new ExprError('the expression ends too early');
    if (t.t === 'path') return { kind: 'path', path: t.v };
    if (t.t === 'lit') return { kind: 'literal', value: t.v };
    if (t.v === '(') {
      const inner = or();
      if (!isOp(')')) throw new ExprError('a "(" is not closed');
      pos++;
      return inner;
    }
    throw new ExprError(`unexpected "${t.v}"`);
  };
  const e = or();
  if (pos < tokens.length) throw new ExprError(`unexpected ${describe(tokens[pos]!)} after a complete expression`);
  return e;
}

const describe = (t: Token) => (t.t === 'path' ? `"${t.v.join('.')}"` : t.t === 'lit' ? JSON.stringify(t.v) : `"${t.v}"`);

/** Every path the expression reads. */
export function pathsOf(e: Expr): string[][] {
  switch (e.kind) {
    case 'path':
      return [e.path];
    case 'literal':
      return [];
    case 'not':
      return pathsOf(e.expr);
    case 'binary':
      return [...pathsOf(e.left), ...pathsOf(e.right)];
  }
}

function lookup(scope: ExprScope, path: readonly string[]): unknown {
  let v: unknown = scope;
  for (const seg of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, seg)) return null;
    v = (v as Record<string, unknown>)[seg];
  }
  return v === undefined ? null : v;
}

export function truthy(v: unknown): boolean {
  return !(v === null || v === undefined || v === false || v === 0 || v === '');
}

export function evaluate(e: Expr, scope: ExprScope): unknown {
  switch (e.kind) {
    case 'path':
      return lookup(scope, e.path);
    case 'literal':
      return e.value;
    case 'not':
      return !truthy(evaluate(e.expr, scope));
    case 'binary': {
      if (e.op === '&&') return truthy(evaluate(e.left, scope)) && truthy(evaluate(e.right, scope));
      if (e.op === '||') return truthy(evaluate(e.left, scope)) || truthy(evaluate(e.right, scope));
      const l = evaluate(e.left, scope);
      const r = evaluate(e.right, scope);
      if (e.op === '==') return same(l, r);
      if (e.op === '!=') return !same(l, r);
      if (typeof l !== typeof r || (typeof l !== 'number' && typeof l !== 'string')) return false;
      const [a, b] = [l as number | string, r as number | string];
      return e.op === '<' ? a < b : e.op === '<=' ? a <= b : e.op === '>' ? a > b : a >= b;
    }
  }
}

const same = (a: unknown, b: unknown) => (a !== null && typeof a === 'object') || (b !== null && typeof b === 'object') ? JSON.stringify(a) === JSON.stringify(b) : a === b;

const PIECE = /\$\{\{([\s\S]*?)\}\}/g;

/** The expressions inside `${{ }}` of a text. */
export function expressionsIn(text: string): string[] {
  return [...text.matchAll(PIECE)].map((m) => m[1]!.trim());
}

/**
 * `value` with every `${{ expr }}` replaced: a string that is exactly one expression becomes its value (a number
 * stays a number), one with text around it the text with each value spelt out (objects as JSON).
 */
export function interpolate(value: unknown, scope: ExprScope): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{\{([\s\S]*?)\}\}$/.exec(value);
    if (whole && !whole[1]!.includes('}}')) return evaluate(parseExpr(whole[1]!.trim()), scope);
    return value.replace(PIECE, (_, src: string) => spell(evaluate(parseExpr(src.trim()), scope)));
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, scope));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, scope)]));
  return value;
}

const spell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Every `${{ }}` expression anywhere in a value, with the path of the string it is in. */
export function expressionsOf(value: unknown, at: (string | number)[] = []): { path: (string | number)[]; src: string }[] {
  if (typeof value === 'string') return expressionsIn(value).map((src) => ({ path: at, src }));
  if (Array.isArray(value)) return value.flatMap((v, i) => expressionsOf(v, [...at, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => expressionsOf(v, [...at, k]));
  return [];
}
