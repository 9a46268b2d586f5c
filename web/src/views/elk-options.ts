// The graph view's elkjs layout options: the dashboard lays out with them, and the test of the pruned elk worker
// (test/web/elk-worker.test.ts) compares layouts made with them.
export const ELK_LAYOUT = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.layered.spacing.nodeNodeBetweenLayers': '48',
  'elk.spacing.nodeNode': '18',
  'elk.edgeRouting': 'POLYLINE',
  'elk.json.edgeCoords': 'ROOT',
  'elk.json.shapeCoords': 'ROOT',
  'elk.layered.thoroughness': '3',
};
