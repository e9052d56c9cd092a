package io.stepwise.steps.tidb.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.testkit.StepHarness;
import io.stepwise.engine.testkit.TestStepContext;
import io.stepwise.steps.tidb.TidbTso;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TSOs, URIs with their secrets, TOML and storage listings as the TiDB steps use them. */
class SupportTest {
    @Test
    void givenATso_whenSplit_thenPhysicalIsShiftedBy18AndLogicalIsTheLowBits() {
        Tso tso = Tso.of(1645790279990L, 1);

        assertThat(tso.value()).isEqualTo(431434047157698561L);
        assertThat(tso.physicalMillis()).isEqualTo(1645790279990L);
        assertThat(tso.logical()).isEqualTo(1);
        assertThat(tso.describe("backup_ts")).containsEntry("backup_ts_time", "2022-02-25T11:57:59.990Z");
    }

    @Test
    void givenSomethingThatIsNotATso_whenParsed_thenTheFailureNamesIt() {
        assertThatThrownBy(() -> Tso.parse("start_ts", "<steps.backup.backup_ts>"))
                .isInstanceOf(StepFailedException.class).hasMessageContaining("start_ts must be a TSO");
        assertThat(Tso.looksLikeTso("2022-02-25 19:57:59")).isFalse();
    }

    @Test
    void givenASinkUriAndAPasswordWithReservedCharacters_whenCombined_thenThePasswordIsPercentEncoded() {
        assertThat(Uris.withPassword("mysql://root@127.0.0.1:4001/", "p@ss:w/rd x"))
                .isEqualTo("mysql://root:p%40ss%3Aw%2Frd%20x@127.0.0.1:4001/");
        assertThat(Uris.withPassword("mysql://root:old@127.0.0.1:4001/?safe-mode=true", "new"))
                .isEqualTo("mysql://root:new@127.0.0.1:4001/?safe-mode=true");
        assertThatThrownBy(() -> Uris.withPassword("mysql://127.0.0.1:4001/", "x"))
                .hasMessageContaining("has no user");
    }

    @Test
    void givenAStorageUri_whenASecretIsAdded_thenItReplacesAnyEarlierValueAtTheEnd() {
        assertThat(Uris.withQueryParam("s3://b/p?secret-access-key=old&access-key=a", "secret-access-key", "n+w"))
                .isEqualTo("s3://b/p?access-key=a&secret-access-key=n%2Bw");
        assertThat(Uris.withQueryParam("local:///tmp/x", "k", "v")).isEqualTo("local:///tmp/x?k=v");
        assertThat(Uris.stripQuery("s3://backup/dr-1?access-key=a")).isEqualTo("s3://backup/dr-1");
    }

    @Test
    void givenUrisWithCredentials_whenMarked_thenEveryRenderingMasksThem() {
        try (StepHarness harness = StepHarness.of(new TidbTso())) {
            TestStepContext context = harness.context(new TidbTso(), false);

            Uris.markSecrets("s3://b/p?access-key=minio&secret-access-key=mini%2Fstorage&session-token=FwoGZXIvYXdzEBYaD", context);
            Uris.markSecrets("mysql://root:s3cr%40t@127.0.0.1:4001/", context);

            assertThat(context.mask("s3://b/p?access-key=minio&secret-access-key=mini%2Fstorage&session-token=FwoGZXIvYXdzEBYaD"))
                    .isEqualTo("s3://b/p?access-key=minio&secret-access-key=****&session-token=****");
            assertThat(context.mask("decoded mini/storage and s3cr@t, raw s3cr%40t"))
                    .isEqualTo("decoded **** and ****, raw ****");
        }
    }

    @Test
    void givenNestedMapsAndAnArrayOfTables_whenWrittenAsToml_thenItParsesBackToTheSameDocument() {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> consistent = new LinkedHashMap<>();
        consistent.put("level", "eventual");
        consistent.put("memory-usage", Map.of("memory-quota-percentage", 50));
        doc.put("consistent", consistent);
        doc.put("enable-sync-point", true);
        doc.put("filter", Map.of("rules", List.of("test.*", "!test.skip")));
        doc.put("note", "a \"quoted\" 'path'\\ # not a comment\n");
        doc.put("sink", Map.of("dispatchers", List.of(
                Map.of("matcher", List.of("test.*"), "partition", "index-value"),
                Map.of("matcher", List.of("app.*"), "partition", "ts"))));

        String toml = Toml.write(doc);

        assertThat(Toml.read(toml)).isEqualTo(doc);
        assertThat(Toml.read(toml).get("sink")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.map(String.class, Object.class))
                .extractingByKey("dispatchers").asList().allSatisfy(d -> assertThat(d).isInstanceOf(Map.class));
    }

    @Test
    void givenTextThatIsNotToml_whenRead_thenTheErrorSaysSo() {
        assertThatThrownBy(() -> Toml.read("a = [unclosed")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not TOML");
    }

    @Test
    void givenS3Keys_whenReducedToAPrefixsChildren_thenSiblingPrefixesAndSubfoldersAreLeftOut() {
        assertThat(StorageListing.directChildren("dr-1", List.of("dr-1/backupmeta", "dr-1/sub/x", "dr-10/backupmeta",
                "dr-1/backup.lock"))).containsExactly("backup.lock", "backupmeta");
        assertThat(StorageListing.directChildren("", List.of("a.meta", "dir/b.log"))).containsExactly("a.meta");
        assertThat(StorageListing.under("dr-1", List.of("dr-1/a.meta", "dr-1/sub/b.meta", "dr-10/c.meta", "dr-1/d/")))
                .containsExactly("a.meta", "sub/b.meta");
    }

    @Test
    void givenToolOutput_whenSearchedForAnErrorCode_thenTheFirstOneIsFound() {
        assertThat(Tools.errorCode("Error: [CDC:ErrChangeFeedNotExists]changefeed not exists"))
                .contains("CDC:ErrChangeFeedNotExists");
        assertThat(Tools.errorCode("Error: [BR:Restore:ErrRestoreNotFreshCluster]the target cluster is not fresh"))
                .contains("BR:Restore:ErrRestoreNotFreshCluster");
        assertThat(Tools.errorCode("plain failure")).isEmpty();
    }
}
