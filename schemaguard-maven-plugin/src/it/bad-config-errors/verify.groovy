// Bad input is the user's to fix: where it is and what is accepted, and no stack trace.
def log = new File(basedir, 'build.log').text
assert log.contains("schemaguard.yml:3: unknown key 'formatt' in 'migrations'")
assert log.contains('BUILD FAILURE')
assert !(log =~ /\tat [a-z]/)
