package org.peerstack.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher's behaviour when it cannot make a namespace, produced for real by running it as the
 * unprivileged user {@code nobody} (through {@code setpriv}): it must say so loudly and still run java on
 * the host network, or refuse when {@code PEERSTACK_NETNS_REQUIRED=1}.
 */
class NetnsLauncherTest {

    private static final Path LAUNCHER = Path.of("tools/netns/bin/java").toAbsolutePath();
    private static final String REAL_JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result runAsNobody(Map<String, String> extraEnv, String... javaArgs) throws Exception {
        assumeTrue(isRoot(), "needs root to drop privileges to nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        List<String> command = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", copyReadableByAll().toString()));
        command.addAll(List.of(javaArgs));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("PEERSTACK_NETNS");
        builder.environment().remove("PEERSTACK_NETNS_REQUIRED");
        builder.environment().put("PEERSTACK_REAL_JAVA", REAL_JAVA);
        builder.environment().putAll(extraEnv);
        builder.directory(Path.of("/tmp").toFile());
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    /** The checkout may sit in a directory nobody cannot enter (e.g. /root): run a world-readable copy. */
    private static Path copyReadableByAll() throws IOException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "netns-launcher",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path copy = Files.copy(LAUNCHER, dir.resolve("java"));
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        copy.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return copy;
    }

    private static boolean isRoot() {
        try {
            return "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).trim());
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void withoutRootItWarnsLoudlyAndRunsOnTheHostNetwork() throws Exception {
        Result result = runAsNobody(Map.of(), "-XshowSettings:properties", "-version");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).contains("NO PRIVATE NETWORK NAMESPACE (not running as root)")
                .contains("HOST network").contains("openjdk version");
    }

    @Test
    void withoutRootAndRequiredItRefuses() throws Exception {
        Result result = runAsNobody(Map.of("PEERSTACK_NETNS_REQUIRED", "1"), "-version");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("cannot create a private network namespace: not running as root")
                .doesNotContain("openjdk version");
    }

    @Test
    void insideANamespaceItExecsJavaDirectly() throws Exception {
        assumeTrue(NetworkNamespace.isPrivate(), "only meaningful inside the private namespace");
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "-version");
        builder.environment().put("PEERSTACK_REAL_JAVA", REAL_JAVA);
        Process process = builder.start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(err).contains("openjdk version").doesNotContain("NO PRIVATE NETWORK NAMESPACE");
    }
}
