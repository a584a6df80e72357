/** Finding and reading the project configuration file for the command line. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CONFIG_FILES, readConfig, type ConfigResult } from './core/config.ts';

export interface LoadedConfig extends ConfigResult {
  /** The file read, or null when none was found. */
  file: string | null;
}

/** Reads and validates one configuration file; problems come back as errors, never thrown. */
export function loadConfigFile(file: string): LoadedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { file, config: { rules: {} }, errors: [code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? 'error'})`] };
  }
  let value: unknown;
  try {
    value = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    return { file, config: { rules: {} }, errors: [`not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(err as Error).message}`] };
  }
  return { file, ...readConfig(value) };
}

/** The nearest configuration file at or above `dir`, or null. */
export function findConfigFile(dir: string): string | null {
  let d = path.resolve(dir);
  for (;;) {
    for (const name of CONFIG_FILES) {
      const f = path.join(d, name);
      if (fs.existsSync(f)) return f;
    }
    const parent = path.dirname(d);
    if (parent === d) return null;
    d = parent;
  }
}
