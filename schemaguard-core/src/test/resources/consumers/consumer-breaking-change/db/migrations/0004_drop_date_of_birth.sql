-- birth dates move to the guardians service
ALTER TABLE players DROP COLUMN date_of_birth;
