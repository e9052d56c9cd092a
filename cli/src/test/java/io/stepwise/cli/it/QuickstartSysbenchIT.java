package io.stepwise.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plans/quickstart-sysbench.yaml: the quickstart with the real sysbench through exec. */
class QuickstartSysbenchIT {
    @TempDir
    Path dir;

    @BeforeAll
    static void sysbenchIsInstalled() {
        RequiredTool.assume("sysbench", "sysbench", "QuickstartSysbenchIT");
    }

    @Test
    void theSysbenchQuickstartRunsTheSameProcedure() throws Exception {
        List<String> args = new ArrayList<>(List.of("run", StepwiseProcess.REPO.resolve("plans/quickstart-sysbench.yaml").toString(),
                "--state-dir", dir.resolve("state").toString()));
        for (String input : List.of("primary_port", "secondary_port", "new_primary_port", "s3_port")) {
            args.add("--set");
            args.add(input + "=" + freePort());
        }
        StepwiseProcess.Result result = StepwiseProcess.run(dir, Map.of(), args.toArray(String[]::new));

        assertThat(result.exit()).as(result.all()).isZero();
        assertThat(result.stdout()).containsPattern("diff\\s+40000 rows checked at \\d+ rows/s, 0 differing")
                .containsPattern("failover\\s+[1-9]\\d* transfers acknowledged, 0 missing")
                .containsPattern("rebuilt primary\\s+\\d+ rows checked, 0 differing");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
