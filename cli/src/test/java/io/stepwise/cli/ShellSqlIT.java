package io.stepwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.steps.testing.MariaDbServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code sql CONNECTION QUERY} in the shell against a real MariaDB: rows as a table, the password masked. */
class ShellSqlIT {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();

    @TempDir
    Path dir;

    @Test
    void anAdHocQueryOnAPlanConnectionIsShownAsATable() throws Exception {
        // given a plan that creates a table, stepped past that step
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, """
                name: querying
                inputs:
                  password: {type: string, secret: true}
                connections:
                  db: {type: mysql, host: 127.0.0.1, port: %d, user: %s, password: "${inputs.password}", database: %s}
                steps:
                  - id: seed
                    type: sql
                    with:
                      connection: db
                      statements:
                        - CREATE TABLE shell_notes (id INT PRIMARY KEY, body TEXT, secret_copy TEXT)
                        - INSERT INTO shell_notes VALUES (1, 'first note', NULL), (2, 'it''s second', '%s')
                  - id: after
                    type: log
                    with: {message: done}
                """.formatted(DB.port(), MariaDbServer.USER, MariaDbServer.DATABASE, MariaDbServer.PASSWORD));
        String script = """
                next
                sql db SELECT id, body, secret_copy FROM shell_notes ORDER BY id
                sql db SELECT COUNT(*) AS n FROM shell_notes WHERE body = 'it''s second'
                sql db SELECT * FROM no_such_table
                quit
                """;

        // when
        ShellHarness.Result result = new ShellHarness().run(script, plan.toString(), "--state-dir",
                dir.resolve("state").toString(), "--set", "password=" + MariaDbServer.PASSWORD);

        // then
        assertThat(result.out()).containsPattern("id\\s+body\\s+secret_copy\\n1\\s+first note\\s+NULL\\n2\\s+it's second\\s+\\*\\*\\*\\*\\n")
                .contains("(2 rows)")
                .containsPattern("n\\n1\\n\\(1 row\\)")
                .contains("error: ").contains("no_such_table")
                .doesNotContain(MariaDbServer.PASSWORD);
        assertThat(result.status()).as(result.out()).isEqualTo(ExitStatus.FAILED);
    }
}
