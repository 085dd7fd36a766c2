CREATE OR REPLACE VIEW order_totals AS SELECT id, total, total * 1.2 AS gross FROM orders;
