package io.stepwise.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.api.Plan;
import io.stepwise.engine.internal.expr.ExpressionEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which resources the rest of a run needs, on the shape of the quickstart. */
class StepReferencesTest {
    @TempDir
    Path dir;

    private StepReferences references() {
        Path file = PlanFiles.write(dir, "p.yaml", """
                name: refs
                connections:
                  primary: {type: mysql, host: 127.0.0.1, port: "${steps.primary.value}", user: root}
                steps:
                  - {id: primary, type: echo, with: {value: 3306}}
                  - {id: storage, type: echo, with: {value: "endpoint=x"}}
                  - {id: backup, type: echo, with: {value: primary, secret: "s3://b/?${steps.storage.value}"}}
                  - {id: restore, type: echo, with: {value: "${steps.backup.value}"}}
                  - {id: verify, type: echo, with: {value: primary}}
                  - {id: report, type: echo, with: {value: "${steps.verify.value} ${steps.restore.value}"}}
                """);
        Plan plan = new DefaultEngine(FakeSteps.registry()).load(file, Map.of());
        return new StepReferences(plan, new ExpressionEngine());
    }

    @Test
    void aStepStillToRunNeedsWhatItNamesAndWhatThoseValuesWereMadeFrom() {
        // a restore that reads a dump's location reaches the S3 server the dump was written to
        assertThat(references().readBy(List.of("restore"))).containsExactlyInAnyOrder("backup", "storage");
    }

    @Test
    void aConnectionItNamesMakesTheServerBehindItNeeded() {
        assertThat(references().readBy(List.of("verify"))).containsExactly("primary");
    }

    @Test
    void theConnectionsOfAStepThatRanEarlierAreNotFollowed() {
        // a report printing the diff's numbers does not need the server the diff read
        assertThat(references().readBy(List.of("report"))).doesNotContain("primary").contains("verify", "storage");
    }
}
