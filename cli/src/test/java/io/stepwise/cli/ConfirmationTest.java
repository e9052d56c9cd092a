package io.stepwise.cli;

import static io.stepwise.cli.FakeEngine.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.engine.api.Confirmer;
import io.stepwise.engine.api.ErrorCode;
import io.stepwise.engine.api.RunStatus;
import io.stepwise.engine.api.StepwiseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfirmationTest {
    /** A terminal whose person gives the answers in order, recording the prompts. */
    private static final class ScriptedPrompter implements Prompter {
        final List<String> prompts = new ArrayList<>();
        final List<String> answers;

        ScriptedPrompter(String... answers) {
            this.answers = new ArrayList<>(List.of(answers));
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public Optional<String> ask(String prompt) {
            prompts.add(prompt);
            return answers.isEmpty() ? Optional.empty() : Optional.of(answers.remove(0));
        }
    }

    @Test
    void withoutATerminalTheConfirmationIsRefusedAndTheReasonNamesYes() {
        // given
        TerminalConfirmer confirmer = new TerminalConfirmer(Prompter.NONE, PromptGuard.NONE);

        // when
        boolean confirmed = confirmer.confirm("drop", "Drop the users table?");

        // then
        assertThat(confirmed).isFalse();
        assertThat(confirmer.refusedWithoutTerminal()).hasValueSatisfying(
                reason -> assertThat(reason).contains("no terminal", "step 'drop'", "pass --yes"));
    }

    @Test
    void thePersonAtTheTerminalDecides() {
        // given
        ScriptedPrompter prompter = new ScriptedPrompter("y", " YES ", "n", "", "maybe");
        List<String> guard = new ArrayList<>();
        TerminalConfirmer confirmer = new TerminalConfirmer(prompter, new PromptGuard() {
            @Override
            public void beforePrompt() {
                guard.add("before");
            }

            @Override
            public void afterPrompt() {
                guard.add("after");
            }
        });

        // when
        List<Boolean> answers = List.of(confirmer.confirm("drop", "Drop it?"), confirmer.confirm("drop", "Drop it?"),
                confirmer.confirm("drop", "Drop it?"), confirmer.confirm("drop", "Drop it?"),
                confirmer.confirm("drop", "Drop it?"), confirmer.confirm("drop", "Drop it?"));

        // then
        assertThat(answers).containsExactly(true, true, false, false, false, false);
        assertThat(prompter.prompts.get(0)).isEqualTo("Proceed with step 'drop'? Drop it? [y/N] ");
        assertThat(guard).hasSize(12).startsWith("before", "after");
        assertThat(confirmer.refusedWithoutTerminal()).isEmpty();
    }

    @Test
    void yesAnswersEverythingWithoutAsking() {
        // when
        Confirmer confirmer = TerminalConfirmer.forOptions(true, Prompter.NONE, PromptGuard.NONE);

        // then
        assertThat(confirmer).isSameAs(Confirmer.ALWAYS);
    }

    @Test
    void aRunWhoseConfirmationWasRefusedWithoutATerminalTellsToPassYes() {
        // given
        CliHarness cli = new CliHarness();
        cli.engine.behaviour = options -> options.confirmer().confirm("drop", "Drop the users table?")
                ? report(RunStatus.SUCCEEDED) : report(RunStatus.INTERRUPTED);

        // when
        CliHarness.Result result = cli.run("run", "plan.yaml");

        // then
        assertThat(result.status()).isEqualTo(130);
        assertThat(result.err()).contains("stepwise: there was no terminal to confirm step 'drop': pass --yes");
    }

    @Test
    void anEngineErrorAfterARefusalCarriesTheHint() {
        // given
        CliHarness cli = new CliHarness();
        cli.engine.behaviour = options -> {
            options.confirmer().confirm("drop", "Drop the users table?");
            throw new StepwiseException(ErrorCode.INTERRUPTED, "step 'drop' was not confirmed; nothing was done",
                    "when ready: stepwise resume r1");
        };

        // when
        CliHarness.Result result = cli.run("run", "plan.yaml");

        // then
        assertThat(result.status()).isEqualTo(130);
        assertThat(result.err().lines()).containsExactly("stepwise: step 'drop' was not confirmed; nothing was done "
                + "(there was no terminal to confirm step 'drop': pass --yes to confirm in advance; "
                + "when ready: stepwise resume r1)");
    }

    @Test
    void withYesTheRunIsConfirmed() {
        // given
        CliHarness cli = new CliHarness();
        cli.engine.behaviour = options -> options.confirmer().confirm("drop", "Drop?")
                ? report(RunStatus.SUCCEEDED) : report(RunStatus.INTERRUPTED);

        // when
        CliHarness.Result result = cli.run("run", "plan.yaml", "--yes");

        // then
        assertThat(result.status()).isZero();
        assertThat(result.err()).isEmpty();
    }
}
