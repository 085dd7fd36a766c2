-- +goose Up
CREATE TABLE histories (
    id int NOT NULL,
    created_at date NOT NULL
) PARTITION BY RANGE (created_at);

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION histories_partition_creation( DATE, DATE )
returns void AS $$
DECLARE
  create_query text;
BEGIN
  FOR create_query IN SELECT
      'CREATE TABLE IF NOT EXISTS histories_'
      || TO_CHAR( d, 'YYYY_MM' )
      || ' PARTITION OF histories FOR VALUES FROM ('''
      || TO_CHAR( d, 'YYYY-MM-DD' )
      || ''') TO ('''
      || TO_CHAR( d + INTERVAL '1 month', 'YYYY-MM-DD' )
      || ''');'
    FROM generate_series( $1, $2, '1 month' ) AS d
  LOOP
    EXECUTE create_query;
  END LOOP;  -- LOOP END
END;         -- FUNCTION END
$$
language plpgsql;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION histories_partition_creation(DATE, DATE);
DROP TABLE histories;
