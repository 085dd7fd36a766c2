-- players move to a junction table; the portal still reads team_id
ALTER TABLE players DROP COLUMN team_id;
