package io.stepwise.steps.cdc;

import io.stepwise.engine.spi.action.Action;
import java.util.List;
import java.util.Optional;

/** The changefeed operations, through the OpenAPI v2 ({@link ChangefeedApi}) or {@code cdc cli} ({@link ChangefeedCli}). */
interface ChangefeedClient {
    /** The requests or commands one operation sends, for dry-run. */
    List<Action> plan(ChangefeedConfig.Action action);

    ChangefeedState create();

    /** The changefeed with its config (redo level) when it exists; empty when TiCDC says it does not. */
    Optional<ChangefeedState> find();

    /** The light status (state, checkpoint) for polling. */
    ChangefeedState status();

    void pause();

    void resume();

    ChangefeedState update();

    void remove();
}
