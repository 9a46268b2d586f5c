// Reading manifest files of a repo folder: absent is normal, unreadable is a problem to report.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
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

/** A JSON or TOML file as an object; undefined when absent, a problem when it does not parse. */
export async function readStructured(dir: string, file: string, problems: string[]): Promise<Json | undefined> {
  const text = await readText(dir, file);
  if (text === undefined) return undefined;
  try {
    const value: unknown = file.endsWith('.toml') || file.endsWith('.lock') ? parseToml(text) : JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Json;
    problems.push(`${path.join(dir, file)} is not an object`);
  } catch (e) {
    problems.push(`${path.join(dir, file)} cannot be read: ${(e as Error).message.split('\n')[0]}`);
  }
  return undefined;
}

export const asObject = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
export const asString = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
