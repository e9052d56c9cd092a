package io.stepwise.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequiredToolTest {
    /** Package managers a test could call to change the host. */
    private static final List<String> MANAGERS = List.of("apt", "apt-get", "yum", "dnf", "apk", "brew", "pip", "pip3");
    /** One of them asked to fetch or add packages: the guard looks for this shape in every test source. */
    private static final Pattern INSTALLING = Pattern.compile("\\b(" + String.join("|", MANAGERS)
            + ")\\s+(-\\S+\\s+)*(update|install|add)\\b");

    @Test
    void givenAProgramInADirectoryOfThePath_whenLookedFor_thenItIsThere(@TempDir Path dir) throws IOException {
        // given
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("sysbench"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(bin.resolve("sysbench"), PosixFilePermissions.fromString("rwxr-xr-x"));

        // when / then
        assertThat(RequiredTool.missing("sysbench", "sysbench", dir + ":" + bin)).isEmpty();
        assertThat(RequiredTool.missing("tmux", "tmux", bin.toString())).contains(
                "tmux is not installed (install the package tmux; .ci/run does that in CI)");
        assertThat(RequiredTool.missing("tmux", "tmux", null)).isPresent();
    }

    @Test
    void givenTheRequiredToolsVariable_whenRead_thenItNamesEachTool() {
        assertThat(RequiredTool.required("sysbench,tmux")).containsExactlyInAnyOrder("sysbench", "tmux");
        assertThat(RequiredTool.required(" tmux ")).containsExactly("tmux");
        assertThat(RequiredTool.required(null)).isEmpty();
    }

    @Test
    void givenEveryTestSource_whenRead_thenNoneInstallsAnything() throws IOException {
        // given: the test sources of every module
        List<Path> sources;
        try (Stream<Path> files = Files.walk(StepwiseProcess.REPO)) {
            sources = files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/test/")
                    && !p.endsWith("RequiredToolTest.java")).toList();
        }

        // when
        List<Path> installing = sources.stream().filter(p -> INSTALLING.matcher(read(p)).find()).toList();

        // then
        assertThat(sources).hasSizeGreaterThan(50);
        assertThat(installing).as("tests that install packages (.ci/run installs what CI needs)").isEmpty();
        // the detector catches what it is for; its samples are built from MANAGERS, so this file is no match of its own
        assertThat(INSTALLING.matcher("sh -c '" + MANAGERS.get(1) + " -qq update'").find()).isTrue();
        assertThat(INSTALLING.matcher(MANAGERS.get(6) + " install --user x").find()).isTrue();
        assertThat(INSTALLING.matcher("the package sysbench is not there").find()).isFalse();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
