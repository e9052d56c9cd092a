package io.stepwise.steps.testing;

import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.testkit.ListeningPort;
import io.stepwise.engine.testkit.StepTypeContract.SideEffectProbe;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A contract side-effect probe: mysql connections to ports that count whoever connects. */
public final class PortProbe implements SideEffectProbe {
    private final Map<String, Object> params;
    private final List<ListeningPort> ports;
    private final List<ConnectionInfo> connections;

    public PortProbe(Map<String, Object> params, String... connectionNames) {
        this.params = params;
        this.ports = java.util.Arrays.stream(connectionNames).map(n -> ListeningPort.open()).toList();
        this.connections = new java.util.ArrayList<>();
        for (int i = 0; i < connectionNames.length; i++) {
            connections.add(new ConnectionInfo(connectionNames[i], "mysql", Map.of("host", "127.0.0.1",
                    "port", ports.get(i).port(), "user", "root", "password", "Probe-Secret-1")));
        }
    }

    @Override
    public Map<String, Object> params() {
        return params;
    }

    @Override
    public List<ConnectionInfo> connections() {
        return connections;
    }

    @Override
    public Optional<String> sideEffect() {
        int accepted = ports.stream().mapToInt(ListeningPort::accepted).sum();
        return accepted == 0 ? Optional.empty() : Optional.of(accepted + " connection(s) during plan");
    }

    @Override
    public void close() {
        ports.forEach(ListeningPort::close);
    }
}
