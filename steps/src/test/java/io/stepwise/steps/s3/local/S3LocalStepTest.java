package io.stepwise.steps.s3.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.testkit.ListeningPort;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.engine.testkit.StepTypeContract;
import io.stepwise.steps.localservice.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3LocalStepTest extends StepTypeContract {
    @Override
    protected StepType<?> stepType() {
        return new S3LocalStep();
    }

    @Override
    protected Map<String, Object> minimalValidParams() {
        return Map.of("port", 9000);
    }

    @Override
    protected Map<String, Object> minimalInvalidParams() {
        return Map.of("port", 9000, "buckets", List.of("Not_A_Bucket"));
    }

    @Override
    protected String invalidParameter() {
        return "buckets";
    }

    @Override
    protected SideEffectProbe sideEffectProbe(Path dir) {
        int port = ListeningPort.closedPort();
        Path data = dir.resolve("s3");
        return new SideEffectProbe() {
            @Override
            public Map<String, Object> params() {
                return Map.of("port", port, "data_dir", data.toString(), "buckets", List.of("backup"));
            }

            @Override
            public Optional<String> sideEffect() {
                if (Files.exists(data)) {
                    return Optional.of("created " + data);
                }
                return Ports.accepting("127.0.0.1", port) ? Optional.of("a server listens on " + port) : Optional.empty();
            }
        };
    }

    @Test
    void givenBuckets_whenPlanned_thenEachBucketIsEnsuredWithTheSecretMasked() {
        try (StepHarness harness = harness(List.of())) {
            List<Action> plan = harness.plan(stepType(), Map.of("name", "minio", "port", 9000, "secret_key", "s3cr3t",
                    "buckets", List.of("backup", "redo")));

            assertThat(plan).extracting(Action::summary).containsExactly(
                    "start S3Proxy 'minio' in the runner at http://127.0.0.1:9000 (files under "
                            + harness.runDir().resolve("s3/minio") + ", access key stepwise)",
                    "ensure-bucket s3://backup?access-key=stepwise&secret-access-key=****"
                            + "&endpoint=http://127.0.0.1:9000&force-path-style=true",
                    "ensure-bucket s3://redo?access-key=stepwise&secret-access-key=****"
                            + "&endpoint=http://127.0.0.1:9000&force-path-style=true");
        }
    }

    @Test
    void givenATransientStoreWithADataDir_whenValidated_thenTheDataDirIsRejected() {
        try (StepHarness harness = harness(List.of())) {
            assertThat(harness.validate(stepType(), Map.of("port", 9000, "store", "transient", "data_dir", "x")))
                    .extracting(p -> p.parameter()).containsExactly("data_dir");
        }
    }
}
