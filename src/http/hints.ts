// Hints for HTTP callers: operations as their routes (from the manifest), arguments as input fields.
import type { HintStyle } from '../core/hints.js';
import { routeText } from '../ops/route-text.js';

export const HTTP_HINTS: HintStyle = {
  op: ({ op, args }) => routeText(op, args),
  arg: ({ arg, value }) => (value === undefined ? arg : `${arg}: ${JSON.stringify(value)}`),
};
