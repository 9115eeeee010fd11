/** Migration directories that break a directory rule: files (name -> content) and the file the finding names. */
export interface DirectoryCase {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  readonly file: string;
  readonly severity: 'error' | 'warning';
}

const ok = "BEGIN;\nSET LOCAL lock_timeout = '5s';\nSET LOCAL statement_timeout = '15min';\nCOMMENT ON SCHEMA public IS 'x';\nCOMMIT;\n";

export const BAD_DIRECTORY: Record<string, readonly DirectoryCase[]> = {
  'sequential-numbering': [
    { name: 'gap', files: { '001_a.sql': ok, 'rollback_001.sql': ok, '003_c.sql': ok, 'rollback_003.sql': ok }, file: '003_c.sql', severity: 'error' },
    { name: 'duplicate', files: { '001_a.sql': ok, 'rollback_001.sql': ok, '001_b.sql': ok }, file: '001_b.sql', severity: 'error' },
    { name: 'badly named file', files: { '001_a.sql': ok, 'rollback_001.sql': ok, 'hotfix.sql': ok }, file: 'hotfix.sql', severity: 'warning' },
  ],
  'rollback-present': [
    { name: 'missing rollback', files: { '001_a.sql': ok, 'rollback_001.sql': ok, '002_b.sql': ok }, file: '002_b.sql', severity: 'error' },
    { name: 'empty rollback', files: { '001_a.sql': ok, 'rollback_001.sql': '' }, file: 'rollback_001.sql', severity: 'error' },
    { name: 'orphaned rollback', files: { '001_a.sql': ok, 'rollback_001.sql': ok, 'rollback_002.sql': ok }, file: 'rollback_002.sql', severity: 'warning' },
  ],
};

export const GOOD_DIRECTORY: Readonly<Record<string, string>> = {
  '001_a.sql': ok, 'rollback_001.sql': ok, '002_b.sql': ok, 'rollback_002.sql': ok, 'README.md': '# notes',
};
