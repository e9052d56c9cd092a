package io.stepwise.cli.it;

import io.stepwise.engine.Stepwise;
import org.junit.jupiter.api.Test;

/** schemas/plan.schema.json stays in step with the registered step types. */
class PlanSchemaTest {
    @Test
    void theCommittedSchemaMatchesTheRegisteredStepTypes() {
        String generated = Stepwise.engine().planSchema();
        Goldens.assertMatches(StepwiseProcess.REPO.resolve("schemas/plan.schema.json"), generated);
    }
}
