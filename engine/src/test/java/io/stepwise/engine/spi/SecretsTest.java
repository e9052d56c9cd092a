package io.stepwise.engine.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretsTest {
    @ParameterizedTest(name = "{0} looks secret: {1}")
    @CsvSource({
            "password, true", "PASSWORD, true", "--password, true", "MYSQL_PWD, true", "sink_password, true",
            "source_password, true", "AWS_SECRET_ACCESS_KEY, true", "secret-access-key, true", "secretAccessKey, true",
            "session-token, true", "x-amz-security-token, true", "api-key, true", "apiKey, true", "sk, true",
            "client_secret, true", "secret, true", "password--, true", "MYSQL_PWD=, true", "aws_s\u212A, true",
            "access-key, false", "user, false", "task, false", "disk, false", "host, false", "tokens, false",
            "passwordless, false", "'', false", "key, false", "other, false", "--, false"})
    void oneRuleForSecretLookingNames(String name, boolean expected) {
        assertThat(Secrets.looksSecret(name)).isEqualTo(expected);
    }
}
