package dev.schemaguard.report;

import java.util.Map;

/**
 * Where a CI's web interface shows a file of the commit being checked, so that a pull-request summary links each
 * finding to its file and line: GitHub Actions' {@code GITHUB_SERVER_URL/GITHUB_REPOSITORY/blob/GITHUB_SHA/}, GitLab
 * CI's {@code CI_PROJECT_URL/-/blob/CI_COMMIT_SHA/}; elsewhere, links relative to the repository root.
 *
 * @param blobBase the address a path relative to the repository root is appended to, ending with a slash; empty for
 *                 relative links
 */
public record FileLinks(String blobBase) {

    /** Relative links: they work where the summary is read inside the repository. */
    public static final FileLinks RELATIVE = new FileLinks("");

    /** The links of the CI the environment shows, or relative ones. */
    public static FileLinks fromEnvironment(Map<String, String> env) {
        String server = env.get("GITHUB_SERVER_URL");
        String repository = env.get("GITHUB_REPOSITORY");
        String sha = env.get("GITHUB_SHA");
        if (present(server) && present(repository) && present(sha)) {
            return new FileLinks(server + "/" + repository + "/blob/" + sha + "/");
        }
        String project = env.get("CI_PROJECT_URL");
        String commit = env.get("CI_COMMIT_SHA");
        if (present(project) && present(commit)) {
            return new FileLinks(project + "/-/blob/" + commit + "/");
        }
        return RELATIVE;
    }

    /** The link to a line of a file given relative to the repository root (line 0: the file). */
    public String link(String path, int line) {
        return blobBase + SarifFormatter.uri(path) + (line > 0 ? "#L" + line : "");
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
