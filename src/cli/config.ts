/** `schema.config.yaml`: defaults for flags. Flags win over the file; the file wins over built-ins. */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, defaultConfig, type Config } from '../config/index.js';
import { InputError } from '../util/findings.js';

export { CONFIG_FILE, defaultConfig, type Config } from '../config/index.js';

/** Reads `schema.config.yaml` from `root` when present; a wrong setting is an error at its line. */
export async function loadConfig(root: string = process.cwd()): Promise<Config> {
  const path = join(root, CONFIG_FILE);
  if (!existsSync(path)) return defaultConfig;
  // The YAML parser loads only when a config file exists (commands start faster without one).
  const { parseSpecYaml, checkConfig } = await import('./config-yaml.js');
  const parsed = parseSpecYaml(CONFIG_FILE, readFileSync(path, 'utf8'));
  if (parsed.findings.length > 0) throw new InputError(`${CONFIG_FILE} is not valid YAML: fix it where shown above`, parsed.findings);
  const { config, findings } = checkConfig(CONFIG_FILE, parsed.value, parsed.positions, defaultConfig);
  if (findings.length > 0) throw new InputError(`${CONFIG_FILE} is not valid: fix the setting(s) above`, findings);
  return config;
}
