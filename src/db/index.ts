export { connect, validateUrl, type Db, type Queryable, type Row, type ConnectOptions } from './connect.js';
export { describeDbError, redactUrl, serverErrorFields, type ServerErrorFields } from './errors.js';
export { startEmbedded, stopEmbedded, type EmbeddedServer, type EmbeddedVersion } from './embedded.js';
export { resolveDatabase, embeddedDataDir, type DatabaseChoice } from './resolve.js';
