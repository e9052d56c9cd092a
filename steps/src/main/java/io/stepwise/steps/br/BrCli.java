package io.stepwise.steps.br;

import io.stepwise.engine.spi.action.ExecAction;
import io.stepwise.steps.tidb.support.Tools;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code br} command line (tidb-tooling.md 4.3): {@code br backup|restore full|db|table} with
 * its flags, and the success summary it prints, {@code ["Full Backup success summary"] ... [BackupTS=..]}.
 */
final class BrCli {
    /** {@code "DataBase Restore"} is BR's own spelling (const DBRestoreCmd), so the kind is matched ignoring case. */
    private static final Pattern SUMMARY =
            Pattern.compile("\\[\"(Full|Database|Table) (Backup|Restore) success summary\"\\]", Pattern.CASE_INSENSITIVE);
    private static final Pattern FIELD = Pattern.compile("\\[([A-Za-z-]+)=([^\\]]*)\\]");

    private BrCli() {
    }

    /**
     * The subcommand and target flags: one database is {@code db --db}, one table is
     * {@code table --db --table}; several become {@code full} with one {@code --filter} each.
     */
    static List<String> target(BrOptions options) {
        List<String> args = new ArrayList<>();
        if (options.tables().size() == 1) {
            String table = options.tables().get(0);
            int dot = table.indexOf('.');
            args.add("table");
            args.add(Tools.flag("db", table.substring(0, dot)));
            args.add(Tools.flag("table", table.substring(dot + 1)));
        } else if (options.databases().size() == 1) {
            args.add("db");
            args.add(Tools.flag("db", options.databases().get(0)));
        } else {
            args.add("full");
            options.tables().forEach(t -> args.add(Tools.flag("filter", t)));
            options.databases().forEach(d -> args.add(Tools.flag("filter", d + ".*")));
        }
        return args;
    }

    /** {@code br <direction> <target> --pd= --storage= <common flags>}, then the direction's own flags. */
    static List<String> args(String direction, BrOptions options, List<String> own) {
        List<String> args = new ArrayList<>();
        args.add(direction);
        args.addAll(target(options));
        args.add(Tools.flag("pd", options.pd().orElseThrow()));
        args.add(Tools.flag("storage", options.storage()));
        options.rateLimit().ifPresent(v -> args.add(Tools.flag("ratelimit", v)));
        options.concurrency().ifPresent(v -> args.add(Tools.flag("concurrency", v)));
        options.checksum().ifPresent(v -> args.add(Tools.flag("checksum", v)));
        options.checksumConcurrency().ifPresent(v -> args.add(Tools.flag("checksum-concurrency", v)));
        options.sendCredentialsToTikv().ifPresent(v -> args.add(Tools.flag("send-credentials-to-tikv", v)));
        args.addAll(own);
        args.addAll(options.extraArgs());
        return args;
    }

    static ExecAction exec(BrOptions options, List<String> args) {
        return ExecAction.of(Tools.argv(options.command(), args));
    }

    /** {@code br validate decode --field=end-version -s <uri>}: its last stdout line is the BackupTS. */
    static ExecAction decodeEndVersion(BrOptions options) {
        return ExecAction.of(Tools.argv(options.command(),
                List.of("validate", "decode", "--field=end-version", Tools.flag("storage", options.storage()))));
    }

    /** The fields of the success summary line ({@code BackupTS}, {@code Size}, {@code total-take}, ...). */
    static Optional<Map<String, String>> summary(String output) {
        for (String line : output.split("\n")) {
            Matcher m = SUMMARY.matcher(line);
            if (m.find()) {
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("summary", m.group(1) + " " + m.group(2));
                Matcher f = FIELD.matcher(line.substring(m.end()));
                while (f.find()) {
                    fields.put(f.group(1), f.group(2));
                }
                return Optional.of(fields);
            }
        }
        return Optional.empty();
    }

    /** The last non-empty line, as BR's docs read the decoded end-version. */
    static Optional<String> lastLine(String stdout) {
        String[] lines = stdout.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return Optional.of(lines[i].trim());
            }
        }
        return Optional.empty();
    }
}
