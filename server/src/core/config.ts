/**
 * The project configuration (`.transcript-lint.json` / `.transcript-lint.yaml`), shared by the
 * CLI and the language server. This module only validates an already-parsed value; finding and
 * reading the file happens at the edges.
 *
 *   { "dialect": "block", "rules": { "TR003": "off", "label-variant": "hint" } }
 */

import { DIALECTS, type DialectId } from './model.ts';
import { findRule } from './lint.ts';
import { SEVERITY_SETTINGS, type SeveritySetting } from './rules/types.ts';

export const CONFIG_FILES = ['.transcript-lint.json', '.transcript-lint.yaml', '.transcript-lint.yml'] as const;

export interface TranscriptConfig {
  dialect?: DialectId;
  /** Severity by rule id (normalised from ids or names). */
  rules: Record<string, SeveritySetting>;
}

export interface ConfigResult {
  config: TranscriptConfig;
  /** Problems with the configuration, each a full sentence naming the key. */
  errors: string[];
}

/** Validates a parsed configuration value. Unknown keys and bad values are reported, never thrown. */
export function readConfig(value: unknown): ConfigResult {
  const config: TranscriptConfig = { rules: {} };
  const errors: string[] = [];
  if (value === null || value === undefined) return { config, errors };
  if (typeof value !== 'object' || Array.isArray(value)) {
    errors.push('The configuration must be an object such as {"rules": {"TR003": "off"}}.');
    return { config, errors };
  }
  const o = value as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (key === 'dialect') {
      const d = o.dialect;
      if (d === 'auto' || d === undefined) continue;
      if (typeof d === 'string' && (DIALECTS as readonly string[]).includes(d)) config.dialect = d as DialectId;
      else errors.push(`"dialect" must be "auto" or one of ${DIALECTS.join(', ')}; got ${JSON.stringify(d)}.`);
    } else if (key === 'rules') {
      config.rules = readSeverities(o.rules, errors);
    } else if (key !== '$schema') {
      errors.push(`Unknown key "${key}": expected "rules" or "dialect".`);
    }
  }
  return { config, errors };
}

/** Validates a rule-severity map (also the `transcript.rules` setting). */
export function readSeverities(value: unknown, errors: string[] = []): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  if (value === null || value === undefined) return out;
  if (typeof value !== 'object' || Array.isArray(value)) {
    errors.push('"rules" must be an object mapping rule ids or names to error, warning, information, hint or off.');
    return out;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const rule = findRule(k);
    if (!rule) {
      errors.push(`Unknown rule "${k}" in "rules".`);
      continue;
    }
    const sev = typeof v === 'boolean' ? (v ? rule.severity : 'off') : v;
    if (typeof sev === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(sev)) out[rule.id] = sev as SeveritySetting;
    else errors.push(`Rule "${k}" must be one of ${SEVERITY_SETTINGS.join(', ')} (or true/false); got ${JSON.stringify(v)}.`);
  }
  return out;
}
