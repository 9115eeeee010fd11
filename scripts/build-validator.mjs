// Compiles the spec's JSON Schema into a standalone validator module (dist/spec/shape-validator.js)
// after tsc, so a run loads ready code instead of compiling the schema with ajv each time.
import { writeFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';

const dist = new URL('../dist/spec/', import.meta.url);
const { SPEC_JSON_SCHEMA } = await import(new URL('json-schema.js', dist).href);
const { AJV_OPTIONS } = await import(new URL('shape-options.js', dist).href);
const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true, esm: true } });
const validate = ajv.compile(SPEC_JSON_SCHEMA);
const code = (standaloneCode.default ?? standaloneCode)(ajv, validate);
// The generated module still reaches ajv's runtime helpers with require().
const header = `import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n`;
writeFileSync(new URL('shape-validator.js', dist), header + code.replace(/^"use strict";/, ''));
