export const a = (db) => db.query(`SELECT hostname FROM sessions WHERE id = $1`);
export const b = (db) => db.query(`SELECT id, hostname FROM sessions, archive WHERE id = $1`);
