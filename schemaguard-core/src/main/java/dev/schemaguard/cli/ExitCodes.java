package dev.schemaguard.cli;

/** The exit codes of SPEC.md, plus one for SchemaGuard's own bugs. */
final class ExitCodes {

    /** No finding at or above the failing severity. */
    static final int OK = 0;
    /** Findings at or above the failing severity. */
    static final int FINDINGS = 1;
    /** Bad usage, or input that cannot be read. */
    static final int BAD_INPUT = 2;
    /** A bug in SchemaGuard: please report it with the output of --debug. */
    static final int INTERNAL_ERROR = 3;

    private ExitCodes() {
    }
}
