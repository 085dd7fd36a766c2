// The two findings of the history are in the baseline: the build passes and the log says they were accepted.
def log = new File(basedir, 'build.log').text
assert log.contains('2 findings accepted by the baseline')
assert log.contains('passed (nothing at or above error)')
assert !log.contains('concurrent-in-transaction')
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/schemaguard.json'))
assert json.findings.isEmpty()
