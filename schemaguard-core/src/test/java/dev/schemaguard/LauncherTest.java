package dev.schemaguard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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

    /**
     * A build rewrites target/schemaguard/schemaguard.jar in place, and a run started before it died with
     * NoClassDefFoundError when it next loaded a class. Here a java that reads its jar only when told to stands for a
     * long run: the sources change, a second launcher rebuilds and runs, and the first run still reads the jar it
     * started with.
     */
    @Test
    void aRunStartedBeforeARebuildKeepsReadingItsOwnJar(@TempDir Path root) throws Exception {
        Files.copy(Path.of("schemaguard"), root.resolve("schemaguard"));
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(root.resolve("schemaguard-core/src/main/java"));
        Path source = Files.writeString(root.resolve("schemaguard-core/src/main/java/Tool.java"), "class Tool {}\n");
        Path bin = Files.createDirectories(root.resolve("fake-bin"));
        script(bin.resolve("mvn"), """
                #!/bin/sh
                echo build >> builds.log
                mkdir -p target/schemaguard
                echo "jar of build $(wc -l < builds.log)" > target/schemaguard/schemaguard.jar
                """);
        script(bin.resolve("java"), """
                #!/bin/sh
                for arg in "$@"; do
                  case "$arg" in -XX:ArchiveClassesAtExit=*) echo archive > "${arg#*=}"; exit 0 ;; esac
                  [ "$previous" = -jar ] && jar=$arg
                  previous=$arg last=$arg
                done
                echo "started from $jar"
                if [ "$last" = wait ]; then
                  while [ ! -f "$(dirname "$0")/go" ]; do sleep 0.1; done
                fi
                echo "read: $(cat "$jar")"
                """);
        Process first = launcher(root, bin, "wait");
        BufferedReader firstOutput = new BufferedReader(new InputStreamReader(first.getInputStream(),
                StandardCharsets.UTF_8));
        String firstStart = firstOutput.readLine();
        while (firstStart != null && !firstStart.startsWith("started from ")) {
            firstStart = firstOutput.readLine(); // the launcher's note that it builds
        }
        assertThat(firstStart).startsWith("started from ");

        Path built = root.resolve("target/schemaguard/schemaguard.jar");
        Files.setLastModifiedTime(built, FileTime.fromMillis(Files.getLastModifiedTime(source).toMillis() - 60_000));
        Process second = launcher(root, bin, "--version");
        String secondOutput = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(secondOutput).contains("read: jar of build 2").doesNotContain(firstStart);

        Files.writeString(bin.resolve("go"), "");
        String rest = firstOutput.lines().collect(Collectors.joining("\n"));
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(rest).isZero();
        assertThat(rest).isEqualTo("read: jar of build 1");
        assertThat(Files.readString(built)).isEqualTo("jar of build 2\n");
    }

    private static Process launcher(Path root, Path bin, String argument) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(root.resolve("schemaguard").toString(), argument)
                .redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        return builder.start();
    }

    private static void script(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
