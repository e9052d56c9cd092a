package io.stepwise.engine.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TruthTest {
    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of(true, true),
                Arguments.of(false, false),
                Arguments.of("true", true),
                Arguments.of("false", false),
                Arguments.of("FALSE", false),
                Arguments.of(" false ", false),
                Arguments.of("0", false),
                Arguments.of(" 0 ", false),
                Arguments.of("00", true),
                Arguments.of("1", true),
                Arguments.of("", false),
                Arguments.of("  ", false),
                Arguments.of("no", true),
                Arguments.of(0, false),
                Arguments.of(0L, false),
                Arguments.of(0.0, false),
                Arguments.of(-0.0, false),
                Arguments.of(new BigDecimal("0.00"), false),
                Arguments.of(1, true),
                Arguments.of(0.5, true),
                Arguments.of(null, false),
                Arguments.of(List.of(), false),
                Arguments.of(List.of(0), true),
                Arguments.of(Map.of(), false),
                Arguments.of(Map.of("a", 0), true),
                Arguments.of(new Object(), true));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("values")
    void oneRuleForEveryCondition(Object value, boolean expected) {
        assertThat(Truth.of(value)).isEqualTo(expected);
    }
}
