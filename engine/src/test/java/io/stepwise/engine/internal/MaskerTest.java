package io.stepwise.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskerTest {
    private final Masker masker = new Masker();

    @Test
    void knownSecretsAndTheUsualShapesAreMasked() {
        masker.add("hunter2-pw");
        assertThat(masker.mask("login with hunter2-pw")).isEqualTo("login with ****");
        assertThat(masker.mask("s3://b/p?access-key=AK&secret-access-key=abc/def&endpoint=x"))
                .isEqualTo("s3://b/p?access-key=AK&secret-access-key=****&endpoint=x");
        assertThat(masker.mask("mysql://root:pa55@127.0.0.1:4000/")).isEqualTo("mysql://root:****@127.0.0.1:4000/");
        assertThat(masker.mask("CHANGE MASTER TO MASTER_PASSWORD='x''y', MASTER_PORT=1"))
                .isEqualTo("CHANGE MASTER TO MASTER_PASSWORD='****', MASTER_PORT=1");
        assertThat(masker.mask("{\"password\": \"p\\\"w\"}")).isEqualTo("{\"password\": \"****\"}");
        assertThat(masker.mask("token=<steps.a.token>")).isEqualTo("token=<steps.a.token>");
    }

    @Test
    void keyValueSecretsAreMaskedByKeyInAnyCaseUpToTheirEnd() {
        // a key is secret by its last word (Secrets.looksSecret): aws_sk is, mask (ending in "sk") is not
        assertThat(masker.mask("a=1 PASSWORD=x=y;b API_KEY=k&c pwd= mask=m aws_sk=s token=\u00absecret:inputs.t\u00bb"))
                .isEqualTo("a=1 PASSWORD=****;b API_KEY=****&c pwd= mask=m aws_sk=**** token=****");
        assertThat(masker.mask("key=value other=42\npassword=" + "a".repeat(100_000) + " done"))
                .isEqualTo("key=value other=42\npassword=**** done");
    }

    @Test
    void aLongRunOfLettersWithoutAUriIsLeftAsItIs() {
        String letters = "b".repeat(1_000_000) + ": mysql://root:pw@h";

        assertThat(masker.mask(letters)).isEqualTo("b".repeat(1_000_000) + ": mysql://root:****@h");
    }

    @Test
    void theJournalKeepsAReferenceToAnInputSecretAndNothingElseInClear() {
        masker.add("k3y-value", "inputs.key");
        masker.add("derived-secret");
        Object kept = masker.forJournal("uri?secret-access-key=k3y-value&x=1 and password=plain");
        assertThat(kept).isEqualTo("uri?secret-access-key=\u00absecret:inputs.key\u00bb&x=1 and password=****");
        assertThat(masker.forJournal("the key is k3y-value")).isEqualTo("the key is \u00absecret:inputs.key\u00bb");
        assertThat(Masker.fromJournal("the key is \u00absecret:inputs.key\u00bb", s -> s.equals("inputs.key") ? "k3y-value" : null))
                .isEqualTo("the key is k3y-value");
        assertThat(masker.forJournal("x derived-secret")).isSameAs(Masker.UNRECOVERABLE);
        assertThat(masker.forJournal(Map.of("a", List.of("derived-secret", 1L)))).isEqualTo(Map.of("a", List.of("****", 1L)));
        assertThat(masker.mask("the key is \u00absecret:inputs.key\u00bb")).isEqualTo("the key is ****");
    }
}
