-- expect (info): modified-applied-migration: only the down changed
DROP TABLE IF EXISTS orders;
