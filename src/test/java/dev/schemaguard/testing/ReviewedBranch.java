package dev.schemaguard.testing;

import java.nio.file.Path;

/**
 * A pull request as CI sees it: a clone of a repository whose main has an old history with findings of its own,
 * on a branch that adds one migration creating again a type an old one created ({@link #NEW_FILE}).
 */
public final class ReviewedBranch {

    /** The one migration the branch adds. */
    public static final String NEW_FILE = "db/migrations/0003_regions_again.sql";

    private ReviewedBranch() {
    }

    /** Makes the origin in {@code dir}/origin and the clone, on branch feature, in {@code dir}/work; returns it. */
    public static GitRepository cloneIn(Path dir) {
        GitRepository origin = GitRepository.init(dir.resolve("origin"));
        new ProjectBuilder(origin.root())
                .file("db/migrations/0001_create_orders.sql", "CREATE TYPE region AS ENUM ('north', 'south');\n"
                        + "CREATE TABLE orders (id bigint PRIMARY KEY, region region, total numeric);\n")
                .file("db/migrations/0002_index_orders.sql", "CREATE INDEX orders_total ON orders (total);\n");
        origin.commitAll("the old history, with findings of its own");
        GitRepository clone = GitRepository.cloneOf(origin, dir.resolve("work"));
        clone.git("checkout", "-q", "-b", "feature");
        new ProjectBuilder(clone.root()).file(NEW_FILE, "CREATE TYPE region AS ENUM ('north', 'south');\n");
        clone.commitAll("one new bad migration");
        return clone;
    }
}
