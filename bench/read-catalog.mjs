// A Node process that connects and reads the catalog as `schema pull` does (the same queries, one
// transaction), and does nothing else: no YAML, no files. bench/catalog.mjs times it as a command
// beside pull and pg_dump, as the floor a Node command starts from on this machine.
import { connect } from '../dist/db/index.js';
import { pullDatabase } from '../dist/pull/write.js';

const db = connect(process.argv[2], { max: 1 });
try {
  await pullDatabase(db);
} finally {
  await db.close();
}
