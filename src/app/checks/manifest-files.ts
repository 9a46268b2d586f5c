// Reading manifest files of a repo folder: absent is normal, unreadable is a problem to report.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import type { DeclaredNeed, PublishedPackage } from '../../core/checks/discovery.js';
import type { VersionScheme } from '../../core/checks/result.js';

/** What one ecosystem's manifests of a repo say. */
export interface ManifestFindings {
  publishes: PublishedPackage[];
  needs: DeclaredNeed[];
  /** The repo's own version, from this ecosystem's manifest. */
  version?: { version: string; source: string; scheme: VersionScheme; package?: string };
  problems: string[];
}

export const emptyFindings = (): ManifestFindings => ({ publishes: [], needs: [], problems: [] });

export type Json = Record<string, unknown>;

export async function readText(dir: string, file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path.join(dir, file), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw e;
  }
}

/**
 * A JSON, TOML or YAML file as an object (by its name: `.toml` and `.lock` are TOML, `.yaml` YAML, the rest
 * JSON); undefined when absent, a problem when it does not parse.
 */
export async function readStructured(dir: string, file: string, problems: string[]): Promise<Json | undefined> {
  const text = await readText(dir, file);
  if (text === undefined) return undefined;
  const format = file.endsWith('.toml') || file.endsWith('.lock') ? 'toml' : file.endsWith('.yaml') ? 'yaml' : 'json';
  return parseStructured(text, format, path.join(dir, file), problems);
}

/** A text as an object, or a problem naming `where` (the file) when it does not parse or is not one. */
export function parseStructured(text: string, format: 'json' | 'toml' | 'yaml', where: string, problems: string[]): Json | undefined {
  try {
    const value: unknown = format === 'toml' ? parseToml(text) : format === 'yaml' ? parseYaml(text) /* the library's alias limit: lockfiles use no anchors */ : JSON.parse(text);
    const object = asObject(value);
    if (object) return object;
    problems.push(`${where} is not ${format === 'yaml' ? 'a mapping' : 'an object'}`);
  } catch (e) {
    problems.push(`${where} cannot be read: ${(e as Error).message.split('\n')[0]}`);
  }
  return undefined;
}

export const asObject = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
export const asString = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
