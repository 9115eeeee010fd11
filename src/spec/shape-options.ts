/** ajv's options for the spec's JSON Schema: one place for the build-time and the run-time compile. */
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true, strictTypes: false, allowUnionTypes: true } as const;
