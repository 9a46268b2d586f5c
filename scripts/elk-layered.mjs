// elkjs's layout worker with only what the dashboard's layouts use (web/src/views/graph-layout.ts): the layered
// algorithm, with the options of web/src/views/graph-input.ts (ELK_LAYOUT) and every other option at its default.
//
// elkjs ships one GWT build of every algorithm (elk-worker.min.js, 1.6 MB). The dashboard's build (web/vite.config.ts)
// makes it smaller in three steps, none of which changes a layout the dashboard asks for:
// 1. The other algorithms' providers are no longer registered.
// 2. The layered algorithm's strategies and processors that only a non-default option selects (CUT below: another
//    cycle breaker, layerer, node placer, the spline router, graph wrapping, post-compaction...) can no longer be
//    made: each `return new X` at its factory's switch becomes a call that throws "X is not in this build", so a
//    layout that would need one fails loudly, never differs. The option metadata keeps every option (ids,
//    defaults, targets, algorithm defaults) but without its human-readable name and description.
// 3. Every top-level declaration and every class (a GWT `defineClass` call with the `_.method = ...` statements
//    after it) that nothing kept refers to is removed, by reachability from the statements that run (references
//    are every identifier of a statement, so it keeps more than it must, never less; a class is kept when a kept
//    statement names one of its constructors, or a kept class extends it).
// test/web/elk-worker.test.ts lays graphs out with this worker and elkjs's own and wants the same answer, byte for
// byte, and wants a cut strategy to fail with its name.
import { parseSync } from 'rolldown/utils';

/** The registration of the algorithms in elk-worker.min.js of elkjs 0.10/0.11 (its minified names). */
const REGISTRATION = /sgb\(b,'layered'\)\?(edd\(NGd,WC\(OC\(E1,1\),rte,148,0,\[new dvc\]\)\)):sgb\(b,'force'\)[^}]*?sgb\(b,'rectpacking'\)&&edd\(NGd,WC\(OC\(E1,1\),rte,148,0,\[new a4c\]\)\)/;
/** GWT's defineClass(typeId, superTypeId, castableTypeMap, ...constructors), as elk-worker.min.js names it. */
const DEFINE_CLASS = 'mdb';
/** GWT's createForClass(package, name, typeId) and createForEnum(package, name, typeId, ...): the class literals. */
const CLASS_LITERALS = ['zeb', 'Aeb'];

const L = 'org.eclipse.elk.alg.layered.';
/**
 * What the dashboard's layouts never make, each with the option that would select it and that the dashboard leaves
 * at its default (or sets otherwise: elk.edgeRouting is POLYLINE). Nothing in ELK sets these options itself.
 */
export const CUT = {
  'elk.layered.cycleBreaking.strategy (GREEDY)': ['p1cycles.DepthFirstCycleBreaker', 'p1cycles.InteractiveCycleBreaker', 'p1cycles.ModelOrderCycleBreaker', 'p1cycles.GreedyModelOrderCycleBreaker', 'p1cycles.SCConnectivity', 'p1cycles.SCCNodeTypeCycleBreaker', 'p1cycles.DFSNodeOrderCycleBreaker', 'p1cycles.BFSNodeOrderCycleBreaker'],
  'elk.layered.layering.strategy (NETWORK_SIMPLEX)': ['p2layers.LongestPathLayerer', 'p2layers.LongestPathSourceLayerer', 'p2layers.CoffmanGrahamLayerer', 'p2layers.InteractiveLayerer', 'p2layers.StretchWidthLayerer', 'p2layers.MinWidthLayerer', 'p2layers.BreadthFirstModelOrderLayerer', 'p2layers.DepthFirstModelOrderLayerer'],
  'elk.layered.crossingMinimization.strategy (LAYER_SWEEP)': ['p3order.InteractiveCrossingMinimizer', 'p3order.NoCrossingMinimizer'],
  'elk.layered.nodePlacement.strategy (BRANDES_KOEPF)': ['p4nodes.SimpleNodePlacer', 'p4nodes.InteractiveNodePlacer', 'p4nodes.LinearSegmentsNodePlacer', 'p4nodes.NetworkSimplexPlacer'],
  'elk.edgeRouting (POLYLINE; ORTHOGONAL where unset)': ['p5edges.splines.SplineEdgeRouter', 'intermediate.FinalSplineBendpointsCalculator'],
  'elk.interactiveLayout, elk.layered.generatePositionAndLayerIds (false)': ['intermediate.ConstraintsPostprocessor'],
  'interactive strategies (above)': ['intermediate.InteractiveExternalPortPositioner'],
  'elk.layered.layering.nodePromotion.strategy (NONE)': ['intermediate.NodePromotion'],
  'elk.layered.compaction.postCompaction.strategy (NONE; and never with POLYLINE)': ['intermediate.compaction.HorizontalGraphCompactor'],
  'elk.layered.highDegreeNodes.treatment (false)': ['intermediate.HighDegreeNodeLayeringProcessor'],
  'elk.layered.crossingMinimization.semiInteractive (false)': ['intermediate.SemiInteractiveCrossMinProcessor'],
  'elk.layered.layerUnzipping.strategy (NONE)': ['intermediate.unzipping.AlternatingLayerUnzipper'],
  'elk.layered.wrapping.strategy (OFF)': ['intermediate.wrapping.SingleEdgeGraphWrapper', 'intermediate.wrapping.BreakingPointInserter', 'intermediate.wrapping.BreakingPointProcessor', 'intermediate.wrapping.BreakingPointRemover'],
  'elk.layered.considerModelOrder.strategy (NONE)': ['intermediate.SortByInputModelProcessor'],
  'elk.commentBox on a node (false)': ['intermediate.CommentPreprocessor', 'intermediate.CommentNodeMarginCalculator', 'intermediate.CommentPostprocessor'],
  'elk.partitioning.partition on a node (unset)': ['intermediate.PartitionPreprocessor', 'intermediate.PartitionMidprocessor', 'intermediate.PartitionPostprocessor'],
};
/** The classes of CUT, fully named. */
export const CUT_CLASSES = Object.values(CUT).flatMap((names) => names.map((n) => L + n));

/** The option metadata's builder calls whose argument is only shown to people: LayoutOptionData.Builder.name/description. */
const OPTION_TEXT = { name: 'Layout Algorithm', description: 'Select a specific layout algorithm.' };

/** Every node under `node`, parents first. */
function visit(node, f, parent) {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) visit(n, f, parent);
    return;
  }
  f(node, parent);
  for (const k in node) if (k !== 'start' && k !== 'end' && node[k] && typeof node[k] === 'object') visit(node[k], f, node);
}

/** Every identifier in `node` (conservative: locals and globals alike). */
function identifiers(node, out) {
  visit(node, (n) => n.type === 'Identifier' && out.add(n.name));
}

/** Step 2: `src` with each `return new X` of CUT made to throw, and the option metadata's names and descriptions empty. */
function cutUnused(src) {
  const body = parseSync('elk-worker.min.js', src, { sourceType: 'script' }).program.body;
  const strings = new Map();
  const typeIds = new Map();
  const ctors = new Map();
  for (const st of body) {
    if (st.type === 'VariableDeclaration')
      for (const d of st.declarations) {
        const init = d.init;
        if (init?.type === 'Literal' && typeof init.value === 'string') strings.set(d.id.name, init.value);
        if (init?.type === 'CallExpression' && CLASS_LITERALS.includes(init.callee.name)) {
          const [pkg, name, id] = init.arguments;
          typeIds.set(`${pkg.type === 'Identifier' ? strings.get(pkg.name) : pkg.value}.${name.value}`, id.value);
        }
      }
    const e = st.type === 'ExpressionStatement' ? st.expression : undefined;
    if (e?.type === 'CallExpression' && e.callee.type === 'Identifier' && e.callee.name === DEFINE_CLASS && e.arguments[0]?.type === 'Literal') ctors.set(e.arguments[0].value, e.arguments.slice(3).flatMap((a) => (a.type === 'Identifier' ? [a.name] : [])));
  }
  const cutBy = new Map();
  for (const c of CUT_CLASSES) {
    const names = ctors.get(typeIds.get(c)) ?? [];
    if (!names.length) throw new Error(`elk-worker.min.js: no class ${c} (another elkjs version?); update CUT in scripts/elk-layered.mjs`);
    for (const n of names) cutBy.set(n, c);
  }
  const edits = [];
  const sites = new Map();
  const setters = new Map();
  const texts = [];
  visit(body, (n, parent) => {
    if (n.type === 'NewExpression' && n.callee.type === 'Identifier' && cutBy.has(n.callee.name)) {
      const c = cutBy.get(n.callee.name);
      // Only the factory's `case k: return new X`: anywhere else the class could be made on a default path.
      if (parent?.type !== 'ReturnStatement') throw new Error(`elk-worker.min.js: ${c} is made elsewhere than at its factory; remove it from CUT in scripts/elk-layered.mjs`);
      sites.set(c, (sites.get(c) ?? 0) + 1);
      edits.push([n.start, n.end, `$elkCut(${JSON.stringify(c.slice(L.length))})`]);
    }
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.arguments.length === 2 && n.arguments[1].type === 'Literal' && typeof n.arguments[1].value === 'string') {
      for (const [what, text] of Object.entries(OPTION_TEXT)) if (n.arguments[1].value === text) (setters.get(what) ?? setters.set(what, new Set()).get(what)).add(n.callee.name);
      texts.push(n);
    }
  });
  for (const c of CUT_CLASSES) if (sites.get(c) !== 1) throw new Error(`elk-worker.min.js: ${c} is made at ${sites.get(c) ?? 0} places, not at its factory alone; update CUT in scripts/elk-layered.mjs`);
  // Each a setter that only stores its argument (`function f(a,b){a.x=b;return a}`), so nothing but the field changes.
  const functions = new Map(body.filter((st) => st.type === 'FunctionDeclaration').map((st) => [st.id.name, st]));
  const isSetter = (name) => {
    const f = functions.get(name);
    const [a, b] = f?.params.map((p) => p.name) ?? [];
    const [set, ret] = f?.body.body ?? [];
    const e = set?.type === 'ExpressionStatement' ? set.expression : undefined;
    return f?.body.body.length === 2 && e?.type === 'AssignmentExpression' && e.left.type === 'MemberExpression' && e.left.object.name === a && e.right.name === b && ret?.type === 'ReturnStatement' && ret.argument?.name === a;
  };
  const textSetters = new Set([...setters.values()].map((names) => [...names]).filter((names) => names.length === 1 && isSetter(names[0])).map(([name]) => name));
  if (setters.size !== 2 || textSetters.size !== 2) throw new Error('elk-worker.min.js: the option metadata builder was not found; update OPTION_TEXT in scripts/elk-layered.mjs');
  for (const n of texts) if (textSetters.has(n.callee.name)) edits.push([n.arguments[1].start, n.arguments[1].end, "''"]);
  edits.sort((a, b) => b[0] - a[0]);
  let out = src;
  for (const [start, end, text] of edits) out = out.slice(0, start) + text + out.slice(end);
  const thrower = "function $elkCut(c){throw new Error('elk-worker: '+c+' is not in this build (scripts/elk-layered.mjs)')}";
  return out.replace(/^(\/\/ -+ +GENERATED CODE +-+ *\n)/m, `$1${thrower}\n`);
}

const isPrototypeAssignment = (st) =>
  st.type === 'ExpressionStatement' && st.expression.type === 'AssignmentExpression' && st.expression.left.type === 'MemberExpression' && st.expression.left.object.type === 'Identifier' && st.expression.left.object.name === '_';

/** Step 3: `src` without what nothing kept refers to. */
function removeUnreached(src) {
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

/** The worker's source with what the dashboard uses only; throws when `source` is not the worker this was written for. */
export function layeredOnly(source) {
  if (!REGISTRATION.test(source)) throw new Error("elk-worker.min.js: the registration of the layout algorithms was not found (another elkjs version?); update scripts/elk-layered.mjs");
  return removeUnreached(cutUnused(source.replace(REGISTRATION, "sgb(b,'layered')&&$1")));
}
