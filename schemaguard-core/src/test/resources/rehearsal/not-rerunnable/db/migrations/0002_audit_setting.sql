-- a second run inserts the row again
INSERT INTO settings (key, value) VALUES ('audit', 'on');
