-- source: pgschema testdata/diff/comment/add_view_comment, add_column_comments, column_comment_quoted_identifier
-- kind: comments
-- @before
CREATE TABLE "Orders" (id integer PRIMARY KEY, "TotalCents" integer, note text);
CREATE VIEW order_totals AS SELECT id, "TotalCents" / 100.0 AS total FROM "Orders";
CREATE MATERIALIZED VIEW order_snapshot AS SELECT id FROM "Orders";
-- @after
CREATE TABLE "Orders" (id integer PRIMARY KEY, "TotalCents" integer, note text);
CREATE VIEW order_totals AS SELECT id, "TotalCents" / 100.0 AS total FROM "Orders";
CREATE MATERIALIZED VIEW order_snapshot AS SELECT id FROM "Orders";
COMMENT ON VIEW order_totals IS 'Order totals in units';
COMMENT ON COLUMN order_totals.total IS 'total in currency units';
COMMENT ON COLUMN "Orders"."TotalCents" IS 'Amount in cents; quoted identifier';
COMMENT ON MATERIALIZED VIEW order_snapshot IS 'nightly snapshot';
