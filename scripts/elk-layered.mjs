// elkjs's layout worker with only the layered algorithm, the one the dashboard uses (web/src/views/graph-layout.ts).
//
// elkjs ships one GWT build of every algorithm (elk-worker.min.js, 1.6 MB). The dashboard's build (web/vite.config.ts)
// makes it smaller: the other algorithms' providers are no longer registered, then every top-level declaration and
// every class (a GWT `defineClass` call with the `_.method = ...` statements after it) that nothing kept refers to is
// removed, by reachability from the statements that run (references are every identifier of a statement, so it
// keeps more than it must, never less; a class is kept when a kept statement names one of its constructors, or a
// kept class extends it). test/web/elk-worker.test.ts lays graphs out with this worker and elkjs's own and wants the
// same answer, byte for byte.
import { parseSync } from 'rolldown/utils';

/** The registration of the algorithms in elk-worker.min.js of elkjs 0.10/0.11 (its minified names). */
const REGISTRATION = /sgb\(b,'layered'\)\?(edd\(NGd,WC\(OC\(E1,1\),rte,148,0,\[new dvc\]\)\)):sgb\(b,'force'\)[^}]*?sgb\(b,'rectpacking'\)&&edd\(NGd,WC\(OC\(E1,1\),rte,148,0,\[new a4c\]\)\)/;
/** GWT's defineClass(typeId, superTypeId, castableTypeMap, ...constructors), as elk-worker.min.js names it. */
const DEFINE_CLASS = 'mdb';

/** Every identifier in `node` (conservative: locals and globals alike). */
function identifiers(node, out) {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) identifiers(n, out);
    return;
  }
  if (node.type === 'Identifier') out.add(node.name);
  for (const k in node) if (k !== 'start' && k !== 'end' && k !== 'type' && node[k] && typeof node[k] === 'object') identifiers(node[k], out);
}

const isPrototypeAssignment = (st) =>
  st.type === 'ExpressionStatement' && st.expression.type === 'AssignmentExpression' && st.expression.left.type === 'MemberExpression' && st.expression.left.object.type === 'Identifier' && st.expression.left.object.name === '_';

/** The worker's source with the layered algorithm only; throws when `source` is not the worker this was written for. */
export function layeredOnly(source) {
  if (!REGISTRATION.test(source)) throw new Error("elk-worker.min.js: the registration of the layout algorithms was not found (another elkjs version?); update scripts/elk-layered.mjs");
  const src = source.replace(REGISTRATION, "sgb(b,'layered')&&$1");
  const body = parseSync('elk-worker.min.js', src, { sourceType: 'script' }).program.body;
  const units = [];
  for (let i = 0; i < body.length; i++) {
    const st = body[i];
    const e = st.type === 'ExpressionStatement' ? st.expression : undefined;
    if (e?.type === 'CallExpression' && e.callee.type === 'Identifier' && e.callee.name === DEFINE_CLASS && e.arguments[0]?.type === 'Literal') {
      const u = { kind: 'class', stmts: [st], id: e.arguments[0].value, sup: e.arguments[1]?.type === 'Literal' ? e.arguments[1].value : null, ctors: e.arguments.slice(3).flatMap((a) => (a.type === 'Identifier' ? [a.name] : [])), declares: [] };
      while (i + 1 < body.length && isPrototypeAssignment(body[i + 1])) u.stmts.push(body[++i]);
      units.push(u);
    } else if (st.type === 'FunctionDeclaration') units.push({ kind: 'decl', stmts: [st], declares: [st.id.name] });
    else if (st.type === 'VariableDeclaration') units.push({ kind: 'decl', stmts: [st], declares: st.declarations.flatMap((d) => (d.id.type === 'Identifier' ? [d.id.name] : [])) });
    else units.push({ kind: 'root', stmts: [st], declares: [] });
  }
  const index = (map, key, i) => (map.get(key) ?? map.set(key, []).get(key)).push(i);
  const byName = new Map();
  const byCtor = new Map();
  const byId = new Map();
  units.forEach((u, i) => {
    u.refs = new Set();
    for (const st of u.stmts) identifiers(st, u.refs);
    for (const n of u.declares) index(byName, n, i);
    if (u.kind === 'class') {
      for (const c of u.ctors) index(byCtor, c, i);
      index(byId, u.id, i);
    }
  });
  const kept = new Set();
  const queue = [];
  const keep = (i) => {
    if (kept.has(i)) return;
    kept.add(i);
    queue.push(i);
  };
  units.forEach((u, i) => u.kind === 'root' && keep(i));
  while (queue.length) {
    const u = units[queue.pop()];
    for (const n of u.refs) {
      for (const j of byName.get(n) ?? []) keep(j);
      for (const j of byCtor.get(n) ?? []) keep(j);
    }
    if (u.kind === 'class' && u.sup !== null) for (const j of byId.get(u.sup) ?? []) keep(j);
  }
  let out = '';
  let at = 0;
  units.forEach((u, i) => {
    if (kept.has(i)) return;
    out += src.slice(at, u.stmts[0].start);
    at = u.stmts[u.stmts.length - 1].end;
  });
  return out + src.slice(at);
}
