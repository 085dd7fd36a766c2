// Written for ClickHouse, which the scan reads as PostgreSQL: nothing here can be analysed.
export function sessions(db) {
  return db.query(`SELECT hostname, count() FROM sessions FINAL WHERE website_id = {websiteId:UUID} GROUP BY hostname`);
}
