// The text of a starter ecosystem.yaml: a commented header, the repos found, empty coordination sections.
import { renderItem } from '../../store/render.js';

export interface StarterRepo {
  name: string;
  path: string;
  url?: string;
  package?: string;
}

export function starterEcosystem(repos: readonly StarterRepo[], title: string): string {
  const lines = [
    `# The ${title} ecosystem: the repos Concord coordinates, and the work across them.`,
    '# Written by `concord init`; edit it by hand or with `concord` (comments and order are kept).',
    'version: "1.0"',
    '',
    '# Each repo: name (used everywhere else), path (relative to this file), url, package, role, tags.',
  ];
  if (repos.length === 0) lines.push('repos: []');
  else {
    lines.push('repos:');
    for (const r of repos) {
      const record = { name: r.name, path: r.path, ...(r.url ? { url: r.url } : {}), ...(r.package ? { package: r.package } : {}) };
      lines.push(renderItem(record, 2).replace(/\n$/, ''));
    }
  }
  lines.push(
    '',
    '# Roles repos play (service, library, app, ...), with capabilities pools can route by.',
    'roles: []',
    '',
    'coordination:',
    '  issues: []',
    '  plans: []',
    '  todos: []',
    '  dependencies: []',
    '',
  );
  return lines.join('\n');
}
