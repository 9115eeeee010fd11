/** The config file's parser and checks, in a module of their own so they load only when there is a config file. */
export { parseSpecYaml } from '../spec/read-yaml.js';
export { checkConfig } from './config-check.js';
