package io.stepwise.steps.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.spi.action.Action;
import io.stepwise.engine.testkit.ListeningPort;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.engine.testkit.StepTypeContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3StepTest extends StepTypeContract {
    @Override
    protected StepType<?> stepType() {
        return new S3Step();
    }

    @Override
    protected Map<String, Object> minimalValidParams() {
        return Map.of("action", "list", "uri", "s3://backup/");
    }

    @Override
    protected Map<String, Object> minimalInvalidParams() {
        return Map.of("action", "put", "uri", "s3://backup/x.txt");
    }

    @Override
    protected String invalidParameter() {
        return "source";
    }

    @Override
    protected SideEffectProbe sideEffectProbe(Path dir) {
        ListeningPort endpoint = ListeningPort.open();
        return new SideEffectProbe() {
            @Override
            public Map<String, Object> params() {
                return Map.of("action", "put", "content", "x", "uri", "s3://backup/x.txt?access-key=a&secret-access-key=b"
                        + "&endpoint=http://127.0.0.1:" + endpoint.port());
            }

            @Override
            public Optional<String> sideEffect() {
                return endpoint.accepted() > 0 ? Optional.of("connected to the endpoint") : Optional.empty();
            }

            @Override
            public void close() {
                endpoint.close();
            }
        };
    }

    @Test
    void givenAPutOfAFileIntoAPrefix_whenPlanned_thenTheFileNameIsAppendedAndTheSecretsAreMasked() {
        try (StepHarness harness = harness(List.of())) {
            List<Action> plan = harness.plan(stepType(), Map.of("action", "put", "source", "/data/dump.sql",
                    "uri", "s3://backup/daily/?access-key=AK&secret-access-key=SK/xyz&session-token=TOKEN"
                            + "&endpoint=http://127.0.0.1:9000"));

            assertThat(plan).hasSize(1);
            assertThat(plan.get(0).kind()).isEqualTo("s3");
            assertThat(plan.get(0).summary()).isEqualTo("put /data/dump.sql -> s3://backup/daily/dump.sql?access-key=AK"
                    + "&secret-access-key=****&session-token=****&endpoint=http://127.0.0.1:9000");
            assertThat(plan.get(0).fields().toString()).doesNotContain("SK/xyz").doesNotContain("TOKEN");
        }
    }

    @Test
    void givenParametersOfOtherActions_whenValidated_thenEachIsNamed() {
        try (StepHarness harness = harness(List.of())) {
            assertThat(harness.validate(stepType(), Map.of("action", "list", "uri", "s3://b/", "destination", "/x",
                    "recursive", true))).extracting(p -> p.parameter()).containsExactlyInAnyOrder("destination", "recursive");
            assertThat(harness.validate(stepType(), Map.of("action", "get", "uri", "gs://b/x")))
                    .extracting(p -> p.parameter()).containsExactly("uri");
        }
    }

    @Test
    void givenALocalDirectory_whenPutGetListAndDelete_thenTheFileSystemPlaysTheBucket() throws Exception {
        try (StepHarness harness = harness(List.of())) {
            Path dir = contractDir.resolve("store");
            String uri = "local://" + dir + "/a.txt";

            harness.execute(stepType(), Map.of("action", "put", "uri", uri, "content", "alpha"));
            var list = harness.execute(stepType(), Map.of("action", "list", "uri", dir.toString()));
            var text = harness.execute(stepType(), Map.of("action", "get", "uri", uri));
            var deleted = harness.execute(stepType(), Map.of("action", "delete", "uri", dir + "/", "recursive", true));

            assertThat(list.values()).containsEntry("count", 1L).containsEntry("bytes", 5L);
            assertThat(text.values()).containsEntry("content", "alpha");
            assertThat(deleted.values()).containsEntry("count", 1L);
            assertThat(dir).doesNotExist();
        }
    }

    @Test
    void givenAPutWithBothSourceAndContentOrAListOfNoKeys_whenValidated_thenTheParameterIsNamed() {
        try (StepHarness harness = harness(List.of())) {
            assertThat(harness.validate(stepType(), Map.of("action", "put", "uri", "s3://b/x", "source", "/x",
                    "content", "y"))).extracting(p -> p.parameter()).containsExactly("source");
            assertThat(harness.validate(stepType(), Map.of("action", "list", "uri", "s3://b/", "max_keys", 0)))
                    .extracting(p -> p.parameter()).containsExactly("max_keys");
        }
    }
}
