/**
 * Names from the database and the spec are object keys throughout (records of tables, columns,
 * constraints, policies...). JavaScript's `Object.prototype.__proto__` accessor turns
 * `record['__proto__'] = value` into a change of the record's prototype, so an object named
 * `__proto__` would vanish or merge into its parent. Removing the accessor, as
 * `node --disable-proto=delete` does, makes `__proto__` an ordinary key for the whole process.
 * `Object.getPrototypeOf` and `Object.setPrototypeOf` are unaffected.
 */
export function makeProtoAnOrdinaryKey(): void {
  if (Object.prototype.hasOwnProperty('__proto__')) {
    delete (Object.prototype as { __proto__?: unknown }).__proto__;
  }
}

/**
 * `record[key]` when the record holds that key itself. Plain records inherit `constructor`,
 * `toString`, `valueOf`...: a lookup of an object of such a name must not find those.
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * A new, empty record for names as keys (tables, constraints, policies... by name). It has no
 * prototype, so V8 keeps it as a dictionary: `{}` records filled with thousands of distinct names
 * each get a hidden class of their own, which made building and reading the catalog of 1,000 tables
 * several times slower. It inherits no keys either (`constructor`, `__proto__`).
 */
export function nameRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
