// min_coverage 50 would pass this consumer (one query of two analysed in full); failOnUnanalysed asks for every one.
def log = new File(basedir, 'build.log').text
assert log.contains('consumer-coverage')
assert log.contains('below its min_coverage of 100 %')
assert log.contains('SchemaGuard: findings at or above error')
assert !(log =~ /\tat [a-z]/)
