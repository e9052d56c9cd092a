package io.stepwise.steps.http;

import io.stepwise.engine.spi.StepType;
import io.stepwise.engine.testkit.ListeningPort;
import io.stepwise.engine.testkit.StepTypeContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class HttpStepContractTest extends StepTypeContract {
    @Override
    protected StepType<?> stepType() {
        return new HttpStep();
    }

    @Override
    protected Map<String, Object> minimalValidParams() {
        return Map.of("url", "http://127.0.0.1:1/status");
    }

    @Override
    protected Map<String, Object> minimalInvalidParams() {
        return Map.of("url", "http://127.0.0.1:1/status", "expect_status", List.of(200, 1000));
    }

    @Override
    protected String invalidParameter() {
        return "expect_status";
    }

    @Override
    protected SideEffectProbe sideEffectProbe(Path dir) {
        ListeningPort server = ListeningPort.open();
        return new SideEffectProbe() {
            @Override
            public Map<String, Object> params() {
                return Map.of("method", "DELETE", "url", "http://127.0.0.1:" + server.port() + "/things/1");
            }

            @Override
            public Optional<String> sideEffect() {
                return server.accepted() == 0 ? Optional.empty() : Optional.of("a request reached port " + server.port());
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
