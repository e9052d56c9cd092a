package io.stepwise.steps.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.steps.support.Json;
import org.junit.jupiter.api.Test;

/** The three spellings of a changefeed's checkpoint (tidb-tooling.md 1.3, 2.2). */
class ChangefeedStateTest {
    @Test
    void givenTheApiListItem_whenRead_thenCheckpointTsoIsTheCheckpoint() {
        ChangefeedState state = ChangefeedState.from("cf", Json.object("{\"upstream_id\":1,\"namespace\":\"default\","
                + "\"id\":\"cf\",\"state\":\"warning\",\"checkpoint_tso\":42,\"checkpoint_time\":\"2024-05-01 10:00:00.000\","
                + "\"error\":{\"time\":\"t\",\"addr\":\"127.0.0.1:8300\",\"code\":\"CDC:ErrSinkURIInvalid\","
                + "\"message\":\"bad\"}}"));

        assertThat(state.checkpointTs()).contains(42L);
        assertThat(state.state()).isEqualTo("warning");
        assertThat(state.error()).contains("CDC:ErrSinkURIInvalid: bad");
    }

    @Test
    void givenTheCliListItem_whenRead_thenItsSummaryIsUsed() {
        ChangefeedState state = ChangefeedState.from("cf", Json.object("{\"id\":\"cf\",\"namespace\":\"default\","
                + "\"summary\":{\"state\":\"normal\",\"tso\":43,\"checkpoint\":\"2024-05-01 10:00:00.000\",\"error\":null}}"));

        assertThat(state.state()).isEqualTo("normal");
        assertThat(state.checkpointTs()).contains(43L);
        assertThat(state.checkpointTime()).contains("2024-05-01 10:00:00.000");
        assertThat(state.error()).isEmpty();
    }

    @Test
    void givenTheStatusRoute_whenRead_thenLastErrorIsTheError() {
        ChangefeedState state = ChangefeedState.from("cf", Json.object("{\"state\":\"failed\",\"resolved_ts\":9,"
                + "\"checkpoint_ts\":8,\"last_error\":{\"addr\":\"a\",\"code\":\"CDC:ErrGCTTLExceeded\",\"message\":\"m\"}}"));

        assertThat(state.toValues()).containsEntry("checkpoint_ts", 8L).containsEntry("resolved_ts", 9L)
                .containsEntry("error", "CDC:ErrGCTTLExceeded: m").containsEntry("changefeed_id", "cf");
    }
}
