package dev.schemaguard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * ./schemaguard builds the tool on first use. Started three times at once on a fresh clone, the builds ran together
 * and failed on each other's files (Maven's FileAlreadyExistsException) in two runs of three. Here the launcher runs
 * on a copy of the project with a Maven that takes a second and fails when another build runs at the same time, and a
 * java that only says it ran.
 */
class LauncherTest {

    @Test
    void launchersStartedTogetherOnAFreshCloneBuildOnce(@TempDir Path root) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/flock")), "flock (util-linux) is what the launcher locks with");
        Files.copy(Path.of("schemaguard"), root.resolve("schemaguard"));
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(root.resolve("schemaguard-core/src/main/java"));
        Files.writeString(root.resolve("schemaguard-core/src/main/java/Tool.java"), "class Tool {}\n");
        Path bin = Files.createDirectories(root.resolve("fake-bin"));
        script(bin.resolve("mvn"), """
                #!/bin/sh
                mkdir building 2>/dev/null || { echo "another build is running in this folder"; exit 1; }
                echo build >> builds.log
                sleep 1
                mkdir -p target/schemaguard && echo jar > target/schemaguard/schemaguard.jar
                rmdir building
                """);
        script(bin.resolve("java"), """
                #!/bin/sh
                for arg in "$@"; do last=$arg; done
                echo "ran $last"
                """);
        List<Process> launchers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ProcessBuilder builder = new ProcessBuilder(root.resolve("schemaguard").toString(), "--version")
                    .redirectErrorStream(true);
            builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            launchers.add(builder.start());
        }
        for (Process launcher : launchers) {
            String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(launcher.exitValue()).as(output).isZero();
            assertThat(output).contains("ran --version");
        }
        assertThat(Files.readAllLines(root.resolve("builds.log"))).hasSize(1);
    }

    private static void script(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
