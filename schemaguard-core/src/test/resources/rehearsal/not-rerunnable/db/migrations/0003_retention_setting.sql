-- safe to repeat: no finding
INSERT INTO settings (key, value) VALUES ('retention', '30d') ON CONFLICT (key) DO NOTHING;
