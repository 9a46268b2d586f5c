// Python requirement strings (PEP 508: `name[extra] >=1.2, <2 ; python_version > "3.8"`) and package names.

export interface Requirement {
  /** Normalized (PEP 503): lower case, runs of `-_.` as one `-`. */
  name: string;
  /** The version specifier, `>=1.2,<2`, or '' when any version will do. */
  specifier: string;
  /** `name @ url` or a path: not a version range at all. */
  url?: string;
}

export function normalizePythonName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

/** One requirement, or undefined for lines that are not one (comments, options such as `-r`, `-e`). */
export function parseRequirement(line: string): Requirement | undefined {
  const text = line.replace(/\s+#.*$/, '').replace(/^#.*$/, '').trim();
  if (!text || text.startsWith('-')) return undefined;
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$/.exec(text);
  if (!m) return undefined;
  const rest = m[3]!.split(';')[0]!.trim();
  if (rest.startsWith('@')) return { name: normalizePythonName(m[1]!), specifier: '', url: rest.slice(1).trim() };
  const specifier = rest.replace(/^\((.*)\)$/, '$1').replace(/\s+/g, '');
  return { name: normalizePythonName(m[1]!), specifier };
}

/** The exact version a specifier pins (`==1.2.3`, as pip-compile writes), if it pins one. */
export function pinnedVersion(specifier: string): string | undefined {
  const m = /^===?([^,*]+)$/.exec(specifier);
  return m ? m[1] : undefined;
}
