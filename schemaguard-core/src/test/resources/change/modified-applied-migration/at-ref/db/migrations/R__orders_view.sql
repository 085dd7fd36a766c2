CREATE OR REPLACE VIEW order_totals AS SELECT id, total FROM orders;
