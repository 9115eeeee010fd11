/** The YAML parser for the config file, in a module of its own so it loads only when there is a config file. */
export { parse } from 'yaml';
