-- nothing reads legacy_code any more
ALTER TABLE players DROP COLUMN legacy_code;
