package io.stepwise.engine.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Process checks for tests that kill things. */
public final class Processes {
    private Processes() {
    }

    /**
     * True while the process exists and is not a zombie: a killed grandchild stays a zombie until
     * its new parent reaps it, which some container inits do only every second or two.
     */
    public static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }
}
