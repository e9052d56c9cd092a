package io.stepwise.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.Stepwise;
import io.stepwise.engine.api.DryRunFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan means what an editor or a JSON tool reading it as YAML 1.2 sees. */
class Yaml12PlanTest {
    @Test
    void tenSecondsAreTenAndNoIsAWord(@TempDir Path dir) throws IOException {
        Path plan = Files.writeString(dir.resolve("plan.yaml"), """
                name: yaml12
                inputs:
                  port: {type: integer, default: 010}
                steps:
                  - id: nap
                    type: sleep
                    with: {duration: 010}
                  - id: say
                    type: exec
                    with: {command: [echo, no, off, y, "${inputs.port}"]}
                """);

        String text = Stepwise.engine().dryRun(plan, Map.of(), DryRunFormat.TEXT);

        assertThat(text).contains("port = 10\n").contains("10s").doesNotContain("8s").contains("echo no off y 10");
    }
}
