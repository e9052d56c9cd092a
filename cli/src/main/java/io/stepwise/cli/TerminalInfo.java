package io.stepwise.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * What standard output is attached to, which decides how a run is rendered: a live status line with
 * colours on an interactive terminal, plain lines everywhere else (pipes, files, CI, dumb terminals).
 */
public final class TerminalInfo {
    private static final int DEFAULT_WIDTH = 100;

    private final boolean interactive;
    private final boolean colors;
    private final boolean unicode;
    private final IntSupplier widthProbe;
    private int width;

    public TerminalInfo(boolean interactive, boolean colors, boolean unicode, IntSupplier widthProbe) {
        this.interactive = interactive;
        this.colors = colors;
        this.unicode = unicode;
        this.widthProbe = widthProbe;
    }

    /** Plain lines, no colours, Unicode symbols: what tests and pipes get. */
    public static TerminalInfo plain() {
        return new TerminalInfo(false, false, true, () -> DEFAULT_WIDTH);
    }

    /**
     * Interactive when a console is attached, {@code CI} is not set and {@code TERM} is not {@code dumb};
     * colours unless {@code NO_COLOR} is set; Unicode symbols when the output charset is UTF-8.
     */
    public static TerminalInfo detect(Map<String, String> env, boolean consoleAttached, Charset charset) {
        boolean interactive = consoleAttached && !isCi(env) && !"dumb".equals(env.get("TERM"));
        boolean colors = interactive && !env.containsKey("NO_COLOR");
        boolean unicode = StandardCharsets.UTF_8.equals(charset);
        return new TerminalInfo(interactive, colors, unicode, () -> probeWidth(env));
    }

    static boolean isCi(Map<String, String> env) {
        String ci = env.get("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
    }

    public boolean interactive() {
        return interactive;
    }

    public boolean colors() {
        return colors;
    }

    public boolean unicode() {
        return unicode;
    }

    /** Columns of the terminal, probed once on first use (only live rendering needs it). */
    public synchronized int width() {
        if (width == 0) {
            int probed = widthProbe.getAsInt();
            width = probed >= 20 ? probed : DEFAULT_WIDTH;
        }
        return width;
    }

    private static int probeWidth(Map<String, String> env) {
        try {
            return Integer.parseInt(env.getOrDefault("COLUMNS", "").trim());
        } catch (NumberFormatException e) {
            return sttyColumns();
        }
    }

    private static int sttyColumns() {
        File tty = new File("/dev/tty");
        if (!tty.exists()) {
            return DEFAULT_WIDTH;
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String answer = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!stty.waitFor(2, TimeUnit.SECONDS) || stty.exitValue() != 0) {
                return DEFAULT_WIDTH;
            }
            String[] rowsAndColumns = answer.split("\\s+");
            return rowsAndColumns.length == 2 ? Integer.parseInt(rowsAndColumns[1]) : DEFAULT_WIDTH;
        } catch (IOException | NumberFormatException e) {
            return DEFAULT_WIDTH;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_WIDTH;
        }
    }
}
