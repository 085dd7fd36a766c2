-- the column was renamed during review; this down still names the old one
ALTER TABLE players DROP COLUMN score;
