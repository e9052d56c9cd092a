package io.stepwise.steps.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StorageUriTest {
    private static final String TIDB_STYLE = "s3://backup/cluster-1/full?access-key=minioadmin&secret-access-key=mini%2Fsecret"
            + "&session-token=tok&endpoint=http://127.0.0.1:6060&force-path-style=true&region=us-west-2";

    @Test
    void givenATidbStyleUri_whenParsed_thenEveryPartIsRead() {
        StorageUri uri = StorageUri.parse(TIDB_STYLE);

        assertThat(uri.isS3()).isTrue();
        assertThat(uri.bucket()).isEqualTo("backup");
        assertThat(uri.key()).isEqualTo("cluster-1/full");
        assertThat(uri.accessKey()).contains("minioadmin");
        assertThat(uri.secretAccessKey()).contains("mini/secret");
        assertThat(uri.sessionToken()).contains("tok");
        assertThat(uri.endpoint()).contains("http://127.0.0.1:6060");
        assertThat(uri.region()).contains("us-west-2");
        assertThat(uri.forcePathStyle()).isTrue();
        assertThat(uri.secrets()).containsExactlyInAnyOrder("mini/secret", "tok");
    }

    @Test
    void givenSecrets_whenRendered_thenOnlyTheSecretKeyAndTokenAreMaskedAndUnmaskedRoundTrips() {
        StorageUri uri = StorageUri.parse(TIDB_STYLE);

        assertThat(uri.toString()).isEqualTo("s3://backup/cluster-1/full?access-key=minioadmin&secret-access-key=****"
                + "&session-token=****&endpoint=http://127.0.0.1:6060&force-path-style=true&region=us-west-2");
        assertThat(uri.unmasked()).isEqualTo(TIDB_STYLE.replace("%2F", "/"));
        assertThat(StorageUri.parse(uri.unmasked())).isEqualTo(uri);
        assertThat(uri.location()).isEqualTo("s3://backup/cluster-1/full");
    }

    @Test
    void givenUnderscoreSpellings_whenParsed_thenTheyMeanTheSameOptions() {
        StorageUri uri = StorageUri.parse("s3://b/p?access_key=a&secret_access_key=s&force_path_style=false");

        assertThat(uri.accessKey()).contains("a");
        assertThat(uri.secretAccessKey()).contains("s");
        assertThat(uri.forcePathStyle()).isFalse();
        assertThat(StorageUri.mask("s3://b/p?access_key=a&secret_access_key=s")).isEqualTo("s3://b/p?access_key=a&secret_access_key=****");
    }

    @Test
    void givenLocalForms_whenParsed_thenEachIsALocalPath() {
        assertThat(StorageUri.parse("local:///var/backup/dump.sql").path()).isEqualTo(Path.of("/var/backup/dump.sql"));
        assertThat(StorageUri.parse("file:///var/backup/").isPrefix()).isTrue();
        assertThat(StorageUri.parse("relative/dump.sql").path()).isEqualTo(Path.of("relative/dump.sql"));
        assertThat(StorageUri.parse("/abs/dump.sql").toString()).isEqualTo("/abs/dump.sql");
    }

    @Test
    void givenAPrefix_whenAnObjectIsResolved_thenTheOptionsAreKept() {
        StorageUri prefix = StorageUri.parse("s3://backup/daily/?access-key=a&secret-access-key=s");

        assertThat(prefix.object("dump.sql").unmasked()).isEqualTo("s3://backup/daily/dump.sql?access-key=a&secret-access-key=s");
        assertThat(StorageUri.parse("s3://backup").object("x.sql").key()).isEqualTo("x.sql");
        assertThat(StorageUri.parse("s3://backup/one.sql").object("x.sql").key()).isEqualTo("one.sql");
    }

    @Test
    void givenOptionsKnownOnlyAtRunTime_whenRenderedInADryRun_thenTheyShowAsWritten() {
        StorageUri uri = StorageUri.parse("s3://backup/qs/?<steps.minio.uri_options>");

        assertThat(uri.toString()).isEqualTo("s3://backup/qs/?<steps.minio.uri_options>");
    }

    @Test
    void givenBadUris_whenParsed_thenTheMessageSaysWhatIsWrongWithoutTheSecret() {
        assertThatThrownBy(() -> StorageUri.parse("s3:///prefix?secret-access-key=hidden"))
                .hasMessageContaining("has no bucket").hasMessageNotContaining("hidden");
        assertThatThrownBy(() -> StorageUri.parse("gcs://bucket/x?secret-access-key=hidden"))
                .hasMessageContaining("unsupported storage scheme 'gcs'").hasMessageNotContaining("hidden");
        assertThatThrownBy(() -> StorageUri.parse("  ")).hasMessageContaining("empty");
    }
}
