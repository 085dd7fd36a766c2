// The build passed with the whole gate run: the rehearsal applied both migrations.
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log =~ /(?i)rehears/
assert !log.contains('[ERROR]')
