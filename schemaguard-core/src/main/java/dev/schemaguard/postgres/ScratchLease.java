package dev.schemaguard.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whose a scratch database is and until when that run vouches for it, written in the database's comment and renewed
 * while the run lives. Runs on several machines may share one server, so a process id alone cannot tell whether the
 * owner still lives; a lease in the server's own clock can: one that ran out long ago belongs to a dead run.
 *
 * @param pid   the owner's process id, on its machine
 * @param host  the owner's machine
 * @param until when the lease runs out, in the server's clock
 */
public record ScratchLease(long pid, String host, Instant until) {

    private static final Pattern COMMENT = Pattern.compile("SchemaGuard scratch database of process (\\d{1,18}) on "
            + "([A-Za-z0-9._-]{1,255}); lease until (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ), renewed while that run "
            + "lives; once it has run out, a later run or 'schemaguard cleanup' drops this database");

    /** This process's lease, running out at {@code until}. */
    static ScratchLease ours(Instant until) {
        return new ScratchLease(ProcessHandle.current().pid(), machine(), until);
    }

    /** The database comment that records this lease. */
    public String comment() {
        return "SchemaGuard scratch database of process " + pid + " on " + host + "; lease until "
                + until.truncatedTo(ChronoUnit.SECONDS) + ", renewed while that run lives; once it has run out, a "
                + "later run or 'schemaguard cleanup' drops this database";
    }

    /** The lease a database comment records, if it is one of SchemaGuard's. */
    public static Optional<ScratchLease> parse(String comment) {
        if (comment == null) {
            return Optional.empty();
        }
        Matcher m = COMMENT.matcher(comment);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ScratchLease(Long.parseLong(m.group(1)), m.group(2), Instant.parse(m.group(3))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** This machine's name, reduced to the characters a comment and the pattern above allow. */
    private static String machine() {
        String name;
        try {
            name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            name = System.getenv().getOrDefault("HOSTNAME", "");
        }
        name = name.replaceAll("[^A-Za-z0-9._-]", "-");
        return name.isEmpty() ? "unknown-host" : name.substring(0, Math.min(name.length(), 255));
    }
}
