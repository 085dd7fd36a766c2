// The build failed on the rule, and the log says where: the file and the line of the CREATE INDEX.
def log = new File(basedir, 'build.log').text
assert log.contains('concurrent-in-transaction')
assert log.contains('db/migrations/0002_index_nickname.sql:2')
assert log.contains('SchemaGuard: findings at or above error')
// A finding is not a crash: no stack trace.
assert !(log =~ /\tat [a-z]/)
def sarif = new File(basedir, 'target/schemaguard.sarif').text
assert sarif.contains('"ruleId" : "concurrent-in-transaction"') || sarif.contains('"ruleId":"concurrent-in-transaction"')
// Under GitHub Actions, the annotation GitHub reads from standard output, not behind Maven's log prefix.
assert log =~ /(?m)^::error file=\S*db\/migrations\/0002_index_nickname\.sql,line=2\b/
