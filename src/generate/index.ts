/** App artifacts from the Spec alone: SQLAlchemy models and supabase-js types. */
export { appModel, type AppModel, type AppTable, type AppColumn } from './model.js';
export { renderSqlalchemy, GENERATED_NOTE } from './sqlalchemy.js';
export { renderTypescript } from './typescript.js';
export { className, singular, pascalCase } from './naming.js';
