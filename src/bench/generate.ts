// Generated ecosystems for the benchmark: repos, roles, issues, plans with milestones, todos with edges,
// dependencies, and comments, written the way people write ecosystem.yaml.

export interface GenerateOptions {
  todos: number;
  repos?: number;
  /** Seed of the pseudo-random choices, so runs are comparable. */
  seed?: number;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const STATUSES = ['pending', 'pending', 'pending', 'in_progress', 'completed', 'completed', 'blocked'];
const PRIORITIES = ['critical', 'high', 'medium', 'medium', 'low'];

export function generateEcosystem(options: GenerateOptions): string {
  const random = rng(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const repos = options.repos ?? 50;
  const issues = Math.max(10, Math.floor(options.todos / 10));
  const plans = Math.max(3, Math.floor(options.todos / 200));
  const lines: string[] = ['# Generated for the Concord benchmark', 'version: "1.0"', 'repos:'];
  for (let r = 0; r < repos; r++) {
    lines.push(`  - name: repo-${r}`, `    path: ./repos/repo-${r}`, `    role: ${r % 5 === 0 ? 'service' : 'library'}`, `    tags: [generated, group-${r % 7}]`);
  }
  lines.push('roles:', '  - name: service', '    capabilities: [serve]', '  - name: library', '    capabilities: [publish]');
  lines.push('coordination:', '  issues:');
  for (let i = 0; i < issues; i++) {
    lines.push(
      `    - id: ISSUE-${i}`,
      `      title: "Issue ${i}: something is wrong in repo-${i % repos}"`,
      `      status: ${pick(['pending', 'in_progress', 'resolved', 'closed'])}`,
      `      priority: ${pick(PRIORITIES)}`,
      `      repos: [repo-${i % repos}, repo-${(i * 7 + 1) % repos}]`,
      `      created: "2026-0${1 + (i % 9)}-1${i % 10}"`,
      `      labels: [bug]`,
    );
  }
  lines.push('  plans:');
  for (let p = 0; p < plans; p++) {
    lines.push(`    - id: PLAN-${p}`, `      title: Plan ${p}`, `      status: ${p % 4 === 0 ? 'draft' : 'active'}`, `      target: "2027-0${1 + (p % 9)}-01"`, '      milestones:');
    for (let m = 0; m < 3; m++) lines.push(`        - id: MILESTONE-${p}-${m}`, `          name: Milestone ${m} of plan ${p}`, `          due: "2026-1${m}-15"`);
  }
  lines.push('  todos:');
  for (let t = 0; t < options.todos; t++) {
    const blockers: number[] = [];
    if (t > 0 && random() < 0.6) blockers.push(Math.floor(random() * t));
    if (t > 10 && random() < 0.2) blockers.push(t - 1 - Math.floor(random() * 10));
    const unique = [...new Set(blockers)];
    const plan = Math.floor(random() * plans);
    if (t % 10 === 0) lines.push(`    # Batch ${t / 10}`);
    lines.push(
      `    - id: TODO-${t}`,
      `      task: Implement part ${t} of the work in repo-${t % repos}  # generated`,
      `      repo: repo-${t % repos}`,
      `      status: ${pick(STATUSES)}`,
      `      priority: ${pick(PRIORITIES)}`,
      `      created: "2026-0${1 + (t % 9)}-0${1 + (t % 9)}T10:00:00Z"`,
      `      estimated_hours: ${1 + (t % 13)}`,
      `      assignee: agent-${t % 17}`,
      `      labels: [area-${t % 11}]`,
      `      plan: PLAN-${plan}`,
      `      milestone: MILESTONE-${plan}-${t % 3}`,
    );
    if (unique.length) lines.push(`      blocked_by: [${unique.map((b) => `TODO-${b}`).join(', ')}]`);
    if (t % 5 === 0) lines.push('      description: |', `        Longer notes on part ${t}.`, '        They span two lines.');
    if (t % 3 === 0) lines.push('      acceptance_criteria:', '        - works', '        - is tested');
  }
  lines.push('  dependencies:');
  for (let d = 0; d < repos * 2; d++) {
    const consumer = d % repos;
    const provider = (d * 3 + 1) % repos === consumer ? (consumer + 1) % repos : (d * 3 + 1) % repos;
    lines.push(`    - id: DEP-${d}`, `      consumer: repo-${consumer}`, `      provider: repo-${provider}`, `      type: ${pick(['runtime', 'development', 'test'])}`, `      status: ${pick(['satisfied', 'unsatisfied', 'unknown'])}`);
  }
  return lines.join('\n') + '\n';
}
