/**
 * Column types as SQLAlchemy type expressions and Python annotations. Only constructs that exist in
 * SQLAlchemy 1.4 and 2.x alike (postgresql dialect types, `Column`, `Mapped`), so one generated
 * package runs on both, with psycopg2 or psycopg 3.
 */
import { pascalCase, pyString } from './naming.js';
import type { AppColumn, AppEnum } from './model.js';
import type { PgType } from './pg-types.js';

/** Names each module imports; the renderer collects them so imports list only what is used. */
export class PyImports {
  readonly #from = new Map<string, Set<string>>();
  readonly #modules = new Set<string>();

  add(module: string, name: string): string {
    const set = this.#from.get(module) ?? new Set<string>();
    set.add(name);
    this.#from.set(module, set);
    return name;
  }

  module(name: string): void {
    this.#modules.add(name);
  }

  render(): string[] {
    const lines = [...this.#modules].sort().map((m) => `import ${m}`);
    const order = (m: string): string => (m.startsWith('.') ? `2${m}` : m === 'typing' ? `0${m}` : `1${m}`);
    for (const module of [...this.#from.keys()].sort((a, b) => (order(a) < order(b) ? -1 : 1))) {
      lines.push(`from ${module} import ${[...this.#from.get(module)!].sort().join(', ')}`);
    }
    return lines;
  }
}

const PG = 'sqlalchemy.dialects.postgresql';

/** Python names of a spec enum: the ENUM type object and the Literal of its values. */
export function enumNames(e: Pick<AppEnum, 'schema' | 'name'>): { type: string; literal: string } {
  const base = pascalCase(e.schema === 'public' ? e.name : `${e.schema}_${e.name}`);
  return { type: base, literal: `${base}Value` };
}

export interface EnumRef {
  (key: string): { type: string; literal: string } | undefined;
}

/** The SQLAlchemy type expression of a column (without the JSONB mutability wrapper). */
export function sqlalchemyType(type: PgType, imports: PyImports, enumRef: EnumRef): string {
  const scalar = scalarType(type, imports, enumRef);
  if (type.dims === 0) return scalar;
  imports.add(PG, 'ARRAY');
  return type.dims === 1 ? `ARRAY(${scalar})` : `ARRAY(${scalar}, dimensions=${type.dims})`;
}

function scalarType(type: PgType, imports: PyImports, enumRef: EnumRef): string {
  const [a0, a1] = type.args;
  const num = (s: string | undefined): string | undefined => (s !== undefined && /^\d+$/.test(s) ? s : undefined);
  switch (type.kind) {
    case 'uuid':
      return `${imports.add(PG, 'UUID')}(as_uuid=True)`;
    case 'text':
      return `${imports.add('sqlalchemy', 'Text')}()`;
    case 'varchar':
      return `${imports.add('sqlalchemy', 'String')}(${num(a0) ?? ''})`;
    case 'char':
      return `${imports.add('sqlalchemy', 'CHAR')}(${num(a0) ?? '1'})`;
    case 'smallint':
      return `${imports.add('sqlalchemy', 'SmallInteger')}()`;
    case 'integer':
      return `${imports.add('sqlalchemy', 'Integer')}()`;
    case 'bigint':
      return `${imports.add('sqlalchemy', 'BigInteger')}()`;
    case 'numeric':
      return `${imports.add('sqlalchemy', 'Numeric')}(${[num(a0), num(a1)].filter((x) => x !== undefined).join(', ')})`;
    case 'real':
      return `${imports.add(PG, 'REAL')}()`;
    case 'double':
      return `${imports.add(PG, 'DOUBLE_PRECISION')}()`;
    case 'boolean':
      return `${imports.add('sqlalchemy', 'Boolean')}()`;
    case 'timestamptz':
      return `${imports.add('sqlalchemy', 'DateTime')}(timezone=True)`;
    case 'timestamp':
      return `${imports.add('sqlalchemy', 'DateTime')}(timezone=False)`;
    case 'date':
      return `${imports.add('sqlalchemy', 'Date')}()`;
    case 'time':
      return `${imports.add('sqlalchemy', 'Time')}(timezone=False)`;
    case 'timetz':
      return `${imports.add('sqlalchemy', 'Time')}(timezone=True)`;
    case 'interval':
      return `${imports.add(PG, 'INTERVAL')}()`;
    case 'json':
      return `${imports.add(PG, 'JSON')}()`;
    case 'jsonb':
      return `${imports.add(PG, 'JSONB')}()`;
    case 'bytea':
      return `${imports.add('sqlalchemy', 'LargeBinary')}()`;
    case 'inet':
      return `${imports.add(PG, 'INET')}()`;
    case 'cidr':
      return `${imports.add(PG, 'CIDR')}()`;
    case 'macaddr':
      return `${imports.add(PG, 'MACADDR')}()`;
    case 'tsvector':
      return `${imports.add(PG, 'TSVECTOR')}()`;
    case 'enum': {
      const ref = enumRef(type.enumKey!);
      if (ref) return imports.add('.enums', ref.type);
      return `${imports.add('sqlalchemy.types', 'NullType')}()`;
    }
    case 'other':
      return `${imports.add('sqlalchemy.types', 'NullType')}()`;
  }
}

/** The Python type a column's values have, for `Mapped[...]`; `shapeClass` names the TypedDict of a shaped column. */
export function pythonType(column: AppColumn, imports: PyImports, enumRef: EnumRef, shapeClass?: string): string {
  let inner = scalarPython(column, imports, enumRef, shapeClass);
  for (let i = 0; i < column.type.dims; i++) inner = `${imports.add('typing', 'List')}[${inner}]`;
  return column.nullable ? `${imports.add('typing', 'Optional')}[${inner}]` : inner;
}

function scalarPython(column: AppColumn, imports: PyImports, enumRef: EnumRef, shapeClass?: string): string {
  const type = column.type;
  switch (type.kind) {
    case 'uuid':
      imports.module('uuid');
      return 'uuid.UUID';
    case 'text':
    case 'varchar':
    case 'char':
    case 'inet':
    case 'cidr':
    case 'macaddr':
    case 'tsvector':
      return 'str';
    case 'smallint':
    case 'integer':
    case 'bigint':
      return 'int';
    case 'numeric':
      imports.module('decimal');
      return 'decimal.Decimal';
    case 'real':
    case 'double':
      return 'float';
    case 'boolean':
      return 'bool';
    case 'timestamptz':
    case 'timestamp':
      imports.module('datetime');
      return 'datetime.datetime';
    case 'date':
      imports.module('datetime');
      return 'datetime.date';
    case 'time':
    case 'timetz':
      imports.module('datetime');
      return 'datetime.time';
    case 'interval':
      imports.module('datetime');
      return 'datetime.timedelta';
    case 'bytea':
      return 'bytes';
    case 'json':
    case 'jsonb':
      if (type.dims === 0 && shapeClass) return imports.add('.shapes', shapeClass);
      if (type.dims === 0 && column.jsonContainer === 'object') return `${imports.add('typing', 'Dict')}[str, ${imports.add('typing', 'Any')}]`;
      if (type.dims === 0 && column.jsonContainer === 'array') return `${imports.add('typing', 'List')}[${imports.add('typing', 'Any')}]`;
      return imports.add('typing', 'Any');
    case 'enum': {
      const ref = enumRef(type.enumKey!);
      return ref ? imports.add('.enums', ref.literal) : 'str';
    }
    case 'other':
      return imports.add('typing', 'Any');
  }
}

/** A `text(...)` server default; lone colons escaped so SQLAlchemy reads no bind parameter in it. */
export function serverDefault(sql: string, imports: PyImports): string {
  const escaped = sql.replace(/(?<!:):(?!:)/g, '\\:');
  return `${imports.add('sqlalchemy', 'text')}(${pyString(escaped)})`;
}
