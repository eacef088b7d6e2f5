package org.peerstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's test command, {@code ./run-tests}, on a machine where Debian packages are missing. The
 * real scripts run against stand-ins for {@code dpkg-query} (says which packages are missing),
 * {@code apt-get}, {@code id}, {@code sudo} and {@code mvn} that record what they were asked, so the
 * test can check the commands without touching this machine's packages. (The real fresh-machine run is
 * in the report of the change that added this.)
 */
@Timeout(60)
class RunTestsScriptTest {

    private static final Path REPO = Path.of(System.getProperty("peerstack.config.dir", "../config")).getParent();

    @TempDir
    Path dir;
    private Path checkout;
    private Path bin;
    private Path log;

    @BeforeEach
    void copyScriptsAndStandIns() throws IOException {
        checkout = Files.createDirectories(dir.resolve("checkout"));
        Files.createDirectories(checkout.resolve("scripts"));
        copy(REPO.resolve("run-tests"), checkout.resolve("run-tests"));
        copy(REPO.resolve("scripts/install-system-deps.sh"), checkout.resolve("scripts/install-system-deps.sh"));
        bin = Files.createDirectories(dir.resolve("bin"));
        log = dir.resolve("commands.log");
        standIn("dpkg-query", "pkg=\"${@: -1}\"; for m in $FAKE_MISSING; do [[ \"$m\" == \"$pkg\" ]] && exit 1; done;"
                + " printf 'install ok installed'");
        standIn("apt-get", "echo \"apt-get $*\" >> \"$FAKE_LOG\"");
        standIn("id", "echo \"$FAKE_UID\"");
        standIn("sudo", "echo \"sudo $*\" >> \"$FAKE_LOG\"");
        standIn("mvn", "echo \"mvn $*\" >> \"$FAKE_LOG\"");
        standIn("javac", "true");
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.copy(from, to);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void standIn(String name, String body) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/usr/bin/env bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Run(int exit, String stderr, List<String> commands) { }

    private Run runTests(String uid, String missing) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", checkout.resolve("run-tests").toString(), "-Dx=1")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.put("PATH", bin + ":" + env.get("PATH"));
        env.put("FAKE_MISSING", missing);
        env.put("FAKE_UID", uid);
        env.put("FAKE_LOG", log.toString());
        Process process = builder.start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), stderr, Files.exists(log) ? Files.readAllLines(log) : List.of());
    }

    @Test
    void asRootMissingBrowserAndFfmpegAreInstalledThenTheBuildRuns() throws Exception {
        Run run = runTests("0", "chromium chromium-driver ffmpeg");
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.commands()).containsExactly(
                "apt-get update -qq",
                "apt-get install -y -qq --no-install-recommends chromium chromium-driver ffmpeg",
                "mvn -B verify -Dx=1");
    }

    @Test
    void notRootItNamesTheMissingPackagesAndTheOneCommandToRun() throws Exception {
        Run run = runTests("1000", "chromium redis-server");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("run-tests: missing Debian packages: chromium redis-server;"
                + " install them once with: sudo scripts/install-system-deps.sh\n");
        assertThat(run.commands()).isEmpty();
    }

    @Test
    void withEverythingPresentItOnlyBuilds() throws Exception {
        Run run = runTests("1000", "");
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.commands()).containsExactly("mvn -B verify -Dx=1");
    }

    @Test
    void withAnExamplesProjectItInstallsTheBuildThenVerifiesTheExamples() throws Exception {
        Files.createDirectories(checkout.resolve("examples"));
        Files.writeString(checkout.resolve("examples/pom.xml"), "<project/>");
        Run run = runTests("0", "");
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.commands()).containsExactly("mvn -B install -Dx=1", "mvn -B -f examples/pom.xml verify -Dx=1");
    }

    @Test
    void theTestSetHoldsWhatTheTestsUse() throws Exception {
        Run run = runTests("1000", "libpulse0 iproute2 util-linux openjdk-17-jre libxtst6 xvfb chromium chromium-driver"
                + " ffmpeg redis-server pulseaudio");
        assertThat(run.stderr()).contains("libpulse0 iproute2 util-linux openjdk-17-jre libxtst6 xvfb chromium"
                + " chromium-driver ffmpeg redis-server pulseaudio;");
    }
}
