package io.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class SmallPartsTest {
    @Test
    void durationsReadTheWayPeopleSayThem() {
        assertThat(Elapsed.format(Duration.ofMillis(850))).isEqualTo("850ms");
        assertThat(Elapsed.format(Duration.ofMillis(12_340))).isEqualTo("12.3s");
        assertThat(Elapsed.format(Duration.ofSeconds(125))).isEqualTo("2m05s");
        assertThat(Elapsed.format(Duration.ofMinutes(62))).isEqualTo("1h02m");
        assertThat(Elapsed.clock(Duration.ofSeconds(12))).isEqualTo("00:12");
        assertThat(Elapsed.clock(Duration.ofSeconds(3723))).isEqualTo("1:02:03");
    }

    @Test
    void assignmentsSplitAtTheFirstEqualsSign() {
        assertThat(Assignment.parse("a=b=c")).isEqualTo(new Assignment("a", "b=c"));
        assertThat(Assignment.parse("a=")).isEqualTo(new Assignment("a", ""));
        assertThatThrownBy(() -> Assignment.parse("abc")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> Assignment.parse("=abc")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void shellWordsAreQuotedOnlyWhenNeeded() {
        assertThat(ShellWords.join(List.of("stepwise", "resume", "r1", "--plan", "plans/a b.yaml", "it's")))
                .isEqualTo("stepwise resume r1 --plan 'plans/a b.yaml' 'it'\\''s'");
    }

    @Test
    void suggestionsPutTheClosestNameFirst() {
        assertThat(Suggestions.hint("exce", List.of("sql", "exec", "log"), "known types"))
                .isEqualTo("did you mean 'exec'? known types: exec, log, sql");
        assertThat(Suggestions.hint("kubernetes", List.of("sql", "exec"), "known types"))
                .isEqualTo("known types: exec, sql");
    }

    @Test
    void valuesAreShownOnOneLine() {
        assertThat(Values.display("a\nb")).isEqualTo("a\\nb");
        assertThat(Values.display(Map.of("k", List.of(1, true)))).isEqualTo("{\"k\":[1,true]}");
        assertThat(Values.display(null)).isEqualTo("null");
        assertThat(Values.plain(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void ciAndDumbTerminalsAreNotInteractive() {
        assertThat(TerminalInfo.detect(Map.of(), true, java.nio.charset.StandardCharsets.UTF_8).interactive()).isTrue();
        assertThat(TerminalInfo.detect(Map.of("CI", "true"), true, java.nio.charset.StandardCharsets.UTF_8)
                .interactive()).isFalse();
        assertThat(TerminalInfo.detect(Map.of("TERM", "dumb"), true, java.nio.charset.StandardCharsets.UTF_8)
                .interactive()).isFalse();
        assertThat(TerminalInfo.detect(Map.of(), false, java.nio.charset.StandardCharsets.UTF_8).interactive()).isFalse();
        assertThat(TerminalInfo.detect(Map.of("NO_COLOR", "1"), true, java.nio.charset.StandardCharsets.UTF_8)
                .colors()).isFalse();
        assertThat(TerminalInfo.detect(Map.of(), true, java.nio.charset.StandardCharsets.US_ASCII).unicode()).isFalse();
        assertThat(TerminalInfo.detect(Map.of("COLUMNS", "132"), true, java.nio.charset.StandardCharsets.UTF_8)
                .width()).isEqualTo(132);
    }

    @Test
    void debugIsSeenBeforeTheEndOfOptions() {
        assertThat(Logging.debugRequested(List.of("run", "p.yaml", "--debug"))).isTrue();
        assertThat(Logging.debugRequested(List.of("run", "--", "--debug"))).isFalse();
        assertThat(Logging.debugRequested(List.of("run", "p.yaml"))).isFalse();
    }

    @Test
    void aStopRequestInterruptsTheSupervisedRunOnly() throws Exception {
        // given
        RunInterrupter interrupter = RunInterrupter.interruptingThread();
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread runner = new Thread(() -> interrupter.supervise(() -> {
            running.countDown();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return null;
        }));

        // when
        boolean idle = interrupter.requestStop();
        runner.start();
        running.await(5, TimeUnit.SECONDS);
        boolean stopped = interrupter.requestStop();
        runner.join(5_000);

        // then
        assertThat(idle).isFalse();
        assertThat(stopped).isTrue();
        assertThat(interrupted).isTrue();
        assertThat(interrupter.stopRequested()).isTrue();
        assertThat(interrupter.requestStop()).isFalse();
    }

    @Test
    void theFirstCtrlCDuringARunAsksTheRunToStop() {
        // given
        StringWriter err = new StringWriter();
        AtomicBoolean asked = new AtomicBoolean();
        RunInterrupter running = new RunInterrupter() {
            @Override
            public <T> T supervise(java.util.function.Supplier<T> run) {
                return run.get();
            }

            @Override
            public boolean requestStop() {
                asked.set(true);
                return true;
            }

            @Override
            public boolean stopRequested() {
                return asked.get();
            }
        };
        InterruptSignal signal = new InterruptSignal(running, new PrintWriter(err));

        // when
        signal.onInterrupt();

        // then
        assertThat(asked).isTrue();
        assertThat(err.toString()).contains("stopping the run", "Ctrl-C again");
    }
}
